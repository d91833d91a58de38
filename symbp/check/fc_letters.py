r"""Fully connected networks whose layers are told apart by their index letters: ``i`` the input
units, ``j`` the hidden ones, ``k`` the outputs, one letter ``a`` for every layer's activations
(The Clever Machine, Bishop, many lecture notes):

    ``z_j = b_j + \sum_i a_i w_{ij}``, ``a_j = g_j(z_j)``, ``z_k = b_k + \sum_j a_j w_{jk}``,
    ``a_k = g_k(z_k)``, ``\delta_k = (a_k - t_k) g_k'(z_k)``, ``\delta_j = g_j'(z_j) \sum_k \delta_k w_{jk}``.

Each entry forward ``z_k = … \sum_j a_j w_{jk}`` is a layer from index letter ``j`` to ``k``: in a
claim about it ``a_j`` is its input, ``a_k`` its activation (where ``a_k = g(z_k)`` is written),
``z_k`` its output, ``z_j`` the pre-activation of its input (the layer below's output),
``\delta_k`` its error and ``\delta_j`` the one below.  Read only where the letters decide: a
letter written with an index letter no layer gives it, or a weight written ``w_{kj}`` against
its forward's ``w_{jk}``, leaves the claim to the other readers.  The claim's letters are then
renamed one letter per role (:func:`symbp.check.fc_layers.layer_readings` does the same for
numbered layers), its index letters kept.

Example::

    >>> from symbp.check.fc_infer import read_fc_forward
    >>> layers = letter_layers([r"z_k = b_k + \sum_j a_j w_{jk}", r"a_k = g_k(z_k)"], read_fc_forward)
    >>> layers["j->k"].roles["a"], layers["j->k"].labels["a"]
    ('input', 'j')
    >>> letter_readings(r"\frac{\partial E}{\partial z_k} = \frac{\partial E}{\partial a_k} g'(z_k)", layers)[0][2]
    {'a': 'activation', 'z': 'output'}
"""
from __future__ import annotations

import re

from .fc_layers import _POOL, _SCRIPT, Layer, _pieces, _rename, _scripts, directive_layers

_ENTRY = re.compile(r"(?:(?<![\\A-Za-z])|(?<=_[A-Za-z0-9]))(\\delta(?![A-Za-z])|[A-Za-z](?![A-Za-z]))"
                    r"((?:\s*[_^]\s*" + _SCRIPT + r"){0,2})")
_ACTIVATION = re.compile(r"\s*([A-Za-z])\s*_\s*\{?\s*([a-z])\s*\}?\s*=\s*(?:\\sigma|\\phi|[fgh])\s*(?:'\s*)?"
                         r"(?:_\s*\{?\s*[a-z]\s*\}?)?\s*(?:\\left)?\s*\(\s*([A-Za-z])\s*_\s*\{?\s*([a-z])\s*\}?"
                         r"\s*(?:\\right)?\s*\)\s*")


def _subscript(letter_scripts: str):
    sub, sup = _scripts(letter_scripts)
    return None if sup is not None else (sub or "").replace(",", "").replace(" ", "") or None


def letter_layers(latex_list, read_fc_forward) -> dict:
    """{"j->k": Layer} from the entry forwards; {} unless the letters tell layers apart (two
    layers, or the input's letter also the activation: ``a_k = g(z_k)`` beside ``a_j``)."""
    layers, acts = {}, []
    for latex in latex_list:
        for piece in _pieces(latex):
            act = _ACTIVATION.fullmatch(piece)
            if act is not None:
                acts.append(act.groups())
                continue
            found = read_fc_forward(piece)
            if found is None or found.layout not in ("oi", "io"):
                continue
            subs = {}
            for m in _ENTRY.finditer(piece):
                if m.group(1) in found.roles:
                    subs.setdefault(m.group(1), _subscript(m.group(2)))
            out = next((subs.get(n) for n, r in found.roles.items() if r == "output"), None)
            kern = next((subs.get(n) for n, r in found.roles.items() if r == "kernel"), None)
            inp = next((subs.get(n) for n, r in found.roles.items() if r == "input"), None)
            if not (out and inp and kern and len(out) == len(inp) == 1 and sorted(kern) == sorted(out + inp)
                    and out != inp):
                continue
            layers.setdefault(f"{inp}->{out}", Layer(f"{inp}->{out}", dict(found.roles), subs, found.layout))
    for act, idx, inner, inner_idx in acts:
        for layer in layers.values():
            out = next(n for n, r in layer.roles.items() if r == "output")
            if inner == out and idx == inner_idx == layer.labels[out] and layer.roles.get(act, "input") == "input":
                layer.activation = act
    shared = {layer.activation for layer in layers.values() if layer.activation and
              layer.roles.get(layer.activation) == "input"}
    for layer in layers.values():      # a_j = g(z_j) and a_j the next layer's input: a is every layer's activation
        if layer.activation is None and len(shared) == 1 and layer.roles.get(next(iter(shared))) == "input":
            layer.activation = next(iter(shared))
    if len(layers) >= 2 or any(l.activation in l.roles for l in layers.values()):
        return layers
    return {}


def _allowed(layers: dict, key: str) -> dict:
    layer = layers[key]
    inp, out = key.split("->")
    allowed = {(n, layer.labels[n]): r for n, r in layer.roles.items()}
    act = layer.activation
    if act is not None:
        allowed[(act, out)] = "activation"
    for below in layers.values():
        if below.number.split("->")[1] == inp:
            z = next(n for n, r in below.roles.items() if r == "output")
            allowed.setdefault((z, inp), "preact_in")
    allowed[(r"\delta", out)] = "delta"
    allowed[(r"\delta", inp)] = "preact_grad"
    return allowed


def letter_readings(latex: str, layers: dict):
    """[(layer, renamed claim, {letter: role}, layout)] for each index-letter layer the claim
    fits; None when it writes no letter of them with an index."""
    letters = {n for layer in layers.values() for n in layer.roles} | {r"\delta"} | \
        {layer.activation for layer in layers.values()} - {None}
    occ = []
    for m in _ENTRY.finditer(latex):
        if m.group(1) not in letters:
            continue
        sub = _subscript(m.group(2))
        if sub is None or not sub.isalpha():
            return None                    # a whole tensor, a label or a number: not this reader's
        occ.append((m.start(), m.end(), m.group(1), sub, _scripts(m.group(2))[0], False))
    if not occ:
        return None
    used = set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])", latex))
    readings = []
    for key in sorted(layers):
        allowed = _allowed(layers, key)
        keys = {(letter, sub) for _s, _e, letter, sub, _x, _t in occ}
        if not all(k in allowed for k in keys):
            continue
        free = [c for c in _POOL if c not in used]
        names, roles = {}, {}
        for k in sorted(keys):
            role = allowed[k]
            if role in roles.values():
                new = next(n for n, r in roles.items() if r == role)
            elif k[0] == r"\delta" and role == "delta" or (k[0] not in roles and all(
                    allowed.get(o) == role for o in keys if o[0] == k[0])):
                new = k[0]
            else:
                new = free.pop(0)
            names[k] = new
            roles[new] = role
        readings.append((key, _rename(latex, occ, names), roles, layers[key].layout))
    return readings


def letter_cost(latex_list, layers: dict):
    r"""(layer, QuadraticCost) for ``E = \frac{1}{2}\sum_k (a_k - t_k)^2`` where ``a_k`` is the
    activation of an index-letter layer and ``t`` no layer's letter; None otherwise."""
    from .fc_loss import _COST, QuadraticCost
    acts = {(layer.activation, layer.number.split("->")[1]): key for key, layer in layers.items() if layer.activation}
    letters = {n for layer in layers.values() for n in layer.roles}
    for latex in latex_list:
        for piece in _pieces(latex):
            m = _COST.match(piece.replace(r"\frac12", r"\frac{1}{2}"))
            if m is None or not m.group("sum"):
                continue
            (l1, s1), (l2, s2) = m.group(4, 5), m.group(6, 7)
            for act, act_s, tgt, tgt_s in ((l1, s1, l2, s2), (l2, s2, l1, s1)):
                key = acts.get((act, _subscript(act_s)))
                if key and tgt not in letters and _subscript(tgt_s) == _subscript(act_s):
                    return key, QuadraticCost(tgt, act, None, 1 if m.group("half") else 2), False
    return None


_ROLE = {"input": "input", "kernel": "kernel", "weight": "kernel", "weights": "kernel", "bias": "bias",
         "output": "output", "activation": "activation"}


def directive_letter_layer(names: str, found: dict) -> dict:
    r"""{"j->k": Layer} for a ``layer=fc`` directive that names the layer's entries with their
    index letters (``names: a_j=input w_{jk}=kernel b_k=bias z_k=output a_k=activation``), beside
    the index-letter layers ``found`` in the forwards; {} for any other directive."""
    roles, labels, act = {}, {}, None
    for item in re.split(r"[\s,]+", names.strip()):
        name, _, role = item.partition("=")
        if role.lower() == "loss" or not role:
            continue
        m = re.fullmatch(r"(\\delta|[A-Za-z])_\{?([a-z]{1,2})\}?", name)
        if m is None or role.lower() not in _ROLE:
            return {}
        if _ROLE[role.lower()] == "activation":
            act = m.groups()
            continue
        roles[m.group(1)], labels[m.group(1)] = _ROLE[role.lower()], m.group(2)
    by_role = {r: labels[n] for n, r in roles.items()}
    inp, out, kern = by_role.get("input"), by_role.get("output"), by_role.get("kernel")
    if not (inp and out and kern and len(inp) == len(out) == 1 and inp != out and sorted(kern) == sorted(inp + out)):
        return {}
    key = f"{inp}->{out}"
    layer = Layer(key, roles, labels, "io" if kern == inp + out else "oi",
                  act[0] if act and act[1] == out else None)
    return {**{k: v for k, v in found.items() if k != key}, key: layer}


def directive_setup(settings: dict, roles: dict, displays: list, inline: list, read_fc_forward) -> dict | None:
    """``settings`` with the layer a ``layer=fc`` directive's names place: numbered (``W^2=kernel``,
    :func:`symbp.check.fc_layers.directive_layers`) or by index letters
    (:func:`directive_letter_layer`); None for any other directive."""
    numbered = directive_layers(settings, roles, displays, inline, read_fc_forward)
    if numbered is not None or settings.get("layer_kind") != "fc":
        return numbered
    every = list(displays) + list(inline) + re.findall(r"\$([^$]+)\$", getattr(inline, "text", ""))
    layers = directive_letter_layer(settings.get("names", ""), letter_layers(every, read_fc_forward))
    return {**settings, "fc_letter_layers": layers, "fc_letter_cost": letter_cost(every, layers)} if layers else None
