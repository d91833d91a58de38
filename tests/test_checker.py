"""symbp check: verdicts on documents, the seed transcription, round trips, CLI and bad input."""
import json
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbp.check.checker import CheckError, check_file, check_text
from symbp.claims import Setup, builtin_claims
from symbp.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(__file__).resolve().parent / "docs"
SEED = ROOT / "derivations" / "seed_cnn_backprop.md"


def verdicts(report) -> dict[int, str]:
    return {c.line: c.verdict for c in report.claims}


def conv(body: str, directive: str = "layer=conv2d input=3x3 kernel=2x2") -> list:
    return check_text(f"<!-- symbp: {directive} -->\n\n{body}\n", "md").claims


def one(latex: str, directive: str = "layer=conv2d input=3x3 kernel=2x2"):
    claims = conv(f"$${latex}$$", directive)
    assert len(claims) == 1
    return claims[0]


# --------------------------------------------------------------------------- the seed

SEED_VERDICTS = {
    21: "definition",   # δ_k^L = [[2, 8], [4, 6]]
    25: "unchecked",    # the zero-padded 4x4 "unsample" layout: no layer chosen yet
    31: "holds",        # average: [[0.5, 0.5, 2, 2], ...]
    39: "refuted",      # max: only 3 rows of the 4x4 result (OCR lost the 4th)
    43: "holds",        # δ^{L+1} = unsample(δ^L) ⊙ σ'(z^{L+1})
    47: "definition",   # σ(z) = z
    57: "definition",   # b^l = 0
    61: "holds",        # a^l * w^l = z^l
    63: "holds",        # [a] * [w] = [z]
    65: "holds", 67: "holds", 69: "holds", 71: "holds",      # z_ij written out
    73: "unchecked",    # ∇a^l = ∂J/∂z^l · ∂z^l/∂a^l: tensor Jacobians
    75: "holds", 77: "holds", 81: "holds", 83: "holds", 85: "holds", 87: "holds",
    89: "holds", 91: "holds", 93: "holds",                  # ∇a_ij
    95: "holds",        # [pad(δ)] * [rot180 W] = [∇a]
    99: "holds",        # a^L = σ(z^L) = σ(a^{L+1} * w^L + b^L)
    101: "holds",       # z^{L+1} = a^L * w^{L+1} + b^{L+1} = σ(z^L) * w^{L+1} + b^{L+1}
    105: "refuted",     # δ^{L+1} = δ^L * rot180(w^L) ⊙ σ'(z^{L+1}): no pad
    111: "holds",       # z^L = a^{L-1} * w^L + b^L
    113: "unchecked",   # ∂J/∂w^L = ∂J/∂z^L · ∂z^L/∂w^L: tensor Jacobians
    117: "refuted",     # = δ^L * rot180(a^{L-1})  (OCR: wtl80)
    121: "holds",       # ∂J/∂b^L = Σ_{u,v} (δ^L)_{u,v}
}


@pytest.fixture(scope="module")
def seed():
    return check_file(str(SEED))


def test_every_seed_equation_has_its_pinned_verdict(seed):
    assert verdicts(seed) == SEED_VERDICTS


def test_seed_refutations_say_what_is_right(seed):
    detail = {c.line: c.detail for c in seed.claims}
    assert "1x1 (2x2 * 2x2) but σ'(z^{l-1}) is 3x3" in detail[105]
    assert detail[105].endswith("correct: (pad_1(δ) * rot180(W)) ⊙ σ'(z^{l-1})")
    assert "3x3 kernel" in detail[117] and "larger than the 2x2 input" in detail[117]
    assert detail[117].endswith("correct: a * δ")
    assert "shape mismatch" in detail[39] and "3 rows shown agree" in detail[39]
    assert "[0, 0, 6, 0]" in detail[39]
    assert "Jacobian" in detail[73] and "Jacobian" in detail[113]
    assert "binds δ^{L} = [[2, 8], [4, 6]]" in detail[21]


def test_the_seed_with_its_ocr_spellings():
    """The notes spell rot180 as wtl80 (OCR): read as rot180, with the same verdicts."""
    text = SEED.read_text(encoding="utf-8").replace(r"\text{rot}180(a^{L-1})", r"\text{wtl80}(a^{L-1})")
    assert r"\text{wtl80}" in text
    assert verdicts(check_text(text, "md")) == SEED_VERDICTS


def test_seed_cli_exits_1_and_lists_every_line(capsys):
    assert main(["check", str(SEED), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(SEED)
    assert {c["line"]: c["verdict"] for c in data["claims"]} == SEED_VERDICTS
    assert all(set(c) == {"line", "latex", "verdict", "detail"} for c in data["claims"])


# --------------------------------------------------------------------------- planted errors

PLANTED = {
    "wrong_entry.md": {11},
    "rot_dropped.tex": {5},
    "stride_forgotten.md": {7, 9},
    "avg_divisor.md": {9, 11},
    "max_routing.md": {11},
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_errors_are_refuted_and_the_rest_holds(name):
    report = check_file(str(DOCS / name))
    refuted = {c.line for c in report.claims if c.verdict == "refuted"}
    assert refuted == PLANTED[name]
    assert all(c.verdict in ("holds", "definition", "refuted") for c in report.claims)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_corrected_documents_hold(name):
    fixed = DOCS / name.replace(".", "_fixed.")
    report = check_file(str(fixed))
    assert report.claims and all(c.verdict in ("holds", "definition") for c in report.claims)
    assert sum(c.verdict == "holds" for c in report.claims) >= 2


def test_planted_error_details():
    details = {n: {c.line: c.detail for c in check_file(str(DOCS / n)).claims} for n in PLANTED}
    assert "correct: pad_1(δ) * rot180(W)" in details["rot_dropped.tex"][5]
    assert "correct: pad_2(dilate_2(δ)) * rot180(W)" in details["stride_forgotten.md"][7]
    assert "correct: a * dilate_2(δ)" in details["stride_forgotten.md"][9]
    assert "derived δ_{11}/4; claimed δ_{11}/2" in details["avg_divisor.md"][11]
    assert "∂J/∂a_{43} differs; derived 6; claimed 0" in details["max_routing.md"][11]
    assert "∇a_{22} differs" in details["wrong_entry.md"][11]


# --------------------------------------------------------------------------- fully connected

FC = {    # line -> verdict in fc_correct.md; fc_planted.md differs on the lines of FC_PLANTED
    5: "holds",     # z = W a + b
    7: "holds",     # z_{1} = w_{11} a_{1} + w_{12} a_{2} + w_{13} a_{3} + b_{1}
    9: "holds",     # ∂J/∂a_{2} = w_{12} δ_{1} + w_{22} δ_{2}
    11: "holds",    # ∂J/∂w_{21} = δ_{2} a_{1}
    13: "holds",    # ∂J/∂b_{1} = δ_{1}
    15: "holds",    # ∂J/∂a = W^T δ
    17: "holds",    # ∂J/∂a^{l-1} = (W^l)^T δ^l
    19: "holds",    # ∂J/∂W = δ a^T
    21: "holds",    # ∂J/∂W^l = δ^l (a^{l-1})^T
    23: "holds",    # ∂J/∂b = δ
    25: "holds",    # δ^{l-1} = (W^T δ^l) ⊙ σ'(z^{l-1})
}
FC_PLANTED = {
    11: "∇w_{21} differs; derived a_{1}*δ_{2}; claimed a_{2}*δ_{1}",      # δ_{1} a_{2}
    15: "undefined: W δ: matrix product of a 2x3 and a 2x1 matrix; correct: W^T δ",
    19: "shape mismatch: ∂J/∂W is 2x3 but the claim gives 3x2; correct: δ a^T",  # a δ^T
}


def test_fc_correct_document_holds():
    report = check_file(str(DOCS / "fc_correct.md"))
    assert {c.line: c.verdict for c in report.claims} == FC
    assert report.setups == {5: "fc: 3 -> 2 features"}


def test_fc_planted_errors_are_refuted_with_the_correct_form():
    report = check_file(str(DOCS / "fc_planted.md"))
    verdicts = {c.line: c.verdict for c in report.claims}
    assert verdicts == FC | {line: "refuted" for line in FC_PLANTED}
    details = {c.line: c.detail for c in report.claims}
    for line, detail in FC_PLANTED.items():
        assert detail in details[line], details[line]
    assert "with a_{1}=" in details[11]            # a counterexample


@pytest.mark.parametrize("latex, verdict", [
    (r"\frac{\partial J}{\partial a} = W^{\top}\delta", "holds"),
    (r"\frac{\partial J}{\partial a} = {W}^{\top} \delta", "holds"),
    (r"\frac{\partial J}{\partial a} = \left(W^l\right)^T \delta^l", "holds"),
    (r"\frac{\partial J}{\partial W} = \delta^T a", "refuted"),
    (r"\frac{\partial J}{\partial b} = \delta^T", "refuted"),
    (r"\delta^{l-1} = (W \delta^l) \odot \sigma'(z^{l-1})", "refuted"),
    (r"\delta^{l-1} = W^T \delta^l \odot \sigma'(z^{l-1})", "holds"),
    (r"z^l = W^l a^{l-1}", "refuted"),                 # the bias is missing
    (r"z_{2} = w_{21} a_{1} + w_{22} a_{2} + w_{23} a_{3} + b_{2}", "holds"),
    (r"z_{2} = w_{12} a_{1} + w_{22} a_{2} + w_{32} a_{3} + b_{2}", "refuted"),  # no w_{32}
    (r"\frac{\partial J}{\partial a_{4}} = \delta_{1}", "refuted"),             # no a_{4}
])
def test_fc_notations(latex, verdict):
    (claim,) = check_text(f"<!-- symbp: layer=fc in=3 out=2 -->\n$${latex}$$\n", "md").claims
    assert claim.verdict == verdict, claim.detail


def test_fc_batch_and_bias_and_setup():
    doc = ("<!-- symbp: layer=fc in=3 out=2 batch=2 -->\n"
           "$$\\frac{\\partial J}{\\partial W} = \\delta a^T$$\n"
           "$$\\frac{\\partial J}{\\partial b} = \\sum_n \\delta_n$$\n"
           "$$\\frac{\\partial J}{\\partial b} = \\delta$$\n"
           "<!-- symbp: layer=fc in=3 out=2 bias=0 -->\n$$z = W a$$\n"
           "<!-- symbp: layer=fc in=3 -->\n$$z = W a$$\n")
    claims = check_text(doc, "md").claims
    assert [c.verdict for c in claims] == ["holds", "holds", "refuted", "holds", "unchecked"]
    assert "correct: Σ_n δ_n" in claims[2].detail
    assert "add in=N out=M" in claims[4].detail
    (bad,) = check_text("<!-- symbp: layer=fc in=3.5 out=2 -->\n$$z = W a$$\n", "md").claims
    assert bad.verdict == "unchecked" and "directive at line 1" in bad.detail
    assert "in='3.5'" in bad.detail             # a bad directive spoils only its own section


# --------------------------------------------------------------------------- activations, softmax

ACT_SOFTMAX = {    # line -> verdict in act_softmax_correct.md
    5: "definition",    # σ(z) = 1/(1 + e^{-z}): σ is the sigmoid
    7: "holds",         # σ'(z) = σ(z)(1 - σ(z))
    9: "holds",         # σ'(z) = e^{-z}/(1 + e^{-z})^2
    13: "definition",   # σ(z) = tanh(z)
    15: "holds",        # σ'(z) = 1 - tanh^2(z)
    17: "holds",        # σ'(z) = 1 - σ(z)^2
    21: "definition",   # σ(z) = max(0, z)
    23: "holds",        # σ'(z) = 1 \quad for z > 0
    25: "holds",        # σ'(z) = cases 1 (z > 0), 0 (z ≤ 0)
    31: "holds",        # layer=activation name=leaky_relu: cases 1, 0.01 otherwise
    37: "definition",   # J = -Σ y log ŷ
    39: "definition",   # a = softmax(z)
    41: "holds",        # ∂J/∂z = softmax(z) - y
    43: "holds",        # ∂J/∂z = ŷ - y
    45: "holds",        # ∂J/∂z = a - y
    47: "holds",        # ∂J/∂z = p - y
    49: "holds",        # ∂J/∂z_{2} = ŷ_{2} - y_{2}
}
ACT_SOFTMAX_PLANTED = {
    7: ["sigmoid: σ'(z) differs", "with z=0: derived 1/4, claimed 3/4",
        "correct: σ(z)(1 − σ(z))"],                            # σ(z)(1 + σ(z))
    17: ["tanh: σ'(z) differs", "with z=", "correct: 1 − tanh²(z)"],   # 1 + σ(z)^2
    25: ["relu: σ'(z) differs for z < 0", "with z=-1: derived 0, claimed 1",
         "correct: 1[z > 0]"],                                 # cases 1, 1
    47: ["∂J/∂z_{1} differs", "with y_{1}=0", "derived 1/3, claimed -1/3",
         "correct: softmax(z) - y"],                           # y - softmax(z)
    49: ["∂J/∂z_{2} differs", "correct: softmax(z)_2 - y_2"],  # ŷ_{2} - y_{1}
}


def test_activation_and_softmax_document_holds():
    report = check_file(str(DOCS / "act_softmax_correct.md"))
    assert verdicts(report) == ACT_SOFTMAX
    details = {c.line: c.detail for c in report.claims}
    assert "defines σ as sigmoid" in details[5] and "defines σ as relu" in details[21]
    assert "every real z" in details[7]
    assert "equal for z > 0, the region claimed" in details[23]
    assert "PyTorch uses 0 and so does this closed form" in details[25]
    assert "PyTorch uses 1/100" in details[31]
    assert "under Σ_k y_k = 1" in details[41]
    assert report.setups[31] == "activation: leaky_relu"
    assert report.setups[37] == "softmax: 3 classes, summed over the batch"


def test_activation_and_softmax_planted_errors_are_refuted_with_the_correct_form():
    report = check_file(str(DOCS / "act_softmax_planted.md"))
    assert verdicts(report) == ACT_SOFTMAX | {line: "refuted" for line in ACT_SOFTMAX_PLANTED}
    details = {c.line: c.detail for c in report.claims}
    for line, parts in ACT_SOFTMAX_PLANTED.items():
        for part in parts:
            assert part in details[line], (line, details[line])


def _act(latex: str, directive: str | None = None, before: str = ""):
    head = f"<!-- symbp: {directive} -->\n" if directive else ""
    pre = f"$${before}$$\n" if before else ""
    return check_text(f"{head}{pre}$${latex}$$\n", "md").claims[-1]


@pytest.mark.parametrize("definition, claim, verdict", [
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", "holds"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", r"\sigma'(z) = \sigma(z)(1 + \sigma(z))", "refuted"),
    (r"\sigma(z) = \frac{1}{1 + \exp(-z)}", r"\sigma'(z) = \sigma(z) - \sigma(z)^2", "holds"),
    (r"\sigma(z) = \frac{e^{z}}{1 + e^{z}}", r"\sigma^{\prime}(z) = \sigma(z) \cdot (1 - \sigma(z))",
     "holds"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", r"\sigma'(z) = \sigma(z)^2", "refuted"),
    (r"\sigma(z) = \tanh(z)", r"\sigma'(z) = 1 - \tanh^2(z)", "holds"),
    (r"\sigma(z) = \tanh(z)", r"\sigma'(z) = 1 - \tanh(z)^{2}", "holds"),
    (r"\sigma(z) = \tanh(z)", r"\sigma'(z) = 1 - \sigma(z)^2", "holds"),
    (r"\sigma(z) = \tanh(z)", r"\sigma'(z) = 1 - \sigma(z)", "refuted"),
    (r"\sigma(z) = \frac{e^z - e^{-z}}{e^z + e^{-z}}", r"\sigma'(z) = 1 - \sigma(z)^2", "holds"),
    (r"\sigma(z) = \max(0, z)", r"\sigma'(z) = 1 \quad \text{for } z > 0", "holds"),
    (r"\sigma(z) = \max(0, z)", r"\sigma'(z) = 0 \quad z < 0", "holds"),
    (r"\sigma(z) = \max(0, z)", r"\sigma'(z) = 1", "refuted"),
    (r"\sigma(z) = \max(z, 0)", r"\sigma'(z) = \mathbb{1}\left[z > 0\right]", "holds"),
    (r"\sigma(z) = \max(0, z)", r"\sigma'(z) = \mathbb{1}[z \ge 0]", "holds"),   # 1 at the kink: one-sided
    (r"\sigma(z) = \max(0, z)", r"\sigma'(z) = 3 \cdot \mathbb{1}[z \ge 0] - 2 \cdot \mathbb{1}[z > 0]",
     "refuted"),                                         # 1 and 0 away from 0, 3 at the kink: no one-sided slope
    (r"\sigma(z) = \begin{cases} z & z > 0 \\ 0 & \text{otherwise} \end{cases}",
     r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}", "holds"),
    (r"\sigma(z) = \max(0.01 z, z)", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 "
     r"\end{cases}", "holds"),
    (r"\sigma(z) = z", r"\sigma'(z) = 1", "holds"),
    (r"\sigma(x) = \frac{1}{1 + e^{-x}}", r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "holds"),
    (r"\sigma(z) = \frac{1}{1 + e^{-z}}", r"\sigma'(z) = \sigma(z)(1 - \sigma(z)) = "
     r"\sigma(z)(1 + \sigma(z))", "refuted"),
])
def test_activation_claims_after_a_definition(definition, claim, verdict):
    c = _act(claim, before=definition)
    assert c.verdict == verdict, c.detail


@pytest.mark.parametrize("name, claim, verdict", [
    ("sigmoid", r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", "holds"),
    ("tanh", r"\sigma'(z) = 1 - \tanh^{2}(z)", "holds"),
    ("relu", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}", "holds"),
    ("relu", r"\sigma'(z) = \begin{cases} 1 & z \ge 0 \\ 0 & z < 0 \end{cases}", "refuted"),   # PyTorch's layer: 0 at 0
    ("relu", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}", "holds"),     # silent at the kink
    ("leaky_relu slope=0.2", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0.2 & z \le 0 "
     r"\end{cases}", "holds"),
    ("leaky_relu", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}", "refuted"),
    ("identity", r"\sigma'(z) = 1", "holds"),
    ("sigmoid", r"\sigma'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}", "unchecked"),
    ("sigmoid", r"\sigma'(z) = \sigma'(z)", "unchecked"),
    ("sigmoid", r"\sigma'(z) = w", "unchecked"),                 # an unknown name
])
def test_activation_claims_under_a_directive(name, claim, verdict):
    c = _act(claim, f"layer=activation name={name}")
    assert c.verdict == verdict, c.detail


def test_activation_claims_need_a_known_activation():
    c = _act(r"\sigma'(z) = \sigma(z)(1 - \sigma(z))")
    assert c.verdict == "unchecked" and "layer=activation name=sigmoid" in c.detail
    c = _act(r"\sigma'(z) = 1", before=r"\sigma(z) = \log(1 + e^{z})")     # softplus: σ' = sigmoid
    assert c.verdict == "refuted" and "at z = 0: the left side is 1/2, the right side is 1" in c.detail
    assert "activation without a name" in _act("z = 1", "layer=activation").detail
    (bad,) = check_text("<!-- symbp: layer=activation name=swish -->\n$$z = 1$$\n", "md").claims
    assert bad.verdict == "unchecked" and "name='swish'" in bad.detail


@pytest.mark.parametrize("before, claim, verdict", [
    ("", r"\frac{\partial J}{\partial z} = \operatorname{softmax}(z) - y", "holds"),
    ("", r"\frac{\partial L}{\partial z} = \hat y - y", "holds"),
    ("", r"\delta = p - y", "holds"),
    ("", r"\frac{\partial J}{\partial z} = y - \hat{y}", "refuted"),
    ("", r"\frac{\partial J}{\partial z} = \hat{y}", "refuted"),
    ("", r"\frac{\partial J}{\partial z_{3}} = p_{3} - y_{3}", "holds"),
    ("", r"\frac{\partial J}{\partial z_3} = \text{softmax}(z)_{3} - y_{3}", "holds"),
    ("", r"\frac{\partial J}{\partial z_{1}} = \hat{y}_{1}(1 - y_{1})", "refuted"),
    ("", r"\frac{\partial J}{\partial z_{4}} = \hat{y}_{4} - y_{4}", "unchecked"),
    ("", r"\frac{\partial J}{\partial z} = a - y", "unchecked"),     # a was not defined
    (r"a = \text{softmax}(z)", r"\frac{\partial J}{\partial z} = a - y", "holds"),
    (r"\hat{y} = \mathrm{softmax}(z)", r"\frac{\partial J}{\partial z} = \hat{y} - y", "holds"),
    ("", r"\frac{\partial J}{\partial z} = \hat{y}_{2} - y", "unchecked"),
    ("", r"\frac{\partial J}{\partial z_{2}} = \hat{y} - y_{2}", "unchecked"),
])
def test_softmax_claims(before, claim, verdict):
    c = _act(claim, "layer=softmax classes=3", before)
    assert c.verdict == verdict, c.detail


def test_softmax_batch_and_classes():
    assert _act(r"\frac{\partial J}{\partial z} = \hat{y} - y", "layer=softmax classes=2 batch=2"
                ).verdict == "holds"
    c = _act(r"\frac{\partial J}{\partial z_{1}} = \hat{y}_{1} - y_{1}",
             "layer=softmax classes=2 batch=2")
    assert c.verdict == "unchecked" and "batch > 1" in c.detail
    assert _act(r"\frac{\partial J}{\partial z_{4}} = \hat{y}_{4} - y_{4}",
                "layer=softmax classes=4").verdict == "holds"


# --------------------------------------------------------------------------- round trips

def _directive(claim, setup: Setup) -> str | None:
    if claim.name.startswith("conv") and not claim.name.startswith(("conv-transpose", "conv1d")):
        c = setup.conv()
        return (f"layer=conv2d input={c.input[0]}x{c.input[1]} kernel={c.kernel[0]}x{c.kernel[1]} "
                f"stride={c.stride[0]},{c.stride[1]} padding={c.padding[0]},{c.padding[1]} "
                f"dilation={c.dilation[0]},{c.dilation[1]} channels={c.channels[0]},{c.channels[1]} "
                f"groups={c.groups} batch={c.batch}")
    if claim.name.startswith("pool"):
        p = setup.pool()
        window = p.input if claim.name == "pool-global-avg" else p.kernel
        stride = p.input if claim.name == "pool-global-avg" else p.stride
        mode = "max" if r"\operatorname{upsample}_{\max}" in claim.latex else "avg"
        return (f"layer={mode}pool input={p.input[0]}x{p.input[1]} kernel={window[0]}x{window[1]} "
                f"stride={stride[0]},{stride[1]} padding={p.padding[0]},{p.padding[1]} "
                f"channels={p.channels} batch={p.batch}")
    if claim.name.startswith("fc") and setup.batch == 1:     # column notation: N = 1
        i, o = (3, 2) if tuple(setup.channels) == (1, 1) else setup.channels
        return f"layer=fc in={i} out={o}"
    return None   # softmax / activations (and fc rows for N > 1): not modelled by `symbp check`


SETUPS = [Setup(), Setup(input=(5, 5), kernel=(3, 3), stride=(2, 2)), Setup(padding=(1, 1)),
          Setup(input=(5, 5), dilation=(2, 2)), Setup(input=(5, 4), stride=(2, 2)),
          Setup(channels=(2, 4), groups=2), Setup(batch=2)]


@pytest.mark.parametrize("setup", SETUPS, ids=range(len(SETUPS)))
def test_to_latex_of_every_builtin_claim_parses_back(setup):
    checked = 0
    for claim in builtin_claims([], setup):
        directive = _directive(claim, setup)
        if directive is None:
            continue
        tex = f"% symbp: {directive}\n\\[\n{claim.latex}\n\\]\n"
        (verdict,) = check_text(tex, "tex").claims
        assert verdict.verdict == claim.expected, (claim.name, claim.latex, verdict.detail)
        checked += 1
    assert checked >= 9


def test_proof_documents_recheck():
    latex = pytest.importorskip("symbp.proofdoc.latex")
    for setup in (Setup(), Setup(input=(5, 5), kernel=(3, 3), stride=(2, 2))):
        doc = latex.prove_document(["conv-input", "conv-weight", "conv-delta", "pool-max",
                                    "pool-delta"], setup)
        for kind, text in (("tex", doc.to_tex()), ("md", doc.to_markdown())):
            report = check_text(text, kind)
            assert len(report.claims) > 40
            assert [c for c in report.claims if c.verdict != "holds"] == []


# --------------------------------------------------------------------------- notation

@pytest.mark.parametrize("rot", [r"\operatorname{rot180}\left(W\right)", r"\text{rot}180(W)",
                                 r"\text{rot } 180(W^l)", r"\mathrm{rot}_{180}(W)", r"rot180(W)",
                                 r"\operatorname{rot}_{180}(w)", r"\text{wtl80}(W)"])
def test_rot180_spellings(rot):
    assert one(rf"\nabla a = \operatorname{{pad}}_{{1}}(\delta) * {rot}").verdict == "holds"


@pytest.mark.parametrize("latex", [
    r"\nabla a = \begin{bmatrix} 0 & 0 & 0 & 0 \\ 0 & \delta_{11} & \delta_{12} & 0 \\ "
    r"0 & \delta_{21} & \delta_{22} & 0 \\ 0 & 0 & 0 & 0 \end{bmatrix} * \operatorname{rot180}(W)",
    r"\frac{\partial J}{\partial w_{12}} = a_{12} \delta_{11} + a_{13} \delta_{12} + a_{22} \delta_{21} + a_{23} \delta_{22}",
    r"\frac{\partial J}{\partial W^{l}} = a^{l-1} * \delta^{l}",
    r"\frac{\partial J}{\partial b} = \delta_{11} + \delta_{12} + \delta_{21} + \delta_{22}",
    r"\delta^{l-1} = \left(\operatorname{pad}_{1}\left(\delta^{l}\right) * \text{rot}180(W^l)\right) \odot \sigma'\left(z^{l-1}\right)",
    r"\frac{\partial J}{\partial z^{l-1}_{11}} = \delta_{11} w_{11} \sigma'\left(z^{l-1}_{11}\right)",
    r"z_{22} = a_{22} w_{11} + a_{23} w_{12} + a_{32} w_{21} + a_{33} w_{22} + b_{1}",
    r"z^l = a^{l-1} * W^l + b^l",
    r"\nabla a_{12} = \frac{\partial J}{\partial z_{11}} \frac{\partial z_{11}}{\partial a_{12}} + "
    r"\frac{\partial J}{\partial z_{12}} \frac{\partial z_{12}}{\partial a_{12}} = \delta_{11} w_{12} + \delta_{12} w_{11}",
])
def test_notations_that_hold(latex):
    verdict = one(latex)
    assert verdict.verdict == "holds", verdict.detail


def test_unicode_and_bold_names():
    text = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n"
            "$$∇a_{12} = δ_{11} w_{12} + δ_{12}·w_{11}$$\n"
            "$$\\frac{∂J}{∂\\mathbf{W}} = \\mathbf{a} * \\boldsymbol{\\delta}$$\n"
            "$$δ^{l-1} = (\\operatorname{pad}_1(δ) * \\text{rot}180(W)) ⊙ σ'(z^{l-1})$$\n")
    assert [c.verdict for c in check_text(text, "md").claims] == ["holds"] * 3


def test_missing_bias_is_refuted_unless_the_document_sets_b_to_zero():
    claim = r"z_{11} = a_{11} w_{11} + a_{12} w_{12} + a_{21} w_{21} + a_{22} w_{22}"
    plain = one(claim)
    assert plain.verdict == "refuted" and "bias" in plain.detail
    assert one(claim, "layer=conv2d input=3x3 kernel=2x2 bias=0").verdict == "holds"
    claims = conv(f"$$b^l = 0$$\n\n$${claim}$$")
    assert [c.verdict for c in claims] == ["definition", "holds"]


def test_sizes_are_inferred_from_subscripts():
    claims = conv(r"$$\nabla a_{33} = \delta_{22} w_{22}$$" "\n\n"
                  r"$$\nabla a = \operatorname{pad}_{2}(\delta) * \operatorname{rot180}(W)$$",
                  "layer=conv2d")
    assert [c.verdict for c in claims] == ["holds", "refuted"]
    assert "correct: pad_1(δ) * rot180(W)" in claims[1].detail


def test_a_later_directive_changes_the_setup():
    text = ("<!-- symbp: layer=avgpool input=4x4 kernel=2x2 -->\n\n"
            "$$\\nabla a_{11} = \\frac{\\delta_{11}}{4}$$\n\n"
            "<!-- symbp: layer=avgpool input=6x6 kernel=3x3 -->\n\n"
            "$$\\nabla a_{11} = \\frac{\\delta_{11}}{4}$$\n\n"
            "$$\\nabla a_{11} = \\frac{\\delta_{11}}{9}$$\n")
    assert [c.verdict for c in check_text(text, "md").claims] == ["holds", "refuted", "holds"]


def test_definitions_bind_names_for_later_worked_examples():
    text = ("% symbp: layer=conv2d input=3x3 kernel=2x2\n"
            r"\[ W = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \]" "\n"
            r"\[ \delta = \begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix} \]" "\n"
            r"\[ \nabla a = \begin{bmatrix} 1 & 2 & 0 \\ 3 & 5 & 2 \\ 0 & 3 & 4 \end{bmatrix} \]" "\n"
            r"\[ \nabla a = \begin{bmatrix} 1 & 2 & 0 \\ 3 & 4 & 2 \\ 0 & 3 & 4 \end{bmatrix} \]" "\n")
    assert [c.verdict for c in check_text(text, "tex").claims] == \
        ["definition", "definition", "holds", "refuted"]


# --------------------------------------------------------------------------- CLI

def test_cli_exit_codes(capsys, tmp_path):
    assert main(["check", str(DOCS / "rot_dropped_fixed.tex")]) == 0
    out = capsys.readouterr().out
    assert "holds" in out and "3 equations" in out
    assert main(["check", str(DOCS / "rot_dropped.tex")]) == 1
    assert "correct: pad_1(δ) * rot180(W)" in capsys.readouterr().out
    empty = tmp_path / "empty.md"
    empty.write_text("no math here\n")
    nosetup = tmp_path / "nosetup.md"
    nosetup.write_text("$$\\nabla a_{11} = \\delta_{11} w_{11}$$\n$$x = 1$$\n")
    bad = tmp_path / "bad.md"
    bad.write_text("<!-- symbp: layer=conv2d kernal=2x2 -->\n$$z = 1$$\n")
    for argv, message in [([str(tmp_path / "missing.md")], "not a readable regular file"),
                          ([str(empty)], "no display equations"),
                          ([str(nosetup)], "no layer setup applies"),
                          ([str(bad)], "unknown setup key 'kernal'"),
                          ([str(tmp_path / "x.txt")], "unsupported file type")]:
        assert main(["check", *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith("symbp: error:") and message in err and err.count("\n") == 1
    assert main(["check", str(nosetup), "--layer", "conv2d", "--input", "3x3",
                 "--kernel", "2x2"]) == 0
    assert "holds" in capsys.readouterr().out


# --------------------------------------------------------------------------- bad input

def test_hostile_document_is_unchecked_line_by_line_and_runs_nothing(tmp_path):
    report = check_file(str(DOCS / "hostile.md"))
    assert len(report.claims) == 13
    out_of_range = [c for c in report.claims if c.line == 33]      # \nabla a_{99}: no such entry
    assert [c.verdict for c in out_of_range] == ["refuted"]
    assert "a_{99} is not an entry of the 3x3 tensor" in out_of_range[0].detail
    assert all(c.verdict == "unchecked" and c.detail for c in report.claims if c.line != 33)
    assert not Path("/tmp/symbp_pwned").exists()


def test_huge_inputs_are_refused_in_bounded_time(tmp_path, capsys):
    big = tmp_path / "big.md"
    big.write_text("$$x = 1$$\n" + "a" * (10 * 1024 * 1024))
    assert main(["check", str(big)]) == 2
    assert "larger than 5 MB" in capsys.readouterr().err
    with pytest.raises(CheckError):
        check_text("x" * (6 * 1024 * 1024), "md")
    row = " & ".join(["1"] * 100)
    matrix = r"\begin{bmatrix}" + (row + r" \\ ") * 100 + r"\end{bmatrix}"
    start = time.process_time()             # CPU time: bounded work, whatever else runs
    (claim,) = conv(f"$$\\nabla a = {matrix}$$")
    assert claim.verdict == "unchecked" and "characters long" in claim.detail
    assert time.process_time() - start < 5


HEAVY = ("<!-- symbp: layer=conv2d input=60x60 kernel=7x7 channels=3,3 -->\n\n"
         r"$$\frac{\partial J}{\partial a} = \operatorname{pad}_{6}\left(\delta\right) * "
         r"{\operatorname{rot180}\left(W\right)}^{\top}$$" "\n")


def test_the_time_limit_really_stops_the_work():
    start = time.process_time()             # CPU time: the work stops, whatever else the machine runs
    (claim,) = check_text(HEAVY, "md", time_limit=0.5).claims
    assert claim.verdict == "unchecked" and "time limit" in claim.detail
    assert time.process_time() - start < 3


def test_the_time_limit_outside_the_main_thread():
    found = {}
    worker = threading.Thread(target=lambda: found.update(r=check_text(HEAVY, "md", time_limit=0.5)))
    start = time.monotonic()
    worker.start()
    worker.join(10)
    assert time.monotonic() - start < 5
    assert "time limit" in found["r"].claims[0].detail


TOKENS = ["a", "w", "z", "b", "J", "_", "^", "{", "}", "(", ")", "[", "]", "1", "2", "0.5", " ",
          "=", "+", "-", "*", "\\odot", "\\cdot", "&", "\\\\", "\\delta", "\\sigma'", "\\nabla",
          "\\frac", "\\partial", "\\left(", "\\right)", "\\begin{bmatrix}", "\\end{bmatrix}",
          "\\operatorname{pad}", "\\text{rot}180", "\\sum_{u,v}", "\\top", "\\mathbb{1}",
          "\\operatorname{upsample}", "_{11}", "^{l-1}", "\\foo", "%", "$", "'", ",", ";",
          "W", "^T", "_{1}", "\\sum_n", "\\sigma", "\\tanh", "\\max", "\\exp", "e^", "y",
          "\\hat{y}", "\\text{softmax}", "\\begin{cases}", "\\end{cases}", ">", "\\le",
          "\\quad", "\\text{for}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40),
       st.sampled_from(["conv2d input=4x4 kernel=2x2", "maxpool input=4x4 kernel=2x2",
                        "fc in=3 out=2", "activation name=relu", "softmax classes=2"]))
def test_random_latex_never_crashes_or_overruns(tokens, layer):
    body = "".join(tokens)
    text = f"% symbp: layer={layer}\n\\[ {body} \\]\n"
    start = time.monotonic()
    try:
        report = check_text(text, "tex", time_limit=1.0)
    except CheckError as err:
        assert "\n" not in str(err)
        return
    assert time.monotonic() - start < 1.0 * max(1, len(report.claims)) + 2
    for c in report.claims:
        assert c.verdict in ("holds", "refuted", "unproved", "definition", "unchecked")
        assert "checker error" not in c.detail, (body, c.detail)


def test_activation_only_document_cli(tmp_path, capsys):
    doc = tmp_path / "sigmoid.md"
    doc.write_text("$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n\n"
                   "$$\\sigma'(z) = \\sigma(z)(1 + \\sigma(z))$$\n", encoding="utf-8")
    assert main(["check", str(doc)]) == 1
    out = capsys.readouterr().out
    assert "refuted" in out and "correct: σ(z)(1 − σ(z))" in out


def test_a_time_limit_that_lands_in_a_finalizer_is_not_reported_and_still_stops(monkeypatch):
    # the alarm raised inside __del__ cannot propagate; Python hands it to
    # sys.unraisablehook, which prints "Exception ignored in ..." with a traceback (and
    # fails a pytest run): it must not reach the hook, and the limit must still end the work
    import sys

    from symbp.check.timelimit import run_limited
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    class Noisy:
        def __del__(self):
            end = time.monotonic() + 0.3
            while time.monotonic() < end:      # the alarm fires in here
                pass

    def work():
        Noisy()                                 # finalised at once, inside the limit
        while True:
            time.sleep(0.01)

    start = time.monotonic()
    reason = run_limited(work, 0.1)
    assert reason == "time limit (0.1 s) reached"
    assert time.monotonic() - start < 3
    assert reported == []
