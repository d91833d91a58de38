r"""Fully connected derivations in index notation with letter layer labels in parentheses, as
UFLDL (``W^{(l)}`` from layer l to l+1, sums to ``s_{l+1}``), Chinese notes after it
(``w_{ij}^{(l)}`` from layer l-1 to l, ``n_L`` for the output layer, sums to ``n_{l+1}``), and
Nielsen / CompPhysics (``w^{l+1}_{kj}`` without parentheses) write them; with no directive and
with README-style directives whose names carry the labels (``W^{(l)}=kernel``): a directive adds
to the document's own reading and never loses a verdict.  Truth from torch autograd of a
two-layer network, the claims evaluated by plain loops; never from symbp."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

N0, N1, N2 = 3, 4, 2          # units of layers l-1, l, l+1


def _network():
    """x -> z1 = W1 x + b1 -> a1 = tanh(z1) -> z2 = W2 a1 + b2 -> a2 = tanh(z2) -> E = ½|a2 - y|²;
    everything a claim may name, from torch autograd."""
    g = torch.Generator().manual_seed(5)
    t = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)     # noqa: E731
    x, y = t(N0), t(N2)
    W1, b1, W2, b2 = (p.requires_grad_() for p in (t(N1, N0), t(N1), t(N2, N1), t(N2)))
    z1 = W1 @ x + b1
    z1.retain_grad()
    a1 = torch.tanh(z1)
    z2 = W2 @ a1 + b2
    z2.retain_grad()
    E = 0.5 * ((torch.tanh(z2) - y) ** 2).sum()
    E.backward()
    jac = torch.autograd.functional.jacobian(lambda z: W2 @ torch.tanh(z) + b2, z1.detach())
    n = lambda v: v.detach().numpy()        # noqa: E731
    return dict(x=n(x), W1=n(W1), W2=n(W2), z1=n(z1), a1=n(a1), d1=n(z1.grad), d2=n(z2.grad),
                gW1=n(W1.grad), gW2=n(W2.grad), gb1=n(b1.grad), fp1=1 - n(a1) ** 2, jac=n(jac))


def _true(fn) -> bool:
    try:
        return bool(fn(_network()))
    except IndexError:                       # the claim's indices leave a tensor: it is false
        return False


# (claim, its truth by loops against autograd); layer l-1 -> l is W1, l -> l+1 is W2
LATER = [   # w^{(l)} from layer l-1 to layer l: z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}
    (r"\delta_i^{(l)} = \sum_{j=1}^{n_{l+1}} \delta_j^{(l+1)} w_{ji}^{(l+1)} f'(z_{i}^{(l)})",
     lambda d: all(np.isclose(d["d1"][i], sum(d["d2"][j] * d["W2"][j, i] for j in range(N2)) * d["fp1"][i])
                   for i in range(N1))),
    (r"\delta_i^{(l)} = \sum_{j} \delta_j^{(l+1)} w_{ij}^{(l+1)} f'(z_{i}^{(l)})",
     lambda d: all(np.isclose(d["d1"][i], sum(d["d2"][j] * d["W2"][i, j] for j in range(N2)) * d["fp1"][i])
                   for i in range(N1))),
    (r"\frac{\partial z_{j}^{(l+1)}}{\partial z_{i}^{(l)}} = w_{ji}^{(l+1)} f'(z_{i}^{(l)})",
     lambda d: np.allclose(d["jac"], d["W2"] * d["fp1"][None, :])),
    (r"\frac{\partial z_{j}^{(l+1)}}{\partial z_{i}^{(l)}} = w_{ij}^{(l+1)} f'(z_{i}^{(l)})",
     lambda d: all(np.isclose(d["jac"][j, i], d["W2"][i, j] * d["fp1"][i]) for j in range(N2) for i in range(N1))),
    (r"\frac{\partial E}{\partial w_{ij}^{(l)}} = \delta_i^{(l)} a_j^{(l-1)}",
     lambda d: np.allclose(d["gW1"], np.outer(d["d1"], d["x"]))),
    (r"\frac{\partial E}{\partial w_{ij}^{(l)}} = \delta_j^{(l)} a_i^{(l-1)}",
     lambda d: all(np.isclose(d["gW1"][i, j], d["d1"][j] * d["x"][i]) for i in range(N1) for j in range(N0))),
    (r"\frac{\partial E}{\partial b_{i}^{(l)}} = \delta_i^{(l)}", lambda d: np.allclose(d["gb1"], d["d1"])),
]
LATER_DOC = (r"$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$" "\n\n" r"$$a^{(l)} = f(z^{(l)})$$" "\n\n")
LATER_DIRECTIVE = ("<!-- symbp: layer=fc in=3 out=4 names: a^{(l-1)}=input W^{(l)}=kernel b^{(l)}=bias "
                   "z^{(l)}=output a^{(l)}=activation E=loss -->\n\n")

NEXT = [    # UFLDL: W^{(l)} from layer l to layer l+1: z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}
    (r"\delta^{(l)}_i = \left( \sum_{j=1}^{s_{l+1}} W^{(l)}_{ji} \delta^{(l+1)}_j \right) f'(z^{(l)}_i)",
     lambda d: all(np.isclose(d["d1"][i], sum(d["W2"][j, i] * d["d2"][j] for j in range(N2)) * d["fp1"][i])
                   for i in range(N1))),
    (r"\delta^{(l)}_i = \left( \sum_{j=1}^{s_{l+1}} W^{(l)}_{ij} \delta^{(l+1)}_j \right) f'(z^{(l)}_i)",
     lambda d: all(np.isclose(d["d1"][i], sum(d["W2"][i, j] * d["d2"][j] for j in range(N2)) * d["fp1"][i])
                   for i in range(N1))),
    (r"\frac{\partial J}{\partial W^{(l)}_{ij}} = a^{(l)}_j \delta^{(l+1)}_i",
     lambda d: np.allclose(d["gW2"], np.outer(d["d2"], d["a1"]))),
    (r"\frac{\partial J}{\partial W^{(l)}_{ij}} = a^{(l)}_i \delta^{(l+1)}_j",
     lambda d: all(np.isclose(d["gW2"][i, j], d["a1"][i] * d["d2"][j]) for i in range(N2) for j in range(N1))),
]
NEXT_DOC = r"$$z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}$$" "\n\n" r"$$a^{(l+1)} = f(z^{(l+1)})$$" "\n\n"
NEXT_DIRECTIVE = ("<!-- symbp: layer=fc in=4 out=2 names: a^{(l)}=input W^{(l)}=kernel b^{(l)}=bias "
                  "z^{(l+1)}=output J=loss -->\n\n")

PLAIN = [   # CompPhysics / Nielsen: labels without parentheses, w^{l+1}_{kj}
    (r"\delta^l_j = \sum_k \delta^{l+1}_k w^{l+1}_{kj} \sigma'(z^l_j)",
     lambda d: all(np.isclose(d["d1"][j], sum(d["d2"][k] * d["W2"][k, j] for k in range(N2)) * d["fp1"][j])
                   for j in range(N1))),
    (r"\delta^l_j = \sum_k \delta^{l+1}_k w^{l+1}_{jk} \sigma'(z^l_j)",
     lambda d: all(np.isclose(d["d1"][j], sum(d["d2"][k] * d["W2"][j, k] for k in range(N2)) * d["fp1"][j])
                   for j in range(N1))),
    (r"\frac{\partial z^{l+1}_k}{\partial z^l_j} = w^{l+1}_{kj} \sigma'(z^l_j)",
     lambda d: np.allclose(d["jac"], d["W2"] * d["fp1"][None, :])),
]
PLAIN_DOC = r"$$z^{l+1}_j = \sum_{i=1}^{M_l} w^{l+1}_{ji} a^l_i + b^{l+1}_j$$" "\n\n" r"$$a^{l}_j = \sigma(z^{l}_j)$$" "\n\n"
PLAIN_DIRECTIVE = ("<!-- symbp: layer=fc in=4 out=2 names: a^l=input w^{l+1}=kernel b^{l+1}=bias "
                   "z^{l+1}=output C=loss -->\n\n")

CASES = [(LATER_DOC, LATER_DIRECTIVE, c) for c in LATER] + [(NEXT_DOC, NEXT_DIRECTIVE, c) for c in NEXT] + \
        [(PLAIN_DOC, PLAIN_DIRECTIVE, c) for c in PLAIN]


@pytest.mark.parametrize("directive", [False, True])
@pytest.mark.parametrize("doc,said,case", CASES, ids=[c[0][:48] for _, _, c in CASES])
def test_letter_labelled_claims_against_autograd(doc, said, case, directive):
    claim, truth = case
    text = (said if directive else "") + doc + f"$$ {claim} $$\n"
    got = check_text(text, "md").claims[-1]
    assert got.verdict == ("holds" if _true(truth) else "refuted"), (claim, got.detail)


def test_a_sum_to_another_layers_size_is_not_guessed():
    # δ^{(l+1)}_j summed to n_l, the size of layer l: which range is meant is not what the
    # vectors say, so the bound is kept and the claim is not given a verdict
    text = LATER_DOC + r"$$ \delta_i^{(l)} = \sum_{j=1}^{n_{l}} \delta_j^{(l+1)} w_{ji}^{(l+1)} f'(z_{i}^{(l)}) $$" "\n"
    assert check_text(text, "md").claims[-1].verdict == "unchecked"
    assert check_text(LATER_DIRECTIVE + text, "md").claims[-1].verdict == "unchecked"


@pytest.mark.parametrize("last,below", [("n_L", "n_L-1"), ("L", "L-1"), ("N", "N-1")])
def test_the_output_layer_labelled_by_a_letter(last, below):
    # any layer may be the last one: W1 read as the output layer's weight, x its input
    true = _true(lambda d: np.allclose(d["gW1"], np.outer(d["d1"], d["x"])))
    swapped = _true(lambda d: all(np.isclose(d["gW1"][i, j], d["d1"][j] * d["x"][i]) for i in range(N1) for j in range(N0)))
    for claim, truth in ((rf"\frac{{\partial E}}{{\partial w_{{ij}}^{{({last})}}}} = \delta_i^{{({last})}} a_j^{{({below})}}", true),
                         (rf"\frac{{\partial E}}{{\partial w_{{ij}}^{{({last})}}}} = \delta_j^{{({last})}} a_i^{{({below})}}", swapped)):
        for said in ("", LATER_DIRECTIVE):
            got = check_text(said + LATER_DOC + f"$$ {claim} $$\n", "md").claims[-1]
            assert got.verdict == ("holds" if truth else "refuted"), (claim, said, got.detail)


def test_the_campaign_has_no_wrong_verdict_and_its_truth_tells_true_from_false(capsys):
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import campaign_fc_labels as campaign
    net = campaign._net(torch.Generator().manual_seed(0))
    for ufldl in (False, True):
        for lhs, left, summed, bound, factors in campaign._claims("(l)", ufldl):
            assert campaign._truth(left, summed, bound, factors, net) is True, lhs
            wrong = factors[1:] if len(factors) > 1 else [(r"a_{i}^{(l)}", "a1", "i")]
            assert campaign._truth(left, summed, bound, wrong, net) is False, lhs
    assert campaign.main(["--n", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "false holds: 0; false refuted: 0; crashes: 0" in out and "true→holds" in out
