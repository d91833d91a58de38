r"""What the index reader's symbols in a refutation stand for, in the page's own letters.

The index reader builds a layer from symbol arrays (``doc_names.DocContext.build``,
``fc_names.build_fc``): ``x_0012`` is the input's entry at sample 0, channel 0, row 1, column 2;
``g_0001`` an entry of ∂L/∂(output); a dense layer's ``ga_00*so_00`` is ∂L/∂z written through the output's
activation.  A refutation that shows both sides in those symbols ends with a legend naming each one that
appears, with the page's letters (``x`` the page's ``X``, ``g`` its ``∂E/∂O``), so a reader can check the
counterexample by hand.

>>> legend("conv", {"X": "input", "W": "kernel", "Y": "output", "E": "loss"}, "g_0001*x_0012")
'(x_nchw: X at sample n, channel c, row h, column w; g_nohw: ∂E/∂Y there; digits count from 0)'
>>> legend("fc", {"x": "input", "W": "kernel", "y": "output", "L": "loss"}, "W_01*ga_10*so_10")
"(W_ij: W's entry (i, j); ga·so: ∂L/∂y (ga by the activation of y, so that activation's slope; with no activation on the page, read ga·so as ∂L/∂y); digits count from 0)"
"""
from __future__ import annotations

import re

_SYMBOL = re.compile(r"(?<![A-Za-z_])([A-Za-z]+)_\d+\b")
_CONV = (("x", "x_nchw: {input} at sample n, channel c, row h, column w"),
         ("k", "k_ocij: {kernel} at output channel o, input channel c, row i, column j"),
         ("g", "g_nohw: ∂{loss}/∂{output} there"),
         ("b", "b: {bias}"),
         ("s", "s: the activation's slope at {input}'s pre-activation"))
_FC = (("X", "X_ij: {input}'s entry (i, j)"),
       ("W", "W_ij: {kernel}'s entry (i, j)"),
       ("ga", "ga·so: ∂{loss}/∂{output} (ga by the activation of {output}, so that activation's slope; with no "
              "activation on the page, read ga·so as ∂{loss}/∂{output})"),
       ("b", "b: {bias}"),
       ("s", "s: the activation's slope at {input}'s pre-activation"),
       ("t", "t: the target"))


def legend(layer: str | None, roles: dict, *shown_sides: str) -> str:
    """The legend of the symbols in ``shown_sides`` (the sides as the message prints them) for a ``layer``
    (``"fc"`` or a convolution or pooling) whose page names its tensors by ``roles`` ({letter: role}); ""
    when none appears."""
    prefixes = {m.group(1) for text in shown_sides for m in _SYMBOL.finditer(text)}
    if not prefixes:
        return ""
    letter = {r: n for n, r in reversed(list(roles.items()))}
    words = {role: letter.get(role, f"the {role}") for role in ("input", "kernel", "output", "bias")}
    words["loss"] = letter.get("loss", "(loss)")
    shown = [text.format(**words) for prefix, text in (_FC if layer == "fc" else _CONV) if prefix in prefixes]
    return f"({'; '.join(shown)}; digits count from 0)" if shown else ""


def own_spelling(detail: str, renamed: dict, layer, claim: str) -> str:
    r"""``detail`` with the letters :func:`symbp.check.fc_layers.layer_readings` made up for a claim's layer
    (``renamed``: {new letter: role}; a letter ``claim`` does not write) spelled as the page writes them:
    ``∂L/∂Q`` is ``∂L/∂z^2`` where Q stands for layer 2's output ``z^2`` (``layer``: its ``roles`` and ``labels``).

    >>> from types import SimpleNamespace
    >>> two = SimpleNamespace(roles={"z": "output", "W": "kernel"}, labels={"z": "2", "W": "2"})
    >>> own_spelling("ga·so: ∂L/∂Q (ga by the activation of Q)", {"Q": "output"}, two, r"\delta^2 = W^2 a^1")
    'ga·so: ∂L/∂z^2 (ga by the activation of z^2)'
    """
    written = set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", claim))
    for new, role in renamed.items():
        originals = [letter for letter, r in layer.roles.items() if r == role]
        if new in written or len(originals) != 1:
            continue
        label = layer.labels.get(originals[0])
        spelled = f"{originals[0]}^{label}" if label else originals[0]
        detail = re.sub(rf"(∂[^\s/]+/∂|activation of ){new}(?![A-Za-z_])", lambda m: m.group(1) + spelled, detail)
        detail = re.sub(rf"(?<![A-Za-z]){new}'s entry", f"{spelled}'s entry", detail)
    return detail


__all__ = ["legend", "own_spelling"]
