"""Section ① of the founding document: the backward pass of a 2x2 pooling layer.

Derives ∂J/∂a from the pooling forward by the chain rule, proves the document's
upsample rules (average spreads δ/4, max routes δ to the argmax) and
δ^{l-1} = upsample(δ^l) ⊙ σ'(z^{l-1}), then reproduces its worked examples.
Run: python derivations/pooling.py
"""
from symbp import Pool2d, Pool2dConfig, Setup, as_matrix, builtin_claims, run

for result in run(builtin_claims(["pool-avg", "pool-max", "pool-delta"], Setup())):
    print(f"{result.claim.text:55s} {result.proof.verdict:8s} {result.proof.detail()}")

delta = [[2, 8], [4, 6]]
print("\naverage upsample of δ =", delta)
print(as_matrix(Pool2d(Pool2dConfig.make(), "avg").input_grad_at(delta)))

# maxima at top-left, bottom-right, top-right and bottom-left of the four windows
a = [[9, 1, 2, 3],
     [1, 1, 4, 7],
     [1, 5, 3, 1],
     [2, 1, 6, 1]]
print("\nmax upsample of δ with the pooling input a =", a)
print(as_matrix(Pool2d(Pool2dConfig.make(), "max").input_grad_at(delta, a)))
