"""A fully connected layer and a softmax/cross-entropy output, proved with symbp.

    python derivations/fc_softmax.py

Forward (torch.nn.Linear): z = a Wᵀ + b, a (N, in), W (out, in).  Output layer:
J = −Σ_n Σ_k y_nk log softmax(z_n)_k (summed over the batch), Σ_k y_nk = 1.
"""
from symbp import (DELTA, LOGITS, SIGMOID, TARGETS, W, Difference, ExactClaim, FullyConnected,
                   LinearConfig, MatMul, Softmax, SoftmaxConfig, SoftmaxCrossEntropy, Transpose,
                   fc_claims, run, softmax_claim)


def report(claims):
    for r in run(claims):
        c = r.claim
        print(f"  {c.text:<44} {c.sizes:<28} {r.proof.verdict}: {r.proof.detail()}")


for n in (1, 2):
    layer = FullyConnected(LinearConfig.make(in_features=3, out_features=2, batch=n))
    print(f"Fully connected, batch {n}: z = {layer.forward_form()}")
    claims = list(fc_claims(layer).values())
    # δ^{l-1} with a concrete activation: a^{l-1} = sigmoid(z^{l-1}), σ' = σ(1 − σ)
    claims.append(ExactClaim("fc-delta-sigmoid", r"\delta^{l-1}", layer.delta_form(SIGMOID),
                             lambda layer=layer: layer.delta_prev(SIGMOID), layer.env,
                             layer.cfg.describe() + ", sigmoid", what="δ^{l-1}"))
    report(claims)

print("Mutants (expected refuted)")
layer = FullyConnected(LinearConfig.make(3, 3, 2))
mutant = fc_claims(layer)["fc-input"]
mutant.form, mutant.correct = MatMul(DELTA, Transpose(W)), layer.input_grad_form()
report([mutant])

net = SoftmaxCrossEntropy(SoftmaxConfig.make(classes=3, batch=1))
print(f"Softmax + cross-entropy: J = {net.forward_form()}")
report([softmax_claim(net),
        softmax_claim(net, Difference(TARGETS, Softmax(LOGITS)), name="softmax-ce-sign",
                      expected="refuted", correct=net.delta_form())])
