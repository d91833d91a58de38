"""Truth for ``inada_conv_stride2_pad.md`` of the fourth held-out set (torch autograd and numpy, not
symbp): the claims are the document's numbered displays, read with a small reader for the only
term shapes it uses (dL/dz_ij times w_mn, a_mn, 0 or dz_ij/da_mn), every other shape an error.
Used by ``truth_heldout4.py``."""
from __future__ import annotations

import pathlib
import re

import numpy as np
import torch

from heldout4.claims_table import INADA

FOLDER = pathlib.Path(__file__).parent
RNG = np.random.default_rng(43)
jac = torch.autograd.functional.jacobian


def rnd(*shape):
    return RNG.standard_normal(shape)


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), requires_grad=grad)


def close(a, b) -> bool:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-10))


INADA_DOC = "inada_conv_stride2_pad.md"
_TERM = re.compile(r"\\frac\{\\partial L\}\{\\partial z_\{(\d)(\d)\}\}\s*(?:\\cdot\s*)?(.*)", re.S)
_FACTOR = {"w": re.compile(r"w_\{(\d)(\d)\}"), "a": re.compile(r"a_\{(\d)(\d)\}"),
           "dz": re.compile(r"\\frac\{\\partial z_\{(\d)(\d)\}\}\{\\partial ([aw])_\{(\d)(\d)\}\}")}
_LHS = re.compile(r"\\frac\{\\partial L\}\{\\partial ([aw])_\{(\d)(\d)\}\}\s*=(.*)", re.S)


INADA_SLIPS = {                                        # the displays whose left side names the wrong entry
    59: "(59) left side written dL/da_{43}; the chain's terms are those of a_{44}",
    60: "(60) continues (59), whose left side is dL/da_{43} as written; the terms are a_{44}'s",
    84: "(84) left side written dL/dw_{21}; the chain's terms are those of w_{31}",
    89: "(89) left side written dL/dw_{23}; the chain's terms are those of w_{33}",
}


def inada_displays() -> list:
    """The 94 numbered displays of the document, in order (their text between $$ and $$)."""
    text = (FOLDER / INADA_DOC).read_text(encoding="utf-8")
    shown = re.findall(r"^\$\$(.*?)\n\$\$$", text, flags=re.S | re.M)
    assert len(shown) == 94, len(shown)
    return shown


def _terms(rhs: str) -> list:
    """'\frac{dL}{dz_ij} \cdot X + ...' -> [((i, j), kind, indices)]; anything else is an error."""
    out = []
    for term in (s.strip() for s in rhs.split("+")):
        m = _TERM.fullmatch(term)
        assert m, term
        ij, rest = (int(m.group(1)) - 1, int(m.group(2)) - 1), m.group(3).strip()
        if rest == "0":
            out.append((ij, "0", ()))
            continue
        for kind, pat in _FACTOR.items():
            f = pat.fullmatch(rest)
            if f:
                g = f.groups()
                out.append((ij, kind, g if kind == "dz" else (int(g[0]) - 1, int(g[1]) - 1)))
                break
        else:
            raise AssertionError(rest)
    return out


def _cells(matrix: str) -> list:
    body = matrix[matrix.index("\\begin{bmatrix}") + len("\\begin{bmatrix}"):matrix.index("\\end{bmatrix}")]
    return [[c.strip() for c in row.split("&")] for row in body.split("\\\\")]


def inada_claims() -> list:
    """(id, match, why) for every display not excluded in claims_table.INADA, in order."""
    _, excluded = INADA
    claims, lhs = [], None
    for n, disp in enumerate(inada_displays(), start=1):
        body = disp.strip()
        m = _LHS.match(body)
        if m:
            lhs = (m.group(1), m.group(2) + m.group(3))
        if n in excluded:
            continue
        if n == 62:
            match, why = "\\begin{bmatrix}\n\\frac{\\partial L}{\\partial z_{11}} \\cdot w_{22}", "dL/da_prev, all 16 entries in one matrix"
        elif n == 91:
            match, why = "\\begin{bmatrix}\n\\frac{\\partial L}{\\partial z_{22}} \\cdot a_{22}", "dL/dW, all 9 entries in one matrix"
        elif n == 67:
            match, why = body, "dL/da_prev as zero-padded, zero-interleaved dL/dz cross-correlated with the flipped kernel"
        elif n == 94:
            match, why = body, "dL/dW as the padded input cross-correlated with the zero-interleaved dL/dZ"
        elif n == 14:
            match, why = body, "one entry of dz/da read off (6)"
        elif body.startswith("="):
            match, why = body, f"({n}) dL/d{lhs[0]}_{lhs[1]}, the derivatives replaced by entries (left side of ({n - 1}))"
        else:
            kind = "chain rule" if "\\partial z_" in body.split("=", 1)[1] else "simplified"
            match, why = body, f"({n}) dL/d{m.group(1)}_{m.group(2)}{m.group(3)}, {kind}"
        claims.append((f"i{n:02d}", match, INADA_SLIPS.get(n, why)))
    return claims


def inada_once():
    a, w = T(rnd(4, 4), True), T(rnd(3, 3), True)
    P = torch.nn.functional.pad(a, (1, 1, 1, 1))
    z = torch.nn.functional.conv2d(P[None, None], w[None, None], stride=2)[0, 0]
    assert z.shape == (2, 2)
    G = rnd(2, 2)
    (z * T(G)).sum().backward()
    an, wn, ga, gw = a.detach().numpy(), w.detach().numpy(), a.grad.numpy(), w.grad.numpy()
    Pn = np.pad(an, 1)
    for (i, j) in np.ndindex(2, 2):                    # the written-out forward entries (6)-(9) are this layer
        assert np.isclose(float(z.detach()[i, j]), sum(Pn[2 * i + m, 2 * j + n] * wn[m, n] for m in range(3) for n in range(3)))
    Ja = jac(lambda u: torch.nn.functional.conv2d(torch.nn.functional.pad(u, (1, 1, 1, 1))[None, None],
                                                  w.detach()[None, None], stride=2)[0, 0], a.detach()).numpy()
    Jw = jac(lambda u: torch.nn.functional.conv2d(P.detach()[None, None], u[None, None], stride=2)[0, 0],
             w.detach()).numpy()
    truth = {"a": ga, "w": gw}

    def value(terms):
        tot = 0.0
        for (i, j), kind, ix in terms:
            if kind == "w":
                tot += G[i, j] * wn[ix]
            elif kind == "a":
                tot += G[i, j] * an[ix]
            elif kind == "dz":
                zi, zj, var, r, c = ix
                assert (int(zi) - 1, int(zj) - 1) == (i, j)
                J = Ja if var == "a" else Jw
                tot += G[i, j] * J[i, j, int(r) - 1, int(c) - 1]
        return tot

    res, lhs = {}, None
    _, excluded = INADA
    for n, disp in enumerate(inada_displays(), start=1):
        body = disp.strip()
        m = _LHS.match(body)
        if m:
            lhs = (m.group(1), (int(m.group(2)) - 1, int(m.group(3)) - 1))
        if n in excluded:
            continue
        cid = f"i{n:02d}"
        if n == 14:
            res[cid] = np.isclose(Ja[0, 0, 0, 0], wn[1, 1])
        elif n in (62, 91):
            cells = _cells(body)
            want = ga if n == 62 else gw
            res[cid] = len(cells) == want.shape[0] and all(
                len(row) == want.shape[1] and all(np.isclose(value(_terms(c)), want[r, k]) for k, c in enumerate(row))
                for r, row in enumerate(cells))
        elif n == 67:
            inter = np.zeros((4, 4))
            inter[0::2, 0::2] = G
            Q = np.pad(inter, 1)                               # zero_pad(zero_interweave(dL/dz)), 6x6 as displayed
            W2 = wn[::-1, ::-1]
            got = np.array([[np.sum(Q[r:r + 3, c:c + 3] * W2) for c in range(4)] for r in range(4)])
            res[cid] = close(got, ga)
        elif n == 94:
            inter = np.zeros((4, 4))
            inter[0::2, 0::2] = G
            got = np.array([[np.sum(Pn[r:r + 4, c:c + 4] * inter) for c in range(3)] for r in range(3)])
            res[cid] = close(got, gw)
        else:
            rhs = body[1:] if body.startswith("=") else m.group(4)
            var, ix = lhs
            res[cid] = np.isclose(value(_terms(rhs)), truth[var][ix])
    return res


def inada():
    """{claim id: 'holds' | 'refuted'} over three random draws."""
    draws = [inada_once() for _ in range(3)]
    return {k: "holds" if all(bool(d[k]) for d in draws) else "refuted" for k in draws[0]}
