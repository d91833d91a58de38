r"""Roles, sizes and a written-out forward that only the PROSE gives (the index reader's
fallback when no display forward and no directive named the letters).

Many pages name the layer's letters in sentences and write no display forward at all:
"a convolutional layer (input X, kernel K, output Y)", "Let $X$ be the input and $K$ the
kernel", "$X$ (the input)", "the filters $F$", "输入 X, 卷积核 K", and give the forward as text,
``y_1 = x_1 k_1 + x_2 k_2``, and the sizes as ``X = [x_1, x_2, x_3]`` or "X a 3x3 matrix".
:func:`read_prose` reads each prose paragraph (displays, code blocks and comments are not
prose); :func:`prose_context` gives, for a display at a line, the roles (every paragraph of the
document must agree: a letter given two roles, or a role given two letters, names nothing) and
the sizes, base and convention of the latest paragraph before that line that gives them.  A
written-out forward is accepted only when its products are exactly those of a stride-1
unpadded cross-correlation or true convolution at the sizes its entries give (every output
entry written out); then it settles the convention, the base and the sizes.

Example::

    >>> facts = read_prose("Input X = [x_1, x_2, x_3], kernel K = [k_1, k_2], output Y with\n"
    ...                    "y_1 = x_1 k_1 + x_2 k_2 and y_2 = x_2 k_1 + x_3 k_2.")
    >>> roles, settings = prose_context(facts, 9, {"X", "K", "Y", "x", "k", "y"})
    >>> roles
    {'X': 'input', 'K': 'kernel', 'Y': 'output'}
    >>> settings["conv"], settings["input"], settings["kernel"], settings["index_base"], settings["spatial"]
    ('cross', '3', '2', 1, 1)
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_NOT_PROSE = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->|```.*?```", re.S)

# the role words (English, Chinese) -> the role DocContext knows
_WORDS = [
    (r"input(?:\s+(?:image|signal|vector|matrix|tensor|feature\s+map|map|sequence))?", "input"),
    (r"(?:convolution(?:al)?\s+)?(?:kernel|filter)s?(?:\s+weights?)?", "kernel"),
    (r"weights?", "weights"),             # a kernel only where the document speaks of a convolution
    (r"output(?:\s+(?:feature\s+map|map|signal|vector|matrix|tensor|image))?|feature\s+map", "output"),
    (r"loss(?:\s+function)?|cost(?:\s+function)?", "loss"),
    (r"bias(?:es)?", "bias"),
    (r"输入(?:图像|特征图|矩阵)?", "input"), (r"卷积核|滤波器", "kernel"), (r"权重", "weights"),
    (r"输出(?:特征图|矩阵)?|特征图", "output"), (r"损失(?:函数)?", "loss"), (r"偏置", "bias"),
    # Korean, Japanese
    (r"입력(?:\s*(?:이미지|텐서|행렬|특징\s*맵))?|入力(?:画像|テンソル|行列|特徴マップ)?", "input"),
    (r"(?:합성곱\s*)?(?:커널|필터)|(?:畳み込み)?(?:カーネル|フィルター?)", "kernel"),
    (r"가중치|重み", "weights"),
    (r"출력(?:\s*(?:텐서|행렬|특징\s*맵))?|특징\s*맵|出力(?:テンソル|行列|特徴マップ)?|特徴マップ", "output"),
    (r"손실(?:\s*함수)?|損失(?:関数)?", "loss"), (r"편향|바이어스|バイアス", "bias"),
]
_NEGATED = re.compile(r"\b(?:not|unlike|rather\s+than|instead\s+of|isn't|no)\b[^.;:]*$|不是|而非", re.I)
_CONVOLUTION = re.compile(r"convol|correlat|feature\s+map|卷积|互相关|特征图|합성곱|컨볼루션|특징\s*맵|畳み込み|相互相関|特徴マップ", re.I)
# a heading: it starts a section whose prose names its own letters ("## 5. 합성곱 역전파", \subsection{…})
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t].*$|\\(?:sub)*section\*?\{[^}\n]*\}", re.M)
_ROLE = "(" + "|".join(w for w, _ in _WORDS) + ")"
# "$X$", "$\\mathbf{X}$", and an entry standing for its tensor: "$O_{i,j}$", "$W_{mn}$", "$x_i$" (letter indices only)
_MATH_LETTER = (r"\$\s*(?:\\(?:mathbf|boldsymbol|bm|mathit)\s*\{\s*)?([A-Za-z])\s*\}?"
                r"(?:\s*_\s*(?:[a-z]|\{\s*[a-z](?:\s*,?\s*[a-z]){0,3}\s*\}))?\s*\$")
_BARE_LETTER = r"(?<![\w\\$'])([A-Za-z])(?![\w$'(])"
_LETTER = f"(?:{_MATH_LETTER}|{_BARE_LETTER})"
_ADJ = r"(?:\s*\([^()\n]{0,30}\))?"            # "the output (feature map) Y"
# "input X", "the kernel K", "输入 X", "filters $F$"
_AFTER = re.compile(r"(?<![A-Za-z])" + _ROLE + _ADJ + r"\s*(?:[:：]|\s+is|\s+为|\s+是)?\s*" + _LETTER, re.I)
# "X is the input", "Let X be the input", "and K the kernel", "X (the input)", "X 为输入"
_BEFORE = re.compile(_LETTER + r"\s*(?:,\s*)?(?:\(\s*|(?:is|be|denotes?|represents?|as|for)\s+)?"
                     r"(?:the|an?|our)\s+(?:[a-z]+\s+)?" + _ROLE + r"(?![A-Za-z])"
                     r"|" + _LETTER + r"\s*(?:为|是|表示|은|는|이|가|は|が)\s*" + _ROLE, re.I)
# the result a sentence about a convolution names by its verb: "…, giving $y$", "computes $Y$, the …"
_RESULT = re.compile(r"\b(?:giving|gives|yields?|yielding|produces?|producing|computes?|computing|results?\s+in|"
                     r"to\s+(?:get|obtain|produce)|obtaining)\s+(?:the\s+(?:output|result)\s+)?" + _MATH_LETTER
                     + r"(?!\s*(?:=|\\in|of\b))", re.I)
_NOT_NAMES = {"a"}                      # an article, not a name

# X = [x_1, x_2, x_3]: a 1-D tensor written out
_LIST = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*=\s*\[\s*([a-z])_\{?(\d)\}?((?:\s*,\s*[a-z]_\{?\d\}?)*)\s*\]")
# "X a 3x3 matrix", "X is a 3 x 3 matrix", "a 2x2 kernel K" is prose_sizes'
_MATRIX = re.compile(r"(?<![A-Za-z\\$])\$?([A-Za-z])\$?\s*(?:,\s*)?(?:is\s+|being\s+)?an?\s+\$?(\d+)\s*(?:\\times|×|x)\s*(\d+)\$?"
                     r"\s+(?:matrix|matrices|image|map|kernel|filter|array|tensor)")
# y_1 = x_1 k_1 + x_2 k_2 (also y_{11} = x_{11}k_{11} + …, y_{1,1}): an output entry written out
_ENTRY = r"[A-Za-z]\s*_\s*\{?\s*\d\s*(?:,?\s*\d)?\s*\}?"
_PRODUCT = _ENTRY + r"\s*(?:\*|\\cdot|·|\\times)?\s*" + _ENTRY
_FORWARD = re.compile(r"(?<![A-Za-z\\])(" + _ENTRY + r")\s*=\s*(" + _PRODUCT + r"(?:\s*\+\s*" + _PRODUCT + r")*)(?![\w{])")
_ENTRY_PARTS = re.compile(r"([A-Za-z])\s*_\s*\{?\s*(\d)\s*(?:,?\s*(\d))?\s*\}?")
# the mode a sentence names for a convolution: "a full convolution", "'valid' convolution"
_MODE = re.compile(r"[\"'“‘*]*\b(full|valid|same)\b[\"'”’*]*\s+(?:2-?D\s+|cross-?)?(?:convolution|correlation)"
                   r"|(?:全|完全)卷积|(有效)卷积", re.I)
# a mode named any way ("a valid one", "same padding", "full mode"): a second one makes the sentence name two
_ANY_MODE = re.compile(r"\b(full|valid|same)\b[\"'”’*]*\s+(?:one|ones|mode|padding|(?:2-?D\s+)?(?:cross-?)?(?:convolution|correlation))\b"
                       r"|(?:全|完全)卷积|(有效)卷积", re.I)
_STARS = re.compile(r"\*|\\(?:ast|star|circledast)(?![A-Za-z])")     # a display's convolution operators


@dataclass
class ProseFacts:
    """What one prose paragraph (from ``line`` on) says about the layer."""
    line: int
    roles: list = field(default_factory=list)      # (letter, role), in order
    sizes: dict = field(default_factory=dict)      # letter -> (length,) or (rows, cols)
    base: int | None = None
    forwards: list = field(default_factory=list)   # (output entry, [(a entry, b entry)]) entries as (letter, idx)
    mode: str | None = None                        # "full" / "valid" / "same": the convolution the paragraph names
    next_display: int | None = None                # the line of the first display after the paragraph
    after: int | None = None                       # the line of the display after that one
    convolution: bool = False                      # the paragraph speaks of a convolution
    next_stars: int = 0                            # the number of ``*`` the next display writes
    section: tuple = (0, 10 ** 9)                  # the lines of its heading section [start, end)


def read_prose(text: str) -> list[ProseFacts]:
    """One :class:`ProseFacts` per prose paragraph of ``text`` that says anything (lines 1-based).

    >>> [(f.line, f.roles) for f in read_prose("intro\\n\\nLet $X$ be the input and $K$ the kernel.")]
    [(3, [('X', 'input'), ('K', 'kernel')])]
    """
    prose = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    breaks = [k for k, c in enumerate(text) if c == "\n"]
    line_at = lambda k: bisect.bisect_left(breaks, k) + 1      # noqa: E731 - the 1-based line of offset k
    displays = [m for m in _NOT_PROSE.finditer(text) if not m.group(0).startswith(("<!--", "```"))]
    shown = [line_at(m.start()) for m in displays]
    heads = [(line_at(h.start()), h.group(0)) for h in _HEADING.finditer(prose)]
    out = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", prose):
        start, end = line_at(m.start()), line_at(m.end())
        facts = _read_paragraph(m.group(0), start)
        k = bisect.bisect_right([h for h, _ in heads], start)
        facts.section = (heads[k - 1][0] if k else 0, heads[k][0] if k < len(heads) else 10 ** 9)
        facts.convolution |= bool(k and _CONVOLUTION.search(heads[k - 1][1]))    # "## 합성곱 역전파"
        facts.next_display = next((d for d in shown if d > end), None)
        facts.after = next((d for d in shown if d > (facts.next_display or 10 ** 9)), None)
        facts.next_stars = next((len(_STARS.findall(d.group(0))) for d, at in zip(displays, shown) if at > end), 0)
        if facts.roles or facts.sizes or facts.forwards or facts.mode:
            out.append(facts)
    return out


def speaks_of_convolution(text: str) -> bool:
    """Whether the prose or the headings of ``text`` (displays, code and comments left out)
    speak of a convolution (convolution, 卷积, 합성곱, 畳み込み, feature map …).

    >>> speaks_of_convolution("## 卷积层的反向传播\\n\\n$$Z = WA + b$$"), speaks_of_convolution("a dense layer")
    (True, False)
    """
    return bool(_CONVOLUTION.search(_NOT_PROSE.sub(" ", text)))


def _role_of(word: str) -> str:
    return next(role for pattern, role in _WORDS if re.fullmatch(pattern, word.strip(), re.I | re.S))


def _read_paragraph(para: str, line: int) -> ProseFacts:
    facts = ProseFacts(line)
    found = []
    for m in _AFTER.finditer(para):
        letter = m.group(2) or m.group(3)
        if letter not in _NOT_NAMES:
            found.append((m.start(), letter, _role_of(m.group(1))))
    for m in _BEFORE.finditer(para):
        letter = next(g for g in (m.group(1), m.group(2), m.group(4), m.group(5)) if g) if m.group(3) or m.group(6) else None
        word = m.group(3) or m.group(6)
        if letter and letter not in _NOT_NAMES:
            found.append((m.start(), letter, _role_of(word)))
    if _CONVOLUTION.search(para) and not any(role == "output" for _, _, role in found):
        found += [(m.start(), m.group(1), "output") for m in _RESULT.finditer(para)][:1]   # "…, giving $y$"
    facts.roles = [(letter, role) for _, letter, role in sorted(found)]
    for m in _LIST.finditer(para):
        idx = [int(m.group(3))] + [int(d) for d in re.findall(r"\d", m.group(4))]
        if m.group(2) == m.group(1).lower() and idx == list(range(idx[0], idx[0] + len(idx))):
            facts.sizes[m.group(1)] = (len(idx),)
            facts.base = idx[0] if facts.base in (None, idx[0]) else -1
    for m in _MATRIX.finditer(para):
        facts.sizes.setdefault(m.group(1), (int(m.group(2)), int(m.group(3))))
    for m in _FORWARD.finditer(para):
        out = _entry(m.group(1))
        terms = [tuple(_entry(e.group(0)) for e in _ENTRY_PARTS.finditer(t)) for t in m.group(2).split("+")]
        if out is not None and all(len(t) == 2 and None not in t for t in terms):
            facts.forwards.append((out, terms))
    facts.convolution = bool(_CONVOLUTION.search(para))
    said = [((m.group(1) or "").lower() or ("valid" if m.group(2) else "full"),
             bool(_NEGATED.search(para[max(0, m.start() - 24):m.start()]))) for m in _MODE.finditer(para)]
    named = {(m.group(1) or "").lower() or ("valid" if m.group(2) else "full") for m in _ANY_MODE.finditer(para)}
    if said and len({mode for mode, _ in said} | named) == 1 and not any(negated for _, negated in said):
        facts.mode = said[0][0]           # "unlike a full convolution", or two modes ("… and a valid one"): none
    return facts


def _entry(text: str):
    m = _ENTRY_PARTS.fullmatch(text.strip())
    if not m:
        return None
    return m.group(1), tuple(int(g) for g in m.groups()[1:] if g is not None)


NOT_CONVOLUTION = "the forward typed in the prose is not a convolution"


def prose_context(facts: list[ProseFacts], line: int | None, used: set, forwards_roles: list = ()):
    """(roles, settings) for a display at ``line`` from the prose, or None; the string
    :data:`NOT_CONVOLUTION` when the prose types the layer's forward (``y_2 = x_2 k_2 + x_3 k_1``)
    and it is no stride-1 cross-correlation or true convolution (no default convention is
    guessed for it).

    ``used``: the letters the section's displays write (a role is kept only for those);
    ``forwards_roles``: the roles the section's display forwards give (a prose role that
    contradicts one names nothing: a display forward always wins).

    >>> prose_context(read_prose("input X and output Y; X is the output"), 1, {"X", "Y"}) is None
    True
    """
    letter_roles: dict = {}
    convolution = any(f.convolution for f in facts)        # "weights W" of a dense layer is no kernel
    for f in facts:
        for letter, role in f.roles:
            role = "kernel" if role == "weights" and convolution else role
            if letter in used or letter.swapcase() in used:
                letter_roles.setdefault(letter, set()).add(role)
    roles = {n: next(iter(r - {"weights"} or r)) for n, r in letter_roles.items()
             if len(r) == 1 or r == {"kernel", "weights"}}       # "the filter W ... its weights W"
    for shown in forwards_roles:
        for n, r in shown.items():
            for name in (n, n.swapcase()):
                if name in roles and roles[name] != r:
                    return None
    by_role: dict = {}
    for n, r in roles.items():
        by_role.setdefault(r, set()).add(n.lower())
    roles = {n: r for n, r in roles.items() if len(by_role[r]) == 1}
    roles = {n: r for n, r in roles.items() if r != "weights"}
    if "input" not in roles.values() or "kernel" not in roles.values():
        return None
    before = [f for f in facts if line is None or f.line <= line]
    settings = _forward_settings(facts, roles)            # the document's written-out forward
    if not settings and _typed_not_convolution(facts, roles):
        return NOT_CONVOLUTION
    sized = _latest_sizes(before, roles)
    if sized:
        if settings and (settings.get("input"), settings.get("kernel")) != (sized.get("input"), sized.get("kernel")):
            settings = {k: v for k, v in settings.items() if k == "conv"}      # another example's sizes
        settings = {**sized, **settings}
    return roles, settings


def section_prose_names(facts: list, line: int | None, latex: list, letters, cache: dict):
    """:func:`prose_context` for a section whose displays are ``latex`` (``letters``: the
    letters its entries are written with); ``cache``: the section's own dict, which keeps the
    roles its display forwards give (read once, and only when the prose names an input and a
    kernel or weights).  The paragraphs of the display's own heading section are read alone
    when they name an input and a kernel ("## 5. Convolution ... where $O_{i,j}$ is the output,
    $I_{i,j}$ the input"): another section's "$z_i$ is the output of the FC layer" is another
    layer's letter, no conflict; else those and the paragraphs before the first heading, which
    must agree (a document without headings is one section)."""
    own = [f for f in facts if line is not None and f.section[0] <= line < f.section[1]]
    facts = own if _names_layer(own) else own + [f for f in facts if f.section[0] == 0 and f not in own]
    if not _names_layer(facts):
        return None
    if "shown" not in cache:
        from .doc_infer import infer_roles
        from .index_claims import IndexError_
        cache["shown"] = []
        for tex in latex:
            try:
                cache["shown"].append(infer_roles(tex)[0])
            except (IndexError_, RecursionError, ValueError):
                continue
    used = set(letters) | set(re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", " ".join(latex)))
    return prose_context(facts, line, used, cache["shown"])


def _names_layer(facts: list) -> bool:
    named = {r for f in facts for _, r in f.roles}
    return "input" in named and bool(named & {"kernel", "weights"})


def _latest_sizes(before: list, roles: dict) -> dict:
    """input, kernel (and spatial, index_base) from the latest paragraph that sizes both."""
    role_of = {n.lower(): r for n, r in roles.items()}
    for f in reversed(before):
        sizes = {role_of.get(n.lower()): s for n, s in f.sizes.items()}
        if f.forwards:
            fwd = _forward_settings([f], roles)
            if fwd:
                return fwd
        if "input" in sizes and "kernel" in sizes and len(sizes["input"]) == len(sizes["kernel"]):
            out = {"input": "x".join(map(str, sizes["input"])), "kernel": "x".join(map(str, sizes["kernel"]))}
            if len(sizes["input"]) == 1:
                out["spatial"] = 1
            if f.base in (0, 1):
                out["index_base"] = f.base
            return out
    return {}


def _forward_settings(facts: list, roles: dict) -> dict:
    """conv, sizes, base, spatial of the paragraphs' written-out forward (all of one paragraph),
    when its products are exactly a stride-1 valid cross-correlation or true convolution."""
    role_of = {n.lower(): r for n, r in roles.items()}
    for f in facts:
        if not f.forwards:
            continue
        found = _settle(f.forwards, role_of)
        if found:
            return found
    return {}


def _typed_not_convolution(facts: list, roles: dict) -> bool:
    """Whether the paragraphs type output entries as sums of input-times-kernel products (all
    of them together) that no paragraph's and not all together settle as a convolution."""
    role_of = {n.lower(): r for n, r in roles.items()}
    about = [(out, terms) for f in facts for out, terms in f.forwards
             if role_of.get(out[0].lower()) == "output"
             and all({role_of.get(a[0].lower()), role_of.get(b[0].lower())} == {"input", "kernel"} for a, b in terms)]
    return bool(about) and not _settle(about, role_of)


def _settle(forwards: list, role_of: dict) -> dict:
    rows: dict = {}
    for (out_name, out_idx), terms in forwards:
        if role_of.get(out_name.lower()) != "output":
            return {}
        pairs = set()
        for a, b in terms:
            ra, rb = role_of.get(a[0].lower()), role_of.get(b[0].lower())
            if {ra, rb} != {"input", "kernel"}:
                return {}
            x, k = (a, b) if ra == "input" else (b, a)
            pairs.add((x[1], k[1]))
        if len(pairs) != len(terms) or out_idx in rows:
            return {}
        rows[out_idx] = pairs
    dims = {len(i) for i in rows} | {len(i) for p in rows.values() for x, k in p for i in (x, k)}
    if len(dims) != 1:
        return {}
    d = dims.pop()
    every = [i for i in rows] + [i for p in rows.values() for x, k in p for i in (x, k)]
    base = min(min(i) for i in every)
    if base not in (0, 1):
        return {}
    xs = [x for p in rows.values() for x, _ in p]
    ks = [k for p in rows.values() for _, k in p]
    n_in = tuple(max(x[a] for x in xs) - base + 1 for a in range(d))
    n_k = tuple(max(k[a] for k in ks) - base + 1 for a in range(d))
    n_out = tuple(i - k + 1 for i, k in zip(n_in, n_k))
    if min(n_out) < 1 or set(rows) != set(_grid(n_out, base)):
        return {}
    fits = []
    for conv in ("cross", "true"):
        want = {o: {(tuple(oi + (ki - base if conv == "cross" else kk - 1 - (ki - base)) for oi, ki, kk in zip(o, k, n_k)), k)
                    for k in _grid(n_k, base)} for o in rows}
        if all(want[o] == rows[o] for o in rows):
            fits.append(conv)
    if not fits:
        return {}
    out = {"input": "x".join(map(str, n_in)), "kernel": "x".join(map(str, n_k)), "index_base": base}
    if d == 1:
        out["spatial"] = 1
    if len(fits) == 1:
        out["conv"] = fits[0]
        out.update({"out_origin": (base, base)} if fits[0] == "true" else {})   # y_1 = x_1 w_2 + x_2 w_1: from the first
    return out


def _grid(shape: tuple, base: int) -> list:
    import itertools
    return [tuple(base + i for i in idx) for idx in itertools.product(*(range(n) for n in shape))]


def prose_mode(facts: list, line: int | None):
    """The convolution mode ("full", "valid", "same") the paragraph just before the display
    at ``line`` names (that display only: the next display after the paragraph), else None;
    None too when that display writes more than one ``*`` (which one the word is about is
    not said).

    >>> prose_mode(read_prose("it is a **full convolution** of the two:\\n\\n$$A = B * C$$\\n\\n$$D = E * F$$"), 3)
    'full'
    >>> prose_mode(read_prose("it is a **full convolution** of the two:\\n\\n$$A = B * C$$\\n\\n$$D = E * F$$"), 5) is None
    True
    """
    if line is None:
        return None
    for f in facts:
        if f.mode and f.next_display is not None and f.next_display <= line and (f.after is None or line < f.after):
            return f.mode if f.next_stars <= 1 else None
    return None


def _misfit(found) -> bool:
    """Whether a verdict says the right side's shape is not the left side's."""
    return found.verdict != "holds" and any(w in found.detail for w in (
        "where the left side is", "the shapes match only if", "⊙ of shapes", "adding tensors of shapes"))


def settle_mode_reading(mode: str, by_mode, by_valid):
    """The verdict of a display whose ``*`` the sentence before calls a ``mode`` convolution:
    ``by_mode`` (the check with ``*`` read so) and ``by_valid`` (with ``*`` read as the valid
    convolution), both Verdict-like (verdict, detail, scope).  The mode word counts only
    where the valid reading's shape does not fit (the word is about this display); where the
    valid reading fits and the mode's does not, the word may be about another display (or the
    claim wrong as the author meant it): unchecked; where both fit, their common verdict, else
    unchecked.

    >>> from collections import namedtuple; V = namedtuple("V", "verdict detail scope")
    >>> settle_mode_reading("full", V("refuted", "side 1: shape (6, 6) where the left side is (2, 2)", None),
    ...                     V("holds", "all entries agree", None)).verdict
    'unchecked'
    """
    kind = type(by_mode)
    if by_mode.verdict == by_valid.verdict == "unchecked":
        return by_mode
    if _misfit(by_valid) and by_mode.verdict in ("holds", "refuted"):
        return kind(by_mode.verdict, by_mode.detail + f" (* read as a {mode} convolution, as the sentence "
                                                     "before the display says)", by_mode.scope)
    if _misfit(by_mode) and by_valid.verdict in ("holds", "refuted"):
        return kind("unchecked", f"read as the {mode} convolution the sentence before names, the shapes differ; "
                                 f"read as a valid one, it {by_valid.verdict.replace('s', '', 1)}s: is the word about "
                                 f"this display? write conv2(…, 'valid') or conv2(…, '{mode}')", by_valid.scope)
    if by_mode.verdict == by_valid.verdict and by_mode.verdict in ("holds", "refuted"):
        return kind(by_valid.verdict, by_valid.detail + f" (* read as a valid convolution; as a {mode} one "
                                                       f"too, it {by_mode.verdict.replace('s', '', 1)}s)", by_valid.scope)
    return kind("unchecked", f"* read as a valid convolution: {by_valid.verdict}; as the {mode} convolution "
                             f"the sentence before names: {by_mode.verdict}; which is it? write conv2(…, '{mode}')",
                by_mode.scope)


def full_mode_reading(setup, found, compare, rhs):
    """What a shape mismatch of a ``*`` read as a valid convolution means (the index reader's
    ``_compare``): ``found`` (the refutation) stands when the section or the prose named the
    mode (``conv_mode``), when the right side writes no ``*`` without a mode, or when reading
    every such ``*`` as a FULL convolution does not make the shapes match either.  When the full
    reading holds, the claim is unchecked (the author very likely meant a full convolution, as
    many pages write ``∂L/∂X = ∂L/∂Y * rot180(K)`` and say "full" only in words, if at all: a
    shape a mode word would fix refutes nothing the author meant); when the full reading's
    entries differ too, the refutation is that one (both readings fail).

    ``compare(twin)``: the comparison at the same point under ``twin``, a copy of ``setup`` whose
    ``*`` are full convolutions.
    """
    if "conv_mode" in setup.settings or not bare_star(rhs):
        return found
    twin = type(setup)(setup.roles, {**setup.settings, "conv_mode": "full"}, setup.sizes)
    from .index_claims import IndexError_, OutOfRange
    try:
        again = compare(twin)
    except (IndexError_, OutOfRange, ValueError, TypeError):     # the full reading fails to evaluate
        return found
    if again.verdict == "holds":
        return type(found)("unchecked", found.detail + ": the shapes match only if * is a full convolution "
                                                   "(zero padding of the kernel's size less one); is it? say so "
                                                   "in the prose (\"a full convolution\") or write conv2(…, 'full')")
    if again.verdict == "refuted" and ": shape (" not in again.detail:
        return type(found)("refuted", again.detail + " (read as a full convolution: read as a valid one, "
                                                     + found.detail.split(": ", 1)[-1] + ")")
    return found


_SLIDES = frozenset({"star", "corr", "conv"})        # index_tree's operators that slide a kernel


def bare_star(tree) -> bool:
    """Whether ``tree`` holds a convolution operator written without a mode (``A * B``)."""
    from .index_claims import Op
    stack = [tree]
    while stack:
        n = stack.pop()
        if isinstance(n, Op):
            if n.kind in _SLIDES and len(n.args) <= 2:
                return True
            stack.extend(a for a in n.args if not isinstance(a, str))
        elif isinstance(n, (tuple, list)):
            stack.extend(n)
        else:
            stack.extend(getattr(n, a) for a in ("body", "ref", "top", "bottom") if hasattr(n, a))
    return False
