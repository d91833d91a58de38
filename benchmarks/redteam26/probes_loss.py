"""\\mathcal L / \\mathscr L as loss letters beside a plain L, bare \\nabla. Truth: torch autograd of
Y = xcorr(X, W) + b (4x4, 3x3), data loss L = <G, Y>, total loss ℒ = L + (λ/2)||W||² with λ = 0.3,
each claim's right side evaluated by plain loops."""
import torch
from lib import run
torch.set_default_dtype(torch.float64)
H, K = 4, 3; R = H - K + 1; LAM = 0.3
g = torch.Generator().manual_seed(7)
X = torch.randn(H, H, generator=g, requires_grad=True); W = torch.randn(K, K, generator=g, requires_grad=True)
b = torch.tensor(0.5, requires_grad=True); G = torch.randn(R, R, generator=g)
Y = torch.nn.functional.conv2d(X[None, None], W[None, None])[0, 0] + b
Ld = (G * Y).sum(); Lt = Ld + LAM / 2 * (W ** 2).sum()
dW_data, = torch.autograd.grad(Ld, W, retain_graph=True)
dW_tot, = torch.autograd.grad(Lt, W, retain_graph=True)
dX_tot, = torch.autograd.grad(Lt, X, retain_graph=True)
corr = torch.stack([torch.stack([sum(G[i, j] * X[i + m, j + n] for i in range(R) for j in range(R)) for n in range(K)]) for m in range(K)]).detach()
def T(v): return "true" if v else "false"
plain_is_data = T(torch.allclose(corr, dW_data))          # dL/dW = sum dL/dY X
plain_is_total = T(torch.allclose(corr, dW_tot))          # dℒ/dW = sum dL/dY X: false (λW missing)
reg_total = T(torch.allclose(corr + LAM * W.detach(), dW_tot))
FWD = r"$$Y_{ij} = \sum_{m}\sum_{n} X_{i+m,j+n} W_{mn} + b$$"
SIZES = rf"The input $X$ is ${H}\times {H}$ and the kernel $W$ is ${K}\times {K}$; cross-correlation."

def page(prose, claims):
    return f"# Backward pass\n\n{SIZES}\n\n{FWD}\n\n{prose}\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in claims)

# L01: the total loss in \mathcal L, the data loss in plain L; claims in \mathcal L without the λW term
for name, Lt_tex, Ld_tex in [("l01_mathcal_total_plain_data", r"\mathcal{L}", "L"),
                             ("l02_mathscr_total_plain_data", r"\mathscr{L}", "L"),
                             ("l03_mathcal_total_mathscr_data", r"\mathcal{L}", r"\mathscr{L}"),
                             ("l04_plain_total_mathcal_data", "L", r"\mathcal L")]:
    prose = (rf"The data loss is ${Ld_tex}$ and the total loss is ${Lt_tex} = {Ld_tex} + \frac{{\lambda}}{{2}} \sum_{{m,n}} W_{{mn}}^2$. "
             rf"We write $\nabla T$ for $\frac{{\partial {Lt_tex}}}{{\partial T}}$.")
    c1 = rf"\frac{{\partial {Lt_tex}}}{{\partial W_{{mn}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial {Ld_tex}}}{{\partial Y_{{ij}}}} X_{{i+m,j+n}}"
    c2 = rf"\frac{{\partial {Ld_tex}}}{{\partial W_{{mn}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial {Ld_tex}}}{{\partial Y_{{ij}}}} X_{{i+m,j+n}}"
    c3 = rf"\nabla W_{{mn}} = \sum_{{i}}\sum_{{j}} \frac{{\partial {Ld_tex}}}{{\partial Y_{{ij}}}} X_{{i+m,j+n}}"
    c4 = rf"\frac{{\partial {Lt_tex}}}{{\partial W_{{mn}}}} = \sum_{{i}}\sum_{{j}} \frac{{\partial {Ld_tex}}}{{\partial Y_{{ij}}}} X_{{i+m,j+n}} + \lambda W_{{mn}}"
    run(name, page(prose, [c1, c2, c3, c4]), [
        (c1, plain_is_total, "total-loss gradient lacks λW"),
        (c2, plain_is_data, "data-loss gradient"),
        (c3, plain_is_total, "∇ is the total loss's gradient (the page says so): lacks λW"),
        (c4, reg_total, "total-loss gradient with λW"),
    ])

# L05: only \mathcal L, bare nabla, correct and wrong claims (no other loss)
prose = r"with $\delta = \partial \mathscr{L} / \partial Y$ sent back."
from itertools import product
c_ok = r"\nabla W_{mn} = \sum_{i}\sum_{j} \nabla Y_{ij} X_{i+m,j+n}"
c_bad = r"\nabla W_{mn} = \sum_{i}\sum_{j} \nabla Y_{ij} X_{i+n,j+m}"
c_badX = r"\nabla X_{ij} = \sum_{m}\sum_{n} \nabla Y_{i+m,j+n} W_{mn}"
swapped = torch.stack([torch.stack([sum(G[i, j] * X[i + n, j + m] for i in range(R) for j in range(R)) for n in range(K)]) for m in range(K)]).detach()
def at(t, i, j): return t[i, j] if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else torch.tensor(0.)
dX_data, = torch.autograd.grad(Ld, X, retain_graph=True)
badX = torch.stack([torch.stack([sum(at(G, i + m, j + n) * W[m, n] for m in range(K) for n in range(K)) for j in range(H)]) for i in range(H)]).detach()
run("l05_mathscr_only_bare_nabla", page(prose, [c_ok, c_bad, c_badX]), [
    (c_ok, plain_is_data, "autograd, one loss"), (c_bad, T(torch.allclose(swapped, dW_data)), "indices swapped"),
    (c_badX, T(torch.allclose(badX, dX_data)), "rot180 missing")])

# L06: \mathcal L is the batch mean over N samples of per-sample L_k; bare nabla of \mathcal L; claim without 1/N
prose = (r"The batch loss is $\mathcal{L} = \frac{1}{N}\sum_{k=1}^{N} L_k$ over $N = 2$ samples, and "
         r"we write $\nabla T$ for $\frac{\partial \mathcal{L}}{\partial T}$; the loss of the sample shown is $L$.")
c6 = r"\nabla W_{mn} = \sum_{i}\sum_{j} \frac{\partial L}{\partial Y_{ij}} X_{i+m,j+n}"
run("l06_mathcal_batch_mean", page(prose, [c6]), [(c6, "false", "∇ is ∂ℒ/∂W = (1/N)Σ_k ∂L_k/∂W: the one sample's ∂L/∂W is not it (N = 2, other sample contributes; 1/N missing)")])

# L07: control with plain letters E (data) and L (total)
prose = r"The data loss is $E$ and the total loss is $L = E + \frac{\lambda}{2} \sum_{m,n} W_{mn}^2$."
c7 = r"\frac{\partial L}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial E}{\partial Y_{ij}} X_{i+m,j+n}"
c7b = r"\frac{\partial E}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial E}{\partial Y_{ij}} X_{i+m,j+n}"
run("l07_plain_E_data_L_total_control", page(prose, [c7, c7b]), [(c7, plain_is_total, "total-loss gradient lacks λW"), (c7b, plain_is_data, "data loss")])
# L08: the same with the weight-decay written as its own display
text = page("The data loss is $\\mathscr{L}$.", []) + "With weight decay the objective is\n\n$$\\mathcal{L} = \\mathscr{L} + \\frac{\\lambda}{2}\\|W\\|^2$$\n\n" + \
       "$$\n" + r"\frac{\partial \mathcal{L}}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial \mathscr{L}}{\partial Y_{ij}} X_{i+m,j+n}" + "\n$$\n"
run("l08_weight_decay_display", text, [(r"\frac{\partial \mathcal{L}}{\partial W_{mn}} = \sum_{i}\sum_{j} \frac{\partial \mathscr{L}}{\partial Y_{ij}} X_{i+m,j+n}", plain_is_total, "ℒ's gradient lacks λW")])
