"""Hostile documents for fuzzing `symbp check`: garbage, deep nesting, huge matrices and
numbers, absurd directive sizes, unicode, binary, and random edits of real documents.

:func:`fuzz_case` draws through a ``pick`` object (random.Random in benchmarks/fuzz_check.py,
Hypothesis data in tests/test_fuzz_check.py), so both explore the same space.

    >>> import random
    >>> case = fuzz_case(Pick(random.Random(0)))
    >>> sorted(case)
    ['argv', 'data', 'kind', 'suffix']
"""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p for p in (ROOT / "tests" / "docs").glob("*") if p.is_file()) + \
    [ROOT / "derivations" / "seed_cnn_backprop.md"]


class Pick:
    """Choices from a random.Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def int(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def bytes(self, n: int) -> bytes:
        return bytes(self.rng.randrange(256) for _ in range(n))


LAYERS = ["conv2d", "avgpool", "maxpool", "fc", "softmax", "activation", "conv", "bogus", "", "CONV2D"]
HUGE = ["0", "1", "2", "3", "-1", "30000", "100000", "999999999999", "1e9", "nan", "inf", "0x3",
        "2.5", "", "1,", ",", "٣", "10" * 40]
SIZES = ["3x3", "2x5", "0x0", "1x1", "30000x30000", "100000x1", "1x100000", "4000x4000", "3x",
         "x3", "3x3x3", "-2x2", "999999999x2", "2x2,2", "3×3", "7x7"]
KEYS = ["layer", "input", "kernel", "stride", "padding", "dilation", "channels", "groups", "batch",
        "ceil_mode", "count_include_pad", "divisor_override", "bias", "argmax", "in", "out", "name",
        "slope", "classes", "unknown", "layer", "input"]
NAMES = ["a", "W", "w", "b", "z", r"\delta", "a^{l-1}", r"\delta^{l}", "W^{l}", "z^{l-1}", "y",
         r"\hat{y}", r"\sigma(z)", "x", r"\alpha", "J"]
OPS = [r"\operatorname{pad}_{1}", r"\text{pad}_{(1,2)}", r"\operatorname{pad}_{(-5,99,0,1)}",
       r"\operatorname{dilate}_{2}", r"\operatorname{dilate}_{0}", r"\operatorname{dilate}_{999999}",
       r"\operatorname{rot180}", r"\text{rot}180", r"\operatorname{upsample}_{\max}",
       r"\operatorname{upsample}_{avg}", r"\sigma", r"\sigma'", r"\sum_{u,v}", r"\underbrace",
       r"\operatorname{pad}_{100000}", r"\operatorname{crop}_{2\times2}", r"\operatorname{__import__}",
       r"\operatorname{eval}", r"\variable", r"\tanh", r"\exp", r"\max", r"\text{softmax}",
       r"\frac{\partial}{\partial W}", r"{\partial \over \partial a}", r"\partial_{W}", r"\mathbf",
       r"\phantom", r"\displaystyle", r"\partial/\partial a "]
BINARY = [" * ", r" *_{s=2} ", r" *_{s=0} ", r" *_{d=99999} ", r" \odot ", " + ", " - ", " = ",
          r" \cdot ", " ", r" \times ", "^T", "^{\\top}", "/", r" \neq ", ", ", " & ", r" \\ "]
ATOMS = ["0", "1", "2", "0.5", "1e400", "10^{10^{10}}", "9" * 400, r"\frac{1}{0}", "0^{-1}",
         "a_{11}", "w_{22}", r"\delta_{11}", "a_{99}", "w_{0}", r"\delta_{1,1,1,1,1}", "a_{-1}",
         r"\nabla a_{11}", r"\frac{\partial J}{\partial a}", r"\frac{\partial J}{\partial W}",
         r"\frac{\partial J}{\partial a_{12}}", r"\frac{\partial z}{\partial a}", r"\mathbb{1}[a_{11} = \max]",
         "e^{-z}", r"\infty", r"\pi", "i", "I", r"\emptyset", "δ", "σ'(z)", "∂J/∂a", "⊙", "z\u200b",
         "\u202eW", "a\u0301", "🙂", "\x00", "\ufeff", "ǅ", "𝛿", r"\left(", r"\right)", "{", "}", "$",
         r"\def\q{\q\q}\q", r"\newcommand{\r}[1]{#1#1}\r{\r{\r{\r{\r{\r{\r{\r{\r{\r{\r{\r{\r{x}}}}}}}}}}}}}",
         r"\newcommand{\x}[9]{#9}\x{1}", r"\def\p#1#2{#2#1}\p", r"\DeclareMathOperator{\e}{", r"\mathbf{a + b}^T"]
LHS = [r"\frac{\partial J}{\partial a}", r"\frac{\partial J}{\partial W}", r"\frac{\partial J}{\partial b}",
       r"\delta^{l-1}", r"\nabla a_{11}", r"\frac{\partial J}{\partial w_{12}}", r"\sigma'(z)", "z",
       r"\frac{\partial J}{\partial z}", r"\delta", "a", "J", r"\frac{\partial J}{\partial a_{2}}"]
UNICODE = "δσ∂⊙·×′∗∇αβ∑∫√∞≤≥≠→⇒ ́̃‮​﻿\x00\x07\x1b🙂𝛿ǅİı\u00a0\u2028\u2029\ud7ff中文"


def _name(pick: Pick) -> str:
    return pick.choice(NAMES)


def _matrix(pick: Pick) -> str:
    env = pick.choice(["bmatrix", "pmatrix", "matrix", "vmatrix", "array"])
    rows, cols = pick.choice([(2, 2), (1, 1), (0, 0), (3, 1), (60, 60), (1, 3000), (200, 2), (2, 3)])
    ragged = pick.int(0, 4) == 0
    entry = pick.choice(["1", "0", "a_{11}", r"\delta_{12}", "9" * 60, "1e400", "x", "-3", r"\frac{1}{3}", ""])
    body = r" \\ ".join(" & ".join(entry for _ in range(cols - (ragged and r % 2))) for r in range(rows))
    return rf"\begin{{{env}}} {body} \end{{{env}}}"


def _expr(pick: Pick, depth: int) -> str:
    kind = pick.int(0, 9) if depth > 0 else pick.int(0, 2)
    if kind == 0:
        return pick.choice(ATOMS)
    if kind == 1:
        return _name(pick)
    if kind == 2:
        return _matrix(pick) if pick.int(0, 5) == 0 else pick.choice(ATOMS)
    if kind in (3, 4):
        return f"{pick.choice(OPS)}\\left({_expr(pick, depth - 1)}\\right)"
    if kind in (5, 6, 7):
        return f"{_expr(pick, depth - 1)}{pick.choice(BINARY)}{_expr(pick, depth - 1)}"
    if kind == 8:
        return rf"\frac{{{_expr(pick, depth - 1)}}}{{{_expr(pick, depth - 1)}}}"
    return "{" + _expr(pick, depth - 1) + "}"


def _nested(pick: Pick) -> str:
    n = pick.choice([50, 200, 1000, 5000, 20000])
    shape = pick.choice([("{", "}"), (r"\left(", r"\right)"), ("(", ")"), (r"\frac{1}{", "}"),
                         (r"\operatorname{pad}_{1}(", ")"), (r"\operatorname{rot180}(", ")"),
                         ("a^{", "}"), (r"\sqrt{", "}"), (r"\begin{bmatrix}", r"\end{bmatrix}"),
                         (r"\sigma(", ")"), (r"\sum_{u,v} (", ")"), (r"\mathbf{", "}"),
                         (r"\phantom{", "}"), (r"{\partial \over \partial W} (", ")")])
    core = pick.choice(["a", r"\delta", "1", "W", ""])
    close = shape[1] * n if pick.int(0, 3) else shape[1] * (n - 1)      # sometimes unbalanced
    return f"{shape[0] * n}{core}{close}"


VALID = {"conv2d": [("input", ["3x3", "4x4", "5x3", "2x2", "6x6"]), ("kernel", ["2x2", "3x3", "1x2", "3x1"]),
                    ("stride", ["1", "2", "2,1", "3"]), ("padding", ["0", "1", "2", "0,1"]),
                    ("dilation", ["1", "2"]), ("channels", ["1", "2,2", "2,4"]), ("groups", ["1", "2"]),
                    ("batch", ["1", "2"]), ("bias", ["0", "1"])],
         "avgpool": [("input", ["4x4", "5x5", "3x6"]), ("kernel", ["2x2", "3x3"]), ("stride", ["1", "2"]),
                     ("padding", ["0", "1"]), ("ceil_mode", ["true", "false"]),
                     ("count_include_pad", ["true", "false"]), ("divisor_override", ["3", "none"]),
                     ("channels", ["1", "2"]), ("batch", ["1", "2"])],
         "maxpool": [("input", ["4x4", "5x5", "3x6"]), ("kernel", ["2x2", "3x3"]), ("stride", ["1", "2"]),
                     ("padding", ["0", "1"]), ("dilation", ["1", "2"]), ("ceil_mode", ["true"]),
                     ("argmax", ["tl,br,tr,bl", "tl", "11,22", "tl,tl,tl,tl"])],
         "fc": [("in", ["3", "1", "4"]), ("out", ["2", "5"]), ("batch", ["1", "3"])],
         "softmax": [("classes", ["3", "2", "10"]), ("batch", ["1", "2"])],
         "activation": [("name", ["sigmoid", "tanh", "relu", "leaky_relu", "identity", "gelu"]),
                        ("slope", ["0.01", "0.2", "-1", "nan", "1e400"])]}
ABSURD = {"input": ["30000x30000", "4000x4000", "100000x1", "0x0", "1x1000000"],
          "kernel": ["999x999", "0x0", "30000x30000", "1x1"], "stride": ["0", "100000", "999999999999"],
          "padding": ["100000", "99999999", "-1"], "dilation": ["0", "100000"],
          "channels": ["100000", "100000,100000", "0,0", "3,5"], "groups": ["0", "100000", "3"],
          "batch": ["0", "1000000", "999999999999999999999"], "in": ["0", "100000000"],
          "out": ["100000000", "0"], "classes": ["0", "10000000", "1"],
          "divisor_override": ["0", "-1", "99999999999999"], "slope": ["nan", "inf", "1e999"],
          "argmax": ["tl," * 3000, "99"], "name": ["__import__", "", "x" * 1000]}


def _plausible_directive(pick: Pick, tex: bool) -> str:
    layer = pick.choice(list(VALID))
    items = [f"layer={layer}"]
    for key, values in VALID[layer]:
        if pick.int(0, 2):
            items.append(f"{key}={pick.choice(values)}")
    if pick.int(0, 3) == 0:
        key = pick.choice(list(ABSURD))
        items.append(f"{key}={pick.choice(ABSURD[key])}")
    body = " ".join(items)
    return f"% symbp: {body}" if tex else f"<!-- symbp: {body} -->"


def _directive(pick: Pick, tex: bool) -> str:
    if pick.int(0, 2):
        return _plausible_directive(pick, tex)
    items = []
    for _ in range(pick.int(0, 7)):
        key = pick.choice(KEYS)
        value = pick.choice(SIZES if key in ("input", "kernel") else LAYERS if key == "layer" else HUGE)
        items.append(f"{key}={value}")
    body = " ".join(items)
    if pick.int(0, 9) == 0:
        body += " " + pick.choice(["=", "x=", "layer", "input=3x3 input=4x4", "a" * 5000, "\x00"])
    return f"% symbp: {body}" if tex else f"<!-- symbp: {body} -->"


def _display(pick: Pick, tex: bool) -> str:
    style = pick.int(0, 6)
    if style == 0:
        inner = _nested(pick)
    elif style == 1:
        inner = "".join(pick.choice(UNICODE) for _ in range(pick.int(1, 60)))
    else:
        inner = _expr(pick, pick.int(1, 4))
        if pick.int(0, 4):
            inner = f"{pick.choice(LHS)} = {inner}"
    opener = pick.choice([("$$", "$$"), (r"\[", r"\]"), (r"\begin{equation}", r"\end{equation}"),
                          (r"\begin{align}", r"\end{align}"), ("$$", ""), ("$", "$")] if tex else
                         [("$$", "$$"), (r"\[", r"\]"), ("$$", ""), ("$", "$"), ("```\n$$", "$$\n```")])
    return f"{opener[0]}{inner}{opener[1]}"


def _edited_seed(pick: Pick) -> tuple[str, str]:
    path = pick.choice(SEEDS)
    text = path.read_text(encoding="utf-8")
    for _ in range(pick.int(1, 12)):
        if not text:
            break
        i = pick.int(0, len(text) - 1)
        op = pick.int(0, 4)
        if op == 0:
            text = text[:i] + text[i + 1:]
        elif op == 1:
            text = text[:i] + pick.choice(ATOMS + BINARY + ["$$", "{", "}", "\\", "<!--", "-->"]) + text[i:]
        elif op == 2:
            j = min(len(text), i + pick.int(1, 200))
            text = text[:j] + text[i:j] * pick.int(1, 30) + text[j:]
        elif op == 3:
            text = text[:i] + pick.choice(UNICODE) + text[i:]
        else:
            text = text[:i] + _directive(pick, path.suffix == ".tex") + "\n" + text[i:]
    return text, path.suffix


def _flags(pick: Pick) -> list[str]:
    argv = []
    if pick.int(0, 4):
        return ["--time-limit", "2"]
    options = [("--layer", ["conv2d", "avgpool", "maxpool", "fc", "softmax", "activation", "x"]),
               ("--input", SIZES), ("--kernel", SIZES), ("--stride", HUGE), ("--padding", HUGE),
               ("--dilation", HUGE), ("--channels", ["2,2", "0,1", "100000,1", "x"]),
               ("--groups", HUGE), ("--batch", HUGE), ("--divisor-override", HUGE),
               ("--time-limit", ["2", "0.5", "nan", "-1", "0", "1e308", "abc", "inf"])]
    for _ in range(pick.int(0, 3)):
        flag, values = pick.choice(options)
        argv += [flag, pick.choice(values)]
    for flag in ("--ceil-mode", "--no-count-include-pad"):
        if pick.int(0, 9) == 0:
            argv.append(flag)
    if "--time-limit" not in argv:
        argv += ["--time-limit", "2"]
    return argv


def fuzz_case(pick: Pick) -> dict:
    """{"data": bytes of the file, "suffix": .md/.tex/..., "kind": what was drawn, "argv": flags}."""
    kind = pick.choice(["garbage", "nesting", "nesting", "matrix", "matrix", "directive", "directive",
                        "unicode", "binary", "edited", "edited", "edited", "document", "document",
                        "document"])
    tex = pick.int(0, 2) == 0
    suffix = ".tex" if tex else pick.choice([".md"] * 8 + [".markdown", ".txt", ""])
    if kind == "binary":
        data = pick.bytes(pick.choice([0, 1, 16, 300, 5000]))
        if pick.int(0, 1):
            data = b"$$" + data + b"$$"
        return {"data": data, "suffix": suffix, "kind": kind, "argv": _flags(pick)}
    if kind == "edited":
        text, suffix = _edited_seed(pick)
    elif kind == "garbage":
        text = "".join(pick.choice(BINARY + ATOMS + OPS + ["$$", "\n", "<!--", "-->", "%"])
                       for _ in range(pick.int(1, 80)))
    elif kind == "unicode":
        text = "$$" + "".join(pick.choice(UNICODE) for _ in range(pick.int(1, 400))) + "$$"
    else:
        parts = []
        for _ in range(pick.int(1, 4)):
            if pick.int(0, 3) or kind == "directive":
                parts.append(_directive(pick, tex))
            for _ in range(pick.int(1, 3)):
                parts.append(_matrix(pick) if kind == "matrix" and pick.int(0, 1) else "")
                parts[-1] = _display(pick, tex) if not parts[-1] else f"$${parts[-1]}$$"
        if kind == "nesting":
            parts.append(f"$${_nested(pick)}$$")
        text = "\n\n".join(parts)
    data = text.encode("utf-8", "surrogatepass")
    if pick.int(0, 19) == 0:
        data += pick.bytes(8)                                  # invalid UTF-8 at the end
    return {"data": data, "suffix": suffix, "kind": kind, "argv": _flags(pick)}
