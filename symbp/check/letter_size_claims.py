r"""One claim of a section whose sizes are letters (``<!-- symbp: layer=fc in=n out=m -->``,
``layer=conv2d input=n kernel=k``): the every-size prover's verdict (:mod:`symbp.allsizes.document`),
read as the page means it.

* A dense layer's weight order: the every-size prover reads the founding notation (vectors as
  columns, ``z = Wa + b``) unless told otherwise.  The order the section settles, from the key
  ``weight=``, the forward written above the directive, or the section's own forward (``z = aW + b``
  in a display or a sentence: :func:`symbp.check.fc_directive_forward.page_order`), is the one it
  proves under; where the forward leaves two (``z_k = \sum_j w_{jk} a_j``: W is in x out, the
  vectors rows or columns), a claim is decided only where both agree, else unchecked naming both.
* The guards every reader's verdict passes: a plain letter the prose names one entry of its bold
  vector (:func:`symbp.check.doc_prose.scalar_entry_use`) and a derivative by a transpose
  (:func:`symbp.check.transposed_denominator.transposed_left`) leave the claim unchecked.

A claim whose convolution the page or directive flips (``conv=true``) never reaches this
prover, which reads ``*`` as cross-correlation: the checker gives it to the index reader
(:func:`symbp.check.core_scope.core_declines`).

>>> from symbp.allsizes.document import symbolic_section
>>> section = symbolic_section({"layer": "fc", "in": "n", "out": "m"})
>>> every_size_verdict(section, r"\frac{\partial J}{\partial W} = a^T \delta", "", "", {"fc_kernel": "rows"})[0]
'holds'
>>> every_size_verdict(section, r"\frac{\partial J}{\partial W} = \delta a^T", "", "", {"fc_kernel": "rows"})[0]
'refuted'
"""
from __future__ import annotations

from dataclasses import replace

from ..allsizes.document_fc import FcSection
from .doc_prose import scalar_entry_use
from .fc_directive_forward import layout_said
from .notation_names import UNCHECKED
from .transposed_denominator import transposed_left


def every_size_verdict(section, latex: str, written: str, text: str, settings: dict) -> tuple:
    """(verdict, detail, scope) of the display ``latex`` (``written``: the row as the page writes
    it; ``text``: the page) in the letter-size ``section``; ``settings``: the section's names
    settings (``fc_kernel``, ``fc_own_layouts``)."""
    if isinstance(section, FcSection) and section.error is None and settings.get("directive_conflict"):
        return UNCHECKED, settings["directive_conflict"], None        # weight=out-in over $z = aW + b$
    if isinstance(section, FcSection) and section.error is None:
        layouts = settings.get("fc_own_layouts") or (settings.get("fc_kernel") or "oi",)
        results = [replace(section, layout=layout).check(latex) for layout in layouts]
        if len({verdict for verdict, _, _ in results}) > 1:
            said = "; ".join(f"{verdict} with {layout_said(layout)}" for layout, (verdict, _, _) in zip(layouts, results))
            return UNCHECKED, f"the section's forward leaves the layout open: {said}", None
        verdict, detail, scope = results[0]
        if layouts != ("oi",) and verdict != UNCHECKED:
            detail = f"{detail} (read with {' or '.join(map(layout_said, layouts))})"
    else:
        verdict, detail, scope = section.check(latex)
    if verdict != UNCHECKED and (why := scalar_entry_use(written, text) or transposed_left(latex)):
        return UNCHECKED, why, None
    return verdict, detail, scope
