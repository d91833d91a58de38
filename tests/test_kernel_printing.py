"""Each operator prints its own kernel call (SymPy's ``_numpycode`` hook, next to its
``entrywise``, ``text`` and ``_latex``); FusedKernelPrinter prints the compositions that fuse."""

import numpy as np
import pytest
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from symbp.core import ops
from symbp.core.op_base import TensorOp
from symbp.core.tensor import A, DELTA, W
from symbp.kernels import FusedKernelPrinter, KernelPrinter
from symbp.kernels.kernel_printers import _NUMPY_NAMES, _namespace, backends
from symbp.layers import pooling


def _operators():
    seen, todo = [], list(TensorOp.__subclasses__())
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return seen


def test_every_printed_primitive_exists_in_every_backend():
    named = [cls for cls in _operators() if cls.numpy_name is not None]
    # the ones kernels print: core operators and pooling's
    assert {ops.Pad, ops.Correlate, ops.WeightCorrelate, ops.Crop, pooling.MaxPool,
            pooling.UpsampleMax, pooling.UpsampleAvg, pooling.AvgPool} <= set(named)
    for backend in backends():
        namespace = _namespace(backend)
        for cls in named:
            assert cls.numpy_name in _NUMPY_NAMES + ("hadamard",), cls
            assert callable(namespace[cls.numpy_name]), (backend, cls)


def test_the_operator_hook_prints_the_call_and_runs():
    form = ops.Crop(ops.Pad(ops.Rot180(DELTA), 1, 0, 0, 2), 2, 3)
    code = NumPyPrinter().doprint(form)
    assert code == "crop(pad(rot180(delta), 1, 0, 0, 2), 2, 3)"
    x = np.arange(6.0).reshape(1, 1, 2, 3)
    fn = sp.lambdify([DELTA], form, modules=[_namespace("numpy")], printer=KernelPrinter)
    want = np.zeros((1, 1, 2, 3))
    for i in range(2):
        for j in range(3):
            src_i = i - 1                       # one zero row on top
            if 0 <= src_i < 2:
                want[0, 0, i, j] = x[0, 0, 1 - src_i, 2 - j]
    assert np.array_equal(fn(x), want)   # against a plain loop


def test_the_fused_printer_reaches_compositions_and_falls_back():
    weight = ops.Crop(ops.WeightCorrelate(ops.Pad(A, 1, 1, 1, 1), ops.Dilate(DELTA, 2, 2), 1, 1, 1),
                      2, 2)
    assert FusedKernelPrinter().doprint(weight) == \
        "weight_correlate(a, delta, (2, 2), (1, 1), 1, stride=(2, 2), padding=(1, 1, 1, 1))"
    assert KernelPrinter().doprint(weight) == \
        "crop(weight_correlate(pad(a, 1, 1, 1, 1), dilate(delta, 2, 2), None, (1, 1), 1), 2, 2)"
    plain = ops.Crop(ops.Rot180(W), 1, 1)          # no fusion: the operator's own call
    assert FusedKernelPrinter().doprint(plain) == "crop(rot180(W), 1, 1)"


def test_an_operator_without_a_kernel_says_so():
    with pytest.raises(NotImplementedError, match="Sigma has no kernel primitive"):
        KernelPrinter().doprint(ops.Sigma(DELTA))
