"""Independent truth for the symbp code tests: torch autograd in float64 on many inputs.

Each layer's gradient comes from torch.nn.functional; the user's pair runs on the same
float64 inputs (small integers, so ties and zeros come up).  ``torch_verdict`` says
'wrong' when some input gives a different gradient (or a different shape that is not a
mere unit-axis difference), 'correct' otherwise.
"""
import numpy as np
import torch
import torch.nn.functional as F


def _inputs(layer, case, rng):
    shapes = {name: arr.shape for name, arr in case.arrays.items()}
    if layer in ("maxpool", "relu"):
        x = rng.integers(-1, 2, size=shapes["x"]).astype(np.float64)
    else:
        x = rng.integers(-3, 4, size=shapes["x"]).astype(np.float64)
    values = {"x": x}
    for name, shape in shapes.items():
        if name != "x":
            values[name] = rng.integers(-3, 4, size=shape).astype(np.float64)
    if layer == "batchnorm":
        values["x"] += np.arange(shapes["x"][0])[:, None] * 0.5   # non-constant columns
    return values


def _torch(layer, case, values, dout):
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in values.items()}
    s = case.sizes
    if layer == "conv2d":
        out = F.conv2d(t["x"], t["w"], t["b"], stride=s["stride"], padding=s["pad"])
    elif layer == "maxpool":
        out = F.max_pool2d(t["x"], tuple(s["pool"]), s["stride"])
    elif layer == "avgpool":
        out = F.avg_pool2d(t["x"], tuple(s["pool"]), s["stride"])
    elif layer == "affine":
        out = t["x"].reshape(t["x"].shape[0], -1) @ t["w"] + t["b"]
    elif layer == "relu":
        out = F.relu(t["x"])
    elif layer == "softmax-loss":
        out = F.cross_entropy(t["x"], torch.tensor(case.labels))
    elif layer == "batchnorm":
        out = F.batch_norm(t["x"], None, None, t["gamma"], t["beta"], training=True, eps=1e-5)
    grads = torch.autograd.grad(out, [t[k] for k in case.arrays],
                                None if dout is None else torch.tensor(dout))
    return out.detach().numpy(), [g.numpy() for g in grads]


def _same(want, got):
    got = np.asarray(got, dtype=np.float64)
    if got.shape != want.shape:
        if got.size != want.size or [n for n in got.shape if n != 1] != \
                [n for n in want.shape if n != 1]:
            return False
        got = got.reshape(want.shape)
    return np.allclose(want, got, rtol=1e-7, atol=1e-9)


def torch_verdict(layer, forward, backward, cases, trials=20, seed=0):
    """'correct' or 'wrong' for the backward, judged by torch autograd alone."""
    rng = np.random.default_rng(seed)
    for case in cases:
        params = [{k: (1e-5 if k == "eps" else v) for k, v in d.items()} for d in case.params()]
        for _ in range(trials):
            values = _inputs(layer, case, rng)
            arrays = [values[k].copy() for k in case.arrays]
            try:
                if layer == "softmax-loss":
                    _, dx = forward(*arrays, case.labels.copy())
                    got = (dx,)
                else:
                    out, cache = forward(*arrays, *[dict(p) for p in params])
            except AssertionError:
                break                      # a configuration the code refuses
            if layer != "softmax-loss":
                dout = rng.integers(1, 5, size=np.shape(out)).astype(np.float64)
                got = backward(dout, cache)
                got = got if isinstance(got, tuple) else (got,)
            else:
                dout = None
            _, want = _torch(layer, case, values, dout)
            if not all(_same(w, g) for w, g in zip(want, got)):
                return "wrong"
    return "correct"
