"""The campaign's claim families: one random layer configuration per document, its true
closed forms and entries, and their mutants (conv, avg/max pooling, fc, softmax-CE, σ')."""
from __future__ import annotations

import random
from fractions import Fraction

import numpy as np

from campaign_gen import (DEL, L, WT, ZP, Claim, Doc, entry_claim, form_claim, mutate_terms)

# =========================================================================== conv2d


def _axis(rng: random.Random):
    """(H, k, s, p, d) for one axis with a non-empty output."""
    while True:
        h, k, s = rng.randint(2, 7), rng.choice([1, 2, 2, 3]), rng.choice([1, 1, 2, 3])
        p, d = rng.choice([0, 0, 1, 2]), rng.choice([1, 1, 2])
        if d * (k - 1) + 1 <= h + 2 * p:
            return h, k, s, p, d


def conv_config(rng: random.Random) -> dict:
    while True:
        ax = [_axis(rng)]
        ax.append(ax[0] if rng.random() < 0.4 else _axis(rng))
        cin, cout, groups = rng.choice([(1, 1)] * 5 + [(2, 2), (1, 2), (2, 1), (2, 4), (4, 2), (3, 3)]), 1, 1
        cin, cout = cin
        if cin % 2 == 0 and cout % 2 == 0 and rng.random() < 0.6:
            groups = 2
        batch = rng.choice([1, 1, 1, 2])
        cfg = {"input": (ax[0][0], ax[1][0]), "kernel": (ax[0][1], ax[1][1]),
               "stride": (ax[0][2], ax[1][2]), "padding": (ax[0][3], ax[1][3]),
               "dilation": (ax[0][4], ax[1][4]), "channels": (cin, cout), "groups": groups,
               "batch": batch}
        if batch * cin * (ax[0][0] + 2 * ax[0][3]) * (ax[1][0] + 2 * ax[1][3]) <= 160:
            return cfg


def _geom(cfg):
    """Per axis: output size, remainder r, transposed-conv pads (top, bottom)."""
    out = []
    for h, k, s, p, d in zip(cfg["input"], cfg["kernel"], cfg["stride"], cfg["padding"], cfg["dilation"]):
        span = h + 2 * p - d * (k - 1) - 1
        out.append((span // s + 1, span % s, d * (k - 1) - p, d * (k - 1) - p + span % s))
    return out


def _directive(cfg: dict) -> str:
    f = lambda v: f"{v[0]},{v[1]}"  # noqa: E731
    return (f"layer=conv2d input={cfg['input'][0]}x{cfg['input'][1]} kernel={cfg['kernel'][0]}x"
            f"{cfg['kernel'][1]} stride={f(cfg['stride'])} padding={f(cfg['padding'])} "
            f"dilation={f(cfg['dilation'])} channels={f(cfg['channels'])} groups={cfg['groups']} "
            f"batch={cfg['batch']}")


def _input_tree(cfg, rng, pads=None, dilate_delta=True, rot=True, dil_kernel=True, swap=True):
    (_, _, th, bh), (_, _, tw, bw) = _geom(cfg)
    pads = pads or (th, bh, tw, bw)
    g = DEL
    if cfg["stride"] != (1, 1) and dilate_delta:
        g = ("dilate", cfg["stride"], g)
    if pads != (0, 0, 0, 0):
        g = ("pad", pads, g)
    k = ("rot", WT) if rot else WT
    star_d = (1, 1)
    if cfg["dilation"] != (1, 1) and dil_kernel:
        if rng.random() < 0.5:
            k = ("dilate", cfg["dilation"], k)
        else:
            star_d = cfg["dilation"]
    if swap and (cfg["channels"] != (1, 1) or rng.random() < 0.2):
        k = ("T", k)
    return ("star", (1, 1), star_d, g, k)


def _weight_tree(cfg, pads=None, dilate_delta=True, step=True, rot=None, swap=False):
    (_, rh, _, _), (_, rw, _, _) = _geom(cfg)
    p = cfg["padding"]
    pads = pads or (p[0], p[0] - rh, p[1], p[1] - rw)
    x = ("pad", pads, L) if pads != (0, 0, 0, 0) else L
    g = ("dilate", cfg["stride"], DEL) if cfg["stride"] != (1, 1) and dilate_delta else DEL
    if rot == "delta":
        g = ("rot", g)
    elif rot == "a":
        x = ("rot", x)
    s = cfg["dilation"] if step else (1, 1)
    return ("star", s, (1, 1), g, x) if swap else ("star", s, (1, 1), x, g)


def _shapes(cfg) -> dict:
    (ho, _, _, _), (wo, _, _, _) = _geom(cfg)
    (cin, cout), g, n = cfg["channels"], cfg["groups"], cfg["batch"]
    return {"a": (n, cin) + cfg["input"], "W": (cout, cin // g) + cfg["kernel"],
            "delta": (n, cout, ho, wo), "b": (cout,)}


def _grad_a_terms(cfg, n, c, i, j, rot=False, transpose=False, mix=False):
    sh = _shapes(cfg)
    (cout, cg, kh, kw), (_, _, ho, wo) = sh["W"], sh["delta"]
    og = cout // cfg["groups"]
    grp = c // cg
    terms = []
    for o in range(grp * og, (grp + 1) * og):
        for p in range(kh):
            for q in range(kw):
                for y in range(ho):
                    for x in range(wo):
                        if (y * cfg["stride"][0] + p * cfg["dilation"][0] - cfg["padding"][0] == i and
                                x * cfg["stride"][1] + q * cfg["dilation"][1] - cfg["padding"][1] == j):
                            wi = (kh - 1 - p, kw - 1 - q) if rot else (q, p) if transpose else (p, q)
                            oo = (o + og) % cout if mix else o
                            terms.append((1, [("W", (oo, c - grp * cg) + wi), ("delta", (n, o, y, x))], None))
    return terms


def _grad_w_terms(cfg, o, ci, p, q, stride=True, mix=False):
    sh = _shapes(cfg)
    (cin, cg), (nb, _, ho, wo) = (sh["a"][1], sh["W"][1]), sh["delta"]
    c = (o // (sh["W"][0] // cfg["groups"])) * cg + ci
    if mix:
        c = (c + cg) % cin
    (s0, s1) = cfg["stride"] if stride else (1, 1)
    terms = []
    for n in range(nb):
        for y in range(ho):
            for x in range(wo):
                r = y * s0 + p * cfg["dilation"][0] - cfg["padding"][0]
                col = x * s1 + q * cfg["dilation"][1] - cfg["padding"][1]
                if 0 <= r < cfg["input"][0] and 0 <= col < cfg["input"][1]:
                    terms.append((1, [("a", (n, c, r, col)), ("delta", (n, o, y, x))], None))
    return terms


def conv_doc(rng: random.Random) -> Doc:
    cfg = conv_config(rng)
    doc = Doc("conv2d", cfg, _directive(cfg))
    ctx = {"groups": cfg["groups"]}
    add = doc.claims.append
    (ho, rh, th, bh), (wo, rw, tw, bw) = _geom(cfg)
    s, d, chan = cfg["stride"], cfg["dilation"], cfg["channels"]

    add(form_claim("conv-input", "true", "grad_a", _input_tree(cfg, rng), ctx, rng))
    mut = [("rot180 dropped", _input_tree(cfg, rng, rot=False))]
    sides = [(k, e) for k in range(4) for e in (-1, 1)]
    for k, e in rng.sample(sides, 2):
        pads = [th, bh, tw, bw]
        pads[k] += e
        mut.append((f"padding off by one ({'tblr'[k]}{e:+d})", _input_tree(cfg, rng, pads=tuple(pads))))
    if s != (1, 1):
        mut.append(("δ not dilated by the stride", _input_tree(cfg, rng, dilate_delta=False)))
    if (rh, rw) != (0, 0):
        mut.append(("r forgotten", _input_tree(cfg, rng, pads=(th, th, tw, tw))))
    if d != (1, 1):
        mut.append(("kernel dilation forgotten", _input_tree(cfg, rng, dil_kernel=False)))
    if chan != (1, 1):
        mut.append(("channels not swapped", _input_tree(cfg, rng, swap=False)))
    for name, tree in mut:
        add(form_claim("conv-input", name, "grad_a", tree, ctx, rng))

    add(form_claim("conv-weight", "true", "grad_w", _weight_tree(cfg), ctx, rng))
    p = cfg["padding"]
    mut = [("rot180 added", _weight_tree(cfg, rot=rng.choice(["delta", "a"]))),
           ("operands swapped (δ * a)", _weight_tree(cfg, swap=True))]
    k, e = rng.choice(sides)
    pads = [p[0], p[0] - rh, p[1], p[1] - rw]
    pads[k] += e
    mut.append((f"padding off by one ({'tblr'[k]}{e:+d})", _weight_tree(cfg, pads=tuple(pads))))
    if (rh, rw) != (0, 0):
        mut.append(("r forgotten", _weight_tree(cfg, pads=(p[0], p[0], p[1], p[1]))))
    if s != (1, 1):
        mut.append(("δ not dilated by the stride", _weight_tree(cfg, dilate_delta=False)))
    if d != (1, 1):
        mut.append(("kernel dilation forgotten", _weight_tree(cfg, step=False)))
    for name, tree in mut:
        add(form_claim("conv-weight", name, "grad_w", tree, ctx, rng))

    add(form_claim("conv-bias", "true", "grad_b", ("sum", DEL), ctx, rng))
    if cfg["batch"] * ho * wo > 1:
        add(form_claim("conv-bias", "δ not summed", "grad_b", DEL, ctx, rng))
    dtrue = _input_tree(cfg, rng)
    add(form_claim("conv-delta", "true", "delta_prev", ("had", dtrue, ("sp", ZP)), ctx, rng))
    add(form_claim("conv-delta", "σ' missing", "delta_prev", dtrue, ctx, rng))
    k, e = rng.choice(sides)
    pads = [th, bh, tw, bw]
    pads[k] += e
    add(form_claim("conv-delta", "padding off by one", "delta_prev",
                   ("had", _input_tree(cfg, rng, pads=tuple(pads)), ("sp", ZP)), ctx, rng))

    sh = _shapes(cfg)
    for _ in range(2):                                   # entries of ∂J/∂a
        n, c = rng.randrange(sh["a"][0]), rng.randrange(sh["a"][1])
        i, j = rng.randrange(sh["a"][2]), rng.randrange(sh["a"][3])
        terms = _grad_a_terms(cfg, n, c, i, j)
        add(entry_claim("conv-input-entry", "true", "grad_a", (n, c, i, j), terms, sh, rng))
        muts = mutate_terms(terms, sh, rng)
        if terms:
            muts.append(("rot180 forgotten", _grad_a_terms(cfg, n, c, i, j, rot=True)))
            if cfg["kernel"][0] == cfg["kernel"][1]:
                muts.append(("kernel transposed", _grad_a_terms(cfg, n, c, i, j, transpose=True)))
            if cfg["groups"] > 1:
                muts.append(("groups mixed", _grad_a_terms(cfg, n, c, i, j, mix=True)))
        for name, t in rng.sample(muts, min(3, len(muts))):
            add(entry_claim("conv-input-entry", name, "grad_a", (n, c, i, j), t, sh, rng))
    o, ci = rng.randrange(sh["W"][0]), rng.randrange(sh["W"][1])
    pp, qq = rng.randrange(sh["W"][2]), rng.randrange(sh["W"][3])
    terms = _grad_w_terms(cfg, o, ci, pp, qq)
    add(entry_claim("conv-weight-entry", "true", "grad_w", (o, ci, pp, qq), terms, sh, rng))
    muts = mutate_terms(terms, sh, rng)
    if s != (1, 1):
        muts.append(("stride forgotten", _grad_w_terms(cfg, o, ci, pp, qq, stride=False)))
    if cfg["groups"] > 1:
        muts.append(("groups mixed", _grad_w_terms(cfg, o, ci, pp, qq, mix=True)))
    if pp != qq and cfg["kernel"][0] == cfg["kernel"][1]:
        muts.append(("kernel transposed", _grad_w_terms(cfg, o, ci, qq, pp)))
    for name, t in rng.sample(muts, min(3, len(muts))):
        add(entry_claim("conv-weight-entry", name, "grad_w", (o, ci, pp, qq), t, sh, rng))
    if rng.random() < 0.5:
        o = rng.randrange(sh["b"][0])
        terms = [(1, [("delta", (n, o, y, x))], None) for n in range(sh["delta"][0])
                 for y in range(ho) for x in range(wo)]
        add(entry_claim("conv-bias-entry", "true", "grad_b", (o,), terms, sh, rng))
        for name, t in mutate_terms(terms, sh, rng)[:2]:
            add(entry_claim("conv-bias-entry", name, "grad_b", (o,), t, sh, rng))
    return doc


# =========================================================================== pooling

def pool_config(rng: random.Random, kind: str) -> dict:
    while True:
        k = (rng.randint(1, 3), rng.randint(1, 3))
        if rng.random() < 0.5:
            k = (k[0], k[0])
        s = (rng.randint(1, 3), rng.randint(1, 3)) if rng.random() < 0.5 else k
        p = tuple(rng.randint(0, x // 2) for x in k)
        d = (rng.randint(1, 2), rng.randint(1, 2)) if kind == "maxpool" and rng.random() < 0.3 else (1, 1)
        cfg = {"kind": kind, "input": (rng.randint(2, 6), rng.randint(2, 6)), "kernel": k,
               "stride": s, "padding": p, "dilation": d, "ceil_mode": rng.random() < 0.3,
               "count_include_pad": kind == "maxpool" or rng.random() < 0.5,
               "divisor_override": rng.choice([None] * 6 + [2, 3]) if kind == "avgpool" else None,
               "channels": rng.choice([1, 1, 2]), "batch": rng.choice([1, 1, 2])}
        if all(dd * (kk - 1) + 1 <= hh + 2 * pp for hh, kk, pp, dd in
               zip(cfg["input"], k, p, d)) and \
                cfg["channels"] * cfg["batch"] * cfg["input"][0] * cfg["input"][1] <= 72:
            return cfg


def _pool_directive(cfg: dict) -> str:
    f = lambda v: f"{v[0]},{v[1]}"  # noqa: E731
    out = (f"layer={cfg['kind']} input={cfg['input'][0]}x{cfg['input'][1]} "
           f"kernel={cfg['kernel'][0]}x{cfg['kernel'][1]} stride={f(cfg['stride'])} "
           f"padding={f(cfg['padding'])} channels={cfg['channels']} batch={cfg['batch']}")
    if cfg["dilation"] != (1, 1):
        out += f" dilation={f(cfg['dilation'])}"
    if cfg["ceil_mode"]:
        out += " ceil_mode=true"
    if not cfg["count_include_pad"]:
        out += " count_include_pad=false"
    if cfg["divisor_override"]:
        out += f" divisor_override={cfg['divisor_override']}"
    return out


def pool_doc(rng: random.Random, kind: str) -> Doc:
    from campaign_ref import pool_windows
    cfg = pool_config(rng, kind)
    doc = Doc(kind, cfg, _pool_directive(cfg))
    add, avg = doc.claims.append, kind == "avgpool"
    fam, other = kind, "max" if kind == "avgpool" else "avg"
    me = kind[:3]
    up = ("up", me, DEL, None if avg else L)
    add(form_claim(fam, "true", "grad_a", up, cfg, rng, exact=not avg))
    wrong_kind = form_claim(fam, "wrong pooling kind", "grad_a", ("up", other, DEL, L if avg else None),
                            cfg, rng, exact=False)
    # A max section whose dilation changes no window (every dilated axis is 1 wide): whether
    # upsample_avg is defined there is a matter of reading, so that claim is left out.
    moot = not avg and cfg["dilation"] != (1, 1) and all(
        k == 1 or d == 1 for k, d in zip(cfg["kernel"], cfg["dilation"]))
    if not moot:
        add(wrong_kind)
    upz = ("up", me, DEL, None if avg else ("sigma",))
    add(form_claim(fam, "true", "delta_prev", ("had", upz, ("sp", ZP)), cfg, rng, exact=not avg))
    add(form_claim(fam, "σ' missing", "delta_prev", upz, cfg, rng, exact=not avg))

    windows = pool_windows(cfg)
    ho = max(w[0][0] for w in windows) + 1
    wo = max(w[0][1] for w in windows) + 1
    sh = {"a": (cfg["batch"], cfg["channels"]) + cfg["input"], "delta": (cfg["batch"], cfg["channels"], ho, wo)}
    cover = {}
    for (i, j), cells, div in windows:
        for cell in cells:
            cover.setdefault(cell, []).append(((i, j), cells, div))
    cells = sorted(cover, key=lambda c: -len(cover[c]) + rng.random())[:3]
    if rng.random() < 0.2:
        free = [(r, c) for r in range(cfg["input"][0]) for c in range(cfg["input"][1]) if (r, c) not in cover]
        cells += free[:1]
    for cell in cells:
        n, c = rng.randrange(cfg["batch"]), rng.randrange(cfg["channels"])
        idx = (n, c) + cell
        ws = cover.get(cell, [])
        if avg:
            terms = [(Fraction(1, div), [("delta", (n, c) + out)], None) for out, _, div in ws]
        else:
            terms = [(1, [("delta", (n, c) + out)], (idx, cl, "max")) for out, cl, _ in ws]
        add(entry_claim(fam + "-entry", "true", "grad_a", idx, terms, sh, rng, exact=not avg))
        muts = [(m, t) for m, t in mutate_terms(terms, sh, rng) if avg or m != "wrong index"]
        if avg and terms:
            k = rng.randrange(len(terms))
            full = cfg["kernel"][0] * cfg["kernel"][1]
            real = len(ws[k][1])
            wrong = Fraction(1, full) if Fraction(1, full) != terms[k][0] else \
                Fraction(1, real) if Fraction(1, real) != terms[k][0] else terms[k][0] / 2
            bad = list(terms)
            bad[k] = (wrong,) + terms[k][1:]
            muts.append(("wrong divisor", bad))
        elif terms:
            k = rng.randrange(len(terms))
            last = list(terms)
            last[k] = (1, terms[k][1], (idx, terms[k][2][1], "lastmax"))
            muts.append(("tie sent to the last maximum", last))
            bare = list(terms)
            bare[k] = (1, terms[k][1], None)
            muts.append(("indicator dropped", bare))
        for name, t in rng.sample(muts, min(3, len(muts))):
            add(entry_claim(fam + "-entry", name, "grad_a", idx, t, sh, rng, exact=not avg))
    return doc


# =========================================================================== fully connected

def fc_doc(rng: random.Random) -> Doc:
    cfg = {"in": rng.randint(1, 4), "out": rng.randint(1, 4), "batch": rng.choice([1, 1, 2, 3])}
    doc = Doc("fc", cfg, f"layer=fc in={cfg['in']} out={cfg['out']} batch={cfg['batch']}")
    add = doc.claims.append
    for lhs, name, tree in [
            ("grad_a", "true", ("mm", ("tr", WT), DEL)),
            ("grad_a", "transpose forgotten", ("mm", WT, DEL)),
            ("grad_a", "operands swapped", ("mm", ("tr", DEL), WT)),
            ("grad_w", "true", ("mm", DEL, ("tr", L))),
            ("grad_w", "transposed", ("mm", L, ("tr", DEL))),
            ("grad_b", "true", ("esum", DEL)),
            ("grad_b", "true" if cfg["batch"] == 1 else "batch sum forgotten", DEL),
            ("grad_b", "wrong tensor", ("esum", L)),
            ("delta_prev", "true", ("had", ("mm", ("tr", WT), DEL), ("sp", ZP))),
            ("delta_prev", "σ' missing", ("mm", ("tr", WT), DEL)),
            ("delta_prev", "transpose forgotten", ("had", ("mm", WT, DEL), ("sp", ZP)))]:
        add(form_claim("fc", name, lhs, tree, {}, rng))
    if cfg["batch"] != 1:
        return doc
    sh = {"a": (cfg["in"], 1), "W": (cfg["out"], cfg["in"]), "delta": (cfg["out"], 1), "b": (cfg["out"], 1)}
    vec = lambda base, i: {"delta": r"\delta"}.get(base, base) + f"_{{{i + 1}}}"  # noqa: E731

    def fc_entry(mutation, lhs, index, terms):
        body = []
        for coef, factors in terms:
            text = " ".join(f"w_{{{i[0] + 1}{i[1] + 1}}}" if b == "W" else vec(b, i[0]) for b, i in factors)
            body.append(("- " if coef < 0 else "+ " if body else "") + text)
        name = {"grad_a": vec("a", index[0]), "grad_b": vec("b", index[0]),
                "grad_w": f"w_{{{index[0] + 1}{index[1] + 1}}}"}[lhs]

        def ev(env, terms=terms):
            total = 0.0
            for coef, factors in terms:
                v = float(coef)
                for b, i in factors:
                    if not all(0 <= k < n for k, n in zip(i, sh[b])):
                        raise ValueError("not an entry")
                    v *= env[b][i]
                total += v
            return total
        return Claim("fc-entry", mutation, rf"\frac{{\partial J}}{{\partial {name}}} = {' '.join(body) or '0'}",
                     ev, lhs, index)
    i = rng.randrange(cfg["in"])
    terms = [(1, [("W", (o, i)), ("delta", (o, 0))]) for o in range(cfg["out"])]
    add(fc_entry("true", "grad_a", (i, 0), terms))
    add(fc_entry("w indices transposed", "grad_a", (i, 0),
                 [(1, [("W", (i, o)), ("delta", (o, 0))]) for o in range(cfg["out"])]))
    add(fc_entry("sign flipped", "grad_a", (i, 0), [(-1, terms[0][1])] + terms[1:]))
    o, i = rng.randrange(cfg["out"]), rng.randrange(cfg["in"])
    add(fc_entry("true", "grad_w", (o, i), [(1, [("delta", (o, 0)), ("a", (i, 0))])]))
    add(fc_entry("indices swapped", "grad_w", (o, i), [(1, [("delta", (i, 0)), ("a", (o, 0))])]))
    add(fc_entry("true", "grad_b", (o, 0), [(1, [("delta", (o, 0))])]))
    if cfg["out"] > 1:
        add(fc_entry("wrong index", "grad_b", (o, 0), [(1, [("delta", ((o + 1) % cfg["out"], 0))])]))
    return doc


# =========================================================================== softmax, σ'

def softmax_doc(rng: random.Random) -> Doc:
    cfg = {"classes": rng.randint(2, 5), "batch": rng.choice([1, 1, 2])}
    doc = Doc("softmax", cfg, f"layer=softmax classes={cfg['classes']} batch={cfg['batch']}")
    lhs = r"\frac{\partial J}{\partial z}"
    for name, tex, f in [
            ("true", r"\text{softmax}(z) - y", lambda e: e["p"] - e["y"]),
            ("true", r"\hat{y} - y", lambda e: e["p"] - e["y"]),
            ("sign flipped", r"y - \hat{y}", lambda e: e["y"] - e["p"]),
            ("y missing", r"\text{softmax}(z)", lambda e: e["p"]),
            ("sign flipped", r"\hat{y} + y", lambda e: e["p"] + e["y"]),
            ("σ' pattern", r"\hat{y} \odot (1 - \hat{y})", lambda e: e["p"] * (1 - e["p"]))]:
        doc.claims.append(Claim("softmax", name, f"{lhs} = {tex}", f, "grad_z", exact=False))
    if cfg["batch"] == 1:
        k = rng.randrange(cfg["classes"])
        j = (k + 1) % cfg["classes"]
        lhs = rf"\frac{{\partial J}}{{\partial z_{{{k + 1}}}}}"
        for name, tex, f in [
                ("true", rf"\hat{{y}}_{{{k + 1}}} - y_{{{k + 1}}}", lambda e: e["p"][0, k] - e["y"][0, k]),
                ("wrong index", rf"\hat{{y}}_{{{k + 1}}} - y_{{{j + 1}}}", lambda e: e["p"][0, k] - e["y"][0, j]),
                ("sign flipped", rf"y_{{{k + 1}}} - \hat{{y}}_{{{k + 1}}}", lambda e: e["y"][0, k] - e["p"][0, k])]:
            doc.claims.append(Claim("softmax-entry", name, f"{lhs} = {tex}", f, "grad_z", (0, k), exact=False))
    return doc


_ACT = {
    "sigmoid": [("true", r"\sigma(z)(1 - \sigma(z))", lambda e: e["s"] * (1 - e["s"])),
                ("true", r"\frac{e^{-z}}{(1 + e^{-z})^2}", lambda e: np.exp(-e["z"]) / (1 + np.exp(-e["z"])) ** 2),
                ("sign flipped", r"\sigma(z)(1 + \sigma(z))", lambda e: e["s"] * (1 + e["s"])),
                ("factor dropped", r"1 - \sigma(z)", lambda e: 1 - e["s"]),
                ("squared", r"\sigma(z)^2", lambda e: e["s"] ** 2)],
    "tanh": [("true", r"1 - \tanh^2(z)", lambda e: 1 - np.tanh(e["z"]) ** 2),
             ("true", r"1 - \sigma(z)^2", lambda e: 1 - e["s"] ** 2),
             ("sign flipped", r"1 + \sigma(z)^2", lambda e: 1 + e["s"] ** 2),
             ("sign flipped", r"\tanh^2(z) - 1", lambda e: np.tanh(e["z"]) ** 2 - 1),
             ("square dropped", r"1 - \tanh(z)", lambda e: 1 - np.tanh(e["z"]))],
    "relu": [("true", r"\begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}", lambda e: (e["z"] > 0) * 1.0),
             ("true", r"\mathbb{1}[z > 0]", lambda e: (e["z"] > 0) * 1.0),
             ("σ'(0) = 1", r"\begin{cases} 1 & z \ge 0 \\ 0 & z < 0 \end{cases}", lambda e: (e["z"] >= 0) * 1.0),
             ("constant", "1", lambda e: np.ones_like(e["z"])),
             ("σ instead of σ'", r"\sigma(z)", lambda e: e["s"])],
    "identity": [("true", "1", lambda e: np.ones_like(e["z"])),
                 ("σ instead of σ'", "z", lambda e: e["z"]),
                 ("zero", "0", lambda e: np.zeros_like(e["z"]))],
}


ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "identity", "leaky_relu"]


def act_doc(rng: random.Random, name: str | None = None) -> Doc:
    name = name or rng.choice(ACTIVATION_NAMES)
    cfg = {"name": name}
    directive = f"layer=activation name={name}"
    if name == "leaky_relu":
        slope = rng.choice(["0.01", "0.1", "0.2"])
        cfg["slope"], other = float(slope), "0.3" if slope != "0.3" else "0.1"
        directive += f" slope={slope}"
        sl, ot = float(slope), float(other)
        claims = [("true", rf"\begin{{cases}} 1 & z > 0 \\ {slope} & \text{{otherwise}} \end{{cases}}",
                   lambda e: np.where(e["z"] > 0, 1.0, sl)),
                  ("wrong slope", rf"\begin{{cases}} 1 & z > 0 \\ {other} & \text{{otherwise}} \end{{cases}}",
                   lambda e: np.where(e["z"] > 0, 1.0, ot)),
                  ("slope dropped", r"\begin{cases} 1 & z > 0 \\ 0 & \text{otherwise} \end{cases}",
                   lambda e: np.where(e["z"] > 0, 1.0, 0.0))]
    else:
        claims = _ACT[name]
    doc = Doc("activation", cfg, directive)
    for mutation, tex, f in claims:
        doc.claims.append(Claim("act-" + name, mutation, rf"\sigma'(z) = {tex}", f, "grad", exact=False))
    return doc


def make_docs(n_claims: int, seed: int) -> list[Doc]:
    """Documents until at least ``n_claims`` claims: one for each activation, softmax and fc
    first, then about 45% conv, 30% pooling, the rest fc, softmax and activations."""
    rng = random.Random(seed)
    docs = [act_doc(rng, name) for name in ACTIVATION_NAMES] + [softmax_doc(rng), fc_doc(rng)]
    total = sum(len(d.claims) for d in docs)
    makers = [conv_doc] * 9 + [lambda r: pool_doc(r, "avgpool")] * 3 + \
        [lambda r: pool_doc(r, "maxpool")] * 3 + [fc_doc] * 3 + [softmax_doc, act_doc, act_doc]
    while total < n_claims:
        doc = rng.choice(makers)(rng)
        docs.append(doc)
        total += len(doc.claims)
    return docs
