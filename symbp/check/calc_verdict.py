r"""The verdict on one claim over a :class:`symbp.check.calc_graph.CalcGraph`: every side
against the first, entry by entry, every free index instantiated, at the document's class
count or at C = 2, 3, 4.

* holds: every entry's difference is exactly 0 (:func:`symbp.check.calc_exact.is_zero`),
  re-evaluated by the second witness (:func:`symbp.witness.calc_witness.confirm_calc`) at
  the first size plan, up to six entries a side;
  "given Σ y = 1" when it holds only for a cross-entropy target that sums to 1 (one-hot or a
  distribution), which the verdict says;
* refuted: an entry whose two sides differ at a point of small integers (exp of each input
  and the target's entries), both values named;
* unchecked: a difference that is not exactly 0 but did not come out non-zero at the points
  tried (an honest "not decided").

>>> from symbp.check.calc_graph import CalcGraph
>>> g = CalcGraph()
>>> g.section({"classes": "3", "target": "one-hot"}, [r"p_i = \frac{\exp(o_i)}{\sum_j \exp(o_j)}",
...                              r"L = -\sum_i y_i \log p_i"])
>>> g.check(r"\frac{\partial L}{\partial o_k} = p_k - y_k")[1].split("; exact")[0]
"3 entries equal at C = 3 (the document's class count) given Σ_i y_i = 1 (y is the cross-entropy target: one-hot or a distribution; the directive target=one-hot)"
"""
from __future__ import annotations

import copy
import itertools
import re

import sympy as sp

from .calc_activations import has_named
from .calc_exact import SIGMA, SIGMA_PRIME, CalcEvalError, Evaluator, instances, is_zero
from .calc_dims import axis_classes, cross_entropy_target, letter_size, pinned_plans, size_plans, written_lengths
from .calc_prose import TARGET_HINT, target_assumption
from .calc_class_index import mixed_labels
from .calc_tree import free_letters, kinds_in, refs
from .calc_rows import OPERATOR_FORM, gradient_times_name, layer_letters, matrix_row, product_beside_arrays
from .given_values import example_value

TRIES = 4
CLASS_COUNT = "the document's class count"
SIZES = (2, 3, 4)


def judge(graph, trees, condition, row: str):
    """(verdict, detail) for the sides ``trees`` (first the left side); a refutation that rests on a
    mean's count the page never explains (``\\frac{1}{N}\\sum_j x_j`` with nothing saying N is x's
    length) is unchecked where the claim holds with N that length (:func:`unsaid_counts`)."""
    verdict = _judge(graph, trees, condition, row)
    unsaid = unsaid_counts(graph, row) if verdict[0] == "refuted" else {}
    if not unsaid:
        return verdict
    saved = getattr(graph, "counts", {})
    graph.counts = {**saved, **unsaid}
    try:
        other = _judge(graph, trees, condition, row)
    finally:
        graph.counts = saved
    if other[0] != "holds":
        return verdict
    from .calc_paths import count_directive
    names = ", ".join(sorted(unsaid))
    line = count_directive(getattr(graph, "norm_layer", ""), names) if len(unsaid) == 1 else ""
    return "unchecked", (f"holds if {names} is the number of entries its mean's sum adds (\\frac{{1}}{{{names}}}\\sum), "
                         f"and is refuted otherwise ({verdict[1]}); the page does not say what {names} counts"
                         + (f": if it is that count, say so: {line}" if line else
                            " (a norm layer's directive can: layer=layernorm features=N, layer=batchnorm batch=N)"))


def unsaid_counts(graph, row: str) -> dict:
    """{letter: axes} for the letters a display of the page divides a mean's open sum by
    (``\\frac{1}{N}\\sum_j``) and that the reader did not take as that sum's count (``row`` may not
    name them: ∂r/∂x_j with r built on μ)."""
    from .calc_paths import MEAN_COUNT, count_axes
    found: dict = {}
    for body, _, _ in getattr(graph, "_raw", []):
        for m in MEAN_COUNT.finditer(body):
            letter, index = m.group(1), m.group(2)
            if letter != index and letter not in graph.defs and letter not in getattr(graph, "counts", {}):
                found.setdefault(letter, set()).add(index)
    return count_axes(found, graph.defs) if found else {}


def _judge(graph, trees, condition, row: str):
    """:func:`judge` at the page's counts."""
    fixed = graph.fixed_letters() & set().union(*[free_letters(t) for _, t in graph.defs.values()], *[
        free_letters(t) for t in trees]) if hasattr(graph, "fixed_letters") else set()   # y in -log p_y: every class
    if fixed and (mixed := mixed_labels(graph.defs, trees, graph.label)):
        return "unchecked", mixed
    letters = set().union(*[free_letters(t) for t in trees]) | fixed
    hot = {x for _, x in getattr(graph, "hot_said", ())}
    if condition is not None and ({condition[1], condition[2]} - letters) & hot:     # k ≠ c, c the true class
        said = "≠" if condition[0] != "eq" else "="
        return "unchecked", (f"the condition {condition[1]} {said} {condition[2]} names the true class "
                             f"{next(iter(({condition[1], condition[2]} - letters) & hot))}, where the target is 1: "
                             "the claim at the entries it picks is not read here")
    if condition is not None and not {condition[1], condition[2]} <= letters:
        condition = None
    loose = letters - free_letters(trees[0]) - ({condition[1], condition[2]} if condition else set()) - fixed
    if loose and trees[0][0] == "partial":     # ∂L/∂z_j = ∂/∂z_j(-log a_c): which c?
        return "unchecked", (f"index {', '.join(sorted(loose))} is free on the right but not on the left: "
                             "the claim is about one value of it the text names, not every value")
    groups = [[("ref", n, tuple(((1, x),) for x in lt)), t] for n, (lt, t) in graph.defs.items()]
    classes = axis_classes(groups)                 # the forward's shapes; the claim's own
    extra = axis_classes(groups + [list(trees)])   # names join them where its letters say
    classes.update({ax: len(classes) + 100 + c for ax, c in extra.items() if ax not in classes})
    plans = pinned_plans(size_plans(classes, graph.size), classes, written_lengths(graph.defs) if graph.size is None
                         else {})     # \sum_{p=1}^3: 3, where the page states no count (classes=4 beside it: never 3)
    scalar = not letters and not any(letters_ or "sum" in kinds_in(tree)
                                     for letters_, tree in graph.defs.values())
    why = getattr(graph, "vectors", None) or (not getattr(graph, "numbers_said", True) and not getattr(graph, "_numbered", None)
                                               and "the page does not say its names are numbers (scalars, one unit)")
    blocked = scalar and why and (matrix_row(row, getattr(graph, "arrays", ())) or gradient_times_name(row, graph.leaves)
                                  or product_beside_arrays(row, graph.defs, layer_letters(graph.defs, getattr(graph, "_numbered", None) or ())))    # W (δ ⊙ σ'(z)), v (p - t) as numbers
    if blocked and getattr(graph, "vectors", None):     # the page's vectors have its sizes: no verdict at one entry
        return "unchecked", (f"read as numbers only, and {why}: a missing transpose or a product's "
                             "order would not show; write the entries with indices, or give the layer's sizes")
    if scalar:                            # a = σ(z): no index anywhere, one size says it all
        plans = [("scalars", {})]
    own = cross_entropy_target(graph.defs, trees[0][1][1]) if trees[0][0] == "partial" and trees[0][1][0] == "ref" else None
    target = (own or graph.target) if (own or graph.target) and (own or graph.target)[0] in graph.leaves else None   # M's t
    assumed, count, checked, apart, met, kept = False, 0, [], [], [], {}
    base = getattr(graph, "base", 1)                    # where its written entries start
    written = _written_entries(trees, base)             # ∂y_i/∂a_0: the entry 0 written apart
    try:
        for label, dims in plans:
            default = min(dims.values(), default=1 if scalar else SIZES[0])
            ev = graph.evaluator(default, dims)
            try:
                lengths = {x: letter_size(list(trees) + [t for _, t in graph.defs.values()] if x in fixed else trees,
                                          x, dims, default) for x in letters}
            except ValueError as err:              # x_j where j runs over z's axis
                loose = sorted({n for n, (lt, t) in graph.defs.items() if free_letters(t) - set(lt)} |
                               {r[1] for _, t in graph.defs.values() for r in refs(t)      # y_i = γ_i x̂ + β_i
                                if r[1] in graph.defs and len(r[2]) < len(graph.defs[r[1]][0])})
                if loose:                          # \hat{x} = (x_i - μ)/σ: the forward's own shapes are unsaid
                    return "unchecked", (f"{err} ({label}), but the page's forward writes {', '.join(loose)} without "
                                         "an index it runs over: which shape it has is not said")
                more = sorted({r[1] for t in trees if t is not None for r in refs(t)      # dy_{ij} beside y_j:
                               if r[1] in graph.defs and len(r[2]) > len(graph.defs[r[1]][0])})   # a batch
                if more:
                    return "unchecked", (f"{err} ({label}), but the claim writes {', '.join(more)} with more indices "
                                         "than the forward defines: a batch or another tensor, not read")
                return "refuted", f"{err} ({label}): the shapes the claim writes differ from the forward's"
            envs = list(instances(letters, default, condition, lengths))
            for k, side in enumerate(trees[1:], start=2):
                for env in envs:
                    if fixed:                                  # the forward at this env's true class
                        ev = graph.evaluator(default, dims, {x: env[x] for x in fixed})
                    equal, a, b = holds_at(ev, trees[0], side, env)
                    if not equal and target is not None:
                        equal = holds_at(ev, trees[0], side, env, assume_sum=target)[0]
                        assumed = assumed or equal
                    if not equal and ((graph.sigma == "general" and (a.has(SIGMA, SIGMA_PRIME) or
                                                                     b.has(SIGMA, SIGMA_PRIME)))
                                      or has_named(a) or has_named(b)):    # σ_h: never refuted for one σ
                        return _which_sigma(graph, trees, condition, row)
                    if not equal and any(v in written for v in env.values()):
                        apart.append((env, None))             # for i ≠ 0, which the words may say
                        continue
                    if not equal and _on_diagonal(trees[0], env, getattr(graph, "diagonal", ())):
                        apart.append((env, None))             # ∂p_i/∂z_j after the page's ∂p_i/∂z_i row
                        continue
                    hot = _hot_letter(ev, a, b, env, target, getattr(graph, "hot_said", ())) if not equal else None
                    if hot:                                   # ∂L/∂z_c = p_c - 1: c the true class
                        apart.append((env, hot))
                        continue
                    if not equal and condition is None and _meets_apart(trees[0], env, row):
                        met.append(env)                       # ∂/∂s_n at n = p: "a negative class n"
                        continue
                    if not equal and (free := ev.kept_free(a, b)):     # z = w^T x + b not evaluated: z free
                        return "unchecked", (f"differs with {', '.join(sorted(free))} read as a free value, whose "
                                             f"definition is not evaluated here ({next(iter(free.values()))}): "
                                             "a value it cannot take may be what differs; not decided")
                    if not equal:
                        return _refute(ev, a, b, env, label, k, len(trees), target, condition)
                    kept.update(ev.kept_free(a, b))
                    count += 1
                checked.append((ev, side, envs))
    except (CalcEvalError, ZeroDivisionError, TypeError, ValueError) as err:
        return "unchecked", f"not evaluated: {err}"
    if apart:
        at = ", ".join(f"{x} = {v + base}" for x, v in sorted(apart[0][0].items()))
        hot = next((h for _, h in apart if h), None)
        if hot:
            return "unchecked", (f"fails at {at} for a target one-hot elsewhere, and holds wherever the target "
                                 f"is one-hot at {hot} ({target[0]}_{hot} = 1): if {hot} is the true class, that "
                                 "reading is not taken here")
        return "unchecked", (f"fails at {at}, where an index meets the entry or the diagonal the page writes "
                             "apart, and holds at every other entry: it is read for every value; if the text "
                             "means the other entries only, that condition is not read here")
    if met:
        return "unchecked", _letters_meet(met[0], base)
    stated = getattr(graph, "target_stated", None)
    if stated and target and not stated.startswith("the directive"):     # "$q$ sums to one", "$t$ is one-hot": not y's
        stated = target_assumption(getattr(graph, "_text", ""), re.sub(r"^(?:hat |mathbf )|\^.*$", "", target[0]))
    if assumed and not stated:               # y_i - t_i: true only for a target summing to 1
        name = target[0]
        return "unchecked", (f"holds only if the target {name} sums to 1 (one-hot or a distribution), "
                             f"which the document does not state: if it does, say {TARGET_HINT}")
    from ..witness.calc_witness import confirm_calc
    for ev, side, envs in checked[:len(trees) - 1]:   # the first size plan, every side
        confirm_calc(row, graph.defs, ev.size, trees[0], side, envs[:6] if not fixed else _across(envs, fixed),
                     target if assumed else None, ev.dims, graph.sigma, graph.named_sigma, ev.base,
                     counts=ev.counts, local=ev.local, fixed=fixed, free=set(kept))
    where = ("(scalars)" if scalar else
             f"at {plans[0][0]} ({getattr(graph, 'size_said', None) or CLASS_COUNT})" if graph.size else
             f"at {', '.join(p[0][4:] for p in plans)}".replace("at ", "at C = ", 1)
             + " (no count of classes or entries stated; checked at these sizes)"
             if all(p[0].startswith("C = ") for p in plans) else
             "at sizes " + "; ".join(f"({p[0]})" for p in plans) + " (no sizes stated)")
    text = f"{count} entries equal {where}"
    counted = sorted(letter for letter in getattr(graph, "counts", {}) if re.search(
        rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", row))
    if counted:                          # \frac{1}{N}\sum_j x_j, \sum_{i=1}^m: the page's count is the size
        text += f"; {', '.join(counted)} read as the number of entries the page's sum adds (its count)"
    if assumed:
        name, axis, rank = target
        text += (f" given Σ_i {name}_i = 1" if rank == 1 else
                 f" given that {name} sums to 1 along its axis {axis + 1}") + \
            f" ({name} is the cross-entropy target: one-hot or a distribution; {stated})"
    if fixed:
        text += f"; the true class {', '.join(sorted(fixed))} at each of its values"
    if kept:                             # an identity in a node whose definition is not evaluated: holds for any value
        text += (f"; {', '.join(sorted(kept))} read as a free value (an identity in it; its definition is not "
                 f"evaluated here: {next(iter(kept.values()))})")
    if condition is not None:
        text += f"; only where {condition[1]} {'=' if condition[0] == 'eq' else '≠'} {condition[2]}, " \
                "the condition the document states for this display"
    if blocked:            # no sizes said: false as numbers is false for vectors of one entry; a hold is withheld
        return "unchecked", (f"holds read as numbers, but {why}: a missing transpose or a product's order would "
                             "not show; write the entries with indices, or say the names are numbers")
    return "holds", text + "; exact (rational functions in exp of the inputs); witnessed by finite differences"


def _across(envs, fixed) -> list:
    """Up to six of ``envs`` for the witness, every true class among them."""
    firsts = {tuple(env[x] for x in sorted(fixed)): env for env in reversed(envs)}
    return (list(firsts.values()) + [env for env in envs if env not in firsts.values()])[:max(6, len(firsts))]


def _meets_apart(lhs, env, row: str) -> bool:
    r"""Whether ``env`` gives two letters one value where one of them indexes no entry of the left side, an
    operator on a written expression: ``∂/∂s_n (-\log p_p)`` at n = p (p is the loss's class, inside it), never a
    Jacobian's own entry ``∂s_m/∂z_n`` at m = n, which the claim states for every pair, nor a row that
    writes the diagonal itself (``\delta_{mn}``, cases, ``[m = n]``)."""
    same = {x for x in env if list(env.values()).count(env[x]) > 1}
    if not same or _DIAGONAL_WRITTEN.search(row) or not OPERATOR_FORM.search(row):
        return False          # ∂softmax(z)_i/∂z_j names an entry: a Jacobian's, for every pair
    if lhs[0] == "partial":
        entry = free_letters(lhs[2]) | (free_letters(lhs[1]) if lhs[1][0] == "ref" else set())
    else:
        entry = free_letters(lhs)
    return not same <= entry


#: a row that writes the diagonal itself, or says it is for every pair: its letters meeting is its own claim
_DIAGONAL_WRITTEN = re.compile(r"\\delta_|\\begin\s*\{\s*cases|\[[^\]]*=|\\mathbb\s*\{?\s*1|\\forall|"
                               r"for\s+(?:all|every|each|any)\b|所有|任意", re.I)


def _letters_meet(env, base: int) -> str:
    """Why a claim that fails only where two of its index letters take one value (and holds wherever
    they differ) is not refuted: distinct letters often mean distinct entries (``∂/∂s_n`` for "a
    negative class n" beside the positive p), which the text, not the display, says.

    >>> _letters_meet({"n": 0, "p": 0}, 1)[:46]
    'fails at n = 1, p = 1, where n and p are equal'
    """
    same = sorted(x for x in env if list(env.values()).count(env[x]) > 1)
    at = ", ".join(f"{x} = {v + base}" for x, v in sorted(env.items()))
    pair = " and ".join(same) if len(same) == 2 else ", ".join(same)
    return (f"fails at {at}, where {pair} are equal, and holds wherever they differ: if the text means "
            f"{same[0]} \\neq {same[1]}, write that condition beside the display (\\quad {same[0]} \\neq {same[1]}), "
            "and it is checked there")


def _hot_letter(ev, a, b, env, target, said=()):
    """The index letter whose value, as the one-hot target's hot entry, makes the two sides
    equal at ``env``, where the page says that entry is 1 (``said``: ("y", "c") for its
    ``y_c = 1``), or None (a target with one axis only)."""
    if target is None or target[2] != 1:
        return None
    name = target[0]
    for letter, value in sorted(env.items()):
        if (name, letter) not in said and ("*", letter) not in said:      # y_c = 1, or "c is the true class"
            continue
        hot = {ev.entry(name, (k,)): sp.Integer(int(k == value)) for k in range(ev.dim(name, 0))}
        if is_zero((a - b).xreplace(hot)):
            return letter
    return None


def diagonal_pairs(rows) -> set:
    """{(A, B)} for the rows whose left side is a diagonal entry ``∂A_i/∂B_i`` (one index, the
    same letter): the page writes the diagonal apart, so its ``∂A_i/∂B_j`` is the other entries."""
    out = set()
    for sides in rows:
        lhs = sides[0] if sides else None
        if lhs and lhs[0] == "partial" and lhs[1][0] == lhs[2][0] == "ref" and len(lhs[1][2]) == len(lhs[2][2]) == 1 \
                and lhs[1][2] == lhs[2][2] and lhs[1][2][0][0][1] is not None:
            out.add((lhs[1][1], lhs[2][1]))
    return out


def _on_diagonal(lhs, env, diagonal) -> bool:
    """``lhs`` is ``∂A_i/∂B_j`` of a pair the page writes apart on its diagonal, and ``env`` puts
    i = j."""
    if not (lhs and lhs[0] == "partial" and lhs[1][0] == lhs[2][0] == "ref"    # ∂(x_k - μ)/∂x_j: no pair
            and (lhs[1][1], lhs[2][1]) in diagonal):
        return False
    ix, jx = lhs[1][2], lhs[2][2]
    if len(ix) != 1 or len(jx) != 1 or ix == jx:
        return False
    a, b = ix[0][0][1], jx[0][0][1]
    return a in env and b in env and env[a] == env[b]


def _written_entries(trees, base: int) -> set:
    """The entries the claim writes as numbers (``a_{0}``), counted from 0."""
    return {sum(c for c, _ in ix) - base for t in trees for r in refs(t) for ix in r[2]
            if ix and all(x is None for _, x in ix)}


def _which_sigma(graph, trees, condition, row):
    """A claim that is no identity for every activation σ: does it hold for the sigmoid?  Never
    refuted: some activation may make it true (σ = exp makes σ' = σ)."""
    other = copy.copy(graph)
    other.sigma, other.named_sigma, other._evaluators = "sigmoid", "sigmoid", {}
    found = judge(other, trees, condition, row)
    hint = "<!-- symbp: layer=activation name=sigmoid -->"
    if found[0] == "holds":
        return "unchecked", ("holds if σ is the logistic sigmoid, and not for every activation; "
                             f"the document does not say which σ it means: {hint}")
    return "unchecked", f"depends on which activation σ is, which the document does not say: {hint}"


def _refute(ev, a, b, env, label, side, nsides, target, condition):
    if example_value(a, b):             # "p_1 = 0.7311": a worked example's number, never a claim for every input
        return "unchecked", (f"side {side} is the number {b}, where the derivation depends on values the page "
                             "gives in its text, which symbp does not bind here")
    diff = a - b
    syms = sorted(diff.free_symbols | a.free_symbols | b.free_symbols, key=lambda s: s.name)
    ties = {s: t for s in syms for t in syms if s.name == f"exp({t.name})"}    # x beside exp(x) as its own leaf
    for attempt in range(TRIES + 2):      # the last two: small values (sums of products saturate σ at the first)
        point = _point(syms, target, attempt, ev.size, ev.base) if attempt < TRIES else \
            _small_point(syms, target, attempt, ev.size, ev.base)
        point.update({s: sp.exp(point[t]) for s, t in ties.items()})       # exp(x) is e to that x, not a value of its own
        try:
            va, vb = _number(a.xreplace(point)), _number(b.xreplace(point))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if va is None or vb is None or abs(complex(sp.N(va - vb, 30))) < 1e-20 or abs(complex(sp.N(va, 30)).imag) > 1e-20:
            continue                      # equal there, or outside the definition's real domain (log(x^3), x < 0)
        at = ", ".join(f"{k} = {v + ev.base}" for k, v in sorted(env.items()))
        which = f"side {side}" if nsides > 2 else "the right side"
        given = ", ".join(f"{s.name} = {point[s]}" for s in syms if s in point)
        given = f"with {given}: " if given else ""
        cond = (f" (under the text's condition {condition[1]} {'=' if condition[0] == 'eq' else '≠'} "
                f"{condition[2]})" if condition else "")
        sized = "scalars" if label == "scalars" else f"{label}, indices from {ev.base}"
        return "refuted", (f"{which} at {at or 'the single entry'} ({sized}){cond}: "
                           f"{given}the left side is {_show(va)}, {which} is {_show(vb)}; "
                           f"the left side there is {_short(a)}")
    return "unchecked", (f"not decided: the two sides at {env} ({label}) differ in form but "
                         "agreed at the points tried")


def _point(syms, target, attempt, size, base=1):
    point, n = {}, 0
    for s in syms:
        if s.name.startswith("exp("):
            point[s] = sp.Integer(n + 1 + attempt)
            n += 1
    hot = attempt % size
    for s in syms:
        if s in point:
            continue
        if target is not None and s.name.startswith(target[0] + "["):
            pos = int(s.name[len(target[0]) + 1:-1].split(",")[target[1]]) - base
            point[s] = sp.Integer(int(pos == hot)) if attempt < 2 else sp.Rational(1, size)
        else:
            point[s] = sp.Integer(2 + n + attempt)
            n += 1
    return point


def _small_point(syms, target, attempt, size, base=1):
    """:func:`_point` with every leaf that is no exp and no target a small rational of either
    sign (z = b + Σ x w at integers drives σ'(z) below any tolerance)."""
    point = _point(syms, target, attempt, size, base)
    others = [s for s in syms if not s.name.startswith("exp(") and not (
        target is not None and s.name.startswith(target[0] + "["))]
    for n, s in enumerate(others):
        point[s] = sp.Rational((-1) ** (n + attempt) * (n % 5 + 1), 7 + attempt)
    return point


def _number(expr):
    val = expr.doit()
    if val.free_symbols or val.has(sp.zoo, sp.nan, sp.oo):
        return None
    return val


def _show(value) -> str:
    if value.is_Rational:
        return str(value)
    return f"{value} ≈ {sp.N(value, 8)}"


def _short(expr) -> str:
    text = str(sp.factor(sp.together(expr)))
    return text if len(text) <= 120 else text[:117] + "..."


def holds_at(ev: Evaluator, lhs, rhs, env, assume_sum=None):
    """(equal, lhs value, rhs value) at one entry, in the leaves; ``assume_sum`` a target
    ``(name, axis, rank)`` whose entries are taken to sum to 1 along ``axis`` (the last entry
    of each line replaced by 1 minus the others)."""
    a, b = ev.leaves(ev.value(lhs, env)), ev.leaves(ev.value(rhs, env))
    diff = a - b
    if assume_sum is not None:
        name, axis, rank = assume_sum
        lengths = [ev.dim(name, x) for x in range(rank)]
        subs = {}
        for rest in itertools.product(*[range(n) for x, n in enumerate(lengths) if x != axis]):
            line = [ev.entry(name, rest[:axis] + (v,) + rest[axis:]) for v in range(lengths[axis])]
            subs[line[-1]] = 1 - sp.Add(*line[:-1])
        diff = diff.xreplace(subs)
    return is_zero(diff), a, b
