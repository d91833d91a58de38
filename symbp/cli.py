"""The ``symbp`` command.

    symbp verify [NAME...] [--input HxW] [--kernel KxK] [--stride S|SH,SW] [--padding P|PH,PW]
                 [--dilation D|DH,DW] [--channels CIN,COUT] [--groups G] [--batch N]
                 [--format text|json|github|sarif|junit] [--json]
    symbp code FILE [--cs231n | --forward NAME --backward NAME --layer L] [--format F]
                                                                      (docs/code.md)
    symbp audit TARGET [--ops OPS] [--max-size N] [--format text|json|github|sarif|junit]

Exit codes: 0 every verdict as expected, 1 otherwise, 2 usage error (one line, no traceback),
3 internal error: the second witness (symbp.witness) disagrees with a proof that says "holds"
(printed with the claim; no verdict is given for it).
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from .claims import BUILTINS, Result, Setup, builtin_claims
from .core.geometry import ConfigError, read_pair
from .check.timelimit import MAX_TIME_LIMIT
from .witness import WitnessError


class UsageError(Exception):
    """A user error: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line instead of argparse's usage block
        raise UsageError(message)


# --------------------------------------------------------------------------- argument types

def size_arg(text: str) -> tuple[int, int]:
    """'HxW' (or a single 'N' for NxN) as a pair of positive ints."""
    try:
        h, w = read_pair(text, "xX×")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 3x3") from None
    if h < 1 or w < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: sizes must be at least 1")
    return h, w


def pair_arg(text: str) -> tuple[int, int]:
    """'S' or 'SH,SW' as a pair of non-negative ints."""
    try:
        return read_pair(text, ",")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an int or a pair like 2,1") from None


def positive_int(text: str) -> int:
    if not re.fullmatch(r"\d+", text.strip()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive integer")
    return int(text)


def seconds_arg(value: str) -> float:
    """--time-limit: a positive number of seconds, at most a day (``MAX_TIME_LIMIT``)."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not (0 < seconds <= MAX_TIME_LIMIT):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0 and at "
                                         f"most {MAX_TIME_LIMIT:g}")
    return seconds


def add_setup_flags(p: argparse.ArgumentParser) -> None:
    """The layer-size flags shared by verify and prove."""
    p.add_argument("--input", type=size_arg, help="input size HxW (conv default 3x3, pool 4x4)")
    p.add_argument("--kernel", type=size_arg, help="kernel or pooling window KxK (default 2x2)")
    p.add_argument("--stride", type=pair_arg, help="stride S or SH,SW (pool default: window)")
    p.add_argument("--padding", type=pair_arg, default=(0, 0), help="zero padding P or PH,PW")
    p.add_argument("--dilation", type=pair_arg, default=(1, 1), help="dilation D or DH,DW")
    p.add_argument("--channels", type=pair_arg, default=(1, 1), help="CIN,COUT (default 1,1)")
    p.add_argument("--groups", type=positive_int, default=1)
    p.add_argument("--batch", type=positive_int, default=1)
    p.add_argument("--ceil-mode", action="store_true", help="pooling: ceil_mode=True")
    p.add_argument("--no-count-include-pad", dest="count_include_pad", action="store_false",
                   help="average pooling: count_include_pad=False")
    p.add_argument("--divisor-override", type=positive_int, help="average pooling divisor")
    p.add_argument("--output-padding", type=pair_arg, default=(0, 0),
                   help="transposed convolution: output_padding P or PH,PW")


def add_format_flag(p: argparse.ArgumentParser) -> None:
    """``--format text|json|github|sarif|junit`` (into ``args.format``) and ``--json``, its alias.

    A subcommand turns its results into :class:`symbp.report.Record` objects and prints
    ``symbp.report.formats.render(records, args.format, text=..., json_doc=...)``.
    """
    from .report.formats import FORMATS
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="output: text (default), json, github (workflow annotations), "
                        "sarif (SARIF 2.1.0) or junit (JUnit XML)")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json")


def setup_from(args) -> Setup:
    """The Setup the flags describe."""
    return Setup(args.input, args.kernel, args.stride, args.padding, args.dilation,
                 args.channels, args.groups, args.batch, args.ceil_mode,
                 args.count_include_pad, args.divisor_override,
                 output_padding=args.output_padding)


# --------------------------------------------------------------------------- verify

def cmd_verify(args) -> int:
    if args.all_sizes:
        from .allsizes.report import verify_command
        return verify_command(args)
    from .report import records_from_results
    from .report.formats import render
    from .report.terminal import emit, run_claims
    results = run_claims(builtin_claims(args.names, setup_from(args)), args.format)
    emit(render(records_from_results(results), args.format, text=lambda: report(results),
                json_doc=lambda: [r.as_json() for r in results]), args.format)
    return 0 if all(r.as_expected for r in results) else 1


def report(results: list[Result]) -> str:
    """A table, one row per claim, then the details of anything not holding."""
    rows = [("name", "claim", "sizes", "verdict", "entries", "seconds")]
    for r in results:
        verdict = r.proof.verdict + ("" if r.as_expected else f" (expected {r.claim.expected})")
        rows.append((r.claim.name, r.claim.text, r.claim.sizes, verdict,
                     str(r.proof.entries), f"{r.seconds:.3f}"))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    details = [f"{r.claim.name}: {r.proof.detail()}" for r in results if not r.proof.holds]
    ok = sum(r.as_expected for r in results)
    summary = f"{ok} of {len(results)} verdicts as expected"
    return "\n".join(lines + ([""] + details if details else []) + ["", summary])


# --------------------------------------------------------------------------- audit

def add_audit(sub) -> None:
    """``symbp audit TARGET [--ops ...] [--max-size N] [--format F] [--device D] [--sweep S]``."""
    p = sub.add_parser("audit", help="check a framework's backward kernels exactly against "
                       "the proved closed forms")
    p.add_argument("target", metavar="TARGET",
                   help="torch, torch.compile, torch.compile:dynamic, jax, or MODULE:FUNCTION "
                        "(a callable with the "
                        "signature of the torch.nn.functional op)")
    p.add_argument("--ops", help="comma-separated: conv2d,conv_transpose2d,max_pool2d,"
                   "avg_pool2d,linear (default all)")
    p.add_argument("--max-size", type=positive_int,
                   help="largest spatial size (linear: feature count) of the lattice (default 5)")
    p.add_argument("--sweep", choices=("full", "pairwise", "compile"),
                   help="whole lattice, a cover of every pair of parameter values, or that "
                        "cover with channels and batch taken value by value "
                        "(default: compile for torch.compile, full otherwise)")
    p.add_argument("--device", default="cpu", help="cpu or cuda (torch targets)")
    add_format_flag(p)
    p.set_defaults(func=lambda a: importlib.import_module("symbp.audit").run_command(
        a.target, a.ops, a.max_size, a.format, a.device, a.sweep))


# --------------------------------------------------------------------------- main

#: subcommand -> the module that adds it: each has ``register(subparsers)``, which adds its
#: parser (with ``add_setup_flags`` where it takes layer sizes) and ``set_defaults(func=...)``;
#: func(args) returns the exit status and raises UsageError/ConfigError for user errors.
SUBCOMMANDS: dict[str, str] = {
    "check": "symbp.cli_check",
    "prove": "symbp.cli_prove",
    "kernels": "symbp.cli_kernels",
}


def shapes_arg(text: str) -> list[tuple[int, ...]]:
    """'2x3x4x4,3x3x4x4' as a list of shapes (tuples of positive ints)."""
    shapes = []
    for part in text.split(","):
        if not re.fullmatch(r"\s*\d+(\s*[xX×]\s*\d+)*\s*", part) or \
                any(int(n) < 1 for n in re.split(r"[xX×]", part)):
            raise argparse.ArgumentTypeError(f"{part!r} is not a shape like 2x3x4x4")
        shapes.append(tuple(int(n) for n in re.split(r"[xX×]", part)))
    return shapes


def add_code_parser(sub) -> None:
    """``symbp code FILE ...``: prove or refute hand-written numpy backward code."""
    from .code.layers import LAYERS
    p = sub.add_parser("code", help="prove or refute the backward functions in a Python file")
    p.add_argument("file", help="the Python file to import and check (it is run)")
    p.add_argument("--cs231n", action="store_true", help="check every CS231n pair in the file")
    p.add_argument("--forward", metavar="NAME")
    p.add_argument("--backward", metavar="NAME")
    p.add_argument("--layer", choices=LAYERS, help="judge against this layer's true gradient")
    p.add_argument("--shapes", type=shapes_arg, help="the forward's array shapes, e.g. 2x3,3x4")
    p.add_argument("--stride", type=positive_int)
    p.add_argument("--pad", type=int)
    p.add_argument("--pool", type=size_arg, help="pooling window HxW")
    p.add_argument("--sweep", action="store_true", help="also padding 0, uneven strides, "
                   "overlapping windows, ties, non-square (default with --cs231n)")
    p.add_argument("--tie-rule", choices=("first", "subgradient"), default="first")
    add_format_flag(p)
    p.add_argument("--time-limit", type=seconds_arg, metavar="S", help="seconds per pair (default 60)")
    p.add_argument("--memory", type=positive_int, metavar="MIB", help="memory cap per pair")
    p.set_defaults(func=lambda args: importlib.import_module("symbp.code.command").run(args))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only that subcommand's module is imported."""
    parser = _Parser(prog="symbp", description="Symbolic verifier for backward-pass derivations.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, required=True)
    verify = sub.add_parser("verify", help="prove or refute the built-in derivations")
    verify.add_argument("names", nargs="*", metavar="NAME",
                        help=f"derivations to run (default all): {', '.join(BUILTINS)}")
    add_setup_flags(verify)
    add_format_flag(verify)
    verify.add_argument("--all-sizes", action="store_true",
                        help="prove for every size (stride, dilation as given; needs islpy)")
    verify.add_argument("--symbolic-steps", action="store_true",
                        help="with --all-sizes: conv stride and dilation quantified too (z3)")
    verify.set_defaults(func=cmd_verify)
    if command in (None, "code"):
        add_code_parser(sub)
    if command in (None, "audit"):
        add_audit(sub)
    for name, module in SUBCOMMANDS.items():
        if command in (None, name):
            importlib.import_module(module).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``symbp`` console command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv and argv[0] in (*SUBCOMMANDS, "verify", "code", "audit") else None
    try:
        args = build_parser(command).parse_args(argv)
        return args.func(args)
    except (UsageError, ConfigError) as err:
        print(f"symbp: error: {err}", file=sys.stderr)
        return 2
    except WitnessError as err:
        print(f"symbp: INTERNAL ERROR (please report): {err}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("symbp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:             # `symbp verify | head`: the reader stopped reading
        return 1


def console() -> None:
    """The installed ``symbp`` script: main(), then exit without tearing the heap down.

    A large proof leaves hundreds of thousands of SymPy objects alive; freeing them one by
    one at interpreter exit took longer than the proof itself.
    """
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(status)


if __name__ == "__main__":
    # ``python -m symbp.cli``: run the imported module's console, so that the subcommands'
    # ``from .cli import UsageError`` and this module's handlers are one and the same class
    from symbp.cli import console as _console
    _console()
