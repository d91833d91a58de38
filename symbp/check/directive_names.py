r"""A ``names:`` directive adds to what the document says; it never takes the document's own
reading away (used by :class:`symbp.check.real_docs.NamesTracker`).

Authors (and the README's directives) name a layer's tensors with their layer labels:
``names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias z^{(l)}=output``, ``w^l=kernel``,
``W^{[l]}=kernel``.  The claims then write the same letters with other labels and as entries:
``w_{ij}^{(l)}``, ``w^{(l+1)}_{ji}``, ``z^{(n_L)}_i``, ``\delta^{(l+1)}_j``.  So:

* each labelled name also names its bare letter (``W^{(l)}=kernel``: ``W`` is the kernel at
  every label; which layer a label picks is the names reader's business, from the labels'
  offsets this module returns: ``a^{(l-1)}`` against ``z^{(l)}`` puts the input one layer
  below the output);
* a capital's entries share its role (``W^{(l)}=kernel``: ``w_{ij}`` too), unless the
  directive names the small letter itself;
* a letter named with two roles (``a^{(l-1)}=input a^{(l)}=activation``) keeps the input's (the
  label tells the activation apart); two other roles leave the bare letter unnamed;
* the document's own roles (read from its forward, as without a directive) stay for every
  letter the directive does not name.

Example::

    >>> roles, labels = directive_letters({"a^{(l-1)}": "input", "W^{(l)}": "kernel",
    ...                                    "z^{(l)}": "output", "a^{(l)}": "activation"})
    >>> roles["a"], roles["W"], roles["w"], roles["z"], labels
    ('input', 'kernel', 'kernel', 'output', {'input': -1, 'kernel': 0, 'output': 0})
    >>> merge_roles({"w": "kernel", "a": "input", "z": "output"}, {"W^{(l)}": "kernel", "W": "kernel", "a": "activation"})
    {'w': 'kernel', 'z': 'output', 'W^{(l)}': 'kernel', 'W': 'kernel', 'a': 'activation'}
"""
from __future__ import annotations

import re

from .index_tree import label_offset

#: the role words a directive's ``names:`` gives its letters (``X=input``) -> the readers' roles
ROLE_WORDS = {"input": "input", "kernel": "kernel", "filter": "kernel", "weight": "kernel",
               "weights": "kernel", "output": "output", "loss": "loss", "bias": "bias",
               "delta": "delta", "output_grad": "delta", "grad_output": "delta", "error": "delta",
               "preactivation": "preact_in", "pre-activation": "preact_in"}
#: role words a directive may give that no conv or fc reader models (a letter given one is no founding
#: letter); a batch or layer norm's (mean … shift) are the scalar reader's (calc_directive.norm_rows)
UNMODELLED_ROLES = ("activation", "target", "mean", "variance", "normalized", "scale", "shift")
#: a name for the loss's gradient by one of the layer's tensors (``G_X=input_grad``): read as the page
#: defining ``G_X := \frac{\partial L}{\partial X}`` (:func:`gradient_definitions`)
GRADIENT_ROLES = {"input_grad": "input", "grad_input": "input", "kernel_grad": "kernel", "weight_grad": "kernel",
                  "grad_weight": "kernel", "bias_grad": "bias", "grad_bias": "bias"}


def role_words(names: str) -> list[tuple[str, str]]:
    """(name, role word as written, lower case) of each ``name=word`` of a directive's ``names:``
    that gives a role (``m=input.rows`` names a size instead).

    >>> role_words("X=input K=Kernel m=input.rows")
    [('X', 'input'), ('K', 'kernel')]
    """
    pairs = [item.partition("=") for item in re.split(r"[\s,]+", names.strip())]
    return [(name, word.lower()) for name, _, word in pairs if name and word and "." not in word]


def unknown_role(names: str) -> str | None:
    """The first ``name=word`` of a directive's ``names:`` whose word is no role, else None.

    >>> unknown_role("X=input K=kernel a=activation"), unknown_role("X=input a=foo")
    (None, 'a=foo')
    """
    return next((f"{name}={word}" for name, word in role_words(names)
                 if word not in ROLE_WORDS and word not in UNMODELLED_ROLES and word not in GRADIENT_ROLES), None)


def delta_renamed(names: str, labelled: bool = True) -> bool:
    r"""Whether a directive's ``names:`` give δ a meaning other than the output's δ = ∂L/∂z
    (``\delta=input_grad``, ``\boldsymbol{\delta}=activation``; beside an ``output_grad`` only where the
    section's forward writes no labels, ``labelled`` False): then no reader takes δ as its own.

    >>> delta_renamed(r"x=input \delta=input_grad"), delta_renamed(r"\delta^{(l)}=output_grad x=input")
    (True, False)
    >>> delta_renamed(r"\delta^{l+1}=output_grad \delta^l=input_grad")
    False
    """
    words = {ROLE_WORDS.get(word) for name, word in role_words(names)
             if bare_letter(TYPED_LETTER.sub(r"\1", name.strip())) == r"\delta"}
    return bool(words) and ("delta" not in words or not labelled and len(words) > 1)   # δ^{l+1}=output_grad beside
    #                                   δ^l=input_grad: only a forward's labels (z^{l+1} = W^{l+1} a^l) part them


def gradient_definitions(directives) -> list[str]:
    r"""The definitions that the ``names:`` of ``directives`` (their settings) give by a gradient role:
    ``G_X=input_grad`` beside ``X=input`` and ``L=loss`` is ``G_X := \frac{\partial L}{\partial X}`` (the
    first name of the role, the first loss), and so is a subscripted ``G_Z=output_grad`` beside ``Z=output`` (a d-name, ``d_y``, only beside a gradient role: calc_dnames reads the others); a
    gradient name without both gives none.

    >>> gradient_definitions([{"names": "X=input W=kernel L=loss G_X=input_grad g_b=bias_grad"}])
    ['G_X := \\frac{\\partial L}{\\partial X}']
    """
    rows = []
    for settings in directives:
        pairs = role_words(str(settings.get("names", "") or ""))
        loss = next((name for name, word in pairs if word == "loss"), None)
        named = any(word in GRADIENT_ROLES for _, word in pairs)         # d_Z=output_grad beside d_X=input_grad
        for name, word in pairs:
            role = GRADIENT_ROLES.get(word) or ("output" if ROLE_WORDS.get(word) == "delta" and "_" in name and
                                                (name[0] != "d" or named) else None)
            target = next((n for n, w in pairs if ROLE_WORDS.get(w) == role), None)    # G_Z=output_grad: ∂L/∂Z too
            if role and loss and target:
                rows.append(name + r" := \frac{\partial " + loss + r"}{\partial " + target + "}")
    return rows

_TYPE = re.compile(r"\\(?:mathbf|textbf|boldsymbol|bm|vec|mathrm)\s*\{\s*([A-Za-z])\s*\}")
#: a letter or δ in a typeface (``\mathbf{x}``, ``\boldsymbol{\delta}``): the letter the displays read
TYPED_LETTER = re.compile(r"\\(?:mathbf|textbf|boldsymbol|bm|vec|mathrm)\s*\{\s*(\\delta|[A-Za-z])\s*\}")
_NAMED = re.compile(r"\s*(\\delta|[A-Za-z])\s*\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])\s*")
_LABELLED = ("input", "kernel", "bias", "output")      # the roles a forward's labels place
_PREFER = ("input", "activation")        # a^{(l-1)}=input beside a^{(l)}=activation: a is the input


def directive_letters(roles: dict, names: str = "") -> tuple[dict, dict]:
    """({bare letter: role}, {role: label offset relative to the output's}) for the labelled
    names of a directive's ``roles`` ({``"W^{(l)}"``: ``"kernel"``}); names without a label
    add nothing here (they are letters already).  A capital's lower-case letter (``W^{(l)}``:
    ``w_{ij}``) is its entry unless the directive's ``names`` give that letter a role of its
    own, one symbp does not model included (``A^{(l-1)}=input \\mathbf{a}=activation``)."""
    letters: dict = {}
    offsets: dict = {}
    for name, role in roles.items():
        m = _NAMED.fullmatch(_TYPE.sub(r"\1", name))
        if m is None or role == "loss":
            continue
        letter, label = m.group(1), m.group(2).strip("{}")
        letters.setdefault(letter, set()).add(role)
        off = label_offset(label)
        if off is not None and off[0] != "#" and role in _LABELLED and role not in offsets:
            offsets[role] = off
    out = {}
    for letter, found in letters.items():
        if letter in roles:
            continue                     # the directive names the bare letter itself
        if len(found) == 1 and found <= set(_LABELLED):
            out[letter] = found.pop()
        elif found == set(_PREFER):
            out[letter] = "input"       # (an activation alone is its label's: a^{(l)}=activation)
    named = named_letters(names)
    for letter, role in list(out.items()):          # W^{(l)}=kernel: w_{ij} is its entry
        small = letter.lower()
        if letter.isupper() and small not in out and small not in roles and small not in named and \
                not any(bare_letter(n) == small for n in roles):
            out[small] = role
    base = offsets.get("output")
    labels = {r: off[1] - base[1] for r, off in offsets.items() if base and off[0] == base[0]}
    return out, labels


def typed_letter(name: str) -> str:
    r"""A name that is one typed letter, ``\textbf{g}``, ``\mathbf{x}``, ``\vec{v}`` -> the letter
    the displays read; any other name as it is (``\mathbf{W}^{(1)}`` too)."""
    m = _TYPE.fullmatch(name.strip())
    return m.group(1) if m else name


def bare_letter(name: str) -> str:
    """``W^{(l)}`` -> ``W``; a name without a layer label is itself."""
    m = _NAMED.fullmatch(_TYPE.sub(r"\1", name))
    return m.group(1) if m else name


def named_letters(names: str) -> set:
    """The letters a directive's ``names:`` gives any role word, one symbp does not model included
    (``\\mathbf{a}=activation``: a); neither :func:`directive_letters` nor :func:`entry_roles` gives them a
    capital's role."""
    return {typed_letter(n) for n, _ in role_words(names)}


def entry_roles(roles: dict, settings: dict) -> dict:
    """{x: role} for each capital X with a role whose lower-case letter the section writes as entries
    (``settings["entry_letters"]``: X with entries x_{ij}), unless roles or the directive's ``names:``
    already give that letter one (``\\mathbf{a}=activation`` beside ``A^{(l-1)}=input``: a is another tensor).

    >>> entry_roles({"X": "input"}, {"entry_letters": ("x",)}), entry_roles({"A": "input"}, {"entry_letters": ("a",), "names": "a=activation"})
    ({'x': 'input'}, {})
    """
    entry_letters, named = settings.get("entry_letters", ()), named_letters(str(settings.get("names") or ""))
    return {name.lower(): role for name, role in roles.items() if len(name) == 1 and name.isupper() and
            name.lower() not in roles and name.lower() in entry_letters and name.lower() not in named}


_KINDS = {"conv2d": "conv", "conv1d": "conv", "avgpool": "pool-avg", "maxpool": "pool-max"}


def other_kind(settings: dict, found: dict) -> bool:
    """Whether a forward read with ``found`` settings (:func:`symbp.check.doc_infer.infer_roles`) is of another
    kind of layer than the section's directive says (``layer=conv2d`` above ``p = \\frac14 \\sum a_{2r+u,2c+v}``):
    the next layer's forward, never the section's.

    >>> other_kind({"layer": "conv2d"}, {"layer_kind": "pool-avg"}), other_kind({"layer": "conv2d"}, {"conv": "cross"})
    (True, False)
    """
    said = _KINDS.get(str(settings.get("layer", "")))
    return said is not None and found.get("layer_kind", "conv") != said


def merge_roles(own: dict, directive: dict) -> dict:
    """The document's own ``{letter: role}`` with the directive's (its letters included) on
    top: a letter the directive names takes the directive's role (``W^{(l)}=kernel`` names
    ``W``); every other letter keeps the role the document's forward gives it."""
    named = {bare_letter(n) for n in directive}
    return {**{n: r for n, r in own.items() if n not in named}, **directive}
