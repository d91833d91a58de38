r"""Two readings a normalisation derivation needs from the scalar-layer reader
(:mod:`symbp.check.calc_graph`):

* **the count letter.** ``\mu = \frac{1}{m}\sum_{i=1}^{m} x_i``: m is the number of x's entries,
  so at each size the claim is checked at, m is that size (the identity Σ_i (x_i - μ) = 0 that
  the simplified batch-norm gradient rests on needs it);
* **which derivative ∂A/∂B means** where B is an input of A's own definition and reaches A
  through another input too (x̂_i = (x_i - μ)/√(σ² + ε), μ and σ² computed from x): the partial
  of A's own definition, its other inputs held (a computational graph's local derivative,
  ``∂x̂_i/∂x_i = 1/√(σ² + ε)``), or the total derivative through them. The claim is checked both
  ways; it holds when it holds one way, and the verdict says which; it is refuted only when
  both ways refute it.

>>> count_letters([r"\mu = \frac{1}{m}\sum_{i=1}^{m} x_i"], {"mu": ((), None), "x": None})
{'m': {'i'}}
>>> count_letters([r"\mu = \frac{1}{N} \sum_j x_j"], {"mu": ((), None)})   # a mean's N: not bound
{}
"""
from __future__ import annotations

import copy
import re

from ..layers.normalization import NORM_ALIASES
from .calc_directive import norm_rows
from .calc_exact import direct_input, square_root
from .calc_parse import parse_expression
from .calc_entrywise import NORM_CONSTANTS      # a normalisation's small constant: never one per feature
from .calc_tree import nodes, refs, replace_subtree, upstream
from .calc_dims import positions

_LOWER = r"_\s*\{?\s*([a-z])\s*(?:=\s*[01]\s*)?\}?"
_UPPER = r"\^\s*\{?\s*([A-Za-z])\s*(?:-\s*1\s*)?\}?"
_BOUNDS = re.compile(r"\\(?:sum|Sigma)(?:\\limits)?\s*(?:" + _LOWER + r"\s*" + _UPPER + "|" + _UPPER + r"\s*" + _LOWER + ")")
# a mean written with its count and an open sum, \frac{1}{N} \sum_j x_j: N counts j's values
MEAN_COUNT = re.compile(r"\\frac\s*\{?\s*1\s*\}?\s*\{\s*([A-Za-z])\s*\}\s*\\(?:sum|Sigma)(?:\\limits)?\s*_\s*\{?\s*([a-z])\s*\}?(?!\s*\^)")


def count_letters(rows, defs, stated: str = "", page=()) -> dict:
    """{count letter: the index letters it bounds} for the sums of the definition ``rows``
    (``\\sum_{i=1}^{m}``, ``\\sum_i^m``, ``\\Sigma^m_{i=1}``, ``\\sum_{k=0}^{N-1}``); a letter
    the section defines is no count.  A mean's open sum, ``\\frac{1}{N} \\sum_j x_j``, binds nothing:
    what N counts is the page's to say (red team 52 found pages whose words bind it to another length);
    a refutation that would hold with N that length is unchecked (``calc_verdict.unsaid_counts``), unless
    a norm directive's size key names that letter, ``stated`` (``layer=layernorm features=N``: N counts
    the entries the norm runs over; in any display of the ``page``, the forward above carried here)."""
    found = {}
    for row in [*rows, *page] if re.fullmatch(r"[A-Za-z]", stated) else ():
        for m in MEAN_COUNT.finditer(row):
            if m.group(1) == stated and stated not in defs and stated != m.group(2):
                found.setdefault(stated, set()).add(m.group(2))
    for row in rows:
        for m in _BOUNDS.finditer(row):
            index, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            if letter not in defs and letter != index:
                found.setdefault(letter, set()).add(index)
    return found


def count_axes(counts: dict, defs: dict) -> dict:
    """{count letter: ((tensor, axis), …)} the axes a definition's sum over the letter's index reads
    (``Σ_{i=1}^m x_i`` and a loss's ``Σ_i (x_i - t_i)^2``: x's and t's); letters with none are dropped.
    The evaluator binds the letter where those axes have one length."""
    out = {}
    for letter, indices in counts.items():
        axes = {hit for _, (_, tree) in defs.items() if tree for n in nodes(tree)
                if n[0] == "sum" and n[1] in indices for hit in positions(n[3], n[1])}
        if axes:
            out[letter] = tuple(sorted(axes))          # one length at every size plan, or not bound there
    return out


def statistics_forward(linear: dict) -> bool:
    r"""Whether the definitions ``linear`` (name -> (letters, tree); none with exp, log or σ) are a
    normalisation's forward, which no layer reader takes: a mean over one example letter
    (``\mu = \frac{1}{m}\sum_{i=1}^m x_i``) or a square root, every name indexed by at most that
    one letter, no capital without an index but a count (``W`` may be a matrix), and a definition
    indexed by it (``\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}``).

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> statistics_forward({"mu": ((), p(r"\frac{1}{m}\sum_{i=1}^m x_i")), "y": (("i",), p(r"x_i - \mu"))})
    True
    >>> statistics_forward({"z": (("j",), p(r"\sum_k w_{jk} x_k"))})
    False
    """
    every = [n for _, tree in linear.values() for n in nodes(tree)]
    counts = {n[2][1] for n in every if n[0] == "div" and n[2][0] == "ref" and not n[2][2]}   # 1/N
    if not every or any(n[0] == "ref" and len(n[2]) > 1 for n in every) or \
            not any(letters for letters, _ in linear.values()) or any(len(letters) > 1 for letters, _ in linear.values()):
        return False
    if any(n[0] == "ref" and not n[2] and n[1][:1].isupper() and n[1] not in counts for n in every):
        return False                                  # y_i = W(x_i - μ): W a matrix, not a number
    roots = any(square_root(n) for n in every)
    means = any(n[0] == "mul" and any(f[0] == "div" and f[1] == ("num", 1) and f[2][0] == "ref" and not f[2][2]
                                      for f in n[1]) and any(f[0] == "sum" for f in n[1]) for n in every)
    return roots or means


def norm_layer(settings: dict) -> str:
    """"batchnorm" or "layernorm" for a section whose directive names one, else ""."""
    return NORM_ALIASES.get(str(settings.get("layer", "")).lower()) or ""


def count_directive(layer: str, letter: str) -> str:
    """The directive line that says a mean's count letter counts a norm's entries: ``<!-- symbp:
    layer=layernorm features=N -->`` (a batch norm's ``batch=N``); "" for no norm layer."""
    key = {"batchnorm": "batch", "layernorm": "features"}.get(layer)
    return f"<!-- symbp: layer={layer} {key}={letter} -->" if key else ""


def norm_count(settings: dict) -> str:
    """The entries a ``layer=batchnorm`` directive's ``batch`` (``layernorm``'s ``features``)
    gives, as the size claims are checked at; "" for any other section."""
    layer = NORM_ALIASES.get(str(settings.get("layer", "")).lower())
    key = {"batchnorm": "batch", "layernorm": "features"}.get(layer)
    return str(settings.get(key, "") or "") if key else ""


def ambiguous(trees, defs) -> bool:
    """A ∂A/∂B in the claim that the two readings of the module docstring tell apart."""
    return any(n[0] == "partial" and direct_input(n[1], n[2], defs) for t in trees for n in nodes(t))


def leaf_products(defs: dict) -> bool:
    r"""Whether a definition multiplies two of the forward's leaves (``w x_i``, ``q k_j``): on a page whose
    quantities are vectors, a dot product the scalar reading cannot see (``\gamma \hat{x}_i`` multiplies a
    leaf by a node: entrywise)."""
    leaves = set().union(*[{r[1] for r in nodes(t) if r[0] == "ref"} for _, t in defs.values()]) - set(defs)
    return any(len([f for f in n[1] if f[0] == "ref" and f[1] in leaves]) >= 2
               for _, t in defs.values() for n in nodes(t) if n[0] == "mul")


def matrix_rows(defs: dict) -> set:
    r"""The names a matrix-form row defines that another definition reads entry by entry, with every name that row
    is computed from: ``z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}`` beside ``\hat{y}_i = \frac{\exp(z^{(2)}_i)}{\sum_j
    \exp(z^{(2)}_j)}``.  The row multiplies two names written without an index (a matrix by a vector), so the entries
    of z are none of the scalar reading's: z is a leaf there, and W, a and what a reads are not the reader's names.

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> sorted(matrix_rows({"z": ((), p("W a + b")), "a": ((), p(r"\sigma(u)")), "s": (("i",), p("z_i + 1"))}))
    ['W', 'a', 'b', 'u', 'z']
    >>> matrix_rows({"z": ((), p("w x + b")), "s": ((), p(r"\sigma(z)"))})
    set()
    """
    read_by_entry = {r[1] for _, t in defs.values() for r in refs(t) if r[2]}
    out = set()
    for name, (letters, tree) in defs.items():
        if letters or name not in read_by_entry or any(n[0] == "ref" and n[2] for n in nodes(tree)):
            continue
        if any(n[0] == "mul" and len([f for f in n[1] if f[0] == "ref"]) >= 2 for n in nodes(tree)):
            out |= {name} | upstream(defs, name)
    return out


def entrywise(defs: dict, per_feature: bool = False) -> dict:
    r"""The definitions among ``defs`` written without an index over names defined with one, and
    without a sum, made entrywise (``y = \gamma \hat{x} + \beta`` beside ``\hat{x}_i = …``:
    ``y_i = \gamma \hat{x}_i + \beta``), as normalisation pages write the layer's output; ``per_feature`` (a
    layer norm's section): its bare parameters too (``y_i = \gamma_i \hat{x}_i + \beta_i``), one per feature.

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> entrywise({"h": (("i",), p("x_i - m")), "y": ((), p("g h + b"))})["y"][0]
    ('i',)
    """
    out = {}
    for name, (letters, tree) in defs.items():
        if letters or tree is None or any(n[0] == "sum" or (n[0] == "ref" and n[2]) for n in nodes(tree)):
            continue
        bare = {r for r in refs(tree) if r[1] in defs and len(defs[r[1]][0]) == 1}
        if not bare or len({defs[r[1]][0][0] for r in bare}) != 1:
            continue
        letter = defs[next(iter(bare))[1]][0][0]
        bare |= {r for r in refs(tree) if per_feature and r[1] not in defs and r[1] not in NORM_CONSTANTS}
        for ref in bare:
            tree = replace_subtree(tree, ref, ("ref", ref[1], (((1, letter),),)))
        out[name] = ((letter,), tree)
    return out


_MEAN_SAID = re.compile(r"\b(?:mean|average|moyenne|media|Mittelwert|m[ée]dia|среднее)\b|平均|均值|평균", re.I)
_VARIANCE_SAID = re.compile(r"\b(?:variance|varianza|Varianz|variância)\b|дисперси|方差|分散|분산", re.I)


def said_statistics(defs: dict, prose: str) -> list:
    r"""Rows for the mean and variance a normalisation's forward (``defs``, :func:`statistics_forward`)
    uses but defines only in words (``\hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}``, "μ the
    mini-batch mean", "σ² its variance"): ``\mu = \frac{1}{m}\sum_{i=1}^{m} x_i`` where ``prose`` says
    mean and the page subtracts one undefined μ from one input x_i; the variance likewise.

    >>> from symbp.check.calc_parse import parse_expression as p
    >>> said_statistics({"h": (("i",), p(r"\frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}"))}, "the mean")
    ['\\mu = \\frac{1}{m} \\sum_{i=1}^{m} x_{i}']
    """
    if not statistics_forward(defs) or not _MEAN_SAID.search(prose):
        return []
    pairs = {(x, mu) for x, mu in _subtracted(defs) if re.fullmatch(r"mu(?:_[A-Za-z])?", mu)}
    if len(pairs) != 1:
        return []
    x, mu = pairs.pop()
    variances = {r[1] for _, tree in defs.values() for r in refs(tree)
                 if re.fullmatch(r"sigma\^2(?:_[A-Za-z])?", r[1]) and not r[2]} - set(defs)
    mean = "\\" + mu
    rows = [rf"{mean} = \frac{{1}}{{m}} \sum_{{i=1}}^{{m}} {x}_{{i}}"] if mu not in defs else []
    if len(variances) == 1 and _VARIANCE_SAID.search(prose):
        rows.append(rf"\{variances.pop()} = \frac{{1}}{{m}} \sum_{{i=1}}^{{m}} ({x}_{{i}} - {mean})^2")
    return rows


# a page that names a batch norm, or a layer norm (its γ, β one per feature), by name
_BATCH_NORM_NAMED = re.compile(r"batch[\s-]*norm|\bBN\b|批(?:量)?(?:归一化|標準化|标准化|規格化|正规化)|"
                               r"バッチ正規化|배치\s*정규화|normalizzazione|Batch-Normalisierung|normalisation par lots", re.I)
_LAYER_NORM_NAMED = re.compile(r"layer[\s-]*norm|层归一化|層正規化|레이어\s*정규화", re.I)
_NORM_NAMED = re.compile(f"{_BATCH_NORM_NAMED.pattern}|{_LAYER_NORM_NAMED.pattern}", re.I)


# a batch's label: B, {B}, {\mathcal{B}}, \beta (calc_stat_tokens._label reads the same)
_BATCH = r"_(?:\{[A-Z]\}|[A-Z]|\{\\mathcal\s*\{[A-Z]\}\}|\{?\\beta\}?(?![A-Za-z]))"
_MEAN = rf"\\mu(?:{_BATCH})?(?![A-Za-z])"                                     # \mu, \mu_B, \mu_{B}, \mu_{\mathcal{B}}
_VARIANCE = rf"\\sigma(?:{_BATCH})?\^(?:\{{2\}}|2)(?:{_BATCH})?"           # \sigma^2, \sigma_B^2, \sigma^{2}_B


def named_norm(prose: str, latex) -> str:
    r"""A ``names:`` line for :func:`symbp.check.calc_directive.norm_rows` where the page says it is a
    batch (or layer) norm and writes one normalised letter in the displays ``latex`` (``\hat{x}_i``)
    but not its forward, its mean and variance as most often spelled there (``\mu_B``, ``\sigma_B^2``; μ and
    σ² where unwritten); the output where ``\gamma`` and one other ∂ letter (``\partial y_i``)
    appear; else "".

    >>> named_norm("Batch normalization", [r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial \hat{x}_i} (\sigma_B^2)^{-1} - \mu_B"])
    'x=input \\hat{x}=normalized \\mu_B=mean \\sigma_B^2=variance'
    """
    if not _NORM_NAMED.search(prose):
        return ""
    page = " ".join(latex)
    hats = set(re.findall(r"\\hat\s*\{?\s*([A-Za-z])", page))
    means = re.findall(_MEAN, page)
    variances = re.findall(_VARIANCE, page)
    if len(hats) != 1:
        return ""
    x = hats.pop()
    mean, variance = (max(sorted(set(found)), key=found.count) if found else default    # μ_B, and μ its alias;
                      for found, default in ((means, "\\mu"), (variances, "\\sigma^2")))   # unwritten: μ, σ²
    names = f"{x}=input \\hat{{{x}}}=normalized {mean}=mean {variance}=variance"
    outputs = set(re.findall(r"\\partial\s*([a-z])_\{?\s*[a-z]\s*\}?", page)) - {x}
    if "\\gamma" in page and len(outputs) == 1:
        names += f" {outputs.pop()}=output \\gamma=scale \\beta=shift"
    return names


# statistics that are not the batch's own (red team 43): running or moving averages, inference, values fixed
# beforehand or over a whole set, an unbiased (m - 1) variance
_OTHER_STATISTICS = re.compile(
    r"running|moving|inference|test[ -]?time|at test|evaluation|eval mode|\bfixed\b|"
    r"beforehand|precomputed|whole (?:training|data)|entire (?:training|data)|population|unbiased|bessel|"
    r"\b[mnNM]\s*-\s*1\b|推理|推断|测试|固定|移动平均|滑动平均|無偏|无偏|推論|テスト|固定|移動平均|추론|테스트|이동\s*평균|"
    r"inferenza|\bfiss[oi]\b|inférence|\bfixes?\b|Inferenz|\bfest\b", re.I)


def said_layer(prose: str) -> str:
    """"layernorm" where the ``prose`` names a layer norm and no batch norm, else "batchnorm"."""
    return "layernorm" if _LAYER_NORM_NAMED.search(prose) and not _BATCH_NORM_NAMED.search(prose) else "batchnorm"


def said_rows(defs: dict, prose: str, latex, settings: dict) -> tuple:
    """(rows, assumed): the forward rows a normalisation page says in words (:func:`said_statistics`)
    and, on a page with no directive's layer and no other forward that names batch norm and writes its
    letters but not its forward (:func:`named_norm`), batch norm's rows for the names it leaves undefined (``assumed``,
    which the verdicts name)."""
    if _OTHER_STATISTICS.search(prose):       # running mean, test time, m - 1: not the batch's own statistics
        return [], []
    rows = said_statistics(defs, prose)
    named = "" if settings.get("layer") or (defs and not statistics_forward(defs)) else named_norm(prose, latex)
    assumed, written = [], [tree for _, tree in defs.values()]
    for row in norm_rows({"layer": said_layer(prose), "names": named}, latex) if named else ():
        name = _parsed(row.split("=")[0])
        if name is not None and name not in defs and _side(row) not in written and \
                not any(r.split("=")[0] == row.split("=")[0] for r in rows):     # v = 1/N Σ (x_i - μ)² written: no σ²
            lhs = row.split("=")[0].strip()
            if name.endswith("^2") and name[:-2] in defs:         # σ defined (1/(n-1) too): σ² is its square, no
                row = f"{lhs} = {lhs[:-2]} \\cdot {lhs[:-2]}"     # batch variance beside it (red team 76)
            elif name + "^2" in defs:                              # σ² defined: σ its root
                row = f"{lhs} = \\sqrt{{{lhs}^2}}"
            assumed.append(row)
    if assumed:                               # σ² beside σ_B²: one variance spelled two ways
        page = " ".join(latex)
        for pattern, role in ((_MEAN, "mean"),
                              (_VARIANCE, "variance")):
            main = re.search(r"(\S+)=" + role, named).group(1)
            assumed += [f"{other} = {main}" for other in sorted(set(re.findall(pattern, page)) - {main})
                        if None is not _parsed(other) != _parsed(main)]
    return rows + assumed, rows + assumed     # every row taken from words is named in the verdicts


def _side(row: str):
    """The tree of ``row``'s right side, or None."""
    try:
        return parse_expression(row.split("=", 1)[1])
    except Exception:                     # CalcParseError and the parser's own errors
        return None


def _parsed(latex: str):
    """The name ``latex`` spells, or None where the scalar reader does not read it."""
    try:
        tree = parse_expression(latex)
    except Exception:                     # CalcParseError and the parser's own errors: not a name
        return None
    return tree[1] if tree[0] == "ref" else None


def judge_paths(judge, graph, trees, condition, row):
    """``judge`` (:func:`symbp.check.calc_verdict.judge`) under both readings where they
    differ, combined as the module docstring says; on a normalisation's forward only
    (:func:`statistics_forward`), where a node's own partial is what the pages mean by ∂: elsewhere
    (``y = x + F(x)``, ``∂y/∂x = 1``) the total derivative alone."""
    verdict = _both(judge, graph, trees, condition, row)
    if getattr(graph, "norm_assumed", None) and verdict[0] in ("holds", "refuted"):
        verdict = verdict[0], verdict[1] + ("; read with batch norm's own batch statistics, which the page says "
                                            f"in words or names but does not write: {'; '.join(graph.norm_assumed)}")
    if verdict[0] in ("holds", "refuted") and statistics_forward(graph.defs) and (centre := _centres(graph.defs)):
        mean, inputs = centre
        through = {n[2][1] for t in trees if t is not None for n in nodes(t) if n[0] == "partial" and n[2][0] == "ref"}
        if verdict[0] == "refuted" or through & (inputs | {mean}):     # ∂/∂x_i: through μ if μ is the batch's
            return "unchecked", (f"{verdict[0]} only with {mean} a number of its own, which a normalisation's {mean} "
                                 f"may not be (the batch mean): define {mean} (or say layer=batchnorm with names: … "
                                 f"{mean}=mean) to check this; {verdict[1]}")
    return verdict


def _centres(defs: dict):
    """(μ, {x}): the undefined name subtracted from an input's entries (x_i - μ, μ never defined) and
    those inputs, else None."""
    pairs = _subtracted(defs)
    means = sorted({mu for _, mu in pairs} - set(defs))
    return (means[0], {x for x, mu in pairs if mu == means[0]}) if means else None


def _subtracted(defs: dict) -> set:
    """{(x, μ)}: an undefined input's entry minus an unindexed name (``x_i - \\mu``) in a definition."""
    return {(t[1][0][1], t[1][1][1][1]) for _, tree in defs.values() for t in nodes(tree)
            if t[0] == "add" and len(t[1]) == 2 and t[1][0][0] == "ref" and len(t[1][0][2]) == 1
            and t[1][0][1] not in defs and t[1][1][0] == "neg" and t[1][1][1][0] == "ref" and not t[1][1][1][2]}


def _both(judge, graph, trees, condition, row):
    total = judge(graph, trees, condition, row)
    if not ambiguous(trees, graph.defs) or not statistics_forward(graph.defs):
        return total
    own = copy.copy(graph)
    own._evaluators, own.local_partials = {}, True
    local = judge(own, trees, condition, row)
    if total[0] == "holds":
        return "holds", total[1] + ("; ∂A/∂B read either way, as the total derivative or as the partial of A's "
                                    "own definition with its other inputs held" if local[0] == "holds" else
                                    "; ∂ read as the total derivative (through every path)")
    if local[0] == "holds":
        why = (f"as the total derivative it is refuted: {total[1]}" if total[0] == "refuted" else
               f"as the total derivative: {total[1]}")
        return "holds", (local[1] + "; ∂A/∂B read as the partial of A's own definition, its other "
                         f"inputs held (a computational graph's local derivative); {why}")
    if total[0] == "refuted" and local[0] == "refuted":
        return "refuted", (total[1] + "; and with ∂A/∂B read as the partial of A's own definition, its "
                           f"other inputs held: {local[1]}")
    return "unchecked", (f"read as the total derivative: {total[1]}; as the partial of each quantity's own "
                         f"definition: {local[1]}")


__all__ = ["ambiguous", "count_axes", "entrywise", "leaf_products", "count_letters", "judge_paths", "named_norm", "norm_count", "said_rows", "said_statistics", "statistics_forward"]
