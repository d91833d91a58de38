"""A backward written as a ``torch.autograd.Function``: checked at integer points.

Torch tensors cannot hold traced scalars, so such a backward is not proved.  It is run
in float64 at the same small-integer points the proofs use (every argmax, tie and kink
pattern of :mod:`.patterns`), and each gradient entry is compared with the proved true
gradient evaluated exactly at that point: equal when the float64 value is the exact
value (integers and dyadic fractions are exact) or within 1e-9 relative for irrational
values.  Results are labelled ``"method": "float64 at integer points (not a proof)"``.

The Function is called in CS231n's conventions: ``Fn.apply(x, w, b, conv_param)`` returns
``out`` (softmax-loss: ``Fn.apply(x, y)`` returns the loss).

Example::

    >>> check_function(MyRelu, "relu")[0]["verdict"]                    # doctest: +SKIP
    'correct'
"""
from __future__ import annotations

import sys

import numpy as np
import sympy as sp

from .exact import shown, value_at
from .judge import counterexample, truth
from .layers import Case, default_cases
from .patterns import patterns
from .trace import point_of, where

METHOD = "float64 at integer points (not a proof)"


def is_autograd_function(obj) -> bool:
    """Whether ``obj`` is a torch.autograd.Function subclass (torch imported already)."""
    torch = sys.modules.get("torch")
    return bool(torch and isinstance(obj, type) and issubclass(obj, torch.autograd.Function))


def _close(exact: sp.Expr, got: float) -> bool:
    want = float(exact)
    if exact.is_Rational and float(sp.Rational(want)) == want and sp.Rational(want) == exact:
        return got == want
    return abs(got - want) <= 1e-9 * max(1.0, abs(want))


def _run(fn, case: Case, shadows: dict):
    import torch
    tensors = [torch.tensor(np.asarray(shadows[n], dtype=np.float64), requires_grad=True)
               for n in case.arrays]
    if case.layer == "softmax-loss":
        out = fn.apply(*tensors, torch.tensor(case.labels))
        grads = torch.autograd.grad(out, tensors)
    else:
        params = [{k: (float(case.constants[v]) if isinstance(v, sp.Basic) else v)
                   for k, v in d.items()} for d in case.params()]
        out = fn.apply(*tensors, *params)
        grads = torch.autograd.grad(out, tensors,
                                    torch.tensor(np.asarray(shadows["dout"], dtype=np.float64)))
    return out.detach().numpy().reshape(-1), [g.detach().numpy() for g in grads]


def _config(fn, case: Case) -> dict:
    sizes = {k: list(v) if isinstance(v, tuple) else v for k, v in case.sizes.items()}
    result = {"sizes": sizes, "verdict": "correct", "points": 0, "method": METHOD}
    for label, shadows in patterns(case):
        try:
            out, grads = _run(fn, case, shadows)
        except (AssertionError, ValueError) as err:
            return {**result, "verdict": "unsupported", "reason": where(err)}
        except Exception as err:  # the user's Function may raise anything
            return {**result, "verdict": "error", "reason": where(err), "region": label}
        _, expected = truth(case, shadows)
        point = point_of(case, shadows)
        for name, want, got in zip(case.grads, expected, grads):
            if got.shape != want.shape:
                return {**result, "verdict": "wrong", "region": label, "gradient": "d" + name,
                        "reason": f"shape {got.shape}, expected {want.shape}"}
            for index, e in np.ndenumerate(want):
                exact = value_at(e, point)
                if not _close(exact, float(got[index])):
                    names = list(case.arrays) + ["dout"]
                    return {**result, "verdict": "wrong", "region": label,
                            "gradient": "d" + name, "entry": list(index),
                            "expected": str(e), "expected_value": shown(exact),
                            "got_value": repr(float(got[index])),
                            "counterexample": counterexample(case, shadows, point, names)}
        result["points"] += 1
    return result


def check_function(fn, layer: str, cases: list[Case] | None = None) -> list[dict]:
    """[backward result] for a torch.autograd.Function against ``layer``'s gradient."""
    configs = [_config(fn, case) for case in (cases or default_cases(layer, True))]
    order = ("wrong", "error", "unsupported", "correct")
    verdicts = [c["verdict"] for c in configs if c["verdict"] != "unsupported"] or ["unsupported"]
    verdict = min(verdicts, key=order.index)
    return [{"function": getattr(fn, "__name__", "Function"), "layer": layer, "role": "backward",
             "verdict": verdict, "method": METHOD, "configs": configs, "diagnosis": None,
             "warnings": [f"{getattr(fn, '__name__', 'Function')} is a torch.autograd."
                          f"Function: checked in {METHOD}"]}]
