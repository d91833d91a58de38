"""Checking one forward/backward pair over configurations and comparison regions.

:func:`check_pair` returns two result objects (the backward's and the forward's): each
with ``function``, ``layer``, ``verdict`` (correct / wrong / error / unknown /
unsupported), ``configs`` (each with its sizes, verdict, regions traced, and for a failure
the entry, both expressions, both values and a counterexample), ``diagnosis`` and
``warnings``.

Example::

    >>> import numpy as np
    >>> def relu_forward(x):
    ...     return np.maximum(0, x), x
    >>> def relu_backward(dout, cache):
    ...     return dout * (cache >= 0)              # passes the gradient at x = 0
    >>> backward, forward = check_pair(relu_forward, relu_backward, "relu")
    >>> backward["verdict"], forward["verdict"]
    ('wrong', 'correct')
"""
from __future__ import annotations

import numpy as np

from ..core import chain
from ..core.geometry import ConfigError
from ..core.tensor import symbolic
from .fastproof import prove_trace
from .judge import compare, truth
from .layers import Case, default_cases
from .patterns import coverage_warning, generic_patterns, patterns
from .trace import ReturnedNone, Unsupported, UserError, run_float, run_trace

ORDER = ("wrong", "error", "unknown", "unsupported", "correct")
#: why a course-size configuration the fast route cannot prove is left (Case.fast_only)
NOT_IN_FULL = ("not checked in full at this size: the fast exact route does not cover this "
               "code here and the SymPy route alone would take minutes; the first entry the "
               "fast route could not prove was checked and holds (the smaller configurations "
               "are checked in full)")


def _worst(verdicts: list[str]) -> str:
    if not verdicts:
        return "unsupported"
    if all(v == "unsupported" for v in verdicts):
        return "unsupported"
    return min((v for v in verdicts if v != "unsupported"), key=ORDER.index)


def custom_case(shapes: list[tuple[int, ...]]) -> Case:
    """A pair of no known layer: forward(*arrays) -> (out, cache), judged by its own chain rule."""
    arrays = {f"x{k}" if len(shapes) > 1 else "x": symbolic(f"x{k}" if len(shapes) > 1 else "x",
                                                             tuple(s)) for k, s in enumerate(shapes)}
    names = list(arrays)
    return Case("custom", {n: tuple(s) for n, s in zip(names, shapes)}, arrays, names, None,
                reference=None)


def _float_value(case, forward, backward, shadows, failure, grad_index):
    try:
        _, grads = run_float(case, forward, backward, shadows)
        value = np.asarray(grads[grad_index], dtype=np.float64)
        return float(value.reshape(-1)[np.ravel_multi_index(
            tuple(failure["entry"]), case.arrays[case.grads[grad_index]].shape)])
    except Exception:  # the float run is only a courtesy for the report
        return None


def _check_config(case: Case, forward, backward, tie_rule: str, files, warnings: list,
                  fwd_warnings: list):
    """(backward config result, forward config result) for one configuration."""
    sizes = {k: list(v) if isinstance(v, tuple) else v for k, v in case.sizes.items()}
    bwd = {"sizes": sizes, "verdict": "correct", "regions": 0}
    fwd = {"sizes": sizes, "verdict": "correct", "regions": 0}
    if case.layer == "custom":
        points = None
    else:
        points = patterns(case)
    index = 0
    while True:
        if points is None:                       # custom: learn the output shape first
            probe = generic_patterns(case.arrays, None)[0][1]
            try:
                out = run_trace(case, forward, lambda d, c: (), probe, files).out
            except Unsupported as err:
                return ({**bwd, "verdict": "unsupported", "reason": str(err)},
                        {**fwd, "verdict": "unsupported", "reason": str(err)})
            except UserError as err:
                return ({**bwd, "verdict": "error", "reason": str(err)},
                        {**fwd, "verdict": "error", "reason": str(err)})
            case.dout = symbolic("dout", out.shape)
            points = generic_patterns(case.arrays, out.shape)
        if index >= len(points):
            break
        label, shadows = points[index]
        index += 1
        try:
            trace = run_trace(case, forward, backward, shadows, files)
            fast = prove_trace(case, trace, shadows)
            if not fast.complete:
                trace.materialize()
        except Unsupported as err:
            reason = f"unsupported by that code: {err}"
            return ({**bwd, "verdict": "unsupported", "reason": reason},
                    {**fwd, "verdict": "unsupported", "reason": reason})
        except ReturnedNone as err:
            bwd.update(verdict="wrong", reason=str(err), region=label)
            return bwd, fwd
        except UserError as err:
            bwd.update(verdict="error", reason=str(err), region=label)
            if case.sizes.get("pad") == 0 and ",0,0)" in str(err).replace(" ", ""):
                bwd["diagnosis"] = ("padding-0 empty slice: x[pad:-pad] is empty when pad = 0 "
                                    "(-0 is 0); slice with pad:pad+H instead")
            if str(err).startswith("forward:"):
                fwd.update(verdict="error", reason=str(err), region=label)
            return bwd, fwd
        _keep(fwd_warnings, fast.forward_notes)
        for k, proved in enumerate(fast.grads):
            if proved:
                _keep(warnings, fast.notes[k])
        if fast.complete:                        # the fast exact route proved all
            bwd["regions"] += 1
            if fwd["verdict"] == "correct":
                fwd["regions"] += 1
            continue
        if case.layer == "custom":
            z = trace.out
            expected = chain.derive(z, case.dout, case.symbols)
        else:
            z, expected = truth(case, shadows)
            if fwd["verdict"] == "correct" and fast.forward:
                fwd["regions"] += 1
            elif fwd["verdict"] == "correct" and case.fast_only:
                fwd.update(verdict="unsupported", reason=NOT_IN_FULL, region=label)
            elif fwd["verdict"] == "correct":
                failure = compare(case, trace, shadows, z, trace.out, "out", fwd_warnings,
                                  forward=True, true_gradients=expected)
                if failure:
                    failure.pop("_shadows", None)
                    fwd.update(verdict=failure.pop("verdict", "wrong"), region=label, **failure)
                else:
                    fwd["regions"] += 1
        if len(trace.grads) < len(case.grads):
            bwd.update(verdict="wrong", region=label,
                       reason=f"the backward returned {len(trace.grads)} values, expected "
                              f"{len(case.grads)} ({', '.join('d' + g for g in case.grads)})")
            return bwd, fwd
        if len(trace.grads) > len(case.grads):
            warnings.append(f"the backward returned {len(trace.grads)} values; the first "
                            f"{len(case.grads)} are checked")
        for k, name in enumerate(case.grads):
            if fast.grads[k]:
                continue
            failure = compare(case, trace, shadows, expected[k], trace.grads[k], "d" + name,
                              warnings, grad=name, tie_rule=tie_rule, first=fast.suspects[k],
                              only_first=case.fast_only)
            if failure:
                at = failure.pop("_shadows", shadows)
                if "counterexample" in failure and case.layer != "custom":
                    got = _float_value(case, forward, backward, at, failure, k)
                    if got is not None:
                        failure["got_float64"] = got
                bwd.update(verdict=failure.pop("verdict", "wrong"), region=label, **failure)
                return bwd, fwd
        if case.fast_only and not all(fast.grads):
            bwd.update(verdict="unsupported", reason=NOT_IN_FULL, region=label)
            return bwd, fwd
        bwd["regions"] += 1
    return bwd, fwd


def _keep(warnings: list, notes: list) -> None:
    for note in notes:
        if note not in warnings:
            warnings.append(note)


def check_pair(forward, backward, layer: str | None = None, cases: list[Case] | None = None,
               *, sweep: bool = True, tie_rule: str = "first", names=("forward", "backward"),
               files: tuple[str, ...] = ()) -> list[dict]:
    """[backward result, forward result] for the pair over ``cases`` (default: the layer's)."""
    if cases is None:
        cases = default_cases(layer, sweep)
    from .torchfn import check_function, is_autograd_function
    if is_autograd_function(forward):
        if layer is None:
            raise ConfigError("a torch.autograd.Function is checked against a layer: name "
                              "one with --layer")
        return check_function(forward, layer, cases)
    warnings: list[str] = []
    fwd_warnings: list[str] = []
    bwd_configs, fwd_configs = [], []
    for case in cases:
        try:
            b, f = _check_config(case, forward, backward, tie_rule, files, warnings,
                                 fwd_warnings)
        except RecursionError:
            b = f = {"sizes": case.sizes, "verdict": "error", "reason": "recursion too deep"}
        partial = coverage_warning(case)
        if partial and b["verdict"] in ("correct", "unknown"):
            warnings.append(partial)
            b["coverage"] = partial
        bwd_configs.append(b)
        fwd_configs.append(f)
    layer_name = layer or "custom"
    backward_result = _summary(names[1], layer_name, bwd_configs, warnings)
    forward_result = _summary(names[0], layer_name, fwd_configs, fwd_warnings)
    forward_result["role"], backward_result["role"] = "forward", "backward"
    if layer is None:
        forward_result["verdict"] = "not checked"
        for config in forward_result["configs"]:
            if config["verdict"] == "correct":
                config["verdict"] = "not checked"
        forward_result["diagnosis"] = "no layer named: the backward is judged by the chain " \
                                      "rule of this forward"
    return [backward_result, forward_result]


def _summary(name: str, layer: str, configs: list[dict], warnings: list[str]) -> dict:
    verdict = _worst([c["verdict"] for c in configs])
    diagnosis = next((c.get("diagnosis") for c in configs
                      if c["verdict"] == "wrong" and c.get("diagnosis")), None)
    if verdict == "error":
        failed = next(c for c in configs if c["verdict"] == "error")
        diagnosis = failed.get("diagnosis") or failed.get("reason")
    if verdict == "wrong" and diagnosis is None:
        diagnosis = next((c.get("reason") for c in configs if c["verdict"] == "wrong"
                          and "None" in (c.get("reason") or "")), None)
    return {"function": name, "layer": layer, "verdict": verdict, "configs": configs,
            "diagnosis": diagnosis, "warnings": list(dict.fromkeys(warnings))}
