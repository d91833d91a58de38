"""``symbp code FILE``: check every forward/backward pair of a file, each in its own child.

    symbp code layers.py --cs231n                      # every CS231n pair, with the sweep
    symbp code mine.py --forward f --backward g --layer conv2d --shapes 1x2x5x5,3x2x3x3 --pad 1
    symbp code mine.py --forward f --backward g --shapes 2x3,3x4     # own chain rule

Exit status: 0 when every verdict is correct, 1 otherwise, 2 on a usage error (a file that
does not import, a name that is not there).  The argument parser is in :mod:`symbp.cli`.
"""
from __future__ import annotations

import time

from ..core.geometry import ConfigError
from .check import check_pair
from .discover import Pair, cases_for, cs231n_pairs
from .torchfn import is_autograd_function
from .isolate import DEFAULT_MEMORY_MIB, DEFAULT_TIME_LIMIT, LoadError, isolated, load


class CodeUsageError(ConfigError):
    """A usage error of ``symbp code`` (exit status 2)."""


def _names(path: str, time_limit: float, memory: int) -> list[str]:
    """The callables the file defines, found in a child (its top level may misbehave)."""
    def work():
        module = load(path)
        return [n for n, v in vars(module).items() if callable(v) and not n.startswith("_")]
    ok, value = isolated(work, time_limit, memory)
    if not ok:
        raise CodeUsageError(value if value.startswith(path) else f"{path}: {value}")
    return value


def _check_in_child(path: str, pair: Pair, options: dict, time_limit: float, memory: int):
    def work():
        module = load(path)
        forward = getattr(module, pair.forward)
        backward = getattr(module, pair.backward) if pair.backward else None
        if backward is None and pair.layer != "softmax-loss" and \
                not is_autograd_function(forward):
            raise ConfigError(f"{pair.forward} is not a torch.autograd.Function: "
                              "name its backward with --backward")
        cases = cases_for(pair.layer, options.get("shapes"), options.get("stride"),
                          options.get("pad"), options.get("pool"), options.get("sweep"))
        started = time.perf_counter()
        results = check_pair(forward, backward, pair.layer, cases,
                             tie_rule=options.get("tie_rule", "first"),
                             names=(pair.forward, pair.backward or pair.forward),
                             files=(str(module.__file__),))
        for r in results:
            r["seconds"] = round(time.perf_counter() - started, 3)
        return results
    ok, value = isolated(work, time_limit, memory)
    if ok:
        return value
    failed = [{"function": name, "layer": pair.layer or "custom", "verdict": "error",
               "role": role, "configs": [], "diagnosis": value, "warnings": []}
              for name, role in ((pair.backward or pair.forward, "backward"),
                                 (pair.forward, "forward"))]
    return failed


def run(args) -> int:
    """The ``symbp code`` subcommand (argparse namespace from symbp.cli)."""
    path = args.file
    time_limit = args.time_limit or DEFAULT_TIME_LIMIT
    memory = args.memory or DEFAULT_MEMORY_MIB
    try:
        names = _names(path, max(time_limit, 10.0), memory)
    except LoadError as err:
        raise CodeUsageError(str(err)) from None
    if args.cs231n:
        pairs = cs231n_pairs(names)
        if not pairs:
            raise CodeUsageError(f"{path}: no CS231n forward/backward pair found "
                                 "(affine_forward/affine_backward, conv_forward_naive/... )")
    else:
        if not args.forward:
            raise CodeUsageError("name a pair with --forward NAME --backward NAME, or use --cs231n")
        if args.backward is None and args.layer is None:
            raise CodeUsageError("--backward NAME is needed (or --layer, for softmax-loss or "
                                 "a torch.autograd.Function)")
        for name in (args.forward, args.backward):
            if name and name not in names:
                raise CodeUsageError(f"{path} has no function {name!r}")
        pairs = [Pair(args.layer, args.forward, args.backward)]
    options = {"shapes": args.shapes, "stride": args.stride, "pad": args.pad,
               "pool": args.pool, "sweep": args.sweep or args.cs231n,
               "tie_rule": args.tie_rule}
    if not args.cs231n:
        cases_for(args.layer, args.shapes, args.stride, args.pad, args.pool, args.sweep)
    results, seen_forward = [], set()
    for pair in pairs:
        backward_result, forward_result = (_check_in_child(path, pair, options, time_limit,
                                                           memory) + [None])[:2]
        results.append(backward_result)
        if forward_result is None:
            continue
        if pair.forward not in seen_forward and pair.backward is not None:
            seen_forward.add(pair.forward)
            results.append(forward_result)
        elif pair.backward is None:
            forward_result["function"] = f"{pair.forward} (loss value)"
            results.append(forward_result)
    from ..report.formats import render as render_format
    from ..report.terminal import emit
    from .records import records_from_code
    emit(render_format(records_from_code(results, path), args.format,
                       text=lambda: render(results), json_doc=lambda: results,
                       tool="symbp code"), args.format)
    judged = [r for r in results if r["verdict"] != "not checked"]
    return 0 if all(r["verdict"] == "correct" for r in judged) else 1


def _short(text: str, limit: int = 240) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _sizes(sizes: dict) -> str:
    return ", ".join(f"{k} {'x'.join(map(str, v)) if isinstance(v, list) else v}"
                     for k, v in sizes.items())


def render(results: list[dict]) -> str:
    """The text report: one block per function, one line per configuration."""
    lines = []
    for r in results:
        role = "" if r.get("role") != "forward" else " forward"
        took = f"  [{r['seconds']:.2f} s]" if "seconds" in r else ""
        lines.append(f"{r['function']} ({r['layer']}{role}): {r['verdict']}{took}")
        for c in r["configs"]:
            head = f"  {_sizes(c['sizes'])}: {c['verdict']}"
            if c["verdict"] == "not checked":
                lines.append(head)
                continue
            if c["verdict"] == "correct":
                if "points" in c:
                    lines.append(head + f" ({c['method']}: {c['points']} points)")
                else:
                    lines.append(head + f" (proved exactly; {c['regions']} region"
                                 f"{'s' if c['regions'] != 1 else ''} traced)")
                continue
            lines.append(head + (f" — {c['reason']}" if c.get("reason") else ""))
            if "expected" in c:
                lines.append(f"    at {c.get('region', '')}: expected {_short(c['expected'])}")
                if "got" in c:
                    lines.append(f"    returned {_short(c['got'])}")
            if "counterexample" in c:
                inputs = "; ".join(f"{k} = {v}" for k, v in c["counterexample"].items())
                got = f", float64 run gives {c['got_float64']!r}" if "got_float64" in c else ""
                lines.append(f"    counterexample: {_short(inputs, 600)}")
                lines.append(f"    {c['gradient']}{c['entry']} should be {c['expected_value']}, "
                             f"the code gives {c['got_value']}{got}")
            if c.get("diagnosis"):
                lines.append(f"    diagnosis: {c['diagnosis']}")
        if r["verdict"] not in ("correct", "not checked") and r.get("diagnosis") \
                and not r["configs"]:
            lines.append(f"  {r['diagnosis']}")
        for w in r.get("warnings", []):
            lines.append(f"  warning: {w}")
    judged = [r for r in results if r["verdict"] != "not checked"]
    ok = sum(r["verdict"] == "correct" for r in judged)
    lines += ["", f"{ok} of {len(judged)} functions correct"]
    return "\n".join(lines)
