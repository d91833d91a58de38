"""What the corpus's truth scripts share: writing each document's ``*.truth.json`` sidecar
from a table ``document -> (truth function, claims, directive, text before it, excluded)``.

The truth itself is each script's own (numpy loops and torch autograd, never symbp)."""
from __future__ import annotations

import json
import pathlib

import numpy as np
import torch


def write_sidecars(table: dict, folder_of, rows_without_ampersands: bool = True) -> None:
    """Run each document's truth function, check that every claim's ``match`` (and the
    directive's anchor ``before``) is in the document's text, and write the sidecar.

    folder_of: document name -> the folder it lies in (a ``pathlib.Path``).
    rows_without_ampersands: matches are looked up in the text with its ``&`` removed
    (aligned rows are read without them), and the anchor must be present."""
    for doc, (fn, claims, directive, before, excluded) in table.items():
        where = pathlib.Path(folder_of(doc))
        text = (where / doc).read_text(encoding="utf-8")
        truth = fn()
        searched = text.replace("&", "") if rows_without_ampersands else text
        for cid, match, _ in claims:
            assert match in searched, (doc, cid, match)
        if rows_without_ampersands:
            assert before in text, (doc, before)
        out = {"document": doc,
               "claims": [{"id": c, "match": m, "truth": truth[c], "why": w} for c, m, w in claims],
               "directives": [{"before": before, "text": directive}],
               "excluded": [{"match": m, "why": w} for m, w in excluded]}
        (where / doc.replace(".md", ".truth.json")).write_text(
            json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(doc, {c: truth[c] for c, _, _ in claims})


def write_section_sidecars(table: dict, folder) -> None:
    """:func:`write_sidecars` for documents with one directive per section: ``table`` maps a
    document to ``(truth function, claims, [(anchor, directive), ...], excluded)``; every anchor
    must stand once in the text and every excluded display in it."""
    write_sidecars({doc: (fn, claims, dirs[0][1], dirs[0][0], excluded)
                    for doc, (fn, claims, dirs, excluded) in table.items()}, lambda doc: folder)
    for doc, (_, _, dirs, _) in table.items():
        text = (folder / doc).read_text(encoding="utf-8")
        path = folder / doc.replace(".md", ".truth.json")
        meta = json.loads(path.read_text(encoding="utf-8"))
        for before, _ in dirs:
            assert text.count(before) == 1, (doc, before)
        for item in meta["excluded"]:
            assert item["match"] in text, (doc, item["match"])
        meta["directives"] = [{"before": b, "text": d} for b, d in dirs]
        path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_table_sidecars(table: dict, folder, truth_of, cap: float = 0.3) -> dict:
    """Check a held-out table (no document over ``cap`` of the claims, 30%; each document's claims in
    document order, so a scorer's first match is the intended row), run each document's truth
    function (``truth_of(name) -> {claim id: verdict}``, one verdict per listed claim), write the
    sidecars and return ``{document: {claim id: verdict}}``."""
    total = sum(len(claims) for _, claims, _, _ in table.values())
    truths = {}
    for doc, (fn, claims, _, _) in table.items():
        assert len(claims) <= cap * total, (doc, len(claims), total)
        text, last = (folder / doc).read_text(encoding="utf-8").replace("&", ""), -1
        for cid, match, _ in claims:
            at = text.find(match)
            assert at > last, (doc, cid, "out of order or not found")
            last = at
    for doc, (fn, claims, _, _) in table.items():
        got = truth_of(fn)
        ids = {c for c, _, _ in claims}
        assert ids == set(got), (doc, ids ^ set(got))   # every claim has a truth, every truth a claim
        truths[doc] = got
    write_section_sidecars({doc: ((lambda d=doc: truths[d]), claims, dirs, excluded)
                            for doc, (_, claims, dirs, excluded) in table.items()}, folder)
    return truths


def write_and_report(table: dict, folder, truth_of, cap: float = 0.3) -> dict:
    """:func:`write_table_sidecars`, then one line: how many documents and claims, how many hold."""
    truths = write_table_sidecars(table, folder, truth_of, cap)
    total = sum(len(v) for v in truths.values())
    false = sum(v == "refuted" for d in truths.values() for v in d.values())
    print(f"{len(truths)} documents, {total} claims: {total - false} hold, {false} refuted")
    return truths

# the small helpers the fifth and sixth sets' truth scripts share (torch / numpy, never symbp)
def verdict(ok: bool) -> str:
    """'holds' or 'refuted'."""
    return "holds" if ok else "refuted"


def isc(a, b) -> bool:
    """Two numbers equal to 1e-9 (absolute)."""
    return bool(np.isclose(a, b, atol=1e-9))


def onehot_of(rng):
    """A one-hot target of n classes drawn from ``rng`` (the set's seeded draws)."""
    def onehot(n):
        t = np.zeros(n)
        t[rng.integers(n)] = 1.0
        return t
    return onehot


def close(a, b) -> bool:
    """Same shape and equal to 1e-9 (tensors or arrays): a shape that differs refutes."""
    a = np.asarray(a.detach() if torch.is_tensor(a) else a, dtype=float)
    b = np.asarray(b.detach() if torch.is_tensor(b) else b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-9))


def collect(res: dict, part: dict) -> None:
    """Add one draw's {claim: bool} to the lists in ``res``."""
    for k, v in part.items():
        res.setdefault(k, []).append(bool(v))


def all_true(res: dict) -> dict:
    """{claim: verdict} holding only where every draw held."""
    return {k: verdict(all(v)) for k, v in res.items()}


def T(a, grad=False):
    return torch.tensor(np.array(a, dtype=float), requires_grad=grad)


def repeat(once, size_sets) -> dict:
    """Run ``once(*sizes)`` twice for every size set; a claim holds only if it holds every time."""
    res = {}
    for sizes in size_sets:
        for _ in range(2):
            collect(res, once(*sizes))
    return all_true(res)


# the held-out sets' (73 on) comparisons and autograd helpers
def isclose(a, b, tol=1e-9) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=0))


def jac(fn, at):
    """Autograd Jacobian of fn at the array ``at`` (output axes first)."""
    return torch.autograd.functional.jacobian(fn, T(at)).numpy()


def grads_at(L, nodes):
    """Autograd's gradients of L at the given graph nodes (numpy)."""
    return [g.numpy() for g in torch.autograd.grad(L, nodes, retain_graph=True)]


def seeded_draws(seed: int):
    """``(rng, rnd, loss_of)`` drawing from one seeded generator: ``rnd(*shape)`` standard normal
    entries; ``loss_of(z)`` a loss with a non-constant gradient, L = sum(G * z) + sum(z^3) / 3, G drawn."""
    rng = np.random.default_rng(seed)

    def rnd(*shape):
        return rng.standard_normal(shape)

    def loss_of(z):
        G = T(rnd(*z.shape))
        return (G * z).sum() + (z ** 3).sum() / 3

    return rng, rnd, loss_of


def corr2(x, w):
    """Valid 2-D cross-correlation by loops: out[i, j] = sum_{m,n} x[i+m, j+n] w[m, n]; None
    where the kernel is larger than the input."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    oh, ow = x.shape[0] - w.shape[0] + 1, x.shape[1] - w.shape[1] + 1
    if oh < 1 or ow < 1:
        return None
    return np.array([[np.sum(x[i:i + w.shape[0], j:j + w.shape[1]] * w) for j in range(ow)] for i in range(oh)])


def dphi(f, z):
    """Elementwise derivative of the activation f at z (autograd)."""
    zt = T(np.asarray(z, dtype=float), True)
    return torch.autograd.grad(f(zt).sum(), zt)[0].numpy()


def rounded(claimed: float, true: float) -> bool:
    """A worked-example number: holds within 0.6 units of its last written digit, refuted from
    1.75 units on; in between the verdict would hang on the tolerance, which must not be scored."""
    s = repr(claimed).lstrip("-")
    d = len(s.split(".")[1]) if "." in s else 0
    units = abs(claimed - true) / 10.0 ** (-d)
    assert not 0.6 < units < 1.75, (claimed, true, units)
    return units <= 0.6
