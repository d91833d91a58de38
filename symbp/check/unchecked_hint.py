r"""What would make an unchecked claim checkable (issue 12, item 6), for a claim in a section
with no directive whose reasons name none.

Every reader says why it left a claim unchecked; most also give the directive line to paste.
Where none does, :func:`with_hint` adds one of two endings:

* the reason is the notation itself (a macro, character or construction symbp does not read):
  no directive changes how a display is read, so the ending says the display must be rewritten;
* else (a name with no role, an index or size not bound, no layer set up): the directive line
  :func:`symbp.check.doc_infer.suggest_directive` guesses from the claim's own letters, to be
  corrected and pasted above the display.

A claim that ran out of time keeps its reasons as they are; so does a claim of a section that has a
directive, except that a notation reason gets the first ending there too (round thirty-eight: a
directive does not change how a display is read either).

>>> with_hint("unknown name F", r"\frac{\partial L}{\partial F} = X * D", {}, {})
'unknown name F; if which letter is which is what blocks it, say so above the display (a guess from this equation; correct it): <!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: L=loss F=kernel X=input D=output_grad -->'
>>> with_hint("'\\cdots' is not understood here", r"x_1 + \cdots", {}, {}).split("; ")[1][:40]
'its notation is what stops the reader he'
"""
from __future__ import annotations

import re

from .doc_infer import suggest_directive

# reasons that are about reading the display's notation, which no directive changes
_NOTATION = re.compile(
    r"is not understood|unsupported (?:macro|character|subscript|superscript|environment)|"
    r"not a single symbol name|looks like a (?:derivative|function application)|must be followed by|"
    r"is only allowed|an empty side|missing operand|not an equation|without a symbol|prime without|"
    r"expected \)|decorates a letter|malformed LaTeX|is ambiguous \(write|continues an equation|"
    r"layer labels .* in one equation|is a Jacobian|Jacobians whose layout|free on the right but not on the left|"
    r"without an argument|of something that is not|of an expression|applied to an expression|"
    r"a function this reader does not know|unexpected '|index '\\in' in a sum|a sum without its index|"
    r"a sum whose index is not|is not read here|not one entry|is read only as")
_NAMES_READER = "in the document's own names:"
_OUT_OF_TIME = re.compile(r"time (?:budget|limit)")

REWRITE = ("its notation is what stops the reader here, which no directive changes: to check it, write it in "
           "the spellings the README lists under 'Derivations in their authors' own notation'")


def with_hint(detail: str, latex: str, directive: dict, seen: dict, forward_layer: str | None = None) -> str:
    """``detail`` (an unchecked claim's reasons) with what would make the claim ``latex``
    checkable, where the section's ``directive`` settings are empty and the reasons give no
    directive line; ``seen``: the sizes the page wrote so far (the names reader's ``seen``);
    ``forward_layer``: the layer the section's own forward was read as, if any."""
    if "symbp:" in detail or _OUT_OF_TIME.search(detail):
        return detail
    if _NOTATION.search(detail.rsplit(_NAMES_READER, 1)[-1]):     # the reader that read furthest
        return f"{detail}; {REWRITE}"
    if directive.get("layer") or directive.get("names"):           # its own reasons say what the directive lacks
        return detail
    return (f"{detail}; if which letter is which is what blocks it, say so above the display (a guess "
            f"from this equation; correct it): {suggest_directive(latex, seen, forward_layer)}")


__all__ = ["REWRITE", "with_hint"]
