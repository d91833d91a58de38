"""Independent truth for pooling written entry by entry: the document's rows themselves are the
function (avg = arithmetic mean of the listed arguments, duplicates counted; max = torch.max),
differentiated by torch autograd in float64 at several random inputs."""
import torch
torch.set_default_dtype(torch.float64)

def lab(s): return s  # labels like '11'

def make_rows(kind, table):
    def f(x):
        y = {}
        for o, ins in table.items():
            v = torch.stack([x[i] for i in ins])
            y[o] = v.mean() if kind == "avg" else v.max()
        return y
    return f

def inputs(table):
    return sorted({i for ins in table.values() for i in ins})

def grad_claim(kind, table, target, coefs, trials=6):
    """dE/dx_target == sum coef * dE/dy_o, E = sum g_o y_o, for random x, g: True if always."""
    f = make_rows(kind, table)
    for t in range(trials):
        torch.manual_seed(t)
        x = {i: torch.randn((), requires_grad=True) for i in inputs(table)}
        g = {o: torch.randn(()) for o in table}
        y = f(x)
        E = sum(g[o] * y[o] for o in table)
        if target in x:
            gx = torch.autograd.grad(E, [x[target]], allow_unused=True)
            val = gx[0] if gx[0] is not None else torch.tensor(0.)
        else:
            val = torch.tensor(0.)
        claimed = sum((c * g[o] for o, c in coefs), torch.tensor(0.))
        if not torch.isclose(val, claimed, atol=1e-12):
            return False
    return True

def jac_claim(kind, table, out, target, value, trials=6):
    f = make_rows(kind, table)
    for t in range(trials):
        torch.manual_seed(100 + t)
        x = {i: torch.randn((), requires_grad=True) for i in inputs(table)}
        y = f(x)
        if target in x:
            gr = torch.autograd.grad(y[out], x[target], allow_unused=True)[0]
            gr = torch.tensor(0.) if gr is None else gr
        else:
            gr = torch.tensor(0.)
        if abs(gr.item() - value) > 1e-12:
            return False
    return True

def window_table(n_in_r, n_in_c, kh, kw, s, base, out_from_start=False):
    t = {}
    n_out_r, n_out_c = (n_in_r - kh) // s + 1, (n_in_c - kw) // s + 1
    for a in range(n_out_r):
        for b in range(n_out_c):
            ins = [f"{a*s+m+base}{b*s+n+base}" for m in range(kh) for n in range(kw)]
            o = f"{a*s+base}{b*s+base}" if out_from_start else f"{a+base}{b+base}"
            t[o] = ins
    return t

def rows_latex(table, fn, out="y", inp="x", sep=" \\\\\n", pre="", amp=False):
    rows = [f"{out}_{{{o}}} {'&' if amp else ''}= {fn}({', '.join(f'{inp}_{{{i}}}' for i in ins)})" for o, ins in table.items()]
    return pre + sep.join(rows)
