"""symbp's direct (no im2col) convolution loops in C, when they are built.

``symbp/kernels/_native/direct.c`` (written by ``symbp/kernels/_native/gen_direct.py``) is
compiled at install time as the optional extension ``symbp.kernels._direct``; where no
C compiler is found the install goes on without it and :mod:`symbp.kernels.numeric`
keeps its numpy im2col + GEMM paths.  The loops are called through ctypes,
which releases the GIL for each call, and split a batch over OpenMP threads
(as many as numpy's BLAS threads, :func:`symbp.kernels.blas.workers`).  OpenMP threads
spin a little while between calls, as PyTorch's do; Python pool threads sleep at
once, and on the 2-vCPU VM waking one cost more than a small convolution.

They serve stride-1 correlations (forward, and the input gradient, which is a
stride-1 correlation of the padded δ) and the stride-1 weight gradient, for
float32 and float64.  The weight loop also takes a stride (reading the padded
image as column-phase planes), tested against torch, but :mod:`symbp.kernels.numeric`
does not route strided calls to it: it measured slower than numpy's path there.
On the 16-64-channel layers of small CNNs they beat im2col: no im2col matrix is
written and read back, and the register tiles reach more of the core than
OpenBLAS does on 16-row GEMMs (docs/benchmarks.md).
:func:`symbp.kernels.numeric.correlate` picks them per call
(:data:`symbp.kernels.numeric.DIRECT_MAX_MACS`); ``SYMBP_NATIVE=0`` or
``set_enabled(False)`` turns them off.

This module must not import torch.
"""

from __future__ import annotations

import ctypes
import os
import warnings

import numpy as np

__all__ = ["available", "enabled", "set_enabled", "correlate_images", "weight_images"]

_P, _I = ctypes.c_void_p, ctypes.c_int
_SUFFIX = {np.dtype(np.float32): "f32", np.dtype(np.float64): "f64"}


def _load():
    """``({(name, dtype): function}, (vector level, built with OpenMP))`` of the
    compiled loops, or ``(None, None)`` when the extension was not built (or
    cannot be loaded, or the CPU lacks AVX2)."""
    try:
        from . import _direct
    except ImportError:
        return None, None
    try:
        lib = ctypes.CDLL(_direct.__file__)
    except OSError:  # pragma: no cover - built but not loadable
        return None, None
    level, openmp = lib.symbp_vector_level, lib.symbp_openmp
    level.argtypes, level.restype = [], _I
    openmp.argtypes, openmp.restype = [], _I
    if level() < 1:          # x86-64 without AVX2: numpy's paths are faster
        return None, None
    return bind(lib), (level(), bool(openmp()))


def bind(lib: ctypes.CDLL) -> dict:
    """``{(name, dtype): function}`` of a loaded build of direct.c, with its
    argument types set (tests/sanitized_sweep.py binds a sanitizer build so)."""
    table = {}
    for dtype, suffix in _SUFFIX.items():
        for name, extra in (("correlate", 0), ("weight", 4)):
            fn = getattr(lib, f"symbp_{name}_{suffix}")
            fn.argtypes = [_P, _P, _P] + [_I] * (15 + extra)
            fn.restype = _I
            table[name, dtype] = fn
    return table


_table, _build = _load()


def _env_enabled() -> bool:
    text = os.environ.get("SYMBP_NATIVE", "").strip()
    if text in ("", "1"):
        return True
    if text == "0":
        return False
    warnings.warn(f"SYMBP_NATIVE={text!r} is not 0 or 1; ignored", stacklevel=2)
    return True


_on = [_env_enabled()]
#: GNU OpenMP's thread pool does not survive fork(): a child that asked the
#: parent's pool for threads would wait forever, so a forked child runs the C
#: loops on its own thread only (PyTorch does the same with its OpenMP pool)
_forked = [False]


def _after_fork_in_child() -> None:
    _forked[0] = True


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def describe() -> str:
    """One line on the C loops here, for benchmark reports."""
    if _table is None:
        return "direct C loops: not built or not usable here (numpy im2col paths only)"
    level, openmp = _build
    isa = {2: "AVX-512F", 1: "AVX2 or non-x86 vectors"}[level]
    threads = "OpenMP" if openmp else "one thread (built without OpenMP)"
    state = "on" if _on[0] else "off (SYMBP_NATIVE=0 or set_enabled(False))"
    return f"direct C loops: {isa}, {threads}, {state}"


def available() -> bool:
    """Whether the C loops were built and loaded."""
    return _table is not None


def enabled(dtype=None) -> bool:
    """Whether :mod:`symbp.kernels.numeric` may use the C loops (for ``dtype``: float32
    and float64 only)."""
    if _table is None or not _on[0]:
        return False
    return dtype is None or np.dtype(dtype) in _SUFFIX


def set_enabled(on: bool) -> None:
    """Allow (the default where built) or forbid the C loops."""
    if not isinstance(on, bool):
        raise ValueError(f"set_enabled takes True or False, got {on!r}")
    _on[0] = on


def _call(name: str, dtype, arrays, ints) -> None:
    n, threads, *rest = ints
    if _forked[0]:
        threads = 1
    if _table[name, dtype](*(a.ctypes.data for a in arrays), n, max(1, threads), *rest) != 0:
        raise MemoryError(f"symbp's C {name} loop could not allocate its padded image buffer")


def correlate_images(x: np.ndarray, w: np.ndarray, out: np.ndarray, groups: int, dilation,
                     padding, threads: int = 1) -> None:
    """``out[...] = correlate(pad(x, *padding), w, 1, dilation, groups)``, the batch
    split over ``threads`` OpenMP threads.

    x (N, C, H, W), w (O, C/G, kh, kw), out (N, O, Ho, Wo): C-contiguous, one
    dtype (float32 or float64), shapes already checked by the caller."""
    N, C, H, W = x.shape
    O, _, kh, kw = w.shape
    _call("correlate", x.dtype, (x, w, out),
          (N, threads, C, H, W, O, groups, kh, kw, *dilation, *padding))


def weight_images(x: np.ndarray, g: np.ndarray, kernel, groups: int, dilation, padding,
                  threads: int = 1, stride=(1, 1)) -> np.ndarray:
    """The weight gradient, (O, C/G, kh, kw) with ``[o, c, p, q] =
    Σ_n Σ_{y,x} pad(x)[n, grp·C/G + c, y·sh + p·dh, x·sw + q·dw] · g[n, o, y, x]``,
    the batch split over ``threads`` OpenMP threads (partial sums added in thread order).

    x (N, C, H, W), g (N, O, Hg, Wg) (δ itself, not stride-dilated): C-contiguous,
    one dtype; shapes checked by the caller."""
    N, C, H, W = x.shape
    _, O, Hg, Wg = g.shape
    kh, kw = kernel
    out = np.zeros((O, C // groups, kh, kw), x.dtype)
    _call("weight", x.dtype, (x, g, out),
          (N, threads, C, H, W, O, groups, kh, kw, *dilation, *padding, Hg, Wg, *stride))
    return out
