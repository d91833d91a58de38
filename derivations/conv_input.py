"""Section ② of the founding document: ∂J/∂a of a convolution layer.

3x3 input a, 2x2 kernel W, stride 1, `*` = cross-correlation.  Derives every
∇a_{ij} by the chain rule and proves ∂J/∂a = pad_1(δ) * rot180(W).
Run: python derivations/conv_input.py
"""
from symbp import Conv2d, Conv2dConfig, as_matrix, builtin_claims, run, text, to_text

layer = Conv2d(Conv2dConfig.make(input=3, kernel=2))
z, grad = as_matrix(layer.z), as_matrix(layer.gradients["a"])
for (i, j), entry in sorted(((i, j), z[i, j]) for i in range(2) for j in range(2)):
    print(f"z_{i + 1}{j + 1} = {text(entry)}")
for i in range(3):
    for j in range(3):
        print(f"∇a_{i + 1}{j + 1} = {text(grad[i, j])}")

print("\nclaim:", to_text(layer.input_grad_form()))
[result] = run(builtin_claims(["conv-input"]))
print(result.proof.verdict, "-", result.proof.detail())
