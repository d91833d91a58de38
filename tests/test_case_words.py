"""A derivative written by cases in the page's own language (round thirty-one: held-out 24's
Polish lab notes write ``\\text{jeśli } z > 0`` and ``\\text{w przeciwnym razie}``).  Truth: torch
autograd of ReLU away from its kink, never symbp."""
import pytest
import torch

from symbp.check.checker import check_text

WORDS = [("jeśli", "w przeciwnym razie"), ("gdy", "w przeciwnym wypadku"), ("eğer", "aksi halde"),
         ("jika", "lainnya"), ("als", "anders"), ("if", "otherwise")]


def _relu_grad_at(z: float) -> float:
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    torch.relu(t).backward()
    return float(t.grad)


@pytest.mark.parametrize("if_word, else_word", WORDS)
@pytest.mark.parametrize("above, below", [(1, 0), (0, 1)])
def test_relu_derivative_by_cases_in_other_languages(if_word, else_word, above, below):
    truth = all(_relu_grad_at(z) == (above if z > 0 else below) for z in (-2.0, -0.5, 0.5, 3.0))
    page = ("# ReLU\n\n$$\\text{ReLU}(z) = \\max(0, z)$$\n\n$$\\text{ReLU}'(z) = \\begin{cases} "
            f"{above} & \\text{{{if_word} }} z > 0 \\\\ {below} & \\text{{{else_word}}} \\end{{cases}}$$\n")
    claim = check_text(page, "md").claims[-1]
    assert claim.verdict == ("holds" if truth else "refuted"), claim.detail
