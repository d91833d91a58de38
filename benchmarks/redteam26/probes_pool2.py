from lib import run
from pooltruth import *
from probes_pool_helpers import *

# P12: 5x5 input, 2x2 stride 2 avg (floor): row 5 / column 5 in no window; prose gives the 5x5 size
t = window_table(5, 5, 2, 2, 2, 1)
cl = [
    (gclaim("55", []), T(G("avg", t, "55", [], None)), "x55 in no window"),
    (gclaim("15", []), T(G("avg", t, "15", [], None)), "x15 in no window"),
    (gclaim("44", [("22", 1)], 4), T(G("avg", t, "44", ["22"], 4)), "autograd"),
    (gclaim("45", [("22", 1)], 4), "false", "x45 is in no window (column 5 is dropped): its gradient is 0, not dE/dy22 / 4"),
]
run("p12_avgpool_5x5_floor", doc("Average pooling", t, r"\text{avg}", [c for c, *_ in cl],
    prose="The input $x$ is $5\\times 5$; the last row and column fall in no window. The forward pass:"), cl)

# P16: two pooling examples under two headings: stride 2 on 4x4, then stride 1 on 3x3 (both avg, 1-based)
t1 = window_table(4, 4, 2, 2, 2, 1); t2 = window_table(3, 3, 2, 2, 1, 1)
cl1 = [(gclaim("22", [("11", 1)], 4), T(G("avg", t1, "22", ["11"], 4)), "autograd, example 1")]
cl2 = [(gclaim("22", [("11", 1), ("12", 1), ("21", 1), ("22", 1)], 4), T(G("avg", t2, "22", ["11", "12", "21", "22"], 4)), "autograd, example 2 (stride 1)"),
       (gclaim("12", [("11", 1), ("12", 1)], 4), T(G("avg", t2, "12", ["11", "12"], 4)), "autograd, example 2"),
       (gclaim("13", [("12", 1)], 4), T(G("avg", t2, "13", ["12"], 4)), "autograd, example 2"),
       (gclaim("33", [("22", 1)], 4).replace("x_{33}", "x_{32}"), T(G("avg", t2, "32", ["22"], 4)), "autograd, example 2: x32 is in y21 and y22 (misses y21)"),
       (gclaim("21", [("11", 1)], 4), T(G("avg", t2, "21", ["11"], 4)), "autograd, example 2 (stride 1): x21 is in y11 and y21")]
cl1b = [(gclaim("23", [("12", 1)], 4), T(G("avg", t1, "23", ["12"], 4)), "autograd, example 1 stride 2 (x23 in y12's window)")]
text = doc("Pooling, example 1", t1, r"\text{avg}", [c for c, *_ in cl1 + cl1b]).replace("# Pooling, example 1", "# Pooling\n\n## Example 1")
text += "## Example 2\n\nNow the windows overlap. The forward pass:\n\n$$\n\\begin{array}{c}\n" + rows_latex(t2, r"\text{avg}") + "\n\\end{array}\n$$\n\n"
text += "".join(f"$$\n{c}\n$$\n\n" for c, *_ in cl2)
run("p16_two_pooling_examples", text, cl1 + cl1b + cl2)

# P17: max rows then a claim that names the argmax (the prose states which entry is largest)
t = window_table(4, 4, 2, 2, 2, 1)
c1 = gclaim("12", [("11", 1)])
run("p17_maxpool_prose_argmax", doc("Max pooling", t, r"\max", [c1],
    prose="Suppose $x_{12}$ is the largest entry of the first window. The forward pass:"),
    [(c1, "true", "given the prose's premise (x12 is its window's max), dE/dx12 = dE/dy11")])
