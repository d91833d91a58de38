"""Claims the founding-notation reader must leave to the index reader.

The founding notation counts entries from 1 (``a_{11}`` is the first entry) and reads ``*`` as
cross-correlation.  Two directive keys of the index reader change what a document's text means:
``index_base=0`` (``a_{11}`` is the second row's second entry) and ``conv=true`` (the document's
``*`` flips its kernel), as do prose words that call the document's ``*`` a true convolution.  In
such a section the founding reader would decide a claim under the wrong meaning: a false "holds"
(``∂J/∂a_{11} = δ_{11} W_{11}`` at base 0 is the corner's rule read at the centre) or a false
"refuted" (``δ_0`` is no entry from 1).  It declines those claims; the index reader, which honours
both keys, reads them.
"""
from __future__ import annotations

import re

from .directive_names import TYPED_LETTER, bare_letter, delta_renamed, role_words
from .doc_infer import directive_roles
from .fc_rows import written_row_order as _written_row_order
from .index_tree import label_offset

# an entry written with numbers: x_{11}, \delta_0, W_{1,2}, a^{l}_{21}
_LABEL = re.compile(r"\^\s*(?:\{\s*\(?\s*\w|\w)(?<!T)")     # a label: W^l, δ^{(l+1)}, b^{(2)}, a^2
# z^{(l+1)} = W^{(l)} …: the output's label, then the weight's
_FORWARD_LABELS = re.compile(r"^\s*[a-z]\s*\^\s*(\{[^{}]*\}|\w)\s*=[^=]*?(?<![A-Za-z\\])[Ww]\s*\^\s*(\{[^{}]*\}|\w)")
_BARE_A = re.compile(r"(?<![\\A-Za-z])a(?![A-Za-z])")
_NUMBERED = re.compile(r"_\s*(?:\{\s*\d|\d)")
# the document counts from 0: x_{0j}, w_{m,0}, \sum_{m=0}^{k-1}
_ZERO_BASED = re.compile(r"_\s*(?:0|\{\s*0|\{[^{}]*[,\s]0\s*[,}]|\{\s*\d0\s*\})|\\sum_\{?\s*[A-Za-z]'?\s*=\s*0\b")   # W_{10}
# a convolution operator as the documents write it (the founding reader's * and its spellings)
_CONV_OPERATOR = re.compile(r"(?<![\^_{])\*|\\ast(?![A-Za-z])|\\star(?![A-Za-z])|\\circledast|"
                            r"\\otimes|\\circledcirc|conv")


# the founding notation's letters and the roles it reads them in (``Values``: a, W/w, b, z)
_FOUNDING = {"a": "input", "W": "kernel", "w": "kernel", "b": "bias", "z": "output", r"\delta": "delta"}
_SAID = {"delta": "δ (∂J/∂z)"}          # how a message names a founding role
# layers whose founding input is z (σ(z), softmax(z)): names there speak of another notation
_UNWEIGHTED = ("activation", "act", "softmax", "softmax-ce")


def names_clash(latex: str, names: str) -> str | None:
    r"""Why a directive's ``names:`` keeps ``latex`` from the founding reader: it writes a founding
    letter (a, W, w, b, z) that the names give another role, a word symbp reads no role in
    (``a=activation``), or whose founding role they give another letter (``x=input`` beside
    ``∂L/∂a``: a is not the page's input); else None.

    >>> print(names_clash(r"\frac{\partial L}{\partial a} = W^T \delta", "x=input w=kernel a=activation"))
    the directive names a the activation and x the input: a is not read as the founding notation's input
    >>> print(names_clash(r"\frac{\partial L}{\partial W} = \delta a^T", "V=kernel"))
    the directive names V the kernel: W is not read as the founding notation's kernel
    >>> names_clash(r"\frac{\partial L}{\partial W^l} = \delta^l (a^{l-1})^T", "a^{l-1}=input W^l=kernel z^l=output") is None
    True
    >>> names_clash(r"\frac{\partial L}{\partial a_{11}} = \delta_{11} w_{22}", "a_{prev}=input W=kernel Z=output") is None
    True
    """
    said: dict = {}                   # bare letter -> the role words the directive gives it
    for name, word in role_words(names):
        said.setdefault(_letter(name), set()).add(word)
    roles = {_letter(n): r for n, r in directive_roles(names).items()}
    for letter, role in _FOUNDING.items():
        if not re.search(rf"(?<![\\A-Za-z]){re.escape(letter)}(?![A-Za-z])", latex):
            continue
        others = sorted(n for n, r in roles.items() if r == role and n.lower() != letter.lower())
        shown = _SAID.get(role, role)
        if letter in said and (roles.get(letter) != role or letter == r"\delta" and delta_renamed(names, labelled=False)):
            also = f" and {others[0]} the {role}" if others else ""
            return (f"the directive names {letter} the {'/'.join(sorted(said[letter]))}{also}: {letter} is not read "
                    f"as the founding notation's {shown}")
        if letter not in said and others:
            return f"the directive names {others[0]} the {role}: {letter} is not read as the founding notation's {shown}"
    return None


def _letter(name: str) -> str:
    r"""The letter a directive's name is written with: ``a_{prev}``, ``W^{(l)}``, ``\mathbf{x}``,
    ``\mathbf{\delta}^{(L)}`` -> a, W, x, \delta; a word or a macro as it is."""
    bare = bare_letter(TYPED_LETTER.sub(r"\1", name.strip()))
    m = re.match(r"\\delta(?![A-Za-z])|[A-Za-z](?![A-Za-z])", bare)
    return m.group(0) if m else bare


def core_declines(latex: str, settings: dict, prose_convention: str | None = None,
                  model=None, own=None, section_displays=()) -> str | None:
    """Why the founding reader leaves ``latex`` to the index reader, or None where it may decide.

    ``settings``: the section's directive keys (``index_base``, ``conv``); ``prose_convention``:
    ``"true"`` where the prose calls the document's ``*`` a true convolution; ``model``: the
    section's layer model (``Section.model``: ``fc``, ``weighted``), or None; ``own``: the index reader's reading of the
    document's own forward (a ``DocContext``: ``layer``, ``settings`` with ``conv``,
    ``index_base``, ``fc_kernel``), or None; ``section_displays``: the section's displays (where a
    0 in an entry or a sum's lower bound shows the document counts from 0).  A forward the document writes in entries settles
    its convention, base and weight order; where they are not the founding reader's (cross-
    correlation, from 1, ``w_{jk}`` with j the output), it reads none of the section's claims.

    >>> core_declines(r"\\frac{\\partial J}{\\partial a_{11}} = \\delta_{11} W_{11}", {"index_base": "0"})
    'the entries are counted from 0 here (index_base=0): read by the index reader'
    >>> core_declines(r"\\frac{\\partial J}{\\partial W} = a * \\delta", {"conv": "true"})
    "the document's convolution flips its kernel here: read by the index reader"
    >>> core_declines(r"\\frac{\\partial J}{\\partial W} = a * \\delta", {}) is None
    True
    """
    if settings.get("names") and str(settings.get("layer", "")).lower() not in _UNWEIGHTED and (
            clash := names_clash(latex, str(settings["names"]))):
        return clash
    base = str(settings.get("index_base", "1")).strip()
    if base != "1" and _NUMBERED.search(latex):
        return f"the entries are counted from {base} here (index_base={base}): read by the index reader"
    convention = str(settings.get("conv", "")).strip().lower()
    flips = convention in ("true", "conv", "convolution") or (
        not convention and prose_convention == "true")
    dense = model is not None and model.fc
    conv_section = model is not None and model.weighted and not dense
    if flips and (conv_section or _CONV_OPERATOR.search(latex)):
        return "the document's convolution flips its kernel here: read by the index reader"
    if dense and settings.get("names") and _written_row_order(latex) not in (None, "oi"):
        # a directive that names the document's letters reads its notation: a row written
        # input-first is its forward (a bare layer=fc is the founding w_{jk}, the row a claim)
        return ("this equation writes the dense forward out with the weight indexed input-first: "
                "read by the index reader")
    if dense and _LABEL.search(latex) and any(_output_past_weight(d) for d in section_displays):
        return ("the document's forward labels the output one layer past its weight (z^{(l+1)} = "
                "W^{(l)} a^{(l)} + b^{(l)}): read by the index reader")
    if own is None:
        return None
    mine, layer, roles = getattr(own, "settings", {}) or {}, getattr(own, "layer", None), getattr(own, "roles", {}) or {}
    given = next((n for n, r in roles.items() if r == "input"), "a")
    if dense and given != "a" and "a" not in roles and _BARE_A.search(latex):     # z = Wx + b, then a = σ(z)
        return f"the section's forward names {given} the input: a is not read as the founding notation's input"
    if dense and mine.get("directive_conflict"):          # weight=out-in over a sentence's z = aW + b
        return mine["directive_conflict"]
    if conv_section and layer == "conv" and mine.get("conv") == "true":
        return "the document's own forward is a true convolution: read by the index reader"
    if conv_section and layer == "conv" and str(mine.get("index_base", 1)) == "0" and \
            _NUMBERED.search(latex) and (mine.get("base_given") or
                                         any(_ZERO_BASED.search(d) for d in section_displays)):
        return "the document's own forward counts entries from 0: read by the index reader"
    if conv_section and layer == "conv" and _NUMBERED.search(latex) and _output_starts_late(mine):
        return "the document's own forward starts the output past its first entry: read by the index reader"
    if dense and layer == "fc" and mine.get("fc_kernel") not in (None, "oi"):
        return "the document's own forward orders the weight's indices its own way: read by the index reader"
    return None


def _output_past_weight(display: str) -> bool:
    """Whether ``display`` is a dense forward whose output's label is not its weight's
    (``z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}``): the founding reader reads a label as the layer of W."""
    m = _FORWARD_LABELS.match(display)
    if not m:
        return False
    out, weight = label_offset(m.group(1).strip("{}")), label_offset(m.group(2).strip("{}"))
    return out is not None and weight is not None and out != weight


def _output_starts_late(settings: dict) -> bool:
    """The document's own forward, counted from 1, puts the output's first entry elsewhere than
    1 (``a_{i+m-2}``, m = 1..k: the output starts at 2), where the founding reader's entries
    would be shifted.  A written origin that is no number here (a letter) is not judged."""
    from .doc_padding import whole_index
    from .index_claims import IndexError_
    origin = settings.get("out_origin")
    if origin is None or str(settings.get("index_base", 0)) != "1" or settings.get("stride_symbol") \
            or settings.get("stride_value") or settings.get("padding_letter"):
        return False
    try:
        return any(whole_index(o, {"#base": 1}) != 1 for o in (origin if isinstance(origin, tuple) else (origin,)))
    except (IndexError_, KeyError, TypeError, ValueError):
        return False
