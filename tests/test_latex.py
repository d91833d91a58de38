"""symbp.proofdoc.latex: proof documents (LaTeX / Markdown), their compilation and their round trip."""
import os
import re
import shutil
import subprocess

import pytest

from symbp.proofdoc import latex
from symbp.claims import BUILTINS, Setup
from symbp.cli import main
from symbp.check.document import DisplayEquation, extract
from symbp.proofdoc.latex import prove_document

#: the round trip's cases: every built-in at default sizes, and two non-default setups
CASES = [(name, Setup()) for name in BUILTINS] + [
    ("conv-input", Setup(stride=(2, 2), padding=(1, 1))),
    ("pool-max", Setup(kernel=(3, 3), stride=(1, 1))),
    ("conv-transpose-input", Setup(stride=(2, 2), padding=(1, 1), output_padding=(1, 1))),
    ("conv1d-input", Setup(stride=(2, 2), padding=(1, 1))),
]
IDS = [f"{name}-{'default' if setup == Setup() else 'custom'}" for name, setup in CASES]
ALLOWED_PACKAGES = {"amsmath", "amssymb", "geometry"}

_needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None and not os.environ.get("CI"),
    reason="pdflatex is not installed (under CI=true these tests run and fail instead)")


@pytest.fixture(scope="module")
def documents():
    """name -> (tex, md) for every case, built once."""
    out = {}
    for (name, setup), key in zip(CASES, IDS):
        doc = prove_document([name], setup)
        out[key] = (doc.to_tex(), doc.to_markdown())
    return out


def displays(text: str, kind: str = "tex") -> list[DisplayEquation]:
    return [e for e in extract(text, kind) if isinstance(e, DisplayEquation)]


# --------------------------------------------------------------------------- content

def test_conv_input_document_has_every_part(documents):
    tex = documents["conv-input-default"][0]
    assert tex.startswith("\\documentclass")
    assert set(re.findall(r"\\usepackage(?:\[[^]]*\])?\{([^}]*)\}", tex)) <= ALLOWED_PACKAGES
    assert ("% symbp: layer=conv2d input=3x3 kernel=2x2 stride=1 padding=0 dilation=1 "
            "channels=1,1 groups=1 batch=1") in tex
    assert "valid cross-correlation" in tex
    rows = [e.latex for e in displays(tex)]
    assert "z_{11} = a_{11} w_{11} + a_{12} w_{12} + a_{21} w_{21} + a_{22} w_{22} + b_{1}" in rows
    assert r"\frac{\partial J}{\partial a_{11}} = \delta_{11} w_{11}" in rows
    assert (r"\frac{\partial J}{\partial a_{22}} = \delta_{11} w_{22} + \delta_{12} w_{21} + "
            r"\delta_{21} w_{12} + \delta_{22} w_{11}") in rows
    assert (r"\frac{\partial J}{\partial a} = \operatorname{pad}_{1}\left(\delta\right) * "
            r"\operatorname{rot180}\left(W\right)") in rows
    explicit = [r for r in rows if r.count(r"\begin{bmatrix}") == 3]
    assert len(explicit) == 1
    assert re.search(r"\*\s*\\begin\{bmatrix\}\s*w_\{22\} & w_\{21\}", explicit[0])
    # the Σ step of the chain rule is shown (not as a display equation)
    assert r"\partial J / \partial a_{12}$ \> ${} = \delta_{11}\, \partial z_{11} / \partial a_{12}" in tex
    assert "all 9 entries" in tex and "Verdict: the claim holds" in tex


@pytest.mark.parametrize("key, directive, forward", [
    ("conv1d-input-custom",
     "% symbp: layer=conv1d input=5 kernel=3 stride=2 padding=1 dilation=1 channels=1,1",
     # z_2 = a_2 w_1 + a_3 w_2 + a_4 w_3 (stride 2, padding 1: window 2 starts at a_2)
     "z_{12} = a_{12} w_{11} + a_{13} w_{12} + a_{14} w_{13} + b_{1}"),
    ("conv-transpose-input-custom",
     "% symbp: layer=conv-transpose2d input=3x3 kernel=2x2 stride=2 padding=1 output_padding=1",
     # PyTorch scatters a[h, m] w[u, v] to (2h - 1 + u, 2m - 1 + v), 0-based: only
     # a[1, 1] w[0, 1] lands on z[1, 2] (checked with F.conv_transpose2d on basis tensors)
     "z_{23} = a_{22} w_{12} + b_{1}"),
])
def test_new_layers_documents_have_every_part(documents, key, directive, forward):
    tex = documents[key][0]
    assert directive in tex
    for part in ("Setup.", "Forward pass", "Chain rule", "Closed form", "Conclusion",
                 "Verdict: the claim holds"):
        assert part in tex, part
    assert "gives the verdict only" not in tex
    assert forward in [e.latex for e in displays(tex)]


def test_every_display_is_one_of_the_checkable_forms(documents):
    forms = [r"z_\{\d+\} = ", r"\\frac\{\\partial J\}\{\\partial [abw](?:\^\{l-1\})?_\{\d+\}\} = ",
             r"\\frac\{\\partial J\}\{\\partial z\^\{l-1\}_\{\d+\}\} = ",
             r"(\\frac\{\\partial J\}\{\\partial [aWb]\}|\\delta\^\{l-1\}) = ",
             r"\\begin\{bmatrix\}.*\\end\{bmatrix\}\s*\*\s*\\begin\{bmatrix\}"]
    for key, (tex, md) in documents.items():
        for text, kind in ((tex, "tex"), (md, "md")):
            rows = displays(text, kind)
            if not key.startswith(("conv", "pool", "fc")):  # other layers: shown, not re-checked
                assert not rows, key
                continue
            assert rows, key
            layers = ("fc",) if key.startswith("fc") else ("conv-transpose2d",) \
                if key.startswith("conv-transpose") else ("conv1d",) if key.startswith("conv1d") \
                else ("conv2d", "avgpool", "maxpool")
            for e in rows:
                assert any(re.match(f, e.latex, re.S) for f in forms), (key, kind, e.latex)
                assert e.settings.get("layer") in layers, (key, e)
                assert r"\cdots" not in e.latex and r"\vdots" not in e.latex


def test_refuted_claim_is_prose_and_the_correct_form_is_displayed(documents):
    tex = documents["conv-weight-seed-default"][0]
    refuted = r"\delta * \operatorname{rot180}\left(a\right)"
    assert all(refuted not in e.latex for e in displays(tex))
    assert f"The claim $\\frac{{\\partial J}}{{\\partial W}} = {refuted}$ is \\textbf{{refuted}}" in tex
    assert "is undefined" in tex
    assert r"\frac{\partial J}{\partial W} = a * \delta" in [e.latex for e in displays(tex)]
    assert "Verdict: the claim is refuted" in tex


def test_refutation_by_entry_names_the_counterexample():
    tex = prove_document(["conv-weight-seed"], Setup(padding=(1, 1))).to_tex()
    assert r"$\partial J/\partial W_{11}$ differs" in tex
    assert re.search(r"Counterexample: with \$a_\{11\} = -?\d+, .*\\delta_\{11\} = ", tex)
    correct = r"\frac{\partial J}{\partial W} = \operatorname{pad}_{1}\left(a\right) * \delta"
    assert correct in [e.latex for e in displays(tex)]


def test_pooling_directives(documents):
    assert "% symbp: layer=avgpool input=4x4 kernel=2x2 stride=2 padding=0\n" in documents["pool-avg-default"][0]
    assert "% symbp: layer=maxpool input=4x4 kernel=3x3 stride=1 padding=0\n" in documents["pool-max-custom"][0]
    both = documents["pool-delta-default"][0]
    assert both.count("% symbp: layer=avgpool") == 1 and both.count("% symbp: layer=maxpool") == 1


def test_large_sizes_are_elided():
    setup = Setup(input=(9, 9), kernel=(3, 3))
    tex = prove_document(["conv-input"], setup).to_tex()
    rows = displays(tex)
    grads = [e for e in rows if e.latex.startswith(r"\frac{\partial J}{\partial a_{")]
    forward = [e for e in rows if e.latex.startswith("z_{")]
    assert len(grads) <= latex.LISTED and len(forward) <= latex.LISTED
    assert "(51 more gradient entries" in tex and "(19 more forward entries" in tex
    assert "all 81 entries" in tex
    assert r"\vdots" in tex and r"\ddots" in tex       # the 11x11 padded δ, elided


def test_bmatrix_elides_rows_and_columns():
    import numpy as np
    import sympy as sp
    m = np.array(sp.symbols("x0:64"), dtype=object).reshape(8, 8)
    out = latex.bmatrix(m)
    lines = out.latex.splitlines()[1:-1]
    assert out.elided and len(lines) == latex.SHOWN
    assert lines[4] == " & ".join([r"\vdots"] * 4 + [r"\ddots", r"\vdots"]) + r" \\"
    assert r"\cdots" in lines[0] and lines[0].rstrip(" \\").endswith("x_{7}")


def test_entry_printing():
    import sympy as sp
    from symbp.core.ops import sigma
    z = sp.Symbol("z^{l-1}_{12}")
    d = sp.Symbol("delta_{11}")
    assert latex.tex(d * sigma(z).diff(z)) == r"\delta_{11} \sigma'\left(z^{l-1}_{12}\right)"
    assert latex.tex((sp.Symbol("a_{11}") + sp.Symbol("a_{12}")) / 4) == r"\frac{a_{11} + a_{12}}{4}"


def test_markdown(documents):
    md = documents["conv-input-default"][1]
    assert "<!-- symbp: layer=conv2d input=3x3" in md
    assert "$$\n\\begin{aligned}\nz_{11} &= " in md
    assert "```math" in md and "\\textbf" not in md and "**Verdict: the claim holds.**" in md
    assert [e.latex for e in displays(md, "md")] == [e.latex for e in displays(documents["conv-input-default"][0])]


FC = ["fc-input", "fc-weight", "fc-bias", "fc-delta"]


def test_fc_document_has_every_part(documents):
    tex = documents["fc-input-default"][0]
    assert "% symbp: layer=fc in=3 out=2\n" in tex
    assert r"$z = W a + b$" in tex and "vectors are columns" in tex
    rows = [e.latex for e in displays(tex)]
    assert "z_{1} = a_{1} w_{11} + a_{2} w_{12} + a_{3} w_{13} + b_{1}" in rows
    assert r"\frac{\partial J}{\partial a_{2}} = \delta_{1} w_{12} + \delta_{2} w_{22}" in rows
    assert r"\frac{\partial J}{\partial a} = {W}^{\top} \delta" in rows
    # the Σ step of the chain rule is shown (not as a display equation)
    assert (r"\partial J / \partial a_{2}$ \> ${} = \delta_{1}\, \partial z_{1} / \partial a_{2} + "
            r"\delta_{2}\, \partial z_{2} / \partial a_{2}$") in tex
    assert "all 3 entries" in tex and "Verdict: the claim holds" in tex
    weight = [e.latex for e in displays(documents["fc-weight-default"][0])]
    assert r"\frac{\partial J}{\partial w_{21}} = a_{1} \delta_{2}" in weight
    assert r"\frac{\partial J}{\partial W} = \delta {a}^{\top}" in weight
    bias = [e.latex for e in displays(documents["fc-bias-default"][0])]
    assert r"\frac{\partial J}{\partial b_{1}} = \delta_{1}" in bias
    assert r"\frac{\partial J}{\partial b} = \delta" in bias          # Σ_n δ_n with N = 1
    delta = [e.latex for e in displays(documents["fc-delta-default"][0])]
    assert (r"\delta^{l-1} = \left({W}^{\top} \delta\right) \odot \sigma'\left(z^{l-1}\right)"
            in delta)
    assert any(r.startswith(r"\frac{\partial J}{\partial z^{l-1}_{3}} = ") for r in delta)


@pytest.mark.parametrize("name", FC)
@pytest.mark.parametrize("kind", ["tex", "md"])
def test_fc_displays_all_hold(documents, name, kind):
    from symbp.check.checker import check_text
    text = documents[f"{name}-default"][0 if kind == "tex" else 1]
    rows = displays(text, kind)
    assert rows and all(e.settings.get("layer") == "fc" for e in rows)
    report = check_text(text, kind)
    assert len(report.claims) == len(rows)
    assert [c.verdict for c in report.claims] == ["holds"] * len(rows), report.claims


def test_fc_with_a_batch_is_prose_only():
    from symbp.claims import builtin_claims
    doc = prove_document(FC, Setup(batch=2))
    for text, kind in ((doc.to_tex(), "tex"), (doc.to_markdown(), "md")):
        assert not displays(text, kind) and "symbp: layer" not in text
        assert "gives the verdict only" in text
    assert len(builtin_claims(FC, Setup(batch=2))) == len(doc.sections)


def test_fc_refuted_claim_is_prose_and_the_correct_form_is_displayed():
    from dataclasses import replace
    from symbp.layers import dense
    from symbp.check.checker import check_text
    from symbp.claims import builtin_claims
    from symbp.proofdoc.latex import ProofDocument
    (claim,) = builtin_claims(["fc-weight"])
    wrong = dense.MatMul(dense.A, dense.Transpose(dense.DELTA, 1), 1)   # prints δ^T a
    doc = ProofDocument()
    assert not doc.add(replace(claim, form=wrong, correct=claim.form, expected="refuted")).holds
    tex = doc.to_tex()
    assert r"The claim $\frac{\partial J}{\partial W} = {\delta}^{\top} a$ is \textbf{refuted}" in tex
    rows = [e.latex for e in displays(tex)]
    assert r"\frac{\partial J}{\partial W} = \delta {a}^{\top}" in rows
    assert all(c.verdict == "holds" for c in check_text(tex, "tex").claims)
    assert "Verdict: the claim is refuted" in tex


def test_fc_markdown(documents):
    tex, md = documents["fc-delta-default"]
    assert "<!-- symbp: layer=fc in=3 out=2 -->" in md and "\\textbf" not in md
    assert [e.latex for e in displays(md, "md")] == [e.latex for e in displays(tex)]


@_needs_pdflatex
def test_fc_document_compiles(tmp_path):
    source = prove_document(FC, Setup(channels=(8, 5))).to_tex()
    latex.compile_pdf(source, tmp_path / "fc.pdf")
    assert (tmp_path / "fc.pdf").read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- CLI

def test_cli_writes_tex_and_md(tmp_path, capsys):
    out = tmp_path / "proof.tex"
    assert main(["prove", "conv-input", "--stride", "2", "--padding", "1", "-o", str(out)]) == 0
    assert "% symbp: layer=conv2d input=3x3 kernel=2x2 stride=2 padding=1" in out.read_text()
    assert main(["prove", "pool-avg", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# symbp proof: pool-avg")
    md = tmp_path / "proof.md"
    assert main(["prove", "conv-weight-seed", "-o", str(md)]) == 0      # refuted, as expected
    assert "<!-- symbp:" in md.read_text()


def test_cli_pdf_without_pdflatex_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(latex.shutil, "which", lambda name: None)
    out = tmp_path / "proof.tex"
    assert main(["prove", "conv-input", "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pdflatex" in err and "not installed" in err
    assert not out.exists()


def test_cli_usage_errors(capsys):
    assert main(["prove", "conv-input", "--pdf"]) == 2
    assert main(["prove", "conv-input", "--format", "md", "-o", "x.md", "--pdf"]) == 2
    assert main(["prove", "no-such-derivation"]) == 2
    assert "unknown derivation" in capsys.readouterr().err


# --------------------------------------------------------------------------- pdflatex

@_needs_pdflatex
@pytest.mark.parametrize("key", IDS)
def test_compiles_with_pdflatex(documents, key, tmp_path):
    tex = tmp_path / "proof.tex"
    tex.write_text(documents[key][0], encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    log = (tmp_path / "proof.log").read_text(errors="replace")
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \((\d+\.\d+)pt too wide\)", log)]
    assert max(overfull, default=0) < 10, overfull
    assert (tmp_path / "proof.pdf").stat().st_size > 1000


@_needs_pdflatex
def test_cli_pdf(tmp_path):
    out = tmp_path / "proof.tex"
    assert main(["prove", "conv-input", "-o", str(out), "--pdf"]) == 0
    assert (tmp_path / "proof.pdf").read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- round trip

@pytest.mark.parametrize("key", IDS)
@pytest.mark.parametrize("kind", ["tex", "md"])
def test_round_trip_through_symbp_check(documents, key, kind):
    from symbp.check.checker import check_text
    text = documents[key][0 if kind == "tex" else 1]
    report = check_text(text, kind, path=f"{key}.{kind}")
    rows = displays(text, kind)
    assert len(report.claims) == len(rows)
    bad = [(c.line, c.verdict, c.detail) for c in report.claims if c.verdict != "holds"]
    assert not bad, bad
