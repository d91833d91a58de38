r"""What the prose says about entries outside a tensor: "Entries of δ outside its range are taken
as zero", "entries outside a tensor are zero", "assuming zero-padding of δ", 越界的项为 0, 补零,
"se toman como cero".  Issue 12's rule: an index claim that reaches an entry outside its tensor
is refuted unless the document says such entries are zero; where it says so, for the tensor it
names (or every tensor when it names none), those entries are read as 0
(:meth:`symbp.check.doc_names.DocContext._at` asks :func:`stated_zero`).

A sentence counts only when it puts a zero word next to an outside word ("outside", "out of
range", "beyond", 越界, 超出, "fuera") or says a tensor is zero-padded; a negated one ("are not
zero") never counts.

Example::

    >>> sorted(zero_outside(r"Entries of $\delta$ outside its range are taken as zero."))
    ['delta']
    >>> zero_outside("Entries outside a tensor are zero.")
    frozenset({'*'})
    >>> zero_outside("The output is zero outside the valid region? No: entries are not zero.") is None
    False
    >>> zero_outside("We pad the input with one row of zeros.") is None
    True
    >>> sorted(zero_outside("the error of the input map equals the zero-padded error of the result convolved"))
    ['output_grad']
    >>> sorted(zero_outside(r"in practice $\delta$ is padded with $k - 1$ rings of zeros first"))
    ['delta']
    >>> "delta" in zero_outside(r"$\delta^{l+1}$ is padded with zeros")      # its label's + kept
    True
    >>> zero_outside(r"When an index of $\theta_{h-h'}$ is out of bounds, we omit the term from the summation.")
    frozenset({'*'})
"""
from __future__ import annotations

import re

_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->|```.*?```", re.S)
_SENTENCE = re.compile(r"(?<=[.!?;。；！？])\s+|\n\s*\n|(?<=[。；])")
_ZERO = r"(?:zero|zeros|0|\$0\$|null|nul|cero|ceros|零)"
_OUTSIDE = re.compile(
    r"outside|out[- ]of[- ](?:range|bounds?)|beyond|past (?:the|its) (?:edge|border|end)|"
    r"(?:do|does) not exist|undefined|invalid ind|negative ind|fuera|越界|超出|范围之?外|以外|之外|"
    r"au-delà|hors", re.I)
_SAYS_ZERO = re.compile(
    r"(?:taken|treated|regarded|assumed|considered|defined|set|read|understood|interpreted|counted)"
    r"\s+(?:as|to\s+be|to|equal\s+to)?\s*" + _ZERO + r"|"
    r"\b(?:are|is|be|equals?|vanish(?:es)?)\s+(?:all\s+)?(?:equal\s+to\s+)?" + _ZERO + r"(?!\w)(?!\.\d)|"   # "are $0$."
    r"=\s*0\b|为\s*\$?0|为零|取\s*\$?0|取零|视为\s*\$?0|视为零|当作\s*\$?0|当作零|"
    r"se\s+(?:toman|consideran|asumen|tratan)\s+como\s+(?:cero|0)|son\s+(?:cero|0)", re.I)
_PADDED = re.compile(r"zero[- ]padd(?:ed|ing)|padded\s+with\s+(?:[^\s.;]+\s+){0,6}?zeros?\b|补零|填零|零填充|"
                     r"rellen\w*\s+con\s+ceros", re.I)          # "δ is padded with $k - 1$ rings of zeros"
# "when an index of $\theta_{h-h'}$ is out of bounds, we omit the term from the summation": a rule of the sums,
# for every tensor they read (the remark's letter is its example)
_OMITS = re.compile(r"\b(?:omit(?:s|ted)?|drop(?:s|ped)?|ignor(?:e|es|ed)|skip(?:s|ped)?|leave out|left out|exclud(?:e|es|ed))\b"
                    r"[^.;]{0,30}?\b(?:terms?|summands?|contributions?)\b|\b(?:terms?|summands?|contributions?)\b[^.;]{0,30}?"
                    r"\b(?:omitted|dropped|ignored|skipped|left out|excluded|vanish)", re.I)
_NEGATED = re.compile(r"\bnot\b|n't\b|\bnon-?zero|\bnever\b|不为|不是|\bno\s+(?:son|es)\b", re.I)
_MATH = re.compile(r"\$([^$]+)\$|\\\((.+?)\\\)")
_LETTER = re.compile(r"\\([A-Za-z]+)|([A-Za-z])(?![A-Za-z])")
_LOSS_DERIVATIVE = re.compile(r"\\partial\s*(?:[LJEC]|\\ell|\\mathcal\s*\{?\s*L)(?![A-Za-z_])")    # ∂L/…, ∂E/…
_GREEK = {"δ": "delta", "ε": "epsilon", "σ": "sigma", "θ": "theta"}
_NOT_TENSORS = {"times", "in", "le", "ge", "leq", "geq", "ldots", "cdots", "mathbb", "mathrm", "text",
                "partial", "frac", "sum", "quad", "R"}
_ROLE_WORDS = (("input", re.compile(r"\binput|输入|entrada", re.I)),
               ("kernel", re.compile(r"\bkernel|\bfilter|\bweight|卷积核|权重|filtro|pesos", re.I)),
               ("output_grad", re.compile(r"\bgradient|\berror|(?<!\\)\bdelta\b|梯度|误差|gradiente", re.I)))


def zero_outside(text: str) -> frozenset | None:
    """The names (letters without a backslash, ``delta``) or roles (``input``, ``kernel``,
    ``output_grad``) whose entries outside their range the prose of ``text`` says are zero,
    ``{'*'}`` for every tensor, None where it says nothing of the kind."""
    named: set = set()
    for sentence in _SENTENCE.split(_DISPLAY.sub(" ", text)):
        if not sentence or _NEGATED.search(sentence):
            continue
        padded = _PADDED.search(sentence)
        if not padded and _OUTSIDE.search(sentence) and _OMITS.search(sentence):
            named.add("*")
            continue
        if not padded and not (_OUTSIDE.search(sentence) and _SAYS_ZERO.search(sentence)):
            continue
        letters = _letters(sentence)
        roles = {role for role, words in _ROLE_WORDS if words.search(sentence)}
        if padded:            # "the zero-padded error": the noun after it, else the one before ("X padded with zeros")
            after = {role for role, words in _ROLE_WORDS if words.search(sentence[padded.end():padded.end() + 30])}
            roles = after or {role for role, words in _ROLE_WORDS
                              if words.search(sentence[max(0, padded.start() - 40):padded.start()])}
        if padded and not letters and not roles:
            continue                  # "with zero padding": the forward's padding, not a statement
        named |= letters | roles or {"*"}
    return frozenset(named) if named else None


def _letters(sentence: str) -> set:
    """Tensor letters a sentence names in math (``$\\delta$``, ``$a$``) or as Greek text (δ); a loss's
    derivative (``$\\frac{\\partial L}{\\partial y_{ij}}$``) names the output's gradient, another derivative
    (``$\\frac{\\partial y_{i,j}}{\\partial x_{m,n}}$``, a local one said to be zero outside a window) no tensor."""
    found = {g for ch, g in _GREEK.items() if ch in sentence}
    for m in _MATH.finditer(sentence):
        math = m.group(1) or m.group(2)
        if "\\partial" in math:
            if _LOSS_DERIVATIVE.search(math):     # ∂L/∂G: G's gradient, named by G too
                found |= {"output_grad"} | set(re.findall(r"\\partial\s*([A-Za-z])(?![A-Za-z])", math)[1:])
            continue
        if re.search(r"[-+*/=<>]|\\(?:times|cdot)", re.sub(r"[_^]\s*\{[^{}]*\}", "", math)):
            continue                  # "$k - 1$ rings of zeros": a size, not a tensor
        for name in _LETTER.finditer(math):
            word = name.group(1) or name.group(2)
            if word not in _NOT_TENSORS and not word.isdigit():
                found.add(word)
    return found


def stated_zero(ctx, name: str, role: str) -> bool:
    """Whether the section (``ctx.settings['zero_outside']``, from :func:`zero_outside`) says
    the entries of ``name`` (the document's letter, ``\\delta``) outside its range are zero."""
    said = ctx.settings.get("zero_outside")
    if not said:
        return False
    bare = str(name).lstrip("\\").split("^")[0].split("_")[0]
    grad_roles = {"output_grad", "delta", "grad"}
    zero = "*" in said or bare in said or role in said or ("output_grad" in said and role in grad_roles)
    input_letters = {n.lstrip("\\") for n, r in ctx.roles.items() if r == "input"}
    unsized = not ctx.settings.get("layer") and ctx.settings.get("padding") in (None, "")
    if zero and unsized and ("*" in said or "input" in said or input_letters & said):
        from .index_tree import IndexError_      # no directive: a zero-padded input leaves the output's range open
        raise IndexError_(f"the prose says entries outside the input are zero, so the output's range (valid, "
                          f"same or full) is not settled by the forward; {name} outside its range is read only "
                          f"with the sizes in a directive, e.g. <!-- symbp: layer=conv2d input=3x3 kernel=2x2 padding=0 -->")
    return zero


def gradient_zero_said(ctx) -> bool:
    """Whether the section's prose (``ctx.settings['zero_outside']``) says a gradient's entries outside its
    range are zero: every tensor's, δ's, the output gradient's, or those of a letter the section's roles make
    the output or δ.  A sentence about the input alone ("entries of $x$ outside the image are zero") does not."""
    said = ctx.settings.get("zero_outside") or frozenset()
    gradients = {"*", "delta", "output_grad", "grad", "output"} | {
        str(n).lstrip("\\") for n, r in ctx.roles.items() if r in ("output", "delta", "output_grad")}
    return bool(said & gradients)


# the output said to BE the full convolution: "the output is the full convolution", "output: full",
# 输出为完整卷积 (a sentence that only mentions a full convolution and, later, outputs is not)
_OUTPUT_IS_FULL = re.compile(r"(?:\boutput|\bresult|salida|sortie|Ausgabe)\s*(?:\$[^$]*\$\s*)?(?:is|are|will be|becomes|"
                             r"es|est|ist|:|=)\s*(?:the\s+|a\s+|la\s+|le\s+|die\s+)?(?:[\w-]+\s+){0,2}?(?:full\b|\"full\"|"
                             r"'full'|completa|compl[eè]te)|(?:输出|结果)(?:为|是)\S{0,6}(?:完全|完整|全)卷积", re.I)


def full_output_said(text: str) -> bool:
    """Whether a sentence of the prose says the layer's output is a full convolution ("the
    output is the full convolution ($4\\times 4$)", 输出为完整卷积): the output then runs over
    every position where the kernel touches the input, a zero outside, not the valid range an
    entry forward read where every input entry exists gives.

    >>> full_output_said("The output is the full convolution ($4\\\\times 4$). Entries outside are zero.")
    True
    >>> full_output_said("The gradient of the input is a full convolution of the error with the kernel.")
    False
    """
    for sentence in _SENTENCE.split(_DISPLAY.sub(" ", text)):
        if _OUTPUT_IS_FULL.search(sentence) and not _NEGATED.search(sentence) \
                and not re.search(r"gradient|\berror|\bdelta|backward|梯度|误差|反向|\\partial|∂|d[LJE]/d", sentence, re.I):
            return True
    return False
