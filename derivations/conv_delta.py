"""Section ②' of the founding document: δ through a convolution layer.

With a^{l-1} = σ(z^{l-1}) and z^l = a^{l-1} * W^l + b^l, derives δ^{l-1} = ∂J/∂z^{l-1}
for a general σ and proves δ^{l-1} = (pad_1(δ^l) * rot180(W^l)) ⊙ σ'(z^{l-1}).
The document writes δ^L * rot180(w^L) without the padding; symbp checks both.
Run: python derivations/conv_delta.py
"""
from symbp import (DELTA, ZPREV, W, Conv2dConfig, ConvDelta, Correlate, Hadamard, Rot180, SigmaPrime,
                   builtin_claims, evaluate, run, to_text)

[result] = run(builtin_claims(["conv-delta"]))
print(f"{result.claim.text}: {result.proof.verdict} ({result.proof.detail()})")

net = ConvDelta(Conv2dConfig.make(input=3, kernel=2))
as_written = Hadamard(Correlate(DELTA, Rot180(W), 1, 1, 1, 1, 1), SigmaPrime(ZPREV))
try:
    evaluate(as_written, net.env)
except ValueError as err:
    print(f"{to_text(as_written)}: refuted, undefined: {err}")
