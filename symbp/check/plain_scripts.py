r"""Unicode sub- and superscript characters in plain-text formulas, as LaTeX's ``_{…}`` and ``^{…}``; the
other characters typed for macros (``σ``, ``∂``, ``·``, ``ŷ``, a combining hat) as their macros.

Authors who type a derivation as plain text (a code comment, a Markdown note) write indices and
layer labels with the Unicode script characters: ``∂L/∂wₘₙ = Σᵢ Σⱼ ∂L/∂yᵢⱼ · xᵢ₊ₘ,ⱼ₊ₙ``,
``W⁽ˡ⁾``, ``x²``.  :func:`script_latex` writes each run of script characters after what it
follows as one group, character for character: ``wₘₙ`` as ``w_{mn}``, ``xᵢ₊ₘ,ⱼ₊ₙ`` as
``x_{i+m,j+n}`` (a comma between two subscript runs joins them), ``W⁽ˡ⁾`` as ``W^{(l)}``,
``x²`` as ``x^{2}``.  Nothing else is read, nothing evaluated: the readers then read the LaTeX
as they read the author's own ``_{…}``.

    >>> script_latex("∂L/∂wₘₙ = Σᵢ Σⱼ ∂L/∂yᵢⱼ · xᵢ₊ₘ,ⱼ₊ₙ")
    '∂L/∂w_{mn} = Σ_{i} Σ_{j} ∂L/∂y_{ij} · x_{i+m,j+n}'
    >>> script_latex("δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾"), script_latex("a_{ij} + b")
    ('δ^{(l)} = (W^{(l+1)})ᵀ δ^{(l+1)}', 'a_{ij} + b')
"""
from __future__ import annotations

import re

_SUBSCRIPTS = dict(zip("ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼ₀₁₂₃₄₅₆₇₈₉₊₋₍₎",
                       "aeoxhklmnpstiruvj0123456789+-()"))
# ᵀ is not among them: alone after a name it is the transpose (plain_math reads it as ^T)
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ˡⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ",
                         "0123456789+-()lniabcdefghjkmoprstuvwxyzABDEGHIJKLMNOPRUVW"))
_SUB_CLASS = "[" + "".join(_SUBSCRIPTS) + "]"
_SUP_CLASS = "[" + "".join(_SUPERSCRIPTS) + "]"
_SUB_RUN = re.compile(_SUB_CLASS + r"+(?:,\s*" + _SUB_CLASS + r"+)*")
_SUP_RUN = re.compile(_SUP_CLASS + "+")
SCRIPT_MARK = re.compile(_SUB_CLASS + "|" + _SUP_CLASS)          # a formula that writes them is plain text


def script_latex(text: str) -> str:
    """``text`` with each run of Unicode sub- or superscript characters as ``_{…}`` / ``^{…}``; a ``ᵗ`` right
    after a closed label, ``w⁽ᵏ⁺¹⁾ᵗ``, is the transpose ``ᵀ`` (red team 48: it had joined the label).

    >>> script_latex("w⁽ᵏ⁺¹⁾ᵗ δ")
    'w^{(k+1)}ᵀ δ'
    """
    text = text.replace("⁾ᵗ", "⁾ᵀ")
    text = _SUB_RUN.sub(lambda m: "_{" + "".join(_SUBSCRIPTS.get(c, c) for c in re.sub(r"\s", "", m.group(0)))
                        + "}", text)
    return _SUP_RUN.sub(lambda m: "^{" + "".join(_SUPERSCRIPTS[c] for c in m.group(0)) + "}", text)


# characters typed instead of macros (the trailing space keeps \sum from running into a letter)
CHARACTERS = {"Σ": r"\sum ", "∑": r"\sum ", "∂": r"\partial ", "⊙": r"\odot ", "∘": r"\circ ", "◦": r"\circ ",
              "·": r"\cdot ", "⋅": r"\cdot ", "×": r"\times ", "ᵀ": "^T", "−": "-", "∇": r"\nabla ",
              "α": r"\alpha ", "β": r"\beta ", "γ": r"\gamma ", "δ": r"\delta ", "Δ": r"\Delta ",
              "ε": r"\epsilon ", "η": r"\eta ", "θ": r"\theta ", "λ": r"\lambda ", "μ": r"\mu ",
              "σ": r"\sigma ", "τ": r"\tau ", "φ": r"\phi ", "ω": r"\omega ", "ρ": r"\rho ",
              "ŷ": r"\hat{y}", "Ŷ": r"\hat{Y}", "ȳ": r"\bar{y}", "Ȳ": r"\bar{Y}"}
_CHAR_RE = re.compile("|".join(map(re.escape, CHARACTERS)))
# a letter with a combining accent typed after it (x̂, ā, z̃): the accent's macro over the letter
_COMBINING = re.compile("([A-Za-z])([\u0302\u0304\u0303\u02c6])")          # ˆ (U+02C6) typed after y, as a PDF pastes ŷ
_ACCENT_MACROS = {"\u0302": "hat", "\u0304": "bar", "\u0303": "tilde", "\u02c6": "hat"}


def character_latex(text: str) -> str:
    """``text`` with each typed character of :data:`CHARACTERS` as its macro; a space after the macro only
    before a letter (``σ'(z)``: ``\\sigma'(z)``; ``σz``: ``\\sigma z``)."""
    def one(m: re.Match) -> str:
        macro, after = CHARACTERS[m.group(0)], text[m.end():m.end() + 1]
        return macro if after.isalnum() else macro.rstrip()
    return _CHAR_RE.sub(one, text)


def accent_latex(text: str) -> str:
    """``text`` with a letter and the combining accent typed after it as the accent's macro (``x̂``: ``\\hat{x}``)."""
    return _COMBINING.sub(lambda m: f"\\{_ACCENT_MACROS[m.group(2)]}{{{m.group(1)}}}", text)


def unicode_names(text: str) -> str:
    r"""A directive's ``names:`` written as the formulas' Unicode is read: scripts and Greek letters as LaTeX,
    so ``a⁽ᵏ⁻¹⁾=input`` names what the display's ``a⁽ᵏ⁻¹⁾`` reads as.

    >>> unicode_names("a⁽ᵏ⁻¹⁾=input δ⁽ᵏ⁾=delta X=input")
    'a^{(k-1)}=input \\delta^{(k)}=delta X=input'
    """
    if not (SCRIPT_MARK.search(text) or _CHAR_RE.search(text)):
        return text
    return character_latex(script_latex(accent_latex(text)))
