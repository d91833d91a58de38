r"""What a forward's display row carries besides the forward, and one letter for two layers.

Authors number a forward (``\tag 4``) and write where its output's indices run in an aligned
column after it (``z^l_{d,i,j} = \sum … + b_d  & i \in [0,H^l-1], j \in [0,W^l-1]``):
:func:`forward_row` drops both before the forward is read.  Pages without an activation between
layers name the input and the output with one letter told apart by layer labels (``z^{l-1}`` in,
``z^l`` out): :func:`same_letter_layers` keys the two roles by their labels, and
:func:`labelled_role` reads such a key back for an entry written with that label.

Example::

    >>> forward_row(r"z^l_{i,j} = \sum_m w_m z^{l-1}_{i+m,j} + b   i \in [0,H^l-1], j\in [0,W^l-1] \tag 4")
    'z^l_{i,j} = \\sum_m w_m z^{l-1}_{i+m,j} + b'
    >>> labelled_role({"z^{l-1}": "input", "z^{l}": "output"}, "z", "l")
    'output'
"""
from __future__ import annotations

import re

from .index_tree import label_offset

_TAG = re.compile(r"\\tag\s*\*?\s*(?:\{[^{}]*\}|[^\s\\{}]+)")

# "… + b_d   i \in [0,H^l-1], j\in [0,W^l-1]" (an aligned column after the forward): where the output's
# indices run, which the layer's sizes say; not part of the forward's right side
OUTPUT_RANGE = re.compile(r"(?:\s|,|\\q?quad|\\[,;:])*(?:\\text\s*\{\s*(?:for|where)\s*\}\s*)?"
                          r"[a-z]\s*\\in\s*\[[^\[\]=]*\](?:\s*(?:,|且|\\text\s*\{\s*and\s*\})\s*[a-z]\s*\\in\s*\[[^\[\]=]*\])*\s*$")


def forward_row(latex: str) -> str:
    """``latex`` without an equation number and a trailing output range (see the module's doc)."""
    return OUTPUT_RANGE.sub("", _TAG.sub(" ", latex)).strip().rstrip(".,; ")


def same_letter_layers(roles: dict, out_head, sides: list, out_side: int) -> None:
    """``z^l_{d,i,j} = Σ W^{l-1}_{m,n,c,d} z^{l-1}_{c,i+m,j+n} + b_d``: one letter for the output and
    the input, told apart by their layer labels; each keyed by its label (``z^l``: output,
    ``z^{l-1}``: input; :func:`labelled_role` reads a labelled key).  Unchanged otherwise."""
    name = getattr(out_head, "name", None)
    if name is None or not out_head.label or roles.get(name) in (None, "output"):
        return
    rhs = " ".join(side for k, side in enumerate(sides) if k != out_side)
    found = {m.group(1) or m.group(2) for m in re.finditer(
        r"(?<![A-Za-z\\])" + re.escape(name) + r"\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*(?:\{([^{}]*)\}|(\w))", rhs)}
    offsets = {label_offset(x) for x in found}
    out_off = label_offset(out_head.label)
    if len(found) != 1 or None in offsets or out_off is None or out_off in offsets:
        return
    role = roles.pop(name)
    roles[f"{name}^{{{found.pop().strip()}}}"] = role
    roles[f"{name}^{{{str(out_head.label).strip()}}}"] = "output"


def labelled_role(roles: dict, name: str, label):
    """The role ``roles`` gives ``name`` at exactly this layer label (``z^{l-1}=input z^l=output``:
    one letter for two layers' maps, no bare ``z``), or None."""
    off = label_offset(label)
    if off is None:
        return None
    found = {r for k, r in roles.items() if k.startswith(name + "^") and
             label_offset(k.split("^", 1)[1].strip("{} ")) == off}
    return found.pop() if len(found) == 1 else None


def label_offsets(extra, roles, latex):
    """Offsets of the input's and kernel's labels relative to the output's (a^{l-1}: -1; a label after a subscript, w_{m,n}^{l-1}, too)."""
    out_label = extra.pop("labels_raw", {}).get("output")
    found = {}
    for name, role in roles.items():
        if "^" in name:                     # z^{l-1}: a key with its label (_same_letter_layers)
            if label_offset(name.split("^", 1)[1].strip("{} ")):
                found[role] = label_offset(name.split("^", 1)[1].strip("{} "))
            continue
        m = re.search(re.escape(name) + r"\)?\s*\^\s*\{([^{}]*)\}", latex) or \
            re.search(re.escape(name) + r"\)?\s*\^\s*([A-Za-z0-9])", latex) or \
            re.search(r"(?<![A-Za-z\\])" + re.escape(name) + r"\s*_\s*\{[^{}]*\}\s*\^\s*(?:\{([^{}]*)\}|([A-Za-z0-9]))", latex)
        label = next((g for g in m.groups() if g is not None), None) if m else None
        if label and label_offset(label):
            found[role] = label_offset(label)
    out = label_offset(out_label) if out_label else found.get("output")
    if out:
        extra["labels"] = {r: off[1] - out[1] for r, off in found.items() if off[0] == out[0]}


__all__ = ["OUTPUT_RANGE", "forward_row", "label_offsets", "labelled_role", "same_letter_layers"]
