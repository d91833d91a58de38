r"""Forwards real authors write that the forward binder reads once respelled (issue 12 item 5).

A section with no directive gets its layer from its forward equation
(:meth:`symbp.check.section_names.SectionNames.observe_forward`).  Two spellings did not bind:

* the convolution written as a function call, ``O = \text{conv}(I, F)``,
  ``Y = \operatorname{Conv2D}(X, W) + b``, ``\mathrm{conv2d}``, ``\text{xcorr}``, ``Conv(W, x)``: respelled as the
  plain call ``conv(I, F)`` the binder reads (first argument the input unless only the first is a
  kernel letter; the convention is the one ``*`` and ``conv(…)`` get, cross-correlation, unless
  the document says otherwise).  Names that may mean the flipped sum (``conv2``, MATLAB's true
  convolution, ``convolve``, ``convolution``) are not respelled;
* the activation around the sliding sum, the left side with or without entry subscripts,
  ``a^1 = \sigma\left(b + \sum_l \sum_m w_{l,m} a^0_{j+l,k+m}\right)``: read as the
  pre-activation's forward ``z^1_{j,k} = b + \sum_l \sum_m w_{l,m} a^0_{j+l,k+m}`` (the layer,
  whose output's gradient δ is, as the convention ``δ^l = ∂C/∂z^l`` has it) and the
  activation ``a^1_{j,k} = \sigma(z^1_{j,k})``; the output's indices are the sum's free ones
  in their written order.  Only for the activation's letter of that convention, ``a`` (another,
  ``y = \sigma(…)``, where the page differentiates by z somewhere), and not where the document writes δ as the derivative by the
  activation's own letter (``\delta = \partial C / \partial a``): δ is then not z's gradient.
  Where the page names the pre-activation in a chain, ``a^l_{ij} = \sigma(z^l_{ij}) = \sigma(\sum …
  + b^l)``, that name is the layer's output, whatever the letters.

Example::

    >>> conv_call_forward(r"Y = \text{Conv2D}(X, W) + b")
    'Y = conv(X, W) + b'
    >>> activation_wrapped_forward(r"a^1 = \sigma(b + \sum_{m} w_{m} a^0_{i+m})", "")
    ('z^{1}_{i} = b + \\sum_{m} w_{m} a^0_{i+m}', 'a^{1}_{i} = \\sigma(z^{1}_{i})')
    >>> activation_wrapped_forward(r"a^l_{ij} = \sigma(z^l_{ij}) = \sigma(\sum_{m} w_{m} a^{l-1}_{i+m,j} + b)", "")[0]
    'z^{l}_{i,j} = \\sum_{m} w_{m} a^{l-1}_{i+m,j} + b'
"""
from __future__ import annotations

import re

from .index_claims import IndexError_, parse
from .index_tree import Ref, free_vars

# a convolution's function name in a text wrapper, or a framework's layer name bare
_WRAPPED_CALL = re.compile(r"\\(?:text|mathrm|operatorname|textrm|texttt|mathtt|mathit|textit|mathsf|textsf)"
                           r"\s*\{\s*([A-Za-z][A-Za-z0-9_\\. ]*?)\s*\}\s*(?=\(|\\left\s*\()")
_BARE_CALL = re.compile(r"(?<![A-Za-z\\])((?:nn\.)?[Cc]onv(?:_?2[dD])?)\s*(?=\(|\\left\s*\()")
# the names that mean the valid cross-correlation of deep-learning libraries (or say it)
_CROSS_NAMES = {"conv", "conv2d", "nn.conv2d", "corr", "xcorr", "corr2d", "xcorr2d", "correlate",
                "crosscorrelate", "crosscorrelation", "xcorr2"}

# an activation's name before its argument's opening parenthesis
_ACT_HEAD = re.compile(r"\s*(\\sigma|\\phi|\\varphi|\\tanh|f|g|\\(?:text|mathrm|operatorname)\s*\{\s*"
                       r"(?:ReLU|relu|sigmoid|tanh|sigm)\s*\})\s*(?:\\left\s*)?\(")
_LEFT_RIGHT = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?=\s*[()])")


# the operator's own side of a chained forward, (X \ast K)_{ij} = Y_{ij} = Σ …: Y's forward is the rest
_OPERATOR_SIDE = re.compile(r"^\s*\(\s*[^()=]{0,80}(?:\\ast|\*|\\star|\\circledast|\\otimes)[^()=]{0,80}\)\s*"
                            r"(?:_\s*\{[^{}]{0,40}\}|_\s*\w|\([^()=]{0,40}\))?\s*=\s*(?=[^=]+=[^=])")


def conv_call_forward(latex: str) -> str:
    r"""``latex`` with a convolution's function call spelled ``conv(…)`` (unchanged when none), and a
    chain's leading operator side dropped: ``(X \ast K)_{ij} = Y_{ij} = \sum …`` is ``Y``'s forward
    (read whole, the named output ``Y`` sat where an input does).

    >>> print(conv_call_forward(r"(X \ast K)_{ij} = Y_{ij} = \sum_{u} X_{i+u} K_{u}"))
    Y_{ij} = \sum_{u} X_{i+u} K_{u}
    """
    def plain(m):
        word = re.sub(r"\\_|[_\\ \-]", "", m.group(1)).lower()
        return "conv" if word in _CROSS_NAMES else m.group(0)
    return _BARE_CALL.sub(plain, _WRAPPED_CALL.sub(plain, _OPERATOR_SIDE.sub("", latex)))


def activation_wrapped_forward(latex: str, text: str):
    """(the pre-activation's forward, the activation row) for ``A = f(… \\sum … )`` whose argument
    is an index forward; None otherwise (see the module's note)."""
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex.strip().rstrip(".,; "), ("=",))
    except LatexAtomError:
        return None
    named = _named_pre_activation(sides) if len(sides) == 3 else None    # a = σ(z) = σ(Σ …)
    if named is not None:
        sides = [sides[0], sides[2]]
    if len(sides) != 2 or r"\sum" not in sides[1] or r"\partial" in latex:
        return None
    rhs = _LEFT_RIGHT.sub("", sides[1]).strip()
    head = _ACT_HEAD.match(rhs)
    close = _closing(rhs, head.end() - 1) if head else None
    if close is None or rhs[close + 1:].strip() or (named is not None and head.group(1) != named[0]):
        return None
    inner = rhs[head.end():close]
    try:
        lhs, tree = parse(sides[0]), parse(inner)
    except (IndexError_, RecursionError, ValueError):
        return None
    if named is not None:
        if isinstance(lhs, Ref) and _defines_delta_by(lhs.name, text):
            return None                              # δ = ∂C/∂a: δ is not the named pre-activation's gradient
        return _with_named(lhs, named[1], inner, head.group(1), tree)
    if not isinstance(lhs, Ref) or len(lhs.name.lstrip("\\")) != 1 or _defines_delta_by(lhs.name, text):
        return None
    if lhs.idx and not all(isinstance(e, Ref) and e.idx is None for e in lhs.idx):
        return None                                  # a^1_{2,3} = σ(…): one entry, not the forward
    free = [e.name for e in lhs.idx] if lhs.idx else free_vars(tree)
    if not free:
        return None
    pre = "Z" if lhs.name.isupper() else "z"
    if lhs.name == pre or re.search(rf"(?<![A-Za-z\\]){pre}(?![A-Za-z])", inner):
        return None                                  # z is the activation's or the sum's own letter
    if lhs.name not in ("a", "A") and not re.search(rf"\\partial\s*\{{?\s*{pre}(?![A-Za-z])", text):
        return None                                  # y = σ(…): δ may be ∂L/∂y; a = σ(z), δ = ∂C/∂z is the convention
    label = f"^{{{lhs.label}}}" if lhs.label else ""
    entry = "_{" + ",".join(free) + "}"
    return f"{pre}{label}{entry} = {inner.strip()}", f"{lhs.name}{label}{entry} = {head.group(1)}({pre}{label}{entry})"


# σ(z^{l}_{x+a,y+b}): an activation of one entry, inside a forward's sum
_ACT_ENTRY = re.compile(r"(\\sigma|\\phi|\\varphi|f|g)\s*(?:\\left\s*)?\(\s*([A-Za-z])\s*(\^\s*(?:\{[^{}]*\}|\w))\s*"
                        r"(_\s*\{[^{}]*\})\s*(?:\\right\s*)?\)")
_FRESH = ("q", "v", "u", "r", "p")


def activation_input_forward(latex: str, text: str = "") -> str | None:
    r"""``latex`` with the activation of the layer below's pre-activation, written with the output's
    letter at another layer label (``z^{l+1}_{x,y} = \sum_a \sum_b \sigma(z^{l}_{x+a,y+b}) w^{l+1}_{a,b}
    + b^{l+1}``), as a letter the page never writes: the forward of a layer whose input is
    σ(z^l), z^l the pre-activation its claims differentiate (δ^l = ∂C/∂z^l); None otherwise.

    >>> activation_input_forward(r"z^{l+1}_{x,y}=\sum_{a}\sum_{b}\sigma(z^{l}_{x+a,y+b})w^{l+1}_{a,b}+b^{l+1}")
    'z^{l+1}_{x,y}=\\sum_{a}\\sum_{b}q^{l}_{x+a,y+b}w^{l+1}_{a,b}+b^{l+1}'
    """
    head = re.match(r"\s*(?:\\boldsymbol\s*\{\s*)?([A-Za-z])\s*\}?\s*(\^\s*(?:\{[^{}]*\}|\w))", latex)
    if head is None or r"\sum" not in latex or r"\partial" in latex:
        return None
    found = [m for m in _ACT_ENTRY.finditer(latex) if m.group(2) == head.group(1)
             and re.sub(r"\s", "", m.group(3)) != re.sub(r"\s", "", head.group(2))]
    fresh = next((c for c in _FRESH if not re.search(rf"(?<![A-Za-z\\]){c}(?![A-Za-z])", latex)), None)
    if len(found) != 1 or fresh is None or _defines_delta_by(r"(?!" + head.group(1) + r")[A-Za-z]", text, pattern=True):
        return None                                  # δ = ∂C/∂a^l: not the pre-activation's gradient
    m = found[0]
    return latex[:m.start()] + fresh + m.group(3) + m.group(4) + latex[m.end():]


def _named_pre_activation(sides: list):
    """(the activation, the pre-activation as parsed) of a chain's middle side ``σ(z^l_{ij})``
    that applies an activation to one name; None otherwise."""
    middle = _LEFT_RIGHT.sub("", sides[1]).strip()
    head = _ACT_HEAD.match(middle)
    close = _closing(middle, head.end() - 1) if head else None
    if close is None or middle[close + 1:].strip():
        return None
    try:
        pre = parse(middle[head.end():close])
    except (IndexError_, RecursionError, ValueError):
        return None
    return (head.group(1), pre) if isinstance(pre, Ref) and len(pre.name.lstrip("\\")) == 1 else None


def _with_named(lhs, pre, inner: str, function: str, tree):
    """The pair :func:`activation_wrapped_forward` gives for ``a = σ(z) = σ(Σ …)``: the page names
    the pre-activation itself, with the activation's entries (``a^l_{ij}``, ``z^l_{ij}``) or none."""
    if not isinstance(lhs, Ref) or len(lhs.name.lstrip("\\")) != 1 or pre.name == lhs.name or \
            (lhs.label or None) != (pre.label or None) or bool(lhs.idx) != bool(pre.idx):
        return None
    if lhs.idx and not (all(isinstance(e, Ref) and e.idx is None for e in lhs.idx + pre.idx) and
                        [e.name for e in lhs.idx] == [e.name for e in pre.idx]):
        return None                                  # σ(z_{ji}) of a_{ij}, or one entry
    free = [e.name for e in lhs.idx] if lhs.idx else free_vars(tree)
    if not free or re.search(rf"(?<![A-Za-z\\]){re.escape(pre.name)}(?![A-Za-z])", inner):
        return None
    label = f"^{{{lhs.label}}}" if lhs.label else ""
    entry = "_{" + ",".join(free) + "}"
    return f"{pre.name}{label}{entry} = {inner.strip()}", f"{lhs.name}{label}{entry} = {function}({pre.name}{label}{entry})"


def bind_respelled_forward(names, latex: str) -> bool:
    """Bind a forward written around an activation, or written out, in ``names`` (a :class:`symbp.check.section_names.
    SectionNames`): ``a^1 = \\sigma(b + \\sum … a^0_{j+l,k+m})`` binds the pre-activation's forward and
    keeps the activation (:func:`activation_wrapped_forward`); ``z^{l+1} = \\sum σ(z^l_{…}) w + b`` the
    forward whose input is σ of the layer below's pre-activation (:func:`activation_input_forward`).
    A pooling written out row by row (``y_{11} = \\max(x_{11}, x_{12}, …)``) binds as its index forward
    (:func:`symbp.check.doc_pooling.written_pool_rows`).  True when one bound."""
    from .doc_activation import activation_forward
    from .doc_pooling import written_pool_rows, written_pool_sizes
    head = re.match(r"\s*([A-Za-z]\s*_\s*\{?\s*\d\s*,?\s*\d\s*\}?)\s*=\s*\\(?:max|text|mathrm|operatorname)", latex)
    display = _pool_display(names, latex, re.sub(r"\s+", "", head.group(0))) if head and \
        "layer" not in names.settings else None          # a directive's pooling (argmax=…) is read as it says
    if display is not None:
        forward = written_pool_rows(display)
        kind = "pool-max" if r"\max" in forward else "pool-avg"
        if names.ctx is not None and names.ctx.layer == kind and names.pool_rows == display:
            return True                                    # the display's next row: the same forward
        if names.pool_rows not in (None, display) or (names.ctx is not None and names.ctx.layer != kind):
            stated = names.pool_sizes                        # another pooling: its own sizes, not the last rows'
            names.settings = {k: v for k, v in getattr(names, "section_settings", {}).items() if stated.get(k) != v}
            names.ctx = None
        names.pool_sizes = written_pool_sizes(display)
        names.settings = {**names.pool_sizes, **names.settings}      # as a directive would state them
        names.pool_rows = display
        return names._bind_forward(forward)
    wrapped = activation_wrapped_forward(latex, names.text)
    if wrapped is None:
        below = activation_input_forward(latex, names.text or "")
        return below is not None and names._bind_forward(below)
    if not names._bind_forward(wrapped[0]):
        return False
    act = activation_forward(wrapped[1])
    if act is not None:
        names.activations[act[0]] = act[1:]
    return True


def _pool_display(names, latex: str, row: str) -> str | None:
    """The display of pooling rows (:func:`symbp.check.doc_pooling.written_pool_rows`) the row ``latex``
    (its start ``row``, ``y_{11}=\\max``) belongs to: itself, or the page's last such display at or
    above the row's line that writes that start (the checker reads a display's rows one by one)."""
    from .doc_pooling import written_pool_rows
    if written_pool_rows(latex):
        return latex
    text, line = names.text or "", getattr(names, "line", None) or 10 ** 9
    found = [m.group(1) for m in re.finditer(r"\$\$(.*?)\$\$", text, re.S)
             if text.count("\n", 0, m.start()) + 1 <= line and row in re.sub(r"\s+", "", m.group(1))]
    return found[-1] if found and written_pool_rows(found[-1]) else None


def _closing(text: str, at: int) -> int | None:
    """The position of the parenthesis closing the one at ``at`` (None when it stays open)."""
    depth = 0
    for k in range(at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return None


def _defines_delta_by(letter: str, text: str, pattern: bool = False) -> bool:
    r"""True when the document writes δ as the derivative by the activation's letter,
    ``\delta^l_{j} = \frac{\partial C}{\partial a^l_j}`` (then δ is not the pre-activation's gradient);
    ``pattern``: ``letter`` is a regular expression (any letter but the output's)."""
    name = letter if pattern else re.escape(letter)
    return re.search(r"\\delta[^=$\n]{0,40}(?:=|:=|\\equiv)\s*\\(?:d|t)?frac\s*\{\s*\\partial\s*[^{}]{0,20}\}\s*"
                     rf"\{{\s*\\partial\s*{name}(?![A-Za-z])", text) is not None
