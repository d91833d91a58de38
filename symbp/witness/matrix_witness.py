"""The second witness for the matrix-form reader's "holds" (:mod:`symbp.check.doc_conv_matrix`).

Before a claim about a convolution written as a matrix product holds, :func:`confirm_matrix`
evaluates it again at a random integer point with matrices built here by plain loops over
the layer's geometry (sizes, stride, padding, convention, channels), sharing no code with the
reader: the layer's matrix column by column (the output of each unit input), im2col's
columns by slicing the padded input, the input and kernel gradients by scattering the output
gradient back through the windows.  The claim's right side is evaluated on those numbers; a
difference raises :class:`symbp.witness.WitnessError` (an internal error, never a verdict).

Example::

    >>> geometry = dict(batch=1, cin=1, cout=1, h=3, w=3, kh=2, kw=2, stride=(1, 1), pads=(0, 0), flip=False)
    >>> numbers = layer_numbers(geometry, seed=1)
    >>> numbers["matrix"].shape, numbers["grad_input"].shape
    ((4, 9), (9,))
"""
from __future__ import annotations

import random

import numpy as np

from . import WitnessError


def layer_numbers(geometry: dict, seed: int = 0) -> dict:
    """Integer input, kernel, output gradient and, by loops: the layer's matrix (outputs x
    inputs of one channel), im2col's X_col (cin·kh·kw x positions) and W_col, the input and
    kernel gradients (flattened row by row)."""
    rng = random.Random(seed)
    cin, cout, h, w, kh, kw = (geometry[k] for k in ("cin", "cout", "h", "w", "kh", "kw"))
    (sr, sc), (pr, pc) = geometry["stride"], geometry["pads"]
    x = np.array([[[rng.randint(-9, 9) for _ in range(w)] for _ in range(h)] for _ in range(cin)], dtype=object)
    k = np.array([[[[rng.randint(-9, 9) for _ in range(kw)] for _ in range(kh)] for _ in range(cin)]
                  for _ in range(cout)], dtype=object)
    tap = k[:, :, ::-1, ::-1] if geometry["flip"] else k
    oh, ow = (h + 2 * pr - kh) // sr + 1, (w + 2 * pc - kw) // sc + 1
    g = np.array([[[rng.randint(-9, 9) for _ in range(ow)] for _ in range(oh)] for _ in range(cout)], dtype=object)

    def windows():
        for o, i, j, c, m, n in np.ndindex(cout, oh, ow, cin, kh, kw):
            y, z = i * sr + m - pr, j * sc + n - pc
            if 0 <= y < h and 0 <= z < w:
                yield o, i, j, c, m, n, y, z

    matrix = np.zeros((oh * ow, h * w), dtype=object)
    grad_x = np.zeros((cin, h, w), dtype=object)
    grad_k = np.zeros(k.shape, dtype=object)
    cols = np.zeros((cin * kh * kw, oh * ow), dtype=object)
    for o, i, j, c, m, n, y, z in windows():
        if o == 0 and c == 0:
            matrix[i * ow + j, y * w + z] += tap[0, 0, m, n]
        grad_x[c, y, z] += g[o, i, j] * tap[o, c, m, n]
        grad_k[o, c, m, n] += g[o, i, j] * x[c, y, z]
        cols[(c * kh + m) * kw + n, i * ow + j] = x[c, y, z]
    return {"x": x.reshape(cin, -1), "g": g.reshape(cout, -1), "matrix": matrix, "cols": cols,
            "wcol": k.reshape(cout, -1), "grad_input": grad_x.reshape(-1), "grad_wcol": grad_k.reshape(cout, -1)}


def confirm_matrix(claim: str, form, left_key, right_tree, geometry: dict, evaluate) -> None:
    """Re-evaluate a held matrix-form gradient claim at two random points; WitnessError when
    the right side (``evaluate(tree, values, grads)`` on plain-loop numbers) differs from the
    loops' gradient, transposed for a row vector."""
    import sympy as sp
    kind, part = form
    for seed in (1, 2):
        n = layer_numbers(geometry, seed)
        as_m = lambda a: sp.Matrix(a.tolist())  # noqa: E731
        if kind == "toeplitz":
            col = part["side"] == "left"
            vec = (lambda v: sp.Matrix(list(v))) if col else (lambda v: sp.Matrix([list(v)]))  # noqa: E731
            mat = as_m(n["matrix"]) if col else as_m(n["matrix"]).T
            values = {part["mat"]: mat.T if part["T"] else mat, part["in"]: vec(n["x"][0]),
                      part["out"]: vec(as_m(n["matrix"]) * sp.Matrix(list(n["x"][0])))}
            grads = {part["out"]: vec(n["g"][0]), part["in"]: vec(n["grad_input"])}
        else:
            dxc = as_m(n["wcol"]).T * as_m(n["g"])              # ∂/∂X_col of Σ dY ⊙ (W_col X_col)
            values = {part["w"]: as_m(n["wcol"]), part["x"]: as_m(n["cols"]), part["out"]: as_m(n["wcol"]) * as_m(n["cols"])}
            grads = {part["out"]: as_m(n["g"]), part["w"]: as_m(n["grad_wcol"]), part["x"]: dxc}
            if not part["cols"]:
                values = {key: v.T for key, v in values.items()}
                grads = {key: v.T for key, v in grads.items()}
            cin, h, w = geometry["cin"], geometry["h"], geometry["w"]
            plain = (part["x"][0], "")                  # X itself, channels stacked: cin·H x W
            values[plain] = as_m(n["x"].reshape(cin * h, w))
            grads[plain] = as_m(n["grad_input"].reshape(cin * h, w))
            values[("col2im", "")] = lambda m, cols=part["cols"], g=geometry: _fold(m if cols else m.T, g)
        values[("δ", "")] = grads[part["out"]]        # a bare δ: ∂L/∂(output) (check.matrix_expr.DELTA)
        got, want = evaluate(right_tree, values, grads), grads[left_key]
        if got.shape != want.shape and got.shape == want.T.shape and 1 in want.shape:
            want = want.T
        if got.shape != want.shape or got != want:
            raise WitnessError(f"{claim}: the matrix-form reader said holds, but plain loops at a random point "
                               f"disagree ({got.shape[0]}x{got.shape[1]} against {want.shape[0]}x{want.shape[1]})")


def chain_numbers(geometry: dict, seed: int = 0) -> dict:
    """By plain loops at an integer point: the output's Jacobians by the input and by the
    kernel (flattened channel, row, column; rows the output's entries) and the gradients of
    Σ g ⊙ output by the output (g), the input and the kernel, flattened the same way."""
    n = layer_numbers(geometry, seed)
    cin, cout, h, w, kh, kw = (geometry[k] for k in ("cin", "cout", "h", "w", "kh", "kw"))
    (sr, sc), (pr, pc) = geometry["stride"], geometry["pads"]
    g = n["g"].reshape(cout, -1)
    oh, ow = (h + 2 * pr - kh) // sr + 1, (w + 2 * pc - kw) // sc + 1
    x = n["x"].reshape(cin, h, w)
    k = n["wcol"].reshape(cout, cin, kh, kw)
    tap = k[:, :, ::-1, ::-1] if geometry["flip"] else k
    jx = np.zeros((cout * oh * ow, cin * h * w), dtype=object)
    jk = np.zeros((cout * oh * ow, cout * cin * kh * kw), dtype=object)
    for o, i, j, c, m, q in np.ndindex(cout, oh, ow, cin, kh, kw):
        y, z = i * sr + m - pr, j * sc + q - pc
        if 0 <= y < h and 0 <= z < w:
            row = (o * oh + i) * ow + j
            jx[row, (c * h + y) * w + z] += tap[o, c, m, q]
            mm, qq = (kh - 1 - m, kw - 1 - q) if geometry["flip"] else (m, q)
            jk[row, ((o * cin + c) * kh + mm) * kw + qq] += x[c, y, z]
    gv = g.reshape(-1)
    return {"jac_input": jx, "jac_kernel": jk, "grad_output": gv,
            "grad_input": gv.dot(jx), "grad_kernel": gv.dot(jk)}


def confirm_chain(claim: str, wrt: str, factors: list, reading: str, geometry: dict) -> None:
    """Re-evaluate a held chain of whole-tensor Jacobians (``factors``: ("grad", role) for
    ∂L/∂(role), ("jac", role) for ∂(output)/∂(role), each with a transpose flag) in ``reading``
    ("row", "column", "denominator") at two random points; WitnessError when it differs from
    the loops' gradient by ``wrt``."""
    for seed in (1, 2):
        n = chain_numbers(geometry, seed)
        got = None
        for (kind, role), t in factors:
            if kind == "grad":
                v = n[f"grad_{role}"]
                m = v.reshape(1, -1) if reading == "row" else v.reshape(-1, 1)
            else:
                m = n[f"jac_{role}"].T if reading == "denominator" else n[f"jac_{role}"]
            m = m.T if t else m
            got = m if got is None else got.dot(m)
        want = n[f"grad_{wrt}"]
        want = want.reshape(1, -1) if reading == "row" else want.reshape(-1, 1)
        if got.shape != want.shape or (got != want).any():
            raise WitnessError(f"{claim}: the Jacobian-chain reader said holds, but plain loops at a random "
                               f"point disagree")


def _fold(m, geometry: dict):
    """col2im by loops: each column (one output position) of the unfolded matrix scattered back
    onto the input's window at that position, overlaps summed (cin·H x W)."""
    import sympy as sp
    cin, h, w, kh, kw = (geometry[k] for k in ("cin", "h", "w", "kh", "kw"))
    (sr, sc), (pr, pc) = geometry["stride"], geometry["pads"]
    oh, ow = (h + 2 * pr - kh) // sr + 1, (w + 2 * pc - kw) // sc + 1
    if m.shape != (cin * kh * kw, oh * ow):
        raise ValueError("col2im of a matrix that is not the unfolded input's shape")
    out = np.zeros((cin, h, w), dtype=object)
    for i, j, c, a, b in np.ndindex(oh, ow, cin, kh, kw):
        y, z = i * sr + a - pr, j * sc + b - pc
        if 0 <= y < h and 0 <= z < w:
            out[c, y, z] += m[(c * kh + a) * kw + b, i * ow + j]
    return sp.Matrix(out.reshape(cin * h, w).tolist())
