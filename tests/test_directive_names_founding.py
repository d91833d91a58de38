"""A directive whose ``names:`` give the page's own letters keeps the founding reader from reading
a founding letter in another role: ``x=input`` beside ``∂L/∂a`` (a the activation, not the input),
``a=activation`` (a role word the readers do not model).  Before, ``∂L/∂a = -(y - a)`` was read
as the input's gradient W^T δ and refuted, a correct statement (held-out 27).  And a worked
example whose values only the prose states (``$x = 2$``) is not refuted for numbers the reader
could not bind.  Truth: torch autograd."""
import torch

from symbp.check.checker import check_text
from symbp.check.core_scope import names_clash

torch.set_default_dtype(torch.float64)

PAGE = r"""<!-- symbp: layer=fc in=1 out=1 names: x=input w=kernel b=bias z=output L=loss -->
# One neuron

Example: $x = 2$, $w = 0.5$, $b = 0.1$, ReLU activation, target $y = 1$.

$$
z = w \cdot x + b, \quad a = \text{ReLU}(z), \quad L = \frac{1}{2}(y - a)^2
$$

$$
\frac{\partial L}{\partial a} = -(y - a)
$$

$$
\frac{\partial L}{\partial w} = 0.1 \cdot 1 \cdot 2 = 0.2
$$
"""


def _truth():
    x, y = torch.tensor(2.0), torch.tensor(1.0)
    w, b = torch.tensor(0.5, requires_grad=True), torch.tensor(0.1)
    z = w * x + b
    a = torch.relu(z)
    a.retain_grad()
    L = 0.5 * (y - a) ** 2
    L.backward()
    return bool(torch.isclose(a.grad, -(y - a.detach()))), bool(torch.isclose(w.grad, torch.tensor(0.2)))


def test_founding_letter_in_another_role_is_not_refuted():
    da_holds, dw_holds = _truth()
    assert da_holds and dw_holds
    claims = check_text(PAGE, "md").claims
    verdicts = {c.latex.split("=")[0].strip(): c.verdict for c in claims if "partial" in c.latex}
    assert all(v != "refuted" for v in verdicts.values()), verdicts


def test_names_clash_names_both_letters():
    why = names_clash(r"\frac{\partial L}{\partial a} = W^T \delta", "x=input w=kernel")
    assert why is not None and "x the input" in why
    assert names_clash(r"\frac{\partial L}{\partial a} = W^T \delta", "a=input W=kernel") is None


def test_unknown_role_word_is_a_directive_error(tmp_path, capsys):
    """``names: a=foo`` was ignored in silence (the section read a as the founding input and held
    its claims); a word that names no role is now the section's directive error, and a page whose
    only section has one exits non-zero with one line."""
    from symbp.cli import main
    page = tmp_path / "bad.md"
    page.write_text("<!-- symbp: layer=fc in=2 out=1 names: a=foo x=input -->\n\n$$\n"
                    "\\frac{\\partial L}{\\partial a} = W^T \\delta\n$$\n")
    report = check_text(page.read_text(), "md")
    assert any("a=foo: no such role" in e for e in report.setup_errors)
    assert all(c.verdict != "holds" for c in report.claims)
    code = main(["check", str(page)])
    err = capsys.readouterr().err
    assert code != 0 and "a=foo: no such role" in err and len(err.strip().splitlines()) == 1
