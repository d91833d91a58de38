r"""``symbp check`` with sizes written as letters: a claim proved for every size.

A directive whose input, kernel or padding are letters (``<!-- symbp: layer=conv2d input=n
kernel=k stride=1 padding=p -->``, ``input=HxW kernel=KxK``) opens a section whose closed-form
claims are read here and proved by the all-sizes engine; the letters are the quantified sizes
(``input=n`` is an n x n input), and claims may use them in subscripts
(``\text{pad}_{k-1-p}(\delta) * \text{rot180}(W)``), and, for a square layer, ``r`` for the
rows no window reaches, (n + 2p − d(k−1) − 1) mod s.  Stride and dilation may be numbers
(isl decides) or letters (z3, for convolutions); one channel, batch 1, as documents write.  The report says
"holds for all n, k, p" and ``--json`` carries the ``scope``.

The reader covers the closed-form vocabulary: pad / dilate with subscripts (``_{e}``,
``_{(e,e)}``, ``_{(t,b,l,r)}``), rot180 in its spellings, ``*`` (cross-correlation),
``^T``, ``\odot \sigma'(z^{l-1})``, ``\sum`` (channel sum), upsample (pooling); the left side
is ∂J/∂a, ∂J/∂W, ∂J/∂b or δ^{l-1}.  Nothing is evaluated: subscripts are read by a small
parser of + − · ( ) over integers and the directive's letters.

Example::

    >>> section = symbolic_section({"layer": "conv2d", "input": "n", "kernel": "k"})
    >>> section.check(r"\frac{\partial J}{\partial a} = \text{pad}_{k-1}(\delta) * \text{rot180}(W)")
    ('holds', 'holds for all n, k (stride 1; dilation 1; one channel, batch 1)...', 'all n, k; ...')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import sympy as sp

from ..layers import conv, pooling
from ..core.geometry import read_pair
from ..core.ops import ChannelSum, Correlate, Dilate, Hadamard, Pad, Rot180, SigmaPrime
from ..layers.pooling import UpsampleAvg, UpsampleMax
from .document_fc import fc_section, is_fc_symbolic
from .latex_claims import LetterSection, NotRead, TextReader, split_claim


_SIZE = re.compile(r"\s*([A-Za-z]\d*|\d+)\s*(?:[x×]\s*([A-Za-z]\d*|\d+)\s*)?")
_PAIR = re.compile(r"\s*([A-Za-z]\d*|\d+)\s*(?:,\s*([A-Za-z]\d*|\d+)\s*)?")


def is_symbolic(settings: dict) -> bool:
    """Whether a directive writes input, kernel or padding with letters (``4x4`` is not),
    or an fc layer's in, out or batch."""
    if is_fc_symbolic(settings):
        return True
    for key, pattern in (("input", _SIZE), ("kernel", _SIZE), ("padding", _PAIR),
                         ("stride", _PAIR), ("dilation", _PAIR)):
        if key in settings:
            try:
                if any(isinstance(v, str) for v in _pair(settings[key], key, pattern)):
                    return True
            except NotRead:
                continue
    return False


def _pair(value, key: str, pattern=_SIZE):
    """A size pair whose entries are numbers or letters: ``"n"`` -> ``("n", "n")``,
    ``"HxW"`` (``_SIZE``) or ``"p,q"`` (``_PAIR``), ``"3x4"`` -> ``(3, 4)``; NotRead otherwise.
    Numbers alone are read by the one reader, ``core.geometry.read_pair``."""
    try:
        return read_pair(value, "," if pattern is _PAIR else "x×")
    except ValueError:
        pass
    m = pattern.fullmatch(str(value))
    if not m:
        raise NotRead(f"{key}={value!r} is not a size (a number, a letter, or HxW)")
    first, second = m.group(1), m.group(2) or m.group(1)
    return tuple(int(v) if v.isdigit() else v for v in (first, second))


@dataclass
class SymbolicSection(LetterSection):
    """A document section with sizes as letters (duck-types docsetup.Section)."""
    kind: str
    letters: dict                       # H, W, KH, KW, PH, PW -> letter or int
    stride: tuple
    dilation: tuple
    flags: dict = field(default_factory=dict)
    error: str | None = None
    bias: bool | None = None
    argmax: str | None = None
    note: str = ""
    all_sizes: bool = True

    @property
    def cfg(self):
        return self if self.error is None else None

    @property
    def model(self):
        return None

    def describe(self) -> str:
        if self.error:
            return self.error
        names = list(dict.fromkeys(v for v in tuple(self.letters.values()) + self.stride +
                                   self.dilation if isinstance(v, str)))
        return f"{self.kind}, every size {', '.join(names)} (stride " \
               f"{_show(self.stride)}, dilation {_show(self.dilation)})"

    def _check(self, latex: str) -> tuple[str, str, str | None]:
        return _check(self, latex)


def _show(pair) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]},{pair[1]}"


def symbolic_section(settings: dict) -> SymbolicSection:
    """The section a directive with letters opens (error set when it cannot be proved)."""
    layer = str(settings.get("layer", "conv2d")).lower()
    if layer in ("fc", "linear", "dense"):
        return fc_section(settings)
    kind = {"conv2d": "conv", "conv": "conv", "avgpool": "avg", "avg": "avg",
            "avgpool2d": "avg", "maxpool": "max", "max": "max", "maxpool2d": "max"}.get(layer)
    try:
        if kind is None:
            raise NotRead(f"layer={layer} has no all-sizes proof (conv2d, avgpool, maxpool)")
        h, w = _pair(settings.get("input", "H"), "input")
        kh, kw = _pair(settings.get("kernel", "K"), "kernel")
        ph, pw = _pair(settings.get("padding", 0), "padding", _PAIR)
        default_stride = "1" if kind == "conv" else f"{kh},{kw}"
        stride = _pair(settings.get("stride", default_stride), "stride", _PAIR)
        dilation = _pair(settings.get("dilation", 1), "dilation", _PAIR)
        for key, value in (("stride", stride), ("dilation", dilation)):
            if any(isinstance(v, int) and v < 1 for v in value):
                raise NotRead(f"{key} must be at least 1, got {_show(value)}")
        if kind != "conv" and not all(isinstance(v, int) for v in stride + dilation):
            raise NotRead("pooling stride and dilation must be numbers to prove for every "
                          "size (letters there are not supported)")
        for key in ("channels", "groups", "batch"):
            if str(settings.get(key, 1)).strip() not in ("1", "1,1"):
                raise NotRead(f"{key}: every-size proofs of documents take one channel, batch 1")
        flags = {"ceil_mode": str(settings.get("ceil_mode", "false")).lower() in ("1", "true"),
                 "count_include_pad": str(settings.get("count_include_pad", "true")).lower()
                 in ("1", "true")}
        letters = dict(H=h, W=w, KH=kh, KW=kw, PH=ph, PW=pw)
        return SymbolicSection(kind, letters, stride, dilation, flags)
    except NotRead as err:
        return SymbolicSection(kind or layer, {}, (1, 1), (1, 1), error=str(err))


# --------------------------------------------------------------------------- claims

def _check(section: SymbolicSection, latex: str):
    from .verify import SPECS, Options, check
    role, right = split_claim(latex)
    letters = {s: sp.Symbol(s, integer=True) for s in dict.fromkeys(
        tuple(section.letters.values()) + section.stride + section.dilation) if isinstance(s, str)}
    L = section.letters
    if "r" not in letters and section.kind == "conv" and (L["H"], L["KH"], L["PH"]) == \
            (L["W"], L["KW"], L["PW"]) and section.stride[0] == section.stride[1] and \
            section.dilation[0] == section.dilation[1]:
        # r: the rows no window reaches, (n + 2p − d(k−1) − 1) mod s (square layers)
        size = {k: letters[v] if isinstance(v, str) else sp.Integer(v)
                for k, v in (("n", L["H"]), ("k", L["KH"]), ("p", L["PH"]),
                             ("s", section.stride[0]), ("d", section.dilation[0]))}
        letters["r"] = sp.Mod(size["n"] + 2 * size["p"] - size["d"] * (size["k"] - 1) - 1,
                              size["s"])
    tree = _Reader(right, letters, section).whole()
    if section.kind == "conv":
        base = {"a": "conv-input", "W": "conv-weight", "b": "conv-bias", "zprev": "conv-delta"}
    else:
        base = {"a": f"pool-{section.kind}"}
    if role not in base:
        raise NotRead(f"no {role} gradient for {section.kind} pooling")
    spec = replace(SPECS[base[role]], name="claim", form=lambda L: tree)
    opts = Options(stride=section.stride, dilation=section.dilation, channels=(1, 1), batch=1,
                   ceil_mode=section.flags.get("ceil_mode", False),
                   count_include_pad=section.flags.get("count_include_pad", True),
                   letters=section.letters)
    result = check(spec, opts)
    names = ", ".join(k for k in letters if k != "r" or "r" in section.letters.values())
    held = "".join(f"{key} {_show(v)}; " for key, v in (("stride", section.stride),
                                                         ("dilation", section.dilation))
                   if all(isinstance(x, int) for x in v)) + "one channel, batch 1"
    if result.verdict == "holds":
        return "holds", f"holds for all {names} ({held}); {result.reason}", result.scope
    if result.verdict == "refuted":
        return "refuted", result.reason, result.scope
    return "unchecked", f"unknown for every size: {result.reason}", result.scope


class _Reader(TextReader):
    """A recursive-descent reader of the closed-form vocabulary (see module docstring)."""

    def __init__(self, s: str, letters: dict, section: SymbolicSection):
        super().__init__(s)
        self.letters, self.section = letters, section



    def expr(self):
        x = self.corr()
        while self.take(r"\odot") or self.take(r"\circ"):
            x = Hadamard(x, self.corr())
        return x

    def corr(self):
        x = self.postfix()
        while self.take("*") or self.take(r"\star"):
            if self.peek("_"):
                raise NotRead("strided correlation *_{s=…} is proved per size only")
            x = Correlate(x, self.postfix(), 1, 1, 1, 1, 1)
        return x

    def postfix(self):
        x = self.primary()
        while True:
            for t in ("^{T}", "^T", r"^{\top}", r"^\top", r"^{\intercal}"):
                if self.take(t):
                    raise NotRead("a transposed kernel (channels) is proved per size only")
            return x

    def group(self):
        for open_, close in (("(", ")"), ("{", "}")):
            if self.take(open_):
                x = self.expr()
                self.need(close)
                return x
        return None

    def arg(self):
        x = self.group()
        return x if x is not None else self.tensor()

    def primary(self):
        x = self.group()
        if x is not None:
            return x
        m = re.compile(r"\\?(pad|dilate|rot180|rot_\{180\}|rot_180|flip|upsample|"
                       r"\\sigma'|\\sigma\^\{\\prime\}|\\sum)").match(self.s, self.i)
        if m is None:
            return self.tensor()
        self.i = m.end()
        word = m.group(1)
        if word in ("pad", "dilate"):
            values = self.subscript()
            x = self.arg()
            if word == "dilate":
                if len(values) > 2:
                    raise NotRead("dilate_{s} or dilate_{(sh,sw)}")
                return Dilate(x, values[0], values[-1])
            if len(values) not in (1, 2, 4):
                raise NotRead("pad_{p}, pad_{(ph,pw)} or pad_{(t,b,l,r)}")
            pads = values * 4 if len(values) == 1 else values if len(values) == 4 \
                else (values[0], values[0], values[1], values[1])
            return Pad(x, *pads)
        if word.startswith("rot") or word == "flip":
            return Rot180(self.arg())
        if word == "upsample":
            if self.peek("_"):
                self.subscript_text()
            x = self.arg()
            layer = _pool_params(self.section, self.letters)
            if self.section.kind == "max":
                return UpsampleMax(x, pooling.A, *layer, 0)
            return UpsampleAvg(x, *layer)
        if word == r"\sum":
            if self.peek("_"):
                self.subscript_text()
            return ChannelSum(self.arg())
        x = self.arg()          # σ'(z^{l-1})
        if x != conv.ZPREV:
            raise NotRead("σ' of something other than z^{l-1}")
        return SigmaPrime(x)

    def subscript_text(self) -> str:
        self.need("_")
        if self.take("{"):
            depth, start = 1, self.i
            while self.i < len(self.s) and depth:
                depth += {"{": 1, "}": -1}.get(self.s[self.i], 0)
                self.i += 1
            if depth:
                raise NotRead("unbalanced braces in a subscript")
            return self.s[start:self.i - 1]
        self.i += 1
        return self.s[self.i - 1]

    def subscript(self) -> tuple:
        text = self.subscript_text().strip()
        if text.startswith("(") and text.endswith(")") and "," in text:
            text = text[1:-1]
        return tuple(_Arith(part, self.letters).parse() for part in text.split(","))

    def tensor(self):
        m = re.compile(r"(\\delta|[Ww]|a|z|b)(\^(\{[^{}]*\}|[^{}T]))?").match(self.s, self.i)
        if m is None:
            raise NotRead(f"cannot read {self.s[self.i:self.i + 20]!r}")
        self.i = m.end()
        base, label = m.group(1), (m.group(3) or "").strip("{}()")
        if base == "z":
            if label != "l-1":
                raise NotRead("z without the label l-1")
            return conv.ZPREV
        return {r"\delta": conv.DELTA, "W": conv.W, "w": conv.W, "a": conv.A, "b": conv.B}[base]


def _pool_params(section: SymbolicSection, letters: dict) -> tuple:
    def val(v):
        return letters[v] if isinstance(v, str) else v
    L = section.letters
    return (val(L["H"]), val(L["W"]), val(L["KH"]), val(L["KW"]), *section.stride,
            val(L["PH"]), val(L["PW"]), *section.dilation,
            int(section.flags.get("ceil_mode", False)),
            int(section.flags.get("count_include_pad", True)), 0)


class _Arith:
    """+ − · ( ) over integers and the directive's letters (implicit products: 2p, d(k-1))."""

    def __init__(self, text: str, letters: dict):
        self.tokens = re.findall(r"\d+|[A-Za-z]\d*|[-+*()]|\\cdot|\S", text.replace(" ", ""))
        self.k, self.letters, self.text = 0, letters, text

    def parse(self) -> sp.Expr:
        value = self.sum()
        if self.k != len(self.tokens):
            raise NotRead(f"subscript {self.text!r} is not + − · of numbers and sizes")
        return value

    def _peek(self):
        return self.tokens[self.k] if self.k < len(self.tokens) else None

    def sum(self):
        value = self.product()
        while self._peek() in ("+", "-"):
            sign = self.tokens[self.k]
            self.k += 1
            value = value + self.product() if sign == "+" else value - self.product()
        return value

    def product(self):
        value = self.atom()
        while self._peek() is not None and self._peek() not in ("+", "-", ")"):
            if self._peek() in ("*", r"\cdot"):
                self.k += 1
            value = value * self.atom()
        return value

    def atom(self):
        tok = self._peek()
        self.k += 1
        if tok == "-":
            return -self.atom()
        if tok == "(":
            value = self.sum()
            if self._peek() != ")":
                raise NotRead(f"unbalanced parentheses in {self.text!r}")
            self.k += 1
            return value
        if tok is not None and tok.isdigit():
            return sp.Integer(int(tok))
        if tok in self.letters:
            return self.letters[tok]
        raise NotRead(f"{tok!r} in subscript {self.text!r} is not a number or a size letter "
                      f"of the directive ({', '.join(sorted(self.letters)) or 'none'})")
