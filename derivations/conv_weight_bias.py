"""Section ③ of the founding document: ∂J/∂W and ∂J/∂b of a convolution layer.

Proves ∂J/∂W = a * δ and ∂J/∂b = Σ_{u,v} δ_{u,v}, and refutes the document's own
∂J/∂W = δ * rot180(a) (as written, the 3x3 kernel does not fit the 2x2 δ).
Run: python derivations/conv_weight_bias.py
"""
from symbp import builtin_claims, run

for result in run(builtin_claims(["conv-weight", "conv-bias", "conv-weight-seed"])):
    print(f"{result.claim.name:17s} {result.claim.text:28s} {result.proof.verdict:8s} "
          f"{result.proof.detail()}")
