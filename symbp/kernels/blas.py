"""numpy's OpenBLAS thread count, and splitting a batch over that many Python threads.

The convolution primitives of :mod:`symbp.kernels.numeric` are an im2col copy (one
core, memory-bound) followed by a GEMM (OpenBLAS, all its threads).  On the
16-64-channel shapes of CNN layers the copy is a third of the time and
OpenBLAS gains little from a second thread, so with ``T > 1`` BLAS threads a
batch runs faster as ``T`` Python threads, each doing copy + GEMM on its own
range of images with OpenBLAS at one thread (numpy releases the GIL in both).

While such a split runs, OpenBLAS's thread count is set to 1 for the whole
process (OpenBLAS built with pthreads has no per-thread setting; its
``openblas_set_num_threads_local`` changes the global one too) and restored
when the last concurrent split ends.  :func:`set_workers` (or the environment
variable ``SYMBP_WORKERS``) caps or disables the split.

This module must not import torch.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np

__all__ = ["blas_threads", "set_workers", "workers"]

_GET_NAMES = ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
              "openblas_get_num_threads")
_SET_NAMES = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
              "openblas_set_num_threads")

_functions: dict = {}


def _openblas(names: tuple[str, ...]):
    """The first of ``names`` exported by the OpenBLAS that numpy bundles, or None."""
    if names not in _functions:
        fn = None
        libdir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(np.__file__))),
                              "numpy.libs")
        for lib in sorted(glob.glob(os.path.join(libdir, "*openblas*.so*"))):
            try:
                handle = ctypes.CDLL(lib)
            except OSError:  # pragma: no cover - not loadable
                continue
            for name in names:
                fn = getattr(handle, name, None)
                if fn is not None:
                    break
            if fn is not None:
                break
        _functions[names] = fn
    return _functions[names]


def blas_threads() -> int:
    """numpy's OpenBLAS thread count now (1 when it cannot be read)."""
    fn = _openblas(_GET_NAMES)
    if fn is None:
        return 1
    try:
        return max(1, int(fn()))
    except Exception:  # pragma: no cover
        return 1


def _env_workers() -> int | None:
    """``SYMBP_WORKERS`` as a positive int; unset is None, anything else is ignored
    with a warning that names it."""
    text = os.environ.get("SYMBP_WORKERS", "").strip()
    if not text:
        return None
    if text.isdigit() and int(text) >= 1:
        return int(text)
    warnings.warn(f"SYMBP_WORKERS={text!r} is not a positive int; ignored", stacklevel=2)
    return None


_limit: list = [_env_workers()]


def set_workers(n: int | None) -> None:
    """Cap the Python threads a convolution primitive splits its batch over:
    ``None`` (the default) uses numpy's BLAS thread count, ``1`` never splits."""
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 1):
        raise ValueError(f"workers must be a positive int or None, got {n!r}")
    _limit[0] = n


#: below this many multiply-adds a split costs more than it saves: on the 2-vCPU
#: development VM a pool thread woken after an idle spell took ~1 ms to run, which
#: made batch 8, 16->16, 32x32 (19 M multiply-adds) slower split than not
MIN_SPLIT_MACS = 1 << 25

_state_lock = threading.Lock()
_active = [0, 0]          # [concurrent splits, OpenBLAS threads to restore]
_pools: dict = {}


def workers(images: int, macs: float, min_macs: float = MIN_SPLIT_MACS) -> int:
    """How many threads to split ``images`` images (``macs`` multiply-adds in all)
    over: numpy's BLAS threads (or the :func:`set_workers` cap), at most one per
    image, 1 below ``min_macs`` or when OpenBLAS's thread count cannot be set."""
    if _active[0]:                   # already inside a split: OpenBLAS is at 1
        return 1
    n = blas_threads()
    if _limit[0] is not None:
        n = min(n, _limit[0])
    n = min(n, images)
    if n < 2 or macs < min_macs or _openblas(_SET_NAMES) is None:
        return 1
    return n


def _after_fork_in_child() -> None:
    """A forked child has none of the parent's pool threads (a pool carried over
    would queue jobs that never run) and no split in flight."""
    global _state_lock
    _pools.clear()
    _state_lock = threading.Lock()
    if _active[0]:                  # forked while a split ran in another thread
        _set_blas_threads(_active[1])
    _active[:] = [0, 0]


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _pool(n: int) -> ThreadPoolExecutor:
    pool = _pools.get(n)
    if pool is None:
        pool = _pools[n] = ThreadPoolExecutor(n - 1, thread_name_prefix="symbp")
    return pool


def _set_blas_threads(n: int) -> None:
    fn = _openblas(_SET_NAMES)
    if fn is not None:
        fn(n)


def _enter() -> None:
    with _state_lock:
        if _active[0] == 0:
            _active[1] = blas_threads()
            _set_blas_threads(1)
        _active[0] += 1


def _leave() -> None:
    with _state_lock:
        _active[0] -= 1
        if _active[0] == 0:
            _set_blas_threads(_active[1])


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """``[0, n)`` cut into ``parts`` contiguous ranges, sizes differing by at most 1."""
    step, extra = divmod(n, parts)
    out, start = [], 0
    for k in range(parts):
        stop = start + step + (k < extra)
        out.append((start, stop))
        start = stop
    return out


def split(job, images: int, parts: int) -> list:
    """Run ``job(n0, n1)`` for ``parts`` contiguous image ranges of ``[0, images)``,
    concurrently with OpenBLAS at one thread; the results in range order.
    ``parts == 1`` calls ``job(0, images)`` directly.  The workers run under the
    caller's ``np.errstate``."""
    if parts <= 1:
        return [job(0, images)]
    chunks = ranges(images, parts)
    errors = np.geterr()            # np.errstate is per thread: carry the caller's

    def run(n0: int, n1: int):
        with np.errstate(**errors):
            return job(n0, n1)

    _enter()
    futures = []
    try:
        futures = [_pool(parts).submit(run, n0, n1) for n0, n1 in chunks[1:]]
        first = job(*chunks[0])                 # the calling thread takes one range
        return [first] + [f.result() for f in futures]
    finally:
        for f in futures:                       # never restore threads under a running job
            f.exception()
        _leave()
