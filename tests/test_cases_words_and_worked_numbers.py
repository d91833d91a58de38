"""Two readers' gaps found on held-out 27 and red team 33.

* A function defined by cases in another language (``\\text{jika } x > 0``, Indonesian) is read by
  the scalar-function reader as the activation readers read it (one list of "if" and "otherwise"
  words, ``calc_tokens.IF_WORDS`` / ``ELSE_WORDS``): before, ``f(x) = \\max(0, x) = \\begin{cases}…``
  with "jika" defined nothing and ``f'(x)`` stayed unread.
* A worked example's number claim against a gradient that still depends on values the reader did
  not bind (given in displays under a directive's letters, or in the prose) is unproved, never
  refuted: ``∂L/∂w = 0.1 · 1 · 2 = 0.2`` was refuted while true.

Truth: torch autograd.
"""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _relu_slope(x: float) -> float:
    t = torch.tensor(x, requires_grad=True)
    torch.relu(t).backward()
    return float(t.grad)


@pytest.mark.parametrize("if_word, else_word", [("jika", "lainnya"), ("si", "sinon"), ("wenn", "sonst"),
                                                ("nếu", "ngược lại"), ("eğer", "aksi halde")])
def test_cases_in_other_languages(if_word, else_word):
    assert _relu_slope(1.5) == 1 and _relu_slope(-1.5) == 0
    page = (f"# ReLU\n\n$$f(x) = \\max(0, x) = \\begin{{cases}} x, & \\text{{{if_word} }} x > 0 \\\\ "
            f"0, & \\text{{{else_word}}} \\end{{cases}}$$\n\n"
            f"$$f'(x) = \\begin{{cases}} 1, & \\text{{{if_word} }} x > 0 \\\\ 0, & \\text{{{else_word}}} \\end{{cases}}$$\n\n"
            f"$$f'(x) = \\begin{{cases}} 0, & \\text{{{if_word} }} x > 0 \\\\ 1, & \\text{{{else_word}}} \\end{{cases}}$$\n")
    verdicts = [c.verdict for c in check_text(page, "md").claims]
    assert verdicts[-2:] == ["holds", "refuted"], verdicts


def test_worked_numbers_against_unbound_values_are_not_refuted():
    x, y = torch.tensor(2.0), torch.tensor(1.0)
    w, b = torch.tensor(0.5, requires_grad=True), torch.tensor(0.1, requires_grad=True)
    a = torch.relu(w * x + b)
    (0.5 * (y - a) ** 2).backward()
    assert torch.isclose(w.grad, torch.tensor(0.2)) and torch.isclose(b.grad, torch.tensor(0.1))
    page = ("<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output L=loss -->\n# One neuron\n\n"
            "$$\nx = 2, \\quad w = 0.5, \\quad b = 0.1, \\quad y = 1\n$$\n\n"
            "$$\nz = w x + b = 1.1, \\quad a = \\text{ReLU}(z) = 1.1, \\quad L = \\frac{1}{2}(y - a)^2\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial w} = 0.1 \\cdot 1 \\cdot 2 = 0.2\n$$\n\n"
            "$$\n\\frac{\\partial L}{\\partial b} = 0.1\n$$\n")
    claims = [c for c in check_text(page, "md").claims if "partial" in c.latex]
    assert claims and all(c.verdict != "refuted" for c in claims), [(c.verdict, c.detail) for c in claims]
