"""Strided, padded, dilated, grouped convolution (PyTorch's conventions).

Proves the transposed-convolution form of ∂J/∂a, the weight and bias gradients and
δ through the layer for a configuration the founding document does not cover.
Run: python derivations/conv_general.py
"""
from symbp import Setup, builtin_claims, run

setup = Setup(input=(7, 6), kernel=(3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2),
              channels=(4, 2), groups=2, batch=2)
for result in run(builtin_claims(["conv-input", "conv-weight", "conv-bias", "conv-delta"], setup)):
    print(f"{result.claim.text:60s} {result.proof.verdict:8s} {result.proof.entries} entries")
