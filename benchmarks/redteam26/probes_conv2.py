from lib import run
from convtruth import *
from probes_conv import E, rows_tex, claim_tex, T, R, drop, rot, swap

def section(title, prose, rows, claims):
    s = f"\n## {title}\n\n{prose}\n\n"
    if rows:
        s += f"$$\n\\left\\{{\n\\begin{{aligned}}\n{rows}\n\\end{{aligned}}\n\\right.\n$$\n\nThe gradients:\n\n"
    for c in claims:
        s += f"$$\n{c}\n$$\n\n"
    return s
HEAD = "# Back propagation of the convolution\n\nIn general the layer is $Y = x * w$ (cross-correlation, no padding).\n"

def specs(n, k, s, d, items, base=0):
    pairs = layer_pairs(n, k, s, d)
    out = []
    for of, t, terms, why in items:
        if callable(terms): terms = terms(pairs)
        out.append((claim_tex(of, t, terms, base), T(truth(n, k, of, t, terms, s, d)), why))
    return pairs, out

# C07: only Y_{00}'s row written; prose: 5x5 input, 3x3 kernel, the output is 2x2 (so stride 2)
pairs, cl = specs(5, 3, 2, 1, [
    ("w", (0, 0), R("w", (0, 0)), "torch autograd, stride 2 (5x5, 3x3 -> 2x2)"),
    ("w", (0, 0), lambda p: [(o, (o[0], o[1])) for o, a in right_terms(p, "w", (0, 0))], "stride-1 indices: false at stride 2"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd"),
])
rows = rows_tex({(0, 0): pairs[(0, 0)]})
run("c07_rows_only_first_entry", HEAD + section("Example", "Input 5x5, kernel 3x3, and the output is 2x2. The first output entry:", rows, [c for c, *_ in cl]), cl)

# C08: two chapters, same 5x5 input and 3x3 kernel: stride 1 then stride 2 (neither says its stride)
p1, cl1 = specs(5, 3, 1, 1, [
    ("w", (0, 0), R("w", (0, 0)), "torch autograd stride 1"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd stride 1"),
])
p2, cl2 = specs(5, 3, 2, 1, [
    ("w", (0, 0), R("w", (0, 0)), "torch autograd stride 2"),
    ("w", (0, 0), lambda p: [(o, (o[0], o[1])) for o, a in right_terms(p, "w", (0, 0))], "stride 1 indices in the stride-2 example"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd stride 2"),
    ("x", (2, 2), rot("x", (2, 2), 3), "rot180 where none is needed"),
])
text = HEAD + section("Example 1", "Input 5x5, kernel 3x3.", rows_tex(p1), [c for c, *_ in cl1]) + \
       section("Example 2", "Input 5x5, kernel 3x3 again, a bigger step.", rows_tex(p2), [c for c, *_ in cl2])
run("c08_two_chapters_same_sizes", text, cl1 + cl2)

# C09: two chapters: dilation 2 (5x5, 2x2 -> 3x3) then stride 2 (5x5, 2x2 -> 2x2)
p1, cl1 = specs(5, 2, 1, 2, [
    ("w", (1, 1), R("w", (1, 1)), "torch autograd dilation 2"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd dilation 2"),
])
p2, cl2 = specs(5, 2, 2, 1, [
    ("w", (1, 1), R("w", (1, 1)), "torch autograd stride 2"),
    ("w", (1, 1), lambda p: [(o, (o[0] + 2, o[1] + 2)) for o, a in right_terms(p, "w", (1, 1))], "dilation-2 indices in the stride-2 example"),
    ("x", (2, 2), R("x", (2, 2)), "torch autograd stride 2"),
])
text = HEAD + section("Dilated", "Input 5x5, kernel 2x2.", rows_tex(p1), [c for c, *_ in cl1]) + \
       section("Strided", "Input 5x5, kernel 2x2.", rows_tex(p2), [c for c, *_ in cl2])
run("c09_dilated_then_strided", text, cl1 + cl2)

# C10: 1-based, stride 2, lower-case o = x * w (the docstring's own example), 4x4 input 2x2 kernel
pairs, cl = specs(4, 2, 2, 1, [
    ("w", (1, 0), R("w", (1, 0)), "torch autograd"),
    ("w", (1, 0), drop("w", (1, 0), 2), "missing term"),
    ("x", (1, 2), R("x", (1, 2)), "torch autograd"),
    ("x", (1, 2), lambda p: [(o, (1 - e[0], 1 - e[1])) for o, e in right_terms(p, "x", (1, 2))], "rot180 where none needed"),
], base=1)
rows = rows_tex(pairs, base=1, out="o", amp="")
text = "# Convolution\n\nThe layer is $o = x * w$: input 4x4, kernel 2x2.\n\n$$\n\\begin{aligned}\n" + rows.replace("=", "&=") + "\n\\end{aligned}\n$$\n\n"
cl = [(c.replace("Y_", "o_"), t, w) for c, t, w in cl]
for c, *_ in cl: text += f"$$\n{c}\n$$\n\n"
run("c10_rows_1based_stride2_lower", text, cl)
