"""Activations: prove each documented σ'(z), refute three common slips.

    python derivations/activations.py

Each activation keeps its forward definition (what is differentiated) and the σ' a
document states for it; ``Activation.prove()`` compares them exactly.
"""
import sympy as sp

from symbp import IDENTITY, LEAKY_RELU, RELU, SIGMOID, TANH, Sigmoid


def show(label, act):
    p = act.prove()
    print(f"{label:<14} σ'(z) = {act.text():<32} {p.verdict}: {p.detail()}")
    return p


print("Documented derivatives")
for act in (IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH):
    show(act.name, act)

print("\nMutants")
mutants = [
    ("relu σ'(0)=1", RELU.variant("relu-at0", lambda z: sp.Piecewise((1, z >= 0), (0, True)),
                                  "1[{z} ≥ 0]", r"\mathbb{1}\left[{z} \ge 0\right]")),
    ("sigmoid +", SIGMOID.variant("sigmoid-plus", lambda z: Sigmoid(z) * (1 + Sigmoid(z)),
                                  "σ({z})(1 + σ({z}))", r"\sigma({z})\left(1 + \sigma({z})\right)")),
    ("tanh +", TANH.variant("tanh-plus", lambda z: 1 + sp.tanh(z) ** 2,
                            "1 + tanh²({z})", r"1 + \tanh^{2}({z})")),
]
refuted = [show(label, act) for label, act in mutants]
assert all(p.verdict == "refuted" for p in refuted)
