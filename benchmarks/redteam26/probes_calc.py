"""Softmax Jacobian rows under worded conditions. Truth: torch.autograd.functional.jacobian of
softmax (float64, N=6 classes, 3 random z), the claimed formula evaluated at every (i, j) the document's
actual condition selects."""
import torch
from lib import run
torch.set_default_dtype(torch.float64)
N = 6   # classes: conditions such as i = j^2 need more than 4 to bite

FORMS = {
    "diag": (r"p_i(1 - p_i)", lambda p, i, j: p[i] * (1 - p[i])),
    "diag_j": (r"p_i(1 - p_j)", lambda p, i, j: p[i] * (1 - p[j])),
    "off": (r"-p_i p_j", lambda p, i, j: -p[i] * p[j]),
}
def truth(form, cond):
    f = FORMS[form][1]
    for s in range(3):
        torch.manual_seed(s)
        z = torch.randn(N)
        J = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), z)
        p = torch.softmax(z, 0)
        for i in range(N):
            for j in range(N):
                if cond(i, j) and abs(J[i, j].item() - f(p, i, j).item()) > 1e-12:
                    return "false"
    return "true"

HEAD = "# Softmax\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{k} e^{z_k}}$$\n\n"
def claim(form): return rf"\frac{{\partial p_i}}{{\partial z_j}} = {FORMS[form][0]}"

CASES = [  # (name, lead sentence, condition as the words mean it, forms)
    ("k01_when_j_differs", "when j differs from i:", lambda i, j: i != j, ["diag", "off"]),
    ("k02_for_i_equal_j", "For i equal to j:", lambda i, j: i == j, ["diag", "diag_j", "off"]),
    ("k03_unless_j_differs", "Unless j differs from i:", lambda i, j: i == j, ["diag", "off"]),
    ("k04_j_equal_to_i_plus_1", "For j equal to i + 1:", lambda i, j: j == i + 1, ["diag", "off"]),
    ("k05_i_equals_j_minus_1", "When i equals j - 1:", lambda i, j: i == j - 1, ["diag", "off"]),
    ("k06_i_not_different_from_j", "When i is not different from j:", lambda i, j: i == j, ["diag", "off"]),
    ("k07_j_differs_from_i_plus_1", "when j differs from i + 1:", lambda i, j: j != i + 1, ["diag", "off"]),
    ("k08_i_equal_to_2j", "For i equal to 2j:", lambda i, j: i == 2 * j, ["diag", "off"]),
    ("k09_i_equal_to_j_squared", "When i equals j squared:", lambda i, j: i == j * j, ["diag", "off"]),
    ("k10_j_equal_i_or_k", "For j equal to i or to k:", lambda i, j: True, ["diag", "off"]),
]
for name, lead, cond, forms in CASES:
    text = HEAD
    cl = []
    for f in forms:
        text += f"{lead}\n\n$$\n{claim(f)}\n$$\n\n"
        cl.append((claim(f), truth(f, cond), f"torch jacobian of softmax at the (i,j) where '{lead}' holds"))
    run(name, text, cl)

# headings that state the condition in words
for name, head, cond in [("k11_heading_when_i_equals_j", "### When i equals j", lambda i, j: i == j),
                         ("k12_heading_when_j_differs", "### When j differs from i", lambda i, j: i != j)]:
    text = HEAD + f"{head}\n\n" + "".join(f"$$\n{claim(f)}\n$$\n\n" for f in ("diag", "off"))
    run(name, text, [(claim(f), truth(f, cond), f"torch jacobian where '{head}' holds") for f in ("diag", "off")])

# more worded leads
MORE = [
    ("k13_i_equals_j_plus_one_tight", "When i equals j+1:", lambda i, j: i == j + 1, ["diag", "off"]),
    ("k14_i_equal_to_j_and_k", "For i equal to j and to k:", lambda i, j: i == j, ["diag", "off"]),
    ("k15_i_equal_to_j_or_j_plus_1", "For i equal to j or j + 1:", lambda i, j: i in (j, j + 1), ["diag", "off"]),
    ("k16_j_differs_from_i_or_equal", "Whether or not j differs from i:", lambda i, j: True, ["diag", "off"]),
    ("k17_j_distinct_from_i_mod", "For j distinct from i modulo 2:", lambda i, j: (i - j) % 2 != 0, ["diag", "off"]),
]
for name, lead, cond, forms in MORE:
    text = HEAD
    cl = []
    for f in forms:
        text += f"{lead}\n\n$$\n{claim(f)}\n$$\n\n"
        cl.append((claim(f), truth(f, cond), f"torch jacobian of softmax at the (i,j) where '{lead}' holds"))
    run(name, text, cl)

MORE2 = [
    ("k18_i_equal_to_j_plus_one_words", "For i equal to j plus one:", lambda i, j: i == j + 1, ["diag", "off"]),
    ("k19_i_equal_to_js_neighbour", "When i is equal to j's neighbour:", lambda i, j: abs(i - j) == 1, ["diag", "off"]),
    ("k20_j_differs_from_i_plain", "For the entries where j differs from i:", lambda i, j: i != j, ["diag", "off"]),
]
for name, lead, cond, forms in MORE2:
    text = HEAD
    cl = []
    for f in forms:
        text += f"{lead}\n\n$$\n{claim(f)}\n$$\n\n"
        cl.append((claim(f), truth(f, cond), f"torch jacobian of softmax at the (i,j) where '{lead}' holds"))
    run(name, text, cl)
