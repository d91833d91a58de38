r"""The convolution convention a document writes down, against the one a directive or its words state.

Authors often call their layer a "convolution" (and a directive written from those words says
``conv=true``) while the forward they write in entries is a sliding sum, a cross-correlation:
``x^l_{i,j} = \sum_m \sum_n w^l_{m,n} o^{l-1}_{i+m,j+n} + b^l``.  The written forward is what the
layer computes; the words are about the ``*`` the document writes.  A forward written in any
earlier section is kept per output letter (:func:`record_forward`); a later section whose directive
states the other convention for the same layer (the same output, input and kernel letters, layer
labels aside) is marked as a conflict (:func:`written_conflict`), which
:mod:`symbp.check.real_docs` already resolves: a claim that writes no convolution operator is
read in the written forward's convention, and a claim that writes one and whose verdict turns
with the convention stays unchecked naming both (:func:`symbp.check.index_eval.check_index_claim`).

Example::

    >>> from symbp.check.doc_infer import infer_roles
    >>> written = {}
    >>> record_forward(written, *infer_roles(r"x_{i,j}^l = \sum_{m}\sum_{n} w_{m,n}^l o_{i+m,j+n}^{l-1} + b^l"))
    >>> written_conflict(written, {"o^{l-1}": "input", "w^l": "kernel", "x^l": "output"}, "true")
    {'conv_words': 'conflict', 'conv_forward': 'cross'}
    >>> written_conflict(written, {"o^{l-1}": "input", "w^l": "kernel", "x^l": "output"}, "cross") is None
    True
    >>> written_bias(written, {"o^{l-1}": "input", "w^l": "kernel", "x^l": "output"})
    {'b': 'bias'}
"""
from __future__ import annotations

import re

_ROLES = ("output", "input", "kernel")


def _letters(roles: dict) -> tuple | None:
    """(output, input, kernel) bare letters of ``roles`` (``x^l`` → ``x``), or None when one is
    missing or named twice with different letters."""
    found = []
    for role in _ROLES:
        letters = {name.split("^", 1)[0].split("_", 1)[0].strip("{} ").lower()
                   for name, r in roles.items() if r == role}
        if len(letters) != 1:
            return None
        found.append(letters.pop())
    return tuple(found)


def _labels(roles: dict, latex: str = "") -> tuple:
    """The layer label each role's name carries (``x^{(2)}`` → ``"2"``, ``w^l`` → ``"l"``, none: ``""``),
    read from the display ``latex`` where the name is a bare letter (``x`` of ``x^{1}_{i,j} = …``)."""
    found = []
    for role in _ROLES:
        names = [name for name, r in roles.items() if r == role]
        labels = {name.split("^", 1)[1] for name in names if "^" in name}     # o^{1} beside a bare o carried over
        label = labels.pop() if len(labels) == 1 else ""
        if len(names) == 1 and not labels and latex:
            label = _written_label(latex, names[0])
        found.append(re.sub(r"[\\{}()\[\]\s]", "", label))
    return tuple(found)


def _written_label(latex: str, letter: str) -> str:
    """The one superscript ``letter`` carries everywhere in ``latex`` (``w^{1}_{m,n}``, ``w_{m,n}^{(1)}``), else ``""``."""
    seen = {next(g for g in m.groups() if g is not None) for m in re.finditer(
        r"(?<![A-Za-z\\])" + re.escape(letter) + r"(?:_\s*(?:\{[^{}]*\}|\w))?\s*\^\s*(?:\{([^{}]*)\}|(\w))", latex)}
    return seen.pop() if len(seen) == 1 else ""


def _same_layer(written_labels: tuple, labels: tuple) -> bool:
    """False when a role's two names carry two different numbers (``o^{0}`` and ``o^{1}``: the input of
    layer 1 and of layer 2); a letter (``x^l``, ``o^{l-1}``) names any layer, so it may be this one."""
    return not any(a.isdigit() and b.isdigit() and a != b for a, b in zip(written_labels, labels))


def record_forward(written: dict, roles: dict, extra: dict, latex: str = "") -> None:
    """Keep the convention of a forward written in entries (``extra["conv"]`` from
    :func:`symbp.check.doc_infer.infer_roles`) under its (output, input, kernel) letters; a layer
    written once each way is kept as ``"both"`` (the document disagrees with itself)."""
    conv, key = extra.get("conv"), _letters(roles)
    if conv not in ("true", "cross") or key is None or extra.get("pool"):
        return
    old = written.get(key)
    written[key] = conv if old in (None, conv) else "both"
    layers = written.setdefault(("layers",) + key, {})          # its convention per layer label
    labels = _labels(roles, latex)         # x^{1} … o^{0}: layer 1's forward, not layer 2's
    layers[labels] = conv if layers.get(labels, conv) == conv else "both"
    biases = {name for name, role in roles.items() if role == "bias"}
    if len(biases) == 1:
        written[("bias",) + key] = biases.pop()


def written_bias(written: dict, roles: dict) -> dict:
    """``{letter: "bias"}``: the bias letter of the forward the document wrote for the layer
    ``roles`` names (a directive that names input, kernel and output but not the bias: the
    ``+ b^l`` a claim restates is that forward's bias), when no role is given to that letter."""
    key = _letters(roles)
    letter = written.get(("bias",) + key) if key is not None else None
    taken = {name.split("^", 1)[0] for name in roles}
    if letter is None or letter in taken or "bias" in roles.values():
        return {}
    return {letter: "bias"}


def written_conflict(written: dict, roles: dict, stated: str | None) -> dict | None:
    """``{"conv_words": "conflict", "conv_forward": …}`` when a forward the document wrote for the
    layer ``roles`` names is the other convention than ``stated`` (a directive's ``conv=``);
    ``{"conv_words": "both"}`` when the document wrote that layer both ways; else None."""
    key = _letters(roles)
    if stated not in ("true", "cross") or key is None or key not in written:
        return None
    convs = {conv for labels_written, conv in written.get(("layers",) + key, {}).items()
             if _same_layer(labels_written, _labels(roles))}     # a forward of another layer is not this one's
    if not convs:
        return None
    conv = convs.pop() if len(convs) == 1 else "both"
    if conv == "both":
        return {"conv_words": "both"}
    return None if conv == stated else {"conv_words": "conflict", "conv_forward": conv}




class WrittenConventions:
    """One document's written conventions for :class:`symbp.check.real_docs.NamesTracker`: the
    operators it defines (:mod:`symbp.check.doc_operator_defs`) and the forwards it writes.

    >>> seen = WrittenConventions(r"$$(X * W)[i,j] = \\sum_{h} \\sum_{w} X[i-h, j-w] \\cdot W[h,w]$$")
    >>> seen.definitions
    {'star': 'true'}
    """

    def __init__(self, text: str = ""):
        from .doc_operator_defs import document_definitions
        from .doc_prose import prose_convention
        self.definitions, self.words = document_definitions(text), prose_convention(text) if text else None
        self.forwards: dict = {}

    def record(self, roles: dict, extra: dict, latex: str = "") -> None:
        record_forward(self.forwards, roles, extra, latex)

    def with_bias(self, roles: dict) -> dict:
        return {**written_bias(self.forwards, roles), **roles}

    def conflict(self, roles: dict, settings: dict, extra: dict) -> dict:
        """:func:`written_conflict` for a section whose directive states ``conv=`` and whose own
        displays wrote no forward (``extra``: the forward read in the section), else ``{}``."""
        if "conv" not in settings or "conv" in extra:
            return {}
        return written_conflict(self.forwards, roles, settings["conv"]) or {}

    def reading(self, ctx, note: str, latex: str, stated):
        """(ctx, note) with the claim's defined operators applied (:func:`operator_reading`)."""
        from .doc_operator_defs import operator_reading
        ctx, more = operator_reading(ctx, latex, self.definitions, stated, self.words)
        return ctx, note + more


__all__ = ["WrittenConventions", "record_forward", "written_bias", "written_conflict"]
