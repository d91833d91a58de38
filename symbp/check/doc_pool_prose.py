r"""Pooling sections that name no layer: the rule ``δ^{l-1} = upsample(δ^l) ⊙ σ'(z^{l-1})``
under a heading or prose that says pooling, read with the mode, window and stride the prose
gives and the sizes the page shows.

How authors set such a section up (read here, from the display's heading path: the nearest
heading that speaks of pooling, or the display's own subsection, up to the display):

* the mode in words: "max pooling", "MAX", "max-pool", 最大池化 (the error goes to each
  window's maximum), "average pooling", "mean pooling", "avg", 平均池化 (spread evenly);
  a section that names both states the rule for both, and it is checked in each;
* the window and stride: "2x2 windows, stride 2", "pooling windows 2\*2", "a kernel of size
  2×2 and a stride of 2", "F=2, S=2", 池化窗口 2*2, 步长 2 (no stride: the window's, as
  PyTorch's default);
* the sizes: a numeric example of the pooled error, ``\delta_k^l = \left(\begin{array}{cc} 2 & 8
  \\ 4 & 6\end{array}\right)`` (its shape is the output's, the input follows), else small sizes
  tried (the rule holds only if it holds at each).

The claim is then checked by the founding reader exactly as under ``<!-- symbp: layer=maxpool
input=4x4 kernel=2x2 stride=2 -->`` (max: over every pattern of maxima), so ``upsample`` means
what it means there; the verdict says which reading the prose gave.

Example (the checker passes ``check_text`` in)::

    >>> from symbp.check.checker import check_text
    >>> text = "# Pooling layer\n\nFor max pooling with 2x2 windows, stride 2:\n\n$$\n" \
    ...        "\\delta^{l-1} = upsample(\\delta^l) \\odot \\sigma'(z^{l-1})\n$$\n"
    >>> PoolProse(text, check_text).check(r"\delta^{l-1} = upsample(\delta^l) \odot \sigma'(z^{l-1})", 6, {}).verdict
    'holds'
"""
from __future__ import annotations

import re

from .doc_activation import Verdict

_UPSAMPLE = re.compile(r"(?<![A-Za-z])upsample\s*(?:_\s*\{?\s*(?:max|avg|mean)\s*\}?\s*)?\(")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_POOL = re.compile(r"pool|池化|subsampl|下采样", re.I)
_CONV = re.compile(r"conv|卷积", re.I)
_CONV_CLAIM = re.compile(r"\*|\\ast\b|\\star\b|\\circledast|conv|rot|flip|⋆|∗")     # a convolution in the claim
_ACTIVATION = re.compile(r"\\sigma|σ|\\phi|\\varphi|[fgh]\s*(?:'|\^\s*\{?\s*\\prime)|\\tanh|ReLU|relu")
_MAX = re.compile(r"(?i:\bmax(?:imum)?[- ]?pool)|\bMAX\b|最大池化|最大值池化")
_AVG = re.compile(r"(?i:\b(?:average|mean|avg)[- ]?pool)|\bAverage\b|平均池化|平均值池化")
_BY = r"\s*(?:\\?\*|x|×|\\times)\s*"
_WINDOW = re.compile(r"(?:window|pool\w*|池化\w*|窗口|region|kernel|filter)[^.\n。$]{0,40}?\b(\d)" + _BY + r"(\d)\b"
                     r"|\b(\d)" + _BY + r"(\d)\s*(?:window|pool|max[- ]pool|average[- ]pool|池化|窗口|region)",
                     re.I)
_F_S = re.compile(r"\bF\s*=\s*(\d)\s*,\s*S\s*=\s*(\d)\b")
_STRIDE = re.compile(r"stride\s*(?:of|=|:|is)?\s*(\d)\b|步长\s*(?:为|是|=|:)?\s*(\d)", re.I)
_DISPLAY = re.compile(r"\$\$(.*?)\$\$", re.S)
_NUMERIC_DELTA = re.compile(r"^\s*\\delta[^=]*=\s*(?:\\left\s*)?[(\[]?\s*\\begin\{(?:array\}\{[^}]*|[pbv]?matrix)\}"
                            r"(.*?)\\end\{(?:array|[pbv]?matrix)\}", re.S)
MODES = {"max": "maxpool", "avg": "avgpool"}
_TRIED_OUTPUTS = ((2, 2), (2, 3))
_active = []                    # re-entry guard: the founding reader runs inside check()


class PoolProse:
    """The document's text, read for pooling sections (one per document)."""

    def __init__(self, text: str, founding=None):
        """``founding``: ``check_text`` (the checker passes it in: the checker runs this reader, so
        it cannot import the checker); without it nothing is read here."""
        self.founding = founding
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.headings = [(k + 1, len(m.group(1)), m.group(2)) for k, line in enumerate(self.lines)
                         for m in [_HEADING.match(line)] if m]

    def region(self, line: int) -> str | None:
        """The text from the nearest heading on the display's path that speaks of pooling (or
        the display's own subsection, if its prose does) up to the display; None if none."""
        before = [h for h in self.headings if h[0] < line]
        path, level = [], 7
        for h in reversed(before):                 # the display's heading path, nearest first
            if h[1] < level:
                path.append(h)
                level = h[1]
        own_start = path[0][0] if path else 1
        if path and _CONV.search(path[0][2]) and not _POOL.search(path[0][2]):
            return None                          # "Convolution backward": upsample is not a pooling's there
        for start, _, title in path:
            if _POOL.search(title):
                return _before_display("\n".join(self.lines[start - 1:line - 1]))
        text = _before_display("\n".join(self.lines[own_start - 1:line - 1]))
        return text if _POOL.search(_DISPLAY.sub(" ", text)) else None

    def check(self, latex: str, line: int | None, settings: dict) -> Verdict | None:
        """The verdict on an ``upsample`` rule in a pooling section with no layer set up, or
        None when ``latex`` is not one (or a directive sets the section up)."""
        if self.founding is None or _active or line is None or settings.get("layer") or latex.count("=") < 1 or \
                not _UPSAMPLE.search(latex) or _CONV_CLAIM.search(latex):
            return None                          # upsample(δ) inside a convolution: a stride's zeros
        text = self.region(line)
        if text is None:
            return None
        prose = _DISPLAY.sub(" ", text)
        modes = [m for m, rx in (("max", _MAX), ("avg", _AVG)) if rx.search(prose)]
        if not modes:
            return Verdict("unchecked", "upsample in a pooling section that does not say max or average "
                                        "pooling: say which (<!-- symbp: layer=maxpool input=4x4 kernel=2x2 "
                                        "stride=2 -->)")
        window = _window(prose)
        if window is None:
            return Verdict("unchecked", "upsample in a pooling section that gives no window size: give it "
                                        "(<!-- symbp: layer=maxpool input=4x4 kernel=2x2 stride=2 -->)")
        (kh, kw), stride = window
        example = _example_shape(text)
        outputs = [example] if example else list(_TRIED_OUTPUTS)
        results = []
        for mode in modes:
            for oh, ow in outputs:
                h, w = (oh - 1) * stride + kh, (ow - 1) * stride + kw
                results.append((mode, (h, w), self._founding(latex, MODES[mode], h, w, kh, kw, stride)))
        found = _combine(results, modes, (kh, kw), stride, example)
        if found.verdict == "refuted" and not _ACTIVATION.search(latex):
            return Verdict("unchecked", "refuted if δ^{l-1} is the error before the previous layer's activation "
                                        "(the founding reading, a^{l-1} = σ(z^{l-1})), but the claim writes no "
                                        f"activation and no directive says there is one: {found.detail}")
        return found


    def _founding(self, latex: str, layer: str, h: int, w: int, kh: int, kw: int, stride: int):
        """The founding reader's (verdict, detail) on ``latex`` under that pooling layer."""
        doc = (f"<!-- symbp: layer={layer} input={h}x{w} kernel={kh}x{kw} stride={stride} -->\n\n"
               f"$$\n{latex}\n$$\n")
        _active.append(layer)
        try:
            claims = self.founding(doc, "md").claims
        finally:
            _active.pop()
        if len(claims) != 1:
            return "unchecked", "the display reads as several equations"
        return claims[0].verdict, claims[0].detail


def _before_display(text: str) -> str:
    """``text`` without the display that is still open at its end (the claim's own ``$$``)."""
    return text[:text.rindex("$$")] if text.count("$$") % 2 else text


def _window(prose: str):
    """((kh, kw), stride) the prose gives, or None."""
    fs = _F_S.search(prose)
    if fs:
        return (int(fs.group(1)),) * 2, int(fs.group(2))
    found = {tuple(int(x) for x in m.groups() if x) for m in _WINDOW.finditer(prose)}
    if len(found) != 1:
        return None                              # none, or two different windows: not settled
    kh, kw = found.pop()
    strides = {int(m.group(1) or m.group(2)) for m in _STRIDE.finditer(prose)}
    if len(strides) > 1 or kh < 1 or kw < 1:
        return None
    if not strides and kh != kw:
        return None                              # PyTorch's default stride is the window's, per axis
    return (kh, kw), strides.pop() if strides else kh


def _example_shape(text: str):
    """(rows, cols) of a numeric example of the pooled error (``\\delta … = [numbers]``)."""
    shapes = set()
    for display in _DISPLAY.findall(text):
        m = _NUMERIC_DELTA.match(display)
        if not m:
            continue
        rows = [r for r in re.split(r"\\\\", m.group(1)) if r.strip()]
        cells = [[c.strip() for c in r.split("&")] for r in rows]
        if all(re.fullmatch(r"-?\d+(?:\.\d+)?", c) for r in cells for c in r) and len({len(r) for r in cells}) == 1:
            shapes.add((len(cells), len(cells[0])))
    return shapes.pop() if len(shapes) == 1 else None




def _combine(results, modes, window, stride, example) -> Verdict:
    names = {"max": "max pooling", "avg": "average pooling"}
    read = (f"read as {' and as '.join(names[m] for m in modes)} (the mode{'s' * (len(modes) > 1)} the "
            f"prose names), {window[0]}x{window[1]} windows, stride {stride}")
    read += f", the {example[0]}x{example[1]} example of δ giving the sizes" if example else \
        f", at {' and '.join(f'{h}x{w}' for h, w in dict.fromkeys(s for _, s, _ in results))} inputs"
    verdicts = [v for _, _, (v, _) in results]
    if all(v == "holds" for v in verdicts):
        return Verdict("holds", f"{results[0][2][1]} ({read})")
    if all(v == "refuted" for v in verdicts):
        return Verdict("refuted", f"{results[0][2][1]} ({read})")
    mode, size, (verdict, detail) = next(r for r in results if r[2][0] != "holds")
    return Verdict("unchecked", f"not decided in every reading the prose leaves: {verdict} as "
                                f"{names[mode]} at a {size[0]}x{size[1]} input: {detail} ({read})")
