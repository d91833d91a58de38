r"""What a document's prose (outside its displays and HTML comments) says about its layer:
the sizes of its tensors, their shapes, the stride, and which convolution its operator is.

Sizes: ``$I$ of $m\times n$ pixels``, ``a $3\times 3$ kernel $K$``, ``$X$ has size $4\times 4$``,
``$X \in \mathbb{R}^{4\times 4}$`` (this one is read in displays too: it is a declaration,
not a claim), ``stride 2``.  The convention: authors say it in prose more often than in a
directive: "here $*$ is a true convolution", "we use cross-correlation, as deep-learning
libraries do", "真正的卷积".  Words about a flipped kernel alone do not count: that is how
authors describe rot180 in the backward pass.  :func:`prose_convention` answers ``"true"``,
``"cross"``, ``"both"`` (the text speaks of each, as a page that contrasts the two does) or
``None``.  The index reader (:mod:`symbp.check.real_docs`) takes ``"true"`` as the section's
convention when no directive and no written-out forward entry settle it, and with ``"both"``
leaves undecided a claim whose verdict depends on the convention
(:func:`symbp.check.index_eval.check_index_claim`).

Example::

    >>> prose_sizes(r"The input $\mathbf{X}$ has size $4 \times 4$ and $K \in \mathbb{R}^{2\times 2}$.")
    {'X': ('4', '4'), 'K': ('2', '2')}
    >>> prose_sizes("with a stride of $s = 2$")["#stride"]
    ('2', '2')
    >>> prose_sizes("and zero padding $p=1$")["#padding"]
    ('1', '1')
    >>> prose_convention("Here $*$ is a true convolution: the kernel is flipped.")
    'true'
    >>> prose_convention("Strictly this is a cross-correlation: the filter is not flipped.")
    'cross'
    >>> prose_convention("A mathematical convolution flips the kernel; CNN libraries compute cross-correlation.")
    'both'
    >>> prose_convention("The gradient is the error convolved with the flipped kernel.") is None
    True
    >>> inline_forwards("Take the layer $y_{ij} = \\sum_m w_m x_{i+m}$ with $x$ given.")
    [(1, 'y_{ij} = \\sum_m w_m x_{i+m}')]
"""
from __future__ import annotations

import functools
import re

from .stride_prose import DISPLAY as _DISPLAY
from .stride_prose import STRIDE_NUMBER as _STRIDE
from .stride_prose import HEDGED as _HEDGED
from .stride_prose import pooling_sentence, prose_stride_letters, stride_denied, stride_of_pooling

_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)      # code, fenced or inline: no prose
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n")
# a size right beside the noun it measures ("windows $3\times 3$", "a 3x3 max-pooling window") is no other size of the name
_OTHER_NOUN = r"\b(?:windows?|pool(?:ing)?|regions?|blocks?|outputs?|kernels?|filters?|feature maps?)\b"
_ANY_SIZE = re.compile(r"(?<![\w.])\d+\s*\$?\s*(?:\\times|×|x)\s*\$?\s*\d+(?![\w.])")
_SIZE = r"\$?\s*([a-z]|\d+)\s*(?:\\times|×|x)\s*([a-z]|\d+)\s*\$?"
_NAME = r"\$\s*(?:\\mathbf\{|\\boldsymbol\{)?([A-Za-z])\}?\s*\$"
# "$U$ with a $2\times 2$ kernel $V$": the size is V's (a noun and another name follow it), not U's
_SIZE_AFTER = re.compile(_NAME + r"[^$.;]{0,40}?\b(?:(?:has|of|with)\s+(?:size|shape|dimensions?)|of|is|be|with)"
                         r"\s*:?\s*(?:an?\s+)?" + _SIZE + r"(?!\$?\s*(?:[A-Za-z]+\s+)?(?:kernel|filter|map|image|input|"
                         r"output|matrix|weight|window)s?\s*\$)")
_PAIR = r"\$?\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*\$?"     # "of shape (4, 4)"
_SIZE_PAIR = re.compile(_NAME + r"[^$.;]{0,40}?\b(?:size|shape|dimensions?)\s*:?\s*" + _PAIR)
_IN_R = re.compile(r"(?:\\mathbf\{|\\boldsymbol\{)?([A-Za-z])\}?\s*\\in\s*\\mathbb\s*\{?R\}?\s*\^\s*\{\s*"
                   r"([a-z]|\d+)\s*(?:\\times|×|,)\s*([a-z]|\d+)\s*\}")
_SIZE_BEFORE = re.compile(_SIZE + r"\s*[A-Za-z]*\s*[A-Za-z]*\s*" + _NAME)


_LABEL = r"(?:\s*\^\s*(?:\{\s*[(\[]?\s*[A-Za-z](?:\s*[+-]\s*\d+)?\s*[)\]]?\s*\}|[A-Za-z]))?"      # C^{l-1}, H^l: a layer's size
_SYM = r"(?:[A-Za-z](?:_\{?[A-Za-z]+\}?)?'?" + _LABEL + r"|\d+)"
_LABELLED_NAME = r"\$\s*(?:\\mathbf\{|\\boldsymbol\{)?([A-Za-z])\}?" + _LABEL + r"\s*\$"
_SHAPE = re.compile(_LABELLED_NAME + r"[^$.;]{0,40}?\b(?:shape|size|dimensions?)\s*(?:of\s+)?:?\s*\$\s*\(?\s*("
                    + _SYM + r"(?:\s*(?:\\times|×|,)\s*" + _SYM + r"){2,3})\s*\)?\s*\$")
# a matrix's two sizes as letters: "$x^l$ is $N \times M^{l-1}$", "$W$ is an $M \times D$ matrix",
# "$z$ has shape $(N, M)$" (a batch of N rows; the units of a dense layer)
_SHAPE2 = re.compile(_LABELLED_NAME + r"[^$.;]{0,40}?(?:\b(?:shape|size|dimensions?)\s*(?:of\s+)?:?|\bis(?:\s+an?)?)"
                     r"\s*\$\s*\(?\s*(" + _SYM + r"\s*(?:\\times|×|,)\s*" + _SYM + r")\s*\)?\s*\$")


# X \in \mathbb{R}^{N \times C \times H \times W}: a declaration, read in displays too
_IN_R_SHAPE = re.compile(r"(?:\\mathbf\{|\\boldsymbol\{)?([A-Za-z])\}?\s*\\in\s*\\mathbb\s*\{?R\}?\s*\^\s*\{\s*("
                         + _SYM + r"(?:\s*(?:\\times|×|,)\s*" + _SYM + r"){2,3})\s*\}")


def prose_shapes(text: str) -> dict:
    """{size symbol: (letter, axis)} for shapes the prose gives in the tensor's index order
    (``$O$ has shape $n_f \\times h_{new} \\times w_{new}$``,
    ``X \\in \\mathbb{R}^{N \\times C \\times H \\times W}``; two axes: ``$x^l$ is $N \\times M^{l-1}$``).

    >>> prose_shapes(r"its input $x^l$ is $N \\times M^{l-1}$ and $W$ is an $M \\times D$ matrix")
    {'N': ('x', 0), 'M^{l-1}': ('x', 1), 'M': ('W', 0), 'D': ('W', 1)}
    """
    prose = _DISPLAY.sub(" ", text)
    found = {}
    for m in [*_SHAPE.finditer(prose), *_IN_R_SHAPE.finditer(_COMMENTS.sub(" ", text)), *_SHAPE2.finditer(prose)]:
        parts = re.split(r"\s*(?:\\times|×|,)\s*", m.group(2).strip())
        for axis, part in enumerate(parts):
            sym = re.sub(r"\^\s*\{?\s*([(\[]?\s*[A-Za-z](?:\s*[+-]\s*\d+)?\s*[)\]]?)\s*\}?", lambda g: "^{" + re.sub(r"\s", "", g.group(1)) + "}",
                         re.sub(r"_\{?([A-Za-z]+)\}?", r"_\1", part))         # H^l: H^{l}, as size_key names it
            if not sym.isdigit():
                found.setdefault(sym, (m.group(1), axis))
    return found


_SIZE_ROLE = re.compile(r"\b(?:an?|the)\s+\$?\s*(\d+)\s*(?:\\times|×|x)\s*(\d+)\s*\$?\s*"
                        r"(kernel|filter|input|image)\b", re.I)
# "Input size $4 \times 4$", "kernel size 3x3": the role's size after its name
_ROLE_SIZE = re.compile(r"\b(kernel|filter|input|image)\s+size\s*(?:is\s+|of\s+|:\s*)?\$?\s*(\d+)\s*(?:\\times|×|x)\s*(\d+)\b", re.I)
# "the kernel is 3x3", "an input of size 4 x 4", "the input image has shape $5\times 5$": the role, then its size
_ROLE_IS = re.compile(r"\b(kernel|filter|input)(?:\s+(?:image|matrix|map|tensor))?(?:\s+\$?[A-Za-z]\$?)?\s+(?:is|(?:has|of)\s+(?:size|shape))"
                      r"\s+(?:an?\s+)?\$?\s*(\d+)\s*(?:\\times|×|x)\s*(\d+)\b(?!\s*\$?\s*(?:\\times|×|x))", re.I)
# a bare capital letter, the way the issue writes it: "X is 4×4", "K has size 2x2" (not "$X$")
_BARE_SIZE = re.compile(r"(?<![\w$\\{^_'])([A-Z])\s+(?:is|(?:has|of)\s+(?:size|shape))\s+(?:an?\s+)?\$?\s*(\d+)\s*"
                        r"(?:\\times|×|x)\s*(\d+)\b(?!\s*\$?\s*(?:\\times|×|x))")
_PADDING = re.compile(r"\b(?:zero[- ])?padding\s*(?:of\s+|=\s*|:\s*)?\$?\s*(?:[a-z]\s*=\s*)?(\d+)\s*\$?"
                      r"|\bpadded\s+(?:with|by)\s+\$?(\d+)", re.I)
_WINDOW = re.compile(r"\$\s*(\d+|[A-Za-z])\s*(?:\\times|×|x)\s*(\d+|[A-Za-z])\s*\$\s*(?:max(?:imum)?[- ]|average[- ])?"
                     r"(?:pooling\s+)?(?:window|region|pool|block)s?\b"
                     r"|\b(?:window|region)s?\s+of\s+size\s+\$\s*(\d+|[A-Za-z])\s*(?:\\times|×|x)\s*(\d+|[A-Za-z])\s*\$"
                     r"|\b(\d+|[A-Za-z])\s*(?:×|x)\s*(\d+|[A-Za-z])\s+(?:max(?:imum)?[- ]|average[- ])?(?:pooling\s+)?"
                     r"(?:window|region|block)s?\b"                  # plain text: "a k x k window"
                     r"|\\frac\s*\{\s*1\s*\}\s*\{\s*([A-Za-z])\s*\^\s*\{?\s*2\s*\}?\s*\}\s*\\sum"   # 1/k^2 Σ: a mean
                     r"|\b(?:window|region)s?\s+(?:size\s+|(?:\$[^$]{1,20}\$\s+)?(?:are|is)\s+)\$\s*(\d+|[A-Za-z])\s*(?:\\times|×|x)"
                     r"\s*(\d+|[A-Za-z])\s*\$"          # "window size $2\times 2$", "the windows are $2\times 2$"
                     r"|\b(?:window|region)s?\s+(?:(?:have|has|of)\s+)?(?:side|size)\s+\$\s*[A-Za-z](?:_\{?[A-Za-z]+\}?)?\s*=\s*(\d+)\s*\$",
                     re.I)                                   # "windows of side $k_p = 2$": a square window


def prose_sizes(text: str) -> dict:
    """{letter: (rows, cols)} for the sizes a document's prose gives its tensors.  Code (fenced or
    inline) is no prose; a name given two different sizes gets neither ("in [1] X is 8×8; here X is
    5×5"), and a bare name or role word ("X is 4×4", "the kernel is 2x2") is read only in a sentence
    whose every size is attributed ("in LeNet the kernel is 5x5; ours is 2×2": not read)."""
    prose = _CODE.sub(" ", _DISPLAY.sub(" ", text))
    values: dict = {}
    taken: dict = {}                 # a size's place in the prose -> the name an earlier pattern gave it

    def put(key, m, rows: int, cols: int):
        if key in ("#input", "#kernel") and m.re is not _IN_R and pooling_sentence(prose, m.start()):
            key = "#pool_" + key[1:]   # "A 6 x 6 image pooled with 2 x 2 windows": the pooling example's image
        at = (m.start(rows), m.end(cols)) if m.re is not _IN_R else None
        if at is not None and any(a < at[1] and at[0] < b and (k[0] == "#") == (key[0] == "#") and k != key
                                  for (a, b), k in taken.items()):
            return                   # "$A$ is $3\times 3$ and $B$ …": that 3x3 is A's, not B's
        if at is not None:
            taken.setdefault(at, key)
        values.setdefault(key, []).append((m.group(rows), m.group(cols)))

    read = {p: list(p.finditer(prose)) for p in (_SIZE_AFTER, _SIZE_PAIR, _SIZE_BEFORE, _SIZE_ROLE, _ROLE_SIZE,
                                                  _ROLE_IS, _BARE_SIZE, _WINDOW)}    # each pattern's matches, once
    for m in read[_SIZE_AFTER]:
        put(m.group(1), m, 2, 3)
    for m in read[_SIZE_PAIR]:
        put(m.group(1), m, 2, 3)
    for m in read[_SIZE_BEFORE]:
        put(m.group(3), m, 1, 2)
    for m in _IN_R.finditer(_CODE.sub(" ", _COMMENTS.sub(" ", text))):     # X \in R^{4x4}: displays too
        put(m.group(1), m, 2, 3)
    for m in read[_SIZE_ROLE]:                     # "a 3×3 kernel", "a 4 x 4 input image"
        put(_role_key(m.group(3)), m, 1, 2)
    for m in read[_ROLE_SIZE]:                     # "Input size $4 \times 4$"
        put(_role_key(m.group(1)), m, 2, 3)
    spans = [m.span() for found in read.values() for m in found]
    for m in [*read[_ROLE_IS], *read[_BARE_SIZE]]:     # "the kernel is 2x2", "X is 4×4"
        if _all_sizes_attributed(prose, m.start(), spans):
            put(m.group(1) if m.re is _BARE_SIZE else _role_key(m.group(1)), m, 2, 3)
    found = {key: sizes[0] for key, sizes in values.items() if len(set(sizes)) == 1}
    m = next(iter(read[_WINDOW]), None)             # "each $M\times N$ window": a pooling window
    if m:
        sides = [g for g in m.groups() if g]
        found["#window"] = (sides[0], sides[-1])     # \frac{1}{k^2}\sum: one letter, the window k x k
    strides, pads = prose_numbers(prose)            # "stride 2", "zero padding $p = 1$"
    if len(strides) == 1:                           # two examples with two strides settle neither (nor a
        found["#stride"] = (strides[0],) * 2        # kernel's stride 1 beside a pooling's 2: a page's second
    #                                                 example's sizes were then read into its first)
    if len(pads) == 1:
        found["#padding"] = (pads[0],) * 2
    return found


def _role_key(word: str) -> str:
    """The key of a size said with a role word: ``#kernel`` (kernel, filter) or ``#input`` (input, image)."""
    return "#kernel" if word.lower() in ("kernel", "filter") else "#input"


def _all_sizes_attributed(prose: str, at: int, spans) -> bool:
    """Whether every number size (``4x4``) of the sentence around ``at`` lies in a span a size pattern read."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(prose, 0, at)), default=0)
    stop = next((m.start() for m in _SENTENCE_END.finditer(prose, at)), len(prose))
    return all(any(a <= m.start() and m.end() <= b for a, b in spans) or
               re.search(_OTHER_NOUN + r"\s*(?:of\s+)?(?:size\s+)?\$?\s*$", prose[max(begin, m.start() - 30):m.start()], re.I) or
               re.match(r"\s*\$?\s*(?:\w+[- ])?" + _OTHER_NOUN, prose[m.end():stop], re.I)
               for m in _ANY_SIZE.finditer(prose, begin, stop))


def prose_numbers(prose: str) -> tuple[list, list]:
    """The distinct numbers the prose gives as a stride and as a padding, in order.

    >>> prose_numbers("first with stride 1, then the same input with stride 2 and padding 1")
    (['1', '2'], ['1'])
    >>> prose_numbers("We do not assume stride 1. Then stride 1 or 2 at will.")
    ([], [])
    """
    strides = list(dict.fromkeys(m.group(1) for m in _STRIDE.finditer(prose) if not stride_denied(prose, m)))
    pads = list(dict.fromkeys(m.group(1) or m.group(2) for m in _PADDING.finditer(prose)))
    return strides, pads


_NOT_PROSE = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->|```.*?```", re.S)

# the operator named a true convolution in so many words ("the kernel is flipped" alone is not
# enough: it is how authors describe rot180 in the backward pass)
_TRUE = re.compile(
    r"\b(?:true|real|mathematical|strict|proper|genuine) convolution|"
    r"convolution in the (?:strict|mathematical|signal[- ]processing) sense|"
    r"convolution,? as in signal[- ]processing|as in signal[- ]processing,? convolution|"
    r"真正的卷积|数学上的卷积|严格意义上的卷积|真卷积|数学的な畳み込み|진짜 합성곱|vraie convolution|echte Faltung|"
    r"настоящ\w* свёртк\w*|convoluci[oó]n verdadera|convolu[cç][aã]o verdadeira|t[íi]ch ch[aậ]p th[aậ]t|"
    r"\$\s*(?:\*|\\ast|\\star|\\circledast)\s*\$,?\s+(?:flips|rotates|reverses|turns)\b|"   # "where $*$ flips the kernel"
    r"\$\s*(?:\*|\\ast|\\star|\\circledast)\s*\$\s+(?:denotes|is|means)\s+(?:a\s+|the\s+)?convolution,?\s+(?:where|in which|"
    r"with|whose)\s+(?:the\s+)?(?:kernel|filter)\s+(?:is\s+)?(?:reversed|flipped|rotated)|"     # red team 49
    r"\bscipy\.signal\.convolve2?d?\b|\bsignal\.convolve2d\b", re.I)
_CROSS = re.compile(
    r"cross[- ]?correlat\w*|(?:not|n't|without|no|never) (?:be )?(?:flip|rotat)\w*|"
    r"(?:is|are) not flipped|互相关|不(?:需要)?翻转", re.I)


def prose_convention(text: str) -> str | None:
    """``"true"``, ``"cross"``, ``"both"`` or None: what the prose of ``text`` says the
    convolution is (displays, code blocks and HTML comments are not read)."""
    prose = _NOT_PROSE.sub(" ", text)
    cross = _affirmed(_CROSS, prose)
    true = _affirmed(_TRUE, prose)
    if true and cross:
        return "both"
    return "true" if true else "cross" if cross else None


@functools.lru_cache(maxsize=16)
def stated_convention(text: str) -> str | None:
    """``"true"`` or ``"cross"`` where the prose of ``text`` names the convolution so only in
    sentences that speak of the layer itself (:func:`prose_convention`'s words), not of a gradient,
    a backward pass or an error ("its gradient is a true convolution of the error with the kernel")
    and not hedged ("a true convolution would flip the kernel; we skip the flip", "unlike libraries,
    which compute a cross-correlation"); None otherwise.  Red team 45: claims read under no forward
    took such sentences for the layer's convention.

    >>> stated_convention("The layer computes the valid cross-correlation of the image with the kernel.")
    'cross'
    >>> stated_convention("The forward is a convolution. Its gradient is a true convolution of the error.") is None
    True
    """
    prose = _NOT_PROSE.sub(" ", text)
    found = set()
    for sentence in re.split(r"(?<=[.!?。！？;；])\s*|\n\s*\n", prose):
        if _ABOUT_GRADIENT.search(sentence) or _HEDGED.search(sentence) or re.search(r"\bskip", sentence, re.I):
            continue
        found |= {name for name, words in (("cross", _CROSS), ("true", _TRUE)) if _affirmed(words, sentence)}
    return found.pop() if len(found) == 1 else None


_ABOUT_GRADIENT = re.compile(r"gradient|backward|back-?prop|\berror|\bdelta\b|\\delta|derivative|梯度|误差|反向|勾配|逆伝播|기울기|역전파", re.I)


# "(not a cross-correlation)", "rather than a true convolution": the word names what it is not
_NEGATED = re.compile(r"(?:\bnot|\bno|rather than|instead of|unlike|as opposed to|不是|而非|并非)\s*(?:an?\s+|the\s+)?$", re.I)


def _affirmed(pattern, prose: str) -> bool:
    """Whether ``pattern`` occurs in ``prose`` other than right after a negation.

    >>> _affirmed(re.compile("cross-correlation"), "a true convolution (not a cross-correlation)")
    False
    """
    return any(not _NEGATED.search(prose[max(0, m.start() - 30):m.start()]) for m in pattern.finditer(prose))


_INLINE = re.compile(r"(?<![$\\])\$(?!\$)([^$]{1,400}?)(?<!\\)\$|\\\((.{1,400}?)\\\)", re.S)   # $X$ too: pairs from the left
_LAYERISH = re.compile(r"\\sum|\\star|\\ast|\\circledast|\\otimes|\*|\\mathrm\{conv|\\text\{conv|conv\(")


def inline_equations(text: str) -> list[tuple[int, str]]:
    """(offset, LaTeX) of the inline equations (``$...$``, ``\\(...\\)`` holding an ``=``)
    outside displays and comments, where pages often restate a forward pass.

    >>> inline_equations("with $z = W a + b$ and $a$ the input")
    [(5, 'z = W a + b')]
    """
    hidden = _DISPLAY.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)    # keeps offsets
    found = [(m.start(), (m.group(1) or m.group(2) or "").strip()) for m in _INLINE.finditer(hidden)]
    return [(pos, tex) for pos, tex in found if "=" in tex]


_GIVEN_NUMBER = re.compile(r"^\s*(?:\\mathbf\{|\\boldsymbol\{)?[A-Za-z]\}?(?:_\{?\w+\}?)?\s*=\s*-?\d+(?:\.\d+)?\s*(?:,|$)")


# a display giving a plain letter a number, alone or among others: $$x = 2$$, x = 2, \quad w = 0.5
# (an entry, a_{11} = 5, is bound by the readers themselves)
_SHOWN_NUMBER = re.compile(r"(?<![\\\w])[A-Za-z]\s*=\s*-?\d+(?:\.\d+)?\s*(?=,\s*\\q?quad|\\q?quad|\s*\$\$)")


# a display giving a letter a matrix of numbers: X = \begin{bmatrix} 3 & 1 \\ 3 & 1 \end{bmatrix} (a worked example's datum)
_GIVEN_MATRIX = re.compile(r"(?<![\\\w])([A-Za-z](?:_\{?\w{1,3}\}?)?)\s*=\s*\\begin\s*\{([bpvB]?matrix|array)\}(?:\{[^{}]*\})?"
                           r"([\s\d.,\-&]|\\\\)+\\end\s*\{\2\}")


def given_numbers(text: str) -> str | None:
    r"""The first value the page gives one letter as a worked example's datum: a sentence's inline
    ``$x = 2$`` (``$w_1 = 0.5$``), or a display's ``x = 2, \quad w = 0.5``; None where none.

    >>> given_numbers("Example: $x = 2$, $w = 0.5$, $b = 0.1$, ReLU activation.")
    'x = 2'
    >>> given_numbers("with $z = W a + b$") is None, given_numbers("$$x = 2, \\quad w = 0.5$$")
    (True, 'x = 2')
    >>> given_numbers("Given the input x_1 = 1.0, x_2 = 0.0 and the targets.")
    'x_1 = 1.0'
    >>> given_numbers("$$ X = \\begin{bmatrix} 3 & 1 \\\\ -2 & 0 \\end{bmatrix} $$")
    'X = a matrix of numbers'
    """
    inline = next((tex for _, tex in inline_equations(text) if _GIVEN_NUMBER.match(tex)), None)
    shown = _SHOWN_NUMBER.search(text)                  # x = 2, \quad w = 0.5 in a display
    typed = _TYPED_NUMBERS.search(_DISPLAY.sub(" ", text))   # "the input x_1 = 1.0, x_2 = 0.0" typed as text
    matrix = _GIVEN_MATRIX.search(text)                 # X = \begin{bmatrix} 3 & 1 \\ … \end{bmatrix}
    return inline or (shown and shown.group(0).strip(" ,$")) or (typed and typed.group(1)) or \
        (matrix and f"{matrix.group(1)} = a matrix of numbers")


# two or more letters given numbers in a sentence typed as plain text: "x_1 = 1.0, x_2 = 0.0", "s^1_1 = 0.622"
_TYPED_ONE = r"(?<![\\\w$])[A-Za-z](?:[_^]\{?\w{1,3}\}?){0,2}\s*=\s*-?\d+(?:\.\d+)?(?![\w.]*\$)"
_TYPED_NUMBERS = re.compile(r"(" + _TYPED_ONE + r")\s*[,;]\s*(?:and\s+)?" + _TYPED_ONE)


def inline_forwards(text: str) -> list[tuple[int, str]]:
    """(line, LaTeX) of the inline equations (:func:`inline_equations`) that could state a
    layer's forward pass (a sum or a convolution operator): the forward many pages give only in
    a sentence."""
    return [(text.count("\n", 0, pos) + 1, tex) for pos, tex in inline_equations(text)
            if _LAYERISH.search(tex)]


def inline_before(forwards: list, seen_to: int, lines) -> tuple[list, list]:
    """The inline forwards (:func:`inline_forwards`) of a section whose equations span ``lines``
    (first, last), after line ``seen_to``: (the LaTeX of those stated before its first equation,
    the (line, LaTeX) of those stated among its equations).  A forward the prose states below some
    claims (a later strided example) is not the forward of the claims above it.

    >>> inline_before([(3, "y = a"), (9, "y = b"), (30, "y = c")], 0, (5, 20))
    (['y = a'], [(9, 'y = b')])
    """
    if not lines:
        return [], []
    return ([tex for line, tex in forwards if seen_to < line <= lines[0]],
            sorted((line, tex) for line, tex in forwards if lines[0] < line <= lines[1]))


def prose_geometry(text: str) -> dict:
    """What the prose says about stride and padding, for a layer inferred from subscripts:
    ``{"stride": n or None, "padding": n or None, "mentions": {"stride", "padding"} ∩ …}``.

    >>> prose_geometry("a 4x4 input, zero padding of 1, with a stride of 2")["mentions"] == {"stride", "padding"}
    True
    >>> prose_geometry("the gradient is padded with zeros")["mentions"]
    set()
    >>> prose_geometry("output Y a 2x2 matrix ('valid' padding)")["padding"], prose_geometry("no padding")["padding"]
    (0, 0)
    """
    prose, sizes = _DISPLAY.sub(" ", text), prose_sizes(text)
    pick = lambda key: int(sizes[key][0]) if key in sizes and str(sizes[key][0]).isdigit() else None  # noqa: E731
    found = {"stride": pick("#stride"), "padding": pick("#padding")}
    if found["padding"] is None and _NO_PADDING.search(prose):      # "no padding"
        found["padding"] = 0
    # only numbers count: words alone ("pad δ with zeros") often describe the backward pass
    found["mentions"] = {k for k, least in (("stride", 2), ("padding", 1)) if (found[k] or 0) >= least}
    strides, pads = prose_numbers(prose)
    found["mentions"] |= {k for k, many in (("stride", strides), ("padding", pads))
                          if any(n.isdigit() and int(n) >= (2 if k == "stride" else 1) for n in many)}
    found["stride_of_pooling"] = stride_of_pooling(prose)
    if found["stride_of_pooling"] and not prose_stride_letters(prose):    # "pooled with 2 x 2 windows and stride 2", and
        found["stride"], found["mentions"] = None, found["mentions"] - {"stride"}   # no stride s of a convolution
    found["stride_said"] = found["stride"] is not None and strides == [str(found["stride"])]   # one stride, a number
    found["stride_words"] = bool(_STRIDE_WORDS.search(_NO_OVERLAP.sub(" ", prose)))   # "unit stride", "the windows overlap"
    found["padding_words"] = bool(_PADDING_WORDS.search(prose))          # "zero padding", "zero-padded": no number
    return found


_NO_OVERLAP = re.compile(r"\bnon[- ]?overlapping\b|\b(?:not|never|no|without|don't|do\s+not|does\s+not)\s+overlap\w*", re.I)
_PADDING_WORDS = re.compile(r"\bpad|填充|补零|パディング|패딩|\bauffüll|\brelleno|\bremplissage", re.I)
_STRIDE_WORDS = re.compile(r"\bstrides?\b|\bstrided\b|\boverlap|步长|步幅|Schrittweite|\bpas\b|\bpaso\b|\bpasso\b", re.I)


# "no padding", "unpadded"; Keras/TensorFlow's "'valid' padding", padding='valid'
_NO_PADDING = re.compile(r"\b(?:no|without)\s+(?:zero[- ]?)?padding\b|\bunpadded\b|\bno\s+pad\b"
                         r"|[\"'“‘]valid[\"'”’]\s+padding|padding\s*=\s*[\"']valid[\"']", re.I)


def settled_geometry(size, kernel, out, geometry: dict) -> tuple[int, int] | None:
    """The one (stride, padding) that the entries' sizes (``size``, ``kernel``, ``out``:
    (rows, cols) or None) and the prose's ``geometry`` (:func:`prose_geometry`) allow: its
    numbers where it gives them, any small value where not.  None when that is not exactly
    one pair.

    >>> settled_geometry((4, 4), (3, 3), (2, 2), {"stride": 2, "padding": None, "mentions": {"padding"}})
    (2, 1)
    """
    from ..core.geometry import strides_and_paddings
    if not (size and kernel and out):
        return None
    strides = [geometry["stride"]] if geometry.get("stride") else range(1, 5)
    pads = [geometry["padding"]] if geometry.get("padding") is not None else range(0, 4)
    fits = strides_and_paddings(tuple(size), tuple(kernel), tuple(out), strides, pads)
    return fits[0] if len(fits) == 1 else None


def prose_size_note(latex: str, shapes: dict) -> str:
    """What a claim's verdict owes to the prose's shapes (:func:`prose_shapes`): the size
    letters ``latex`` writes that ``shapes`` ({size: (role, axis)}) binds, with the axis of
    the layer's tensor each names; "" when it writes none.

    >>> prose_size_note(r"\\sum_{n=0}^{N-1} g_{n,j}", {"N": ("input", 0), "M^{l}": ("output", 1)})
    ' (the size N read from the shapes the prose gives: N axis 0 of the input)'
    """
    used = [(sym, letter, axis) for sym, (letter, axis) in shapes.items()
            if re.search(r"(?<![A-Za-z\\])" + re.escape(sym[0]) + r"(?![A-Za-z])", latex)]
    if not used:
        return ""
    said = ", ".join(sym for sym, _, _ in used)
    how = ", ".join(f"{sym} axis {axis} of the {letter}" for sym, letter, axis in used)
    return f" (the size{'s' if len(used) > 1 else ''} {said} read from the shapes the prose gives: {how})"


_BOLD_OF = r"(?:\\(?:textbf|mathbf|boldsymbol|bm|pmb|vec)\s*\{\s*%s\s*\}|\\vec\s+%s\b)"
_ENTRY_WORDS = re.compile(r"\b(?:entry|entries|element|component|coordinate|scalar|value|number|one of|single)\b", re.I)
# the plain letter alone in inline maths, or said to be a real number: $a$, $a \in \mathbb{R}$
_PLAIN_INLINE = r"\$\s*(%s)\s*(?:\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*)?\$"


@functools.lru_cache(maxsize=16)
def scalar_entries(text: str) -> frozenset:
    r"""The letters a sentence of ``text`` names plain for one entry of the bold vector of the same
    letter: "Write $x$ for the first entry $x_1$ of $\textbf{x}$ (a scalar)" gives ``{'x'}``.
    A claim on such a plain letter is not one on the vector.

    >>> sorted(scalar_entries(r"Write $x$ for the first entry $x_1$ of $\textbf{x}$, a scalar."))
    ['x']
    >>> sorted(scalar_entries(r"The input $\mathbf{x}$ has $n$ entries; we drop the bold and write $x$."))
    []
    """
    found = set()
    sentences = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)
    for k, sentence in enumerate(sentences):
        sentence = " ".join(sentences[max(0, k - 1):k + 1])      # "Pick one coordinate of $\mathbf{a}$. Call that number $a$."
        if not _ENTRY_WORDS.search(sentence):
            continue
        for m in re.finditer(_PLAIN_INLINE % "[A-Za-z]", sentence):
            letter = m.group(1)
            if re.search(_BOLD_OF % (letter, letter), sentence) and \
                    not re.search(r"\b(?:drop|omit|without)\b[^.]*\bbold", sentence, re.I):
                found.add(letter)
    return frozenset(found)


_BOLD_ONE = re.compile(_BOLD_OF % ("[A-Za-z]", "[A-Za-z]"))       # any bold letter, as _BOLD_OF writes one


def scalar_entry_use(row: str, text: str) -> str | None:
    r"""Why the display row ``row`` is not read: it writes plain a letter the page ``text`` names
    one entry of the bold vector of that letter (:func:`scalar_entries`), which every reader
    would take for the vector; else None.

    >>> scalar_entry_use(r"\frac{\partial J}{\partial W} = \delta a^T", r"Let $a$ be the i-th component of $\mathbf{a}$.")[:31]
    'the page writes a for one entry'
    >>> scalar_entry_use(r"\frac{\partial J}{\partial \mathbf{a}} = W^T \delta", r"Let $a$ be the i-th component of $\mathbf{a}$.") is None
    True
    """
    letters = scalar_entries(text) if "$" in text else ()
    plain = _BOLD_ONE.sub(" ", row) if letters else ""
    for letter in sorted(letters):
        if re.search(r"(?<![\\A-Za-z])" + letter + r"(?![A-Za-z])", plain):
            return (f"the page writes {letter} for one entry of the vector of that letter, and symbp reads "
                    f"only the whole vector")
    return None
