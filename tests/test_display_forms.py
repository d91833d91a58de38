r"""Operator and typography spellings (issue 12): a derivative written as an operator in front of
what it differentiates (``{\partial \over \partial W} J(W)``, ``\frac{\partial}{\partial b} C``,
``\partial_{W} L``, ``\frac{d}{dx} f``), display wrappers (``\displaystyle``, ``\phantom``,
thin spaces, ``\tag``, ``\mathrm{d}``, bold over a whole expression, ``\\[4pt]``) and macros the
author defines (``\newcommand``, ``\def``, ``\DeclareMathOperator``, a KaTeX / MathJax
``macros`` block), as UFLDL-style notes, Stack Exchange answers and lecture slides write them.

The truth of every claim is torch autograd on a small layer, never symbp: a wrong claim must
never hold, a right one never be refuted, and a form whose meaning is unclear stays unchecked.
"""
import re
import subprocess
import sys

import pytest
import torch

from symbp.check.checker import CheckError, check_text
from symbp.check.display_forms import plain_display
from symbp.check.equation_rows import split_rows
from symbp.check.latex_macros import MacroError, read_macros

torch.set_default_dtype(torch.float64)


def fc_truth():
    """C = Σ tanh(V σ(W a + b))² for a 3-out, 4-in layer: autograd's gradients against the
    closed forms the claims state (right and wrong)."""
    torch.manual_seed(3)
    a_prev = torch.randn(4, requires_grad=True)
    W, b = torch.randn(3, 4, requires_grad=True), torch.randn(3, requires_grad=True)
    z = W @ a_prev + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    cost = (torch.tanh(torch.randn(2, 3) @ a) ** 2).sum()
    cost.backward()
    delta, d_a, ap = z.grad, a.grad, a_prev.detach()
    s_prime = torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    same = lambda x, y: x.shape == y.shape and torch.allclose(x, y)     # noqa: E731
    return {
        "dW": same(W.grad, torch.outer(delta, ap)),
        "dW_half": same(W.grad, 0.5 * torch.outer(delta, ap)),      # ∂(½C)/∂W = ½ δ a^T: but C, not ½C
        "half_dW": same(0.5 * W.grad, 0.5 * torch.outer(delta, ap)),
        "half_dW_wrong": same(0.5 * W.grad, torch.outer(delta, ap)),
        "db": same(b.grad, delta),
        "db_twice": same(2 * b.grad, 2 * delta),
        "db_wrong": same(b.grad, 2 * delta),
        "da": same(a_prev.grad, W.detach().T @ delta),
        "delta": same(delta, d_a * s_prime),
        "delta_no_sigma": same(delta, d_a),
    }


TRUTH = fc_truth()
FORWARD = (r"$$\mathbf{z^{(l)}}=\mathbf{W^{(l)}a^{(l-1)} + b^{(l)}}$$" "\n\n"
           r"$$\mathbf{a^{(l)}} = \sigma(\mathbf{z^{(l)}})$$" "\n\n")
# the operator in front of the loss, as several authors write it
OPERATOR_CLAIMS = {
    r"{\partial \over \partial W^{(l)}} C = \delta^{(l)} (a^{(l-1)})^T": "dW",
    r"\frac{\partial}{\partial b^{(l)}} C(W,b;x,y) = \delta^{(l)}": "db",
    r"\partial_{a^{(l-1)}} C = (W^{(l)})^T \delta^{(l)}": "da",
    r"\frac{\mathrm{d}}{\mathrm{d} b^{(l)}} C = \delta^{(l)}": "db",
    r"\frac{d}{d b^{(l)}} C = 2 \delta^{(l)}": "db_wrong",
    r"\dfrac{\partial}{\partial W^{(l)}} \frac{1}{2} C = \frac{1}{2}\delta^{(l)} (a^{(l-1)})^T": "half_dW",
    r"\frac{\partial}{\partial W^{(l)}} \frac{1}{2} C = \delta^{(l)} (a^{(l-1)})^T": "half_dW_wrong",
    r"\frac{\partial}{\partial b^{(l)}} 2 C = 2\delta^{(l)}": "db_twice",
    r"\boldsymbol{\delta^{(l)} = \frac{\partial C}{\partial a^{(l)}} \odot \sigma'(z^{(l)})}": "delta",
    r"\mathbf{\delta^{(l)} = \frac{\partial C}{\partial a^{(l)}}}": "delta_no_sigma",
    r"\displaystyle \frac{\partial C}{\partial W^{(l)}} = \boldsymbol{\delta}^{(l)} \, (\mathbf{a}^{(l-1)})^{T} \tag{4}": "dW",
    r"\nabla_{b^{(l)}} C = \delta^{(l)} \label{eq:db} \nonumber": "db",
    r"∂C/∂b^{(l)} = \delta^{(l)}": "db",
    r"\partial C / \partial W^{(l)} = \delta^{(l)} (a^{(l-1)})^T": "dW",
    r"\partial/\partial b^{(l)} C = 2 \delta^{(l)}": "db_wrong",
    r"\phantom{\frac{\partial C}{\partial b^{(l)}}} = \delta^{(l)}": "db",       # a row aligned under ∂C/∂b
    r"\phantom{\frac{\partial C}{\partial b^{(l)}}} = 2\delta^{(l)}": "db_wrong",
}


def _key(latex):
    """A claim's text without the numbering the document reader strips from the report."""
    return re.sub(r"\\(?:tag|label)\{[^{}]*\}|\\nonumber", "", latex).strip()


def verdicts(text):
    return {_key(c.latex): (c.verdict, c.detail) for c in check_text(text, "md", time_limit=10).claims}


def assert_follows_truth(got, claims):
    for claim, cid in claims.items():
        verdict, detail = got[_key(claim)]
        assert verdict == ("holds" if TRUTH[cid] else "refuted"), (claim, verdict, detail)


def test_truth_is_not_vacuous():
    assert [k for k, v in TRUTH.items() if not v] == ["dW_half", "half_dW_wrong", "db_wrong", "delta_no_sigma"]


def test_operator_forms_and_wrappers_follow_autograd():
    text = "# notes\n\n" + FORWARD + "".join(f"$${c}$$\n\n" for c in OPERATOR_CLAIMS)
    assert_follows_truth(verdicts(text), OPERATOR_CLAIMS)


def test_entry_operator_forms_follow_autograd():
    """∂/∂W_{ij} C in index notation (UFLDL's ∂/∂W_{ij} J(W,b;x,y)): ∂C/∂z_i a_j holds, the
    swapped indices are refuted; the operator before one parenthesised name reads the same."""
    torch.manual_seed(5)
    a, W, b = torch.randn(4), torch.randn(3, 4, requires_grad=True), torch.randn(3, requires_grad=True)
    z = W @ a + b
    z.retain_grad()
    (torch.sin(z) ** 2).sum().backward()
    right = torch.allclose(W.grad, torch.outer(z.grad, a))
    swapped = W.grad.shape == (4, 3) and torch.allclose(W.grad, torch.outer(a, z.grad))
    claims = {
        r"\frac{\partial}{\partial W_{ij}} J(W,b;x,y) = \frac{\partial J}{\partial z_i} a_j": right,
        r"\frac{\partial}{\partial W_{ij}} J(W,b;x,y) = \frac{\partial J}{\partial z_j} a_i": swapped,
        r"{\partial \over \partial b_{i}} J = \frac{\partial J}{\partial z_i}": torch.allclose(b.grad, z.grad),
        r"\frac{\partial}{\partial W_{ij}}\left( J \right) = \frac{\partial J}{\partial z_i} a_j": right,
    }
    text = "# n\n\n$$z_i = \\sum_j W_{ij} a_j + b_i$$\n\n" + "".join(f"$${c}$$\n\n" for c in claims)
    got = verdicts(text)
    for claim, truth in claims.items():
        assert got[claim][0] == ("holds" if truth else "refuted"), (claim, got[claim])


def test_an_operator_on_a_whole_tensor_before_an_expression_is_not_refuted():
    """∂/∂W (½ C) with W a whole matrix: the index reader differentiated by the array and
    refuted the correct claim by its shape (a correct claim refuted before)."""
    claim = r"\frac{\partial}{\partial W^{(l)}}\left(\frac{1}{2} C + 0\right) = \frac{1}{2}\delta^{(l)} (a^{(l-1)})^T"
    got = verdicts("# n\n\n" + FORWARD + f"$${claim}$$\n")
    assert TRUTH["half_dW"] and got[claim][0] != "refuted", got[claim]


@pytest.mark.parametrize("claim", [
    r"\delta^{(l)} = \frac{\partial}{\partial a^{(l)}} C \odot \sigma'(z^{(l)})",   # ∂(C ⊙ σ')? or (∂C) ⊙ σ'
    r"\frac{\partial}{\partial W^{(l)}} C \cdot 2 = 2 \delta^{(l)} (a^{(l-1)})^T",
])
def test_an_operator_whose_operand_is_unclear_stays_unchecked(claim):
    got = verdicts("# n\n\n" + FORWARD + f"$${claim}$$\n")
    assert got[claim][0] == "unchecked", got[claim]


@pytest.mark.parametrize("latex", [
    r"\frac{\partial}{\partial x} f g", r"\frac{\partial}{\partial W}\frac{1}{2}(y - h)^2",
    r"\frac{\partial}{\partial w}\left( \sum_m w_m x_m \right)", r"\mathbf{1}^T \delta", r"\mathbf{0}",
])
def test_what_is_not_an_operator_on_one_name_stays(latex):
    assert plain_display(latex) == latex


def test_bold_over_a_sum_keeps_its_grouping():
    assert plain_display(r"\mathbf{a + b}^T c") == r"\left(a + b\right)^T c"
    assert plain_display(r"x = (\mathbf{y - o})^2") == r"x = (y - o)^2"


def test_row_spacing_is_no_row():
    assert [r.strip() for r in split_rows(r"a = b \\[4pt] c = d \\* e = f")] == ["a = b", "c = d", "e = f"]


# ----------------------------------------------------------------------------- macros

MACRO_DOC = r"""---
title: notes
---
<script>
window.MathJax = {tex: {macros: {bW: "\\mathbf{W}", grad: ["\\nabla_{#1} C", 1]}}};
</script>

$$\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
\renewcommand{\vec}[1]{\boldsymbol{#1}}$$

\def\Wl{\bW^{(l)}}
\def\al#1{\mathbf{a}^{(#1)}}
\DeclareMathOperator{\sig}{\sigma}

$$\vec{z}^{(l)} = \Wl \al{l-1} + \vec{b}^{(l)}$$

$$\al{l} = \sig(\vec{z}^{(l)})$$

$$\pd{C}{\Wl} = \vec{\delta}^{(l)} (\al{l-1})^T$$

$$\grad{b^{(l)}} = 2\vec{\delta}^{(l)}$$

$$\pd{C}{\al{l-1}} = (\Wl)^T \vec{\delta}^{(l)}$$
"""


def test_author_macros_are_expanded_before_reading():
    got = verdicts(MACRO_DOC)
    claims = {r"\pd{C}{\Wl} = \vec{\delta}^{(l)} (\al{l-1})^T": "dW",
              r"\grad{b^{(l)}} = 2\vec{\delta}^{(l)}": "db_wrong",
              r"\pd{C}{\al{l-1}} = (\Wl)^T \vec{\delta}^{(l)}": "da"}
    assert_follows_truth(got, claims)
    assert not any("newcommand" in latex for latex in got)        # a definition is no claim


def test_macro_expansion_reads_arguments_and_keeps_words_apart():
    macros = read_macros(r"\def\R{\mathbb R} \newcommand\pd[2]{\frac{\partial #1}{\partial #2}}"
                         r" \providecommand{\f}[1]{#1\cdot}")
    assert macros.expand(r"x \in \R^n, \pd L w, \f{a}b") == r"x \in \mathbb R^n, \frac{\partial L}{\partial w}, a\cdot b"


@pytest.mark.parametrize("definitions, use", [
    (r"\def\a{\a x}", r"\a"),                                      # uses itself
    (r"\newcommand{\a}{\b}\newcommand{\b}{\a}", r"\a"),            # two that use each other
    (r"\newcommand{\d}[1]{#1#1}\newcommand{\e}{\d{\d{\d{\d{\d{\d{\d{\d{\d{\d{\d{\d{x}}}}}}}}}}}}}", r"\e"),  # 4096 x
])
def test_a_macro_without_end_is_one_line_error(definitions, use):
    macros = read_macros(definitions)                   # defining is no error: a display using it is
    assert check_text(f"$${definitions}$$\n\n$$a = b$$\n", "md").claims[0].latex == "a = b"
    with pytest.raises(MacroError) as err:
        macros.expand(f"a = {use}")
    assert "\n" not in str(err.value) and "macro" in str(err.value)
    with pytest.raises(CheckError):
        check_text(f"$${definitions}$$\n\n$$a = {use}$$\n", "md")


def test_cli_reports_a_runaway_macro_without_traceback(tmp_path):
    doc = tmp_path / "loop.md"
    doc.write_text("$$\\def\\a{\\a x}$$\n\n$$\\a = b$$\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "symbp.cli", "check", str(doc)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode != 0 and "Traceback" not in run.stderr + run.stdout
    assert "macro \\a" in run.stderr + run.stdout


def test_a_display_that_expands_past_the_bound_is_one_line_error():
    body, uses = "y" * 3000, "\\b " * 2000          # fine alone, not 2000 times in one display
    with pytest.raises(CheckError) as err:
        check_text(f"$$\\def\\b{{{body}}}$$\n\n$$a = {uses}$$\n", "md")
    assert "\n" not in str(err.value) and "\\b" in str(err.value)


def test_katex_macros_block_with_quoted_keys():
    page = 'renderMathInElement(document.body, {macros: {"\\\\RR": "\\\\mathbb{R}", \'\\\\pd\': ["\\\\frac{\\\\partial #1}{\\\\partial #2}", 2]}});'
    assert read_macros(page).expand(r"x \in \RR, \pd{L}{W}") == r"x \in \mathbb{R}, \frac{\partial L}{\partial W}"


def test_a_macro_that_programs_tex_is_left_as_written():
    """symbp's own proof documents redefine \\mathbb with \\ifx … \\fi: that is no text to paste."""
    macros = read_macros(r"\let\old\mathbb \renewcommand{\mathbb}[1]{\ifx1#1\mathbf{1}\else\old{#1}\fi}")
    assert macros.expand(r"\mathbb{1}\left[a_{11} = \max\right]") == r"\mathbb{1}\left[a_{11} = \max\right]"


def test_a_display_longer_than_the_bound_is_left_as_written():
    """A hostile display (400 nested \\mathbf, 370 KB in the fuzz run that found it) is not
    rewritten: each unwrapping rescans the display, so the rewrite is bounded by length; the
    readers refuse such a display with their own one-line reasons."""
    from symbp.check.display_forms import MAX_DISPLAY_CHARS, plain_display
    nested = "\\mathbf{" * 400 + "x + y" + "}" * 400 + " = z"
    long_one = nested + " + a" * (MAX_DISPLAY_CHARS // 4)
    assert plain_display(long_one) == long_one
    shallow = "\\mathbf{" * 100 + "x + y" + "}" * 100 + " = z"
    assert plain_display(shallow).replace(" ", "") == "x+y=z"
