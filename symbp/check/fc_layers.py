r"""Fully connected networks whose layers are numbered by superscripts: each claim read in the
one layer its names belong to (used by :func:`symbp.check.fc_infer.check_fc_claim`).

Authors write a two-layer network with a number on every quantity of a layer, and often other
letters for each layer's input and output:

* ``Y^1 = XW^1 + b^1``, ``H^1 = f(Y^1)``, ``\hat y = H^1 W^2 + b^2`` (samples as rows);
* ``z^1 = W^1 x + b^1``, ``a^1 = \sigma(z^1)``, ``z^2 = W^2 a^1 + b^2`` (columns);
* Ng's ``Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}``, also ``(2)``.

Each forward whose weight carries a number ``n`` is layer ``n``: its letters, with the labels
the forward writes them with, take the roles kernel, bias, input and output; ``a^n = σ(z^n)``
(or a forward wrapped in the activation) names layer n's activation; layer n-1's output is
layer n's pre-activation input (``σ'(z^1)`` in a claim about layer 2).  A claim is read in a
layer when every numbered or layer letter it writes has a role there (with the label the
forward gives it: ``H^1`` is layer 2's input, ``X`` unlabelled layer 1's); its letters are
then renamed to one letter per role without labels and the single-layer reader checks it.
A claim that fits no layer is left to the other readers; one that fits two gets a verdict
only when both readings agree.  Hats (``\hat y``, ``\hat{y}``) are names: a letter with a hat
is renamed to a letter the section does not use.  Nothing from the document is evaluated.

Example::

    >>> from symbp.check.fc_infer import read_fc_forward
    >>> layers = numbered_layers([r"Y^1 = XW^1 + b^1", r"H^1 = f(Y^1)", r"\hat y = H^1 W^2 + b^2"],
    ...                          read_fc_forward)
    >>> sorted(layers), layers[2].layout, layers[1].roles["H"]
    ([1, 2], 'rows', 'activation')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fc_order import WEIGHT_ORDERS
from .symbol_legend import own_spelling

_HAT = re.compile(r"\\(?:hat|widehat)\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z])(?![A-Za-z]))")
_NUMBER = re.compile(r"^\s*[\(\[]?\s*(\d+)\s*[\)\]]?\s*(\^?\s*(?:T|\\top|\\intercal))?\s*$")
_SCRIPT = r"(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|\w)"
# a letter (or \delta) with its scripts, in any order: W^2_{ij}, w_{ij}^{(2)}, H^1
_OCCURRENCE = re.compile(r"(?<![\\A-Za-z])(\\delta(?![A-Za-z])|[A-Za-z](?![A-Za-z]))"
                         r"((?:\s*[_^]\s*" + _SCRIPT + r"){0,2})")
_SPLIT = re.compile(r"\\(?:rightarrow|to|Rightarrow|longrightarrow|quad|qquad)(?![A-Za-z])|;")
_POOL = "PQRUVGKMNOABDFSTXYZ"


@dataclass
class Layer:
    """One numbered layer: letter -> role and letter -> the label its forward writes."""
    number: int
    roles: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    layout: str = "oi"
    activation: str | None = None        # the letter of its activation where it is also the input's
    activation_label: str | None = None  # (numbered layers) the activation's label: a^2 beside a^1


def layer_number(label) -> int | None:
    """``2``, ``{2}``, ``(2)``, ``[2]`` (also ``[2]T``) -> 2; None for anything else."""
    if label is None:
        return None
    m = _NUMBER.match(str(label).strip("{} "))
    return int(m.group(1)) if m else None


def hat_map(latex_list) -> dict:
    r"""{``\hat y`` letter: a capital none of ``latex_list`` uses} for every hatted letter."""
    text = " ".join(latex_list)
    used = set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])", _HAT.sub("", text)))
    free = [c for c in _POOL if c not in used]
    out = {}
    for m in _HAT.finditer(text):
        letter = m.group(1) or m.group(2)
        if letter not in out and free:
            out[letter] = free.pop(0)
    return out


def unhat_names(latex: str, hats: dict) -> str:
    r"""``\hat y`` / ``\hat{y}`` written as the letter ``hats`` gives it, and capitals written
    together (``XW^1``, the product X W^1) apart."""
    latex = _HAT.sub(lambda m: hats.get(m.group(1) or m.group(2), m.group(0)), latex)
    return re.sub(r"(?<![\\A-Za-z])([A-Z])(?=[A-Z]\s*[\^_])", r"\1 ", latex)


def _scripts(text: str):
    """(subscript text or None, superscript text or None) of a run like ``^2_{ij}``."""
    found = {"_": None, "^": None}
    for m in re.finditer(r"([_^])\s*(" + _SCRIPT + ")", text):
        found[m.group(1)] = m.group(2)[1:-1] if m.group(2).startswith("{") else m.group(2)
    return found["_"], found["^"]


def _pieces(latex: str) -> list:
    """The equations of one display: ``A \\rightarrow (B = C)_1``, ``\\quad``, ``;`` split, brackets of a chain dropped."""
    out = []
    latex = re.sub(r"\\(?:begin|end)\s*\{[^{}]*\}|\\tag\s*\{[^{}]*\}|&", " ", latex)
    for piece in _SPLIT.split(latex.replace("\\\\", ";")):
        piece = re.sub(r"\\right\s*\)\s*_\s*\{?\d+\}?", " ", piece)      # ( … )_1: the chain's layer
        piece = re.sub(r"^\s*(?:\\left\s*)?\(\s*", "", piece).strip().rstrip(",.").strip()
        if "=" in piece:
            out.append(piece)
    return out


def _labels_in(latex: str) -> dict:
    """{letter: the first superscript it carries} in one equation (None when unlabelled)."""
    found = {}
    for m in _OCCURRENCE.finditer(latex):
        found.setdefault(m.group(1), _scripts(m.group(2))[1])
    return found


_SUB_NUMBER = re.compile(r"(?:(?<![\\A-Za-z])|(?<=(?<![\\A-Za-z])[A-Z]))([A-Za-z]|\\delta(?![A-Za-z]))\s*_\s*(?:\{\s*(\d)\s*\}|(\d))(?!\d)"
                         r"(\s*\^\s*(?:\{\s*(?:T|\\top)\s*\}|T(?![A-Za-z])|\\top))?")


def subscript_numbers(latex: str) -> str:
    r"""Layer numbers written as subscripts (``z_1 = XW_1 + b_1``, ``a_1^T``) as superscripts
    (``z^{1}``, ``{a^{1}}^T``), for a page whose forwards number their layers so."""
    return _SUB_NUMBER.sub(lambda m: ("{%s^{%s}}^T" if m.group(4) else "%s^{%s}") %
                           (m.group(1), m.group(2) or m.group(3)), latex)


def numbered_layers(latex_list, read_fc_forward, subscripts: bool = False) -> dict:
    """{n: Layer} from the forwards of layers whose weight carries the number n (see the module);
    ``read_fc_forward``: equation -> :class:`symbp.check.fc_infer.FcForward` or None;
    ``subscripts``: the numbers are written as subscripts (``W_2``, :func:`subscript_numbers`)."""
    if subscripts:
        latex_list = [subscript_numbers(t) for t in latex_list]
    hats = hat_map(latex_list)
    layers: dict = {}
    activations = []
    for latex in latex_list:
        for piece in _pieces(unhat_names(latex, hats)):
            found = read_fc_forward(piece)
            if found is None:
                activations.append(piece)
                continue
            number = layer_number(found.kernel_label)
            if number is None or number in layers:
                continue
            labels = _labels_in(piece)
            layer = Layer(number, dict(found.roles), {n: labels.get(n) for n in found.roles}, found.layout)
            lhs = re.split(r"=", piece)[0].strip()
            lhs_letter = _OCCURRENCE.match(lhs)
            if found.wrapped and lhs_letter:
                _set_activation(layer, lhs_letter.group(1), _scripts(lhs_letter.group(2))[1])
            layers[number] = layer
    for piece in activations:                       # a^1 = σ(z^1), H^1 = f(Y^1), \hat y = σ(z^2)
        _activation(piece, layers)
    if subscripts and not all(_chained(layers.get(n - 1), layers[n]) for n in layers if n - 1 in layers):
        return {}                                   # y_1 = w_1 x_1, y_2 = w_2 x_2: entries, not layers
    return layers if len(layers) >= 2 else {}


def _chained(below: Layer, layer: Layer) -> bool:
    """Layer n's input is layer n-1's output or activation, with that layer's number."""
    inp = next((n for n, r in layer.roles.items() if r == "input"), None)
    number = layer_number(layer.labels.get(inp))
    feeds = {(n, layer_number(below.labels.get(n))) for n, r in below.roles.items() if r in ("output", "activation")}
    if below.activation is not None:
        feeds.add((below.activation, layer_number(below.activation_label)))
    return number == below.number and (inp, number) in feeds


def _activation(piece: str, layers: dict) -> None:
    m = re.fullmatch(r"\s*(" + _OCCURRENCE.pattern + r")\s*=\s*(?:\\sigma|\\phi|[fgh]|\\operatorname\{\w+\}|"
                     r"\\mathrm\{\w+\}|\\text\{\w+\})\s*(?:\\left)?\s*\(\s*(" + _OCCURRENCE.pattern +
                     r")\s*(?:\\right)?\s*\)\s*", piece)
    if m is None:
        return
    act, act_scripts, inner, inner_scripts = m.group(2), m.group(3), m.group(5), m.group(6)
    for layer in layers.values():
        out = next((n for n, r in layer.roles.items() if r == "output"), None)
        if out == inner and layer.labels.get(out) == _scripts(inner_scripts)[1]:
            _set_activation(layer, act, _scripts(act_scripts)[1])


def _set_activation(layer: Layer, letter: str, label) -> None:
    """``a^2 = σ(z^2)``: a new letter takes the role; the input's own letter with another number
    (Nielsen's ``a^1`` in, ``a^2`` out) is the layer's ``activation`` beside it."""
    if letter not in layer.roles:
        layer.roles[letter], layer.labels[letter] = "activation", label
    elif layer.roles[letter] == "input" and layer_number(layer.labels.get(letter)) != layer_number(label):
        layer.activation, layer.activation_label = letter, label


def _allowed(layers: dict, n: int) -> dict:
    """{(letter, layer number or None): role} of the names a claim about layer n may write."""
    layer, below = layers[n], layers.get(n - 1)
    out = {}
    for letter, role in layer.roles.items():
        out[(letter, layer_number(layer.labels.get(letter)))] = role
    if layer.activation is not None and layer.activation_label is not None:
        out.setdefault((layer.activation, layer_number(layer.activation_label)), "activation")
    if below is not None:
        for letter, role in below.roles.items():
            if role == "output":
                out.setdefault((letter, layer_number(below.labels.get(letter))), "preact_in")
    own = next((layer_number(layer.labels.get(x)) for x, r in layer.roles.items() if r == "output"), None)
    own = n if own is None else own         # z^{(n+1)} = W^{(n)} a^{(n)}: δ^{(n+1)} is the layer's δ (UFLDL)
    out[(r"\delta", own)], out[(r"\delta", own - 1)] = "delta", "preact_grad"
    return out


def _occurrences(latex: str, letters: set):
    """[(start, end, letter, number or None, subscript, transpose)] of the layer letters in ``latex``."""
    found = []
    for m in _OCCURRENCE.finditer(latex):
        letter = m.group(1)
        if letter not in letters:
            continue
        sub, sup = _scripts(m.group(2))
        transpose = False
        if sup is not None:
            t = re.fullmatch(r"\s*(.*?)\s*\^?\s*(T|\\top|\\intercal)\s*", sup)
            if t and (not t.group(1) or layer_number(t.group(1)) is not None):
                transpose, sup = True, t.group(1) or None
        number = layer_number(sup)
        if sup is not None and number is None:
            return None                       # a label this reader does not know (l, a power)
        found.append((m.start(), m.end(), letter, number, sub, transpose))
    return found


def _rename(latex: str, occurrences, names: dict) -> str:
    out, at = [], 0
    for start, end, letter, number, sub, transpose in occurrences:
        new = names[(letter, number)]
        text = new + ("^T" if transpose else "") + (f"_{{{sub}}}" if sub is not None else "")
        out += [latex[at:start], (" " if out and re.search(r"[A-Za-z]$", latex[at:start]) else "") + text]
        at = end
    return "".join(out) + latex[at:]


_T_ENTRY = re.compile(r"(?:\{\s*([A-Za-z])\s*\}|(?<![\\A-Za-z])([A-Za-z]))\s*\^\s*(?:\{\s*(?:T|\\top)\s*\}|T|\\top)"
                      r"\s*_\s*\{\s*(\w)\s*,?\s*(\w)\s*\}")


def _transposed_entries(latex: str) -> str:
    """``{W}^T_{nj}`` (an entry of the transpose) as ``W_{jn}``."""
    return _T_ENTRY.sub(lambda m: f"{m.group(1) or m.group(2)}_{{{m.group(4)}{m.group(3)}}}", latex)


def layer_readings(latex: str, layers: dict, hats: dict):
    """[(layer number, renamed claim, {new letter: role})] for every layer the claim fits; None
    when it names no letter of a numbered layer."""
    latex = unhat_names(latex, hats)
    letters = {n for layer in layers.values() for n in layer.roles} | {r"\delta"}
    occ = _occurrences(latex, letters)
    if not occ:
        return None
    used = set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])", latex))
    readings = []
    for n in sorted(layers):
        allowed = _allowed(layers, n)
        keys = {(letter, number) for _s, _e, letter, number, _sub, _t in occ}
        if not all(k in allowed for k in keys):
            continue
        by_role: dict = {}
        for key in sorted(keys, key=str):          # name order: the same new letters every run
            by_role.setdefault(allowed[key], []).append(key)
        free = [c for c in _POOL if c not in used]
        names, roles = {}, {}
        for role, group in by_role.items():
            letter = group[0][0]
            keep = letter != r"\delta" and sum(k[0] == letter for k in keys) == 1 and letter not in roles
            new = letter if keep or (letter == r"\delta" and role == "delta") else free.pop(0)
            for key in group:
                names[key] = new
            roles[new] = role
        text = _transposed_entries(_rename(latex, occ, names))
        for layout in (layers[n].layout,) if layers[n].layout else ("oi", "rows"):   # W x or X W
            readings.append((n, text, roles, layout))
    return readings


_SAY = {"oi": "W x, samples as columns", "rows": "X W, samples as rows", "io": "W^T x",
        "rows-oi": "X W^T, samples as rows"}
_DROPPED = ("fc_layers", "fc_letter_layers", "fc_letter_cost", "fc_layer_cost", "fc_layer_subscripts", "fc_unsure", "digit_labels", "quadratic_cost", "quadratic", "hat_defined",
            "later_orders", "fc_scalar", "hat_names", "names")


_COLOR = re.compile(r"\\(?:color|textcolor)\s*\{[A-Za-z]+\}\s*\{")
_NOTE = re.compile(r"\s*(?:\\because|\\text\s*\{(?!\s*(?:if|for|when|otherwise)\b)[^{}]*\}|\\quad\s*\\text).*$")


_UNIT_PRIME = re.compile(r"(?<![\\A-Za-z])([fgh]|\\sigma|\\phi)\s*(?:'\s*_\s*\{?\s*[a-z]\s*\}?|_\s*\{?\s*[a-z]"
                         r"\s*\}?\s*')\s*(?=\(|\\left)")


def plain_claim(latex: str) -> str:
    r"""``latex`` without what only decorates it: ``\color{red}{x}`` (x), a note after the last
    side (``\text{transpose of } W^2``, ``\because …``; not ``\text{if …}``)."""
    while (m := _COLOR.search(latex)) is not None:
        depth, k = 1, m.end()
        while k < len(latex) and depth:
            depth += {"{": 1, "}": -1}.get(latex[k], 0)
            k += 1
        if depth:
            break
        latex = latex[:m.start()] + "{" + latex[m.end():k - 1] + "}" + latex[k:]
    latex = _UNIT_PRIME.sub(r"\1'", latex)          # g'_k(z_k), g_j'(z_j): the unit's g'
    latex = re.sub(r"(?<![\\A-Za-z])(?:[fgh]|\\phi)\s*'(?=\s*(?:\(|\\left))", r"\\sigma'", latex)   # h'(a_j)
    latex = re.sub(r"(?<=[A-Za-z])_([A-Za-z0-9])(?=[A-Za-z])", r"_\1 ", latex)     # a_jw_{jk}
    note = _NOTE.search(latex)
    if note is not None and "=" in latex[:note.start()]:
        latex = latex[:note.start()]
    return latex


def check_by_layer(check, ctx, latex: str, last_lhs=None, letter_readings=None):
    """The verdict on ``latex`` read in the numbered layer(s) it fits (``ctx.settings["fc_layers"]``),
    or None when it fits none.  ``check(ctx, latex)`` is the single-layer reader; readings of two
    layers must not disagree (a disagreement is unchecked, saying so).  ``letter_readings``: the
    readings of layers told apart by index letters (:func:`symbp.check.fc_letters.letter_readings`)."""
    from .doc_names import DocContext
    from .index_eval import Outcome
    layers, hats = ctx.settings.get("fc_layers"), ctx.settings.get("hat_names", {})
    if re.match(r"\s*=", latex) and last_lhs:
        latex = last_lhs + latex                      # a row continuing the last left side
    if layers and ctx.settings.get("fc_layer_subscripts"):
        latex = subscript_numbers(latex)              # z_1 = XW_1 + b_1: W_2 is layer 2's weight
    readings = layer_readings(plain_claim(latex), layers, hats) if layers else \
        letter_readings(plain_claim(latex), ctx.settings["fc_letter_layers"])
    if not readings:
        return None
    if (order := WEIGHT_ORDERS.get(str(ctx.settings.get("weight", "")).strip().lower())) in ("oi", "rows"):   # W x or X W
        readings = [r for r in readings if r[3] not in ("oi", "rows") or r[3] == order] or readings    # as weight= says
    losses = {n: r for n, r in ctx.roles.items() if r == "loss"}
    settings = {k: v for k, v in ctx.settings.items() if k not in _DROPPED}
    results = []
    cost = ctx.settings.get("fc_letter_cost") or ctx.settings.get("fc_layer_cost")
    for n, text, roles, layout in readings:
        extra = {"fc_kernel": layout}
        if cost and cost[0] == n and re.search(rf"(?<![\\A-Za-z]){cost[1].target}(?![A-Za-z])", text):
            roles, extra["quadratic"] = {**roles, cost[1].target: "target"}, cost[1]   # E = ½Σ(a_k - t_k)²
            extra["quadratic_output"] = cost[2]                                       # L = ½Σ(ŷ_k - y_k)²
        one = DocContext({**losses, **roles}, {**settings, **extra})
        got = _guarded(check, one, text)
        said = ctx.settings.get("scalar_said") and got.verdict == "refuted" and not settings.get("in")
        if (ctx.settings.get("fc_scalar") == "maybe" or said) and got.verdict in ("holds", "refuted"):
            one = DocContext(one.roles, {**one.settings, "in": "1", "out": "1"})   # one neuron a layer?
            if _guarded(check, one, text).verdict != got.verdict:     # the page's numbers, or no sizes at all
                why = "the page says its names are numbers" if said else "the document never indexes its tensors"
                got = Outcome("unchecked", f"{why}: the claim {got.verdict} with vectors but not with one neuron a "
                                           "layer (numbers); say which with a layer=fc directive's in= and out=")
        results.append((n, got))
    decided = {got.verdict for _, got in results if got.verdict in ("holds", "refuted")}
    if len(decided) > 1:
        say = "; ".join(f"in layer {n} ({_SAY[layout]}) it {got.verdict}"
                        for (n, _t, _r, layout), (_, got) in zip(readings, results))
        return Outcome("unchecked", f"the claim's names fit more than one reading, and they "
                                    f"disagree ({say}); name the layer on every letter, or write "
                                    "the layer's forward")
    n, best = next(((n, got) for n, got in results if got.verdict in decided), results[0])
    if layers:                                   # ∂L/∂Q: the page's z^2
        best.detail = own_spelling(best.detail, next(r for k, _t, r, _l in readings if k == n), layers[n], latex)
    hat = "".join(f", \\hat {k} as {v}" for k, v in hats.items() if v in text_of(readings, n))
    best.detail += f" (read in layer {n} of the numbered layers{hat})" if layers else \
        f" (read in the layer from index {n.replace('->', ' to ')})"
    return best


def _guarded(check, ctx, text: str):
    """``check(ctx, text)``, an exception of the reader as an unchecked Outcome."""
    from .index_claims import IndexError_, OutOfRange
    from .index_eval import Outcome
    from .timelimit import reader_failure
    try:
        return check(ctx, text)
    except (IndexError_, OutOfRange, ZeroDivisionError, RecursionError, TypeError,
            ValueError, AttributeError, KeyError) as err:
        return Outcome("unchecked", reader_failure(err))


def text_of(readings, n) -> str:
    return next(text for k, text, _r, _l in readings if k == n)


_NAME = re.compile(r"^(\\(?:hat|widehat)\s*\{?\s*[A-Za-z]\s*\}?|[A-Za-z])\s*(?:\^\s*(\{[^{}]*\}|\w))?$")


def directive_layer(roles: dict, found_layers: dict, hats: dict) -> dict:
    r"""{n: Layer} for a directive whose names carry a layer number (``names: H^1=input
    W^2=kernel b^2=bias \hat{y}=output``), its layout from the layer's forward in
    ``found_layers`` (else unknown: both W x and X W are tried); {} for any other directive
    (``a_j=input``: layers told apart by index letters are not read here)."""
    layer_roles, labels, number = {}, {}, None
    for name, role in roles.items():
        m = _NAME.match(name.strip())
        if m is None:
            return {}
        letter = unhat_names(m.group(1), hats)
        if len(letter) != 1:
            return {}
        if role == "loss" or (letter in labels and not m.group(2)):   # b=bias beside b^2=bias
            continue
        layer_roles[letter] = role
        labels[letter] = m.group(2).strip("{}") if m.group(2) else None
        if role == "kernel":
            number = layer_number(labels[letter])
    if number is None:
        return {}
    found = found_layers.get(number)
    layout = found.layout if found is not None and found.roles.get(
        next(n for n, r in layer_roles.items() if r == "kernel")) == "kernel" else None
    return {number: Layer(number, layer_roles, labels, layout)}


def directive_layers(settings: dict, roles: dict, displays: list, inline: list, read_fc_forward) -> dict | None:
    """``settings`` with the numbered layer a fully connected directive names (``W^2=kernel``,
    :func:`directive_layer`), or None when its names carry no number (``read_fc_forward``: as
    for :func:`numbered_layers`)."""
    if settings.get("layer_kind") != "fc" or not settings.get("names"):
        return None
    every = list(displays) + list(inline)
    hats = hat_map(every)
    found = {}
    for piece in (p for latex in every for p in _pieces(unhat_names(latex, hats))):
        one = read_fc_forward(piece)            # every forward whose weight carries a number
        number = layer_number(one.kernel_label) if one is not None else None
        if number is not None:
            found.setdefault(number, Layer(number, dict(one.roles), {}, one.layout))
    layer = directive_layer(roles, found, hats)
    full = numbered_layers(every, read_fc_forward)
    for n, one in layer.items():        # H^1 = f(Y^1) written for the directive's layer: its activation
        other = full.get(n)
        if other is not None and all(other.roles.get(k) in (None, r) and layer_number(other.labels.get(k)) ==
                                     layer_number(one.labels.get(k)) for k, r in one.roles.items() if k in other.roles):
            for k, r in other.roles.items():
                if r == "activation" and k not in one.roles:
                    one.roles[k], one.labels[k] = r, other.labels.get(k)
    return {**settings, "fc_layers": layer, "hat_names": hats} if layer else None


_OPERATOR_D = re.compile(r"\\[dt]?frac\s*\{\s*\\partial\s*\}|\\frac\s*\\partial\s*\{|\\partial\s*_\s*\{?\s*[A-Za-z]")


def operator_guard(result, latex: str):
    r"""A refutation of a claim that applies ``\frac{\partial}{\partial w}`` to an expression
    holding the activation σ(z): the derivative of σ is not read there, so unchecked, saying so
    (``result``: an Outcome-like object, changed in place and returned)."""
    if result.verdict == "refuted" and _OPERATOR_D.search(latex) and "sigma(" in (result.detail or ""):
        result.verdict, result.scope = "unchecked", None
        result.detail = ("∂/∂(…) applied to an expression holding the activation σ(z) is not read "
                         "(the chain rule's σ'(z) is not taken from it); write the derivative out, "
                         "e.g. g'(z_k) ∂z_k/∂w_{jk}")
    return result


_DERIVED_CLAIMED = re.compile(r"derived (.*?), claimed (.*)", re.S)


_SIGMOID_FORM = re.compile(r"\(\s*1\s*-\s*(?:[A-Za-z]|\\sigma|\\hat)")


def activation_values_guard(result, latex: str = ""):
    """A fully connected refutation whose claimed side holds the activation's values σ(z)
    where the derived side has σ' as a symbol of its own (``a_j(1-a_j)`` for the sigmoid's σ'):
    the reader keeps σ generic, so the claim may hold for one activation; unchecked, saying so.

    ``result``: an Outcome-like object (verdict, detail, scope), changed in place and returned."""
    found = _DERIVED_CLAIMED.search(result.detail or "")
    if result.verdict == "refuted" and ((found and "sigma(" in found.group(2) and "sigma(" not in
                                         found.group(1)) or _SIGMOID_FORM.search(latex)):
        result.verdict, result.scope = "unchecked", None
        result.detail = ("the claim writes the activation's values (σ(z)) where the chain rule has "
                         "σ'(z); symbp keeps σ generic, so a form true for one activation only "
                         "(the sigmoid's σ' = σ(1-σ)) is not decided; write σ'(z) to check it")
    return result


def layer_cost(latex_list, layers: dict, hats: dict):
    r"""(layer number, QuadraticCost, on the output) for ``L = \frac{1}{2}\sum_k (\hat y_k - y_k)^2``
    (or without the ½) whose first letter is the top numbered layer's output (``\hat y``, ``z^2``)
    or activation (``a^2``), with that layer's label, and whose second is no layer's letter;
    None otherwise."""
    from .fc_loss import _COST, QuadraticCost
    if not layers:
        return None
    top = layers[max(layers)]
    letters = {n for layer in layers.values() for n in layer.roles}
    for piece in (p for latex in latex_list for p in _pieces(unhat_names(latex, hats))):
        m = _COST.match(piece.replace(r"\frac12", r"\frac{1}{2}"))
        pairs = ((m.group(4, 5) + m.group(6, 7)), (m.group(6, 7) + m.group(4, 5))) if m else ()
        for act, act_s, tgt, tgt_s in pairs:
            role = top.roles.get(act)
            if act == top.activation and top.activation_label is not None and \
                    layer_number(_scripts(act_s)[1]) == layer_number(top.activation_label):
                role, top_label = "activation", top.activation_label
            else:
                top_label = top.labels.get(act)
            if role in ("output", "activation") and tgt not in letters and _scripts(tgt_s)[1] is None and \
                    layer_number(_scripts(act_s)[1]) == layer_number(top_label) and \
                    _scripts(act_s)[0] == _scripts(tgt_s)[0] and (m.group("sum") or _scripts(act_s)[0] is None):
                return top.number, QuadraticCost(tgt, act, None, 1 if m.group("half") else 2), role == "output"
    return None
