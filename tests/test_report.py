"""--format github|sarif|junit|json, check over many files, colour and progress, verdict cards."""
import json
import sys
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from symbp.check.checker import check_file
from symbp.claims import DJ, Claim, run
from symbp.cli import main
from symbp.layers.conv import DELTA, W, Conv2d, Conv2dConfig
from symbp.core.ops import Correlate, Pad
from symbp.report import ERROR, PASS, Record, records_from_check
from symbp.report.batch import expand_paths
from symbp.report.formats import github_line, render
from symbp.report.terminal import colour_verdicts
from test_checker import SEED_VERDICTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(__file__).resolve().parent / "docs"
SEED = ROOT / "derivations" / "seed_cnn_backprop.md"
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
ANNOTATION = re.compile(r"::(error|warning|notice) file=([^,]+),line=(\d+),title=([^:]*)::(.*)")


def lines_with(verdict: str) -> set[int]:
    return {line for line, v in SEED_VERDICTS.items() if v == verdict}


# --------------------------------------------------------------------------- github

def test_github_annotations_sit_on_the_refuted_lines_of_the_seed(capsys):
    assert main(["check", str(SEED), "--format", "github"]) == 1
    out = capsys.readouterr().out.strip().split("\n")
    found = [ANNOTATION.fullmatch(line) for line in out[:-1]]
    assert all(found), out
    by_level = {}
    for m in found:
        by_level.setdefault(m.group(1), set()).add(int(m.group(3)))
        assert m.group(2) == str(SEED)
        # the annotation's title quotes the equation that starts on that very line
        title = m.group(4).replace("%3A", ":").replace("%2C", ",")
        latex = title.split(": ", 2)[2].removesuffix("...")
        assert latex[:20].lstrip("= ") in SEED_LINES[int(m.group(3)) - 1], (m.group(3), latex)
    assert by_level == {"error": lines_with("refuted"), "notice": lines_with("unchecked")}
    messages = {int(m.group(3)): m.group(5) for m in found}
    assert "correct: (pad_1(δ) * rot180(W)) ⊙ σ'(z^{l-1})" in messages[105]
    assert out[-1].startswith("symbp: ") and "3 refuted" in out[-1]


def test_github_escapes_newlines_percent_and_separators():
    r = Record("x", "refuted", ERROR, "50% wrong\nsecond line", file="a,b:c.md", line=3,
               title="t: 1, 2")
    assert github_line(r) == "::error file=a%2Cb%3Ac.md,line=3,title=t%3A 1%2C 2::50%25 wrong%0Asecond line"
    assert github_line(Record("x", "holds", PASS, "ok")) is None


# --------------------------------------------------------------------------- junit, json

def test_junit_has_one_test_case_per_claim(capsys):
    assert main(["check", str(SEED), "--format", "junit"]) == 1
    root = ET.fromstring(capsys.readouterr().out.split("\n", 1)[1])
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(SEED_VERDICTS) == int(root.get("tests"))
    failed = {int(c.get("line")) for c in cases if c.find("failure") is not None}
    skipped = {int(c.get("line")) for c in cases if c.find("skipped") is not None}
    assert failed == lines_with("refuted") and skipped == lines_with("unchecked")
    assert root.get("failures") == str(len(failed))
    assert main(["verify", "conv-input", "conv-weight-seed", "--format", "junit"]) == 0
    suite = ET.fromstring(capsys.readouterr().out.split("\n", 1)[1]).find("testsuite")
    assert [c.get("name").split(":")[0] for c in suite] == ["conv-input", "conv-weight-seed"]
    assert suite.get("failures") == "0"          # the seed form is expected to be refuted


def test_json_alias_and_verify_text_are_unchanged(capsys):
    main(["verify", "conv-input", "--json"])
    alias = json.loads(capsys.readouterr().out)
    main(["verify", "conv-input", "--format", "json"])
    assert json.loads(capsys.readouterr().out)[0].keys() == alias[0].keys()
    assert alias[0]["verdict"] == "holds"
    main(["verify", "conv-input", "conv-bias"])
    captured = capsys.readouterr()
    assert not re.search(r"\x1b\[|::|<\?xml", captured.out)       # not a terminal:
    assert captured.err == ""                                        # no colour, no progress


# --------------------------------------------------------------------------- many files

def _notes(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "docs" / "ok.md").write_text((DOCS / "wrong_entry_fixed.md").read_text())
    (tmp_path / "docs" / "sub" / "bad.tex").write_text((DOCS / "rot_dropped.tex").read_text())
    (tmp_path / "docs" / "README.md").write_text("# notes\nno math here\n")
    (tmp_path / "docs" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden" / "x.md").write_text("$$\n")
    return tmp_path


def test_check_takes_directories_and_globs_and_sums_up(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(_notes(tmp_path))
    assert expand_paths(["docs"]) == ["docs/README.md", "docs/ok.md", "docs/sub/bad.tex"]
    assert expand_paths(["docs/**/*.tex", "docs/sub/bad.tex"]) == ["docs/sub/bad.tex"]
    assert main(["check", "docs"]) == 1
    out = capsys.readouterr().out
    assert out.count("equations:") == 3 and "docs/ok.md\n" in out and "docs/sub/bad.tex\n" in out
    assert out.rstrip().split("\n")[-1].startswith("2 files, ")
    assert "1 file with a refuted claim; 1 without display equations" in out
    assert main(["check", "docs/*.md", "--json"]) == 0
    assert [d["file"] for d in json.loads(capsys.readouterr().out)] == ["docs/ok.md"]


def test_check_errors_over_many_files_are_one_line_each(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(_notes(tmp_path))
    assert main(["check", "nothing/**/*.md"]) == 2
    assert capsys.readouterr().err.strip() == \
        "symbp: error: nothing/**/*.md: no .md/.markdown/.tex/.typ files match"
    (tmp_path / "docs" / "broken.md").write_text("$$ a = b\n")
    assert main(["check", "docs"]) == 2
    err = capsys.readouterr().err.strip().split("\n")
    assert err == ["symbp: error: docs/broken.md: line 1: unterminated display math '$$'"]
    assert main(["check", "docs/README.md"]) == 2                  # one file: as before
    assert "no display equations found" in capsys.readouterr().err
    assert main(["check", "docs/README.md", "--skip-empty"]) == 0
    assert "1 without display equations" in capsys.readouterr().out


def test_single_file_text_is_the_report_alone(capsys):
    assert main(["check", str(DOCS / "rot_dropped.tex")]) == 1
    assert capsys.readouterr().out == check_file(str(DOCS / "rot_dropped.tex")).render() + "\n"


# --------------------------------------------------------------------------- terminal

def test_colour_only_when_asked_and_not_with_no_color(capsys, monkeypatch):
    assert colour_verdicts("  105  refuted     x") == "  105  \x1b[1;31mrefuted\x1b[0m     x"
    assert colour_verdicts("pre-refuted holds-x") == "pre-refuted holds-x"
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", str(DOCS / "rot_dropped.tex")])
    assert "\x1b[1;31mrefuted\x1b[0m" in capsys.readouterr().out
    main(["check", str(DOCS / "rot_dropped.tex"), "--format", "github"])
    assert "\x1b[" not in capsys.readouterr().out                  # never in machine formats
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", str(DOCS / "rot_dropped.tex")])
    captured = capsys.readouterr()
    assert "\x1b[" not in captured.out and captured.err == ""      # no progress when piped


# --------------------------------------------------------------------------- cards

def rot_dropped_result():
    """∂J/∂a = pad_1(δ) * W (rot180 forgotten): refuted at entry (1, 1)."""
    layer = Conv2d(Conv2dConfig.make(input=3, kernel=2))
    form = Correlate(Pad(DELTA, 1, 1, 1, 1), W, 1, 1, 1, 1, 1)
    claim = Claim("conv-input-no-rot", DJ % "a", form, lambda: layer.gradients["a"],
                  layer.env, layer.cfg.describe(), what="∂J/∂a")
    return run([claim])[0]


def test_a_refutation_card_shows_both_sides_and_the_counterexample():
    result = rot_dropped_result()
    bundle = result._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/latex", "text/plain"}
    html = bundle["text/html"]
    assert "symbp-refuted" in html and "#cf222e" in html
    assert r"\operatorname{pad}_{1}\left(\delta\right) * W" in html     # the claim as math
    # both sides as 3x3 matrices, the failing entry boxed: ∂J/∂a_11 = δ11 w11, claimed δ11 w22
    assert re.search(r"derived \(3x3\)</b> \$\$\\begin\{bmatrix\}\\color\{#cf222e\}"
                     r"\{\\boxed\{\\delta_\{11\} w_\{11\}\}\}", html)
    assert r"\boxed{\delta_{11} w_{22}}" in html
    assert html.count(r"\\ ") >= 4 and "&amp;" in html                # rows and columns
    # the counterexample's numbers really separate δ11 w11 from δ11 w22
    values = result.proof.counterexample.values
    assert values["δ_{11}"] * values["w_{11}"] != values["δ_{11}"] * values["w_{22}"]
    assert rf"\begin{{bmatrix}}{values['δ_{11}']}\end{{bmatrix}}" in html
    assert bundle["text/latex"].startswith("$$\\begin{array}{l}")
    assert "expected holds" in bundle["text/plain"]


def test_cards_for_a_proof_a_report_and_generic_records():
    from symbp.core.proof import prove
    a, b = sp.symbols("a b")
    proof = prove(np.array([a + b], dtype=object), np.array([b + a], dtype=object), "a+b = b+a")
    assert "symbp-holds" in proof._repr_html_() and "all 1 entries equal" in proof._repr_html_()
    report = check_file(str(DOCS / "rot_dropped.tex"))
    html = report._repr_html_()
    assert html.count("<tr>") == len(report.claims) + 1 and "symbp-refuted" in html
    # the refuted row (∂J/∂a_11: δ11 w11 vs δ11 w22) shows its counterexample as matrices
    m = re.search(r"<b>counterexample</b> \\\(\\delta = \\begin\{bmatrix\}(-?\d+)\\end\{bmatrix\},"
                  r"\\quad w = \\begin\{bmatrix\}(-?\d+) &amp; \\cdot \\\\ \\cdot &amp; (-?\d+)", html)
    assert m, html
    d11, w11, w22 = map(int, m.groups())
    assert d11 * w11 != d11 * w22
    assert "&lt;" not in report.file and "<script" not in html

    class CodeResult:                                    # what `symbp code` results can do
        from symbp.report import RichDisplay as _Base

        def records(self):
            return records_from_check(report)
    shown = type("Shown", (CodeResult, CodeResult._Base), {})()._repr_mimebundle_()
    assert "symbp-refuted" in shown["text/html"] and "refuted" in shown["text/plain"]


# the 2x2 windows' maxima, row-major window order, as both documents say: tl, br, tr, bl
MAXIMA_AT = ((0, 0), (1, 1), (0, 1), (1, 0))


def max_pool_input_gradient(delta: list[list[int]]) -> list[list[int]]:
    """∂J/∂a of a 2x2 max pooling of a 4x4 input with its maxima at MAXIMA_AT, by torch autograd."""
    torch = pytest.importorskip("torch")
    a = torch.zeros(4, 4, dtype=torch.float64)
    for k, (di, dj) in enumerate(MAXIMA_AT):
        a[2 * (k // 2) + di, 2 * (k % 2) + dj] = 1.0 + k       # the window's largest value
    a.requires_grad_(True)
    out = torch.nn.functional.max_pool2d(a[None, None], 2)
    out.backward(torch.tensor(delta, dtype=torch.float64)[None, None])
    return [[int(v) for v in row] for row in a.grad.tolist()]


def row_html(html: str, line: int) -> str:
    """The table row of a document's card for one line."""
    [row] = [r for r in html.split("<tr>") if r.startswith(f'<td style="text-align:right">{line}</td>')]
    return row


def row_matrices(row: str) -> dict[str, tuple[list[list[str]], tuple | None]]:
    """label -> (cells, boxed (i, j) 0-based or None) for each ``bmatrix`` side in a row."""
    found = {}
    for label, body in re.findall(r"<b>((?:derived|claimed) \(\d+x\d+\))</b> \\\(\\begin\{bmatrix\}"
                                  r"(.*?)\\end\{bmatrix\}", row):
        cells = [[c.strip() for c in r.split("&amp;")] for r in body.split(r" \\ ")]
        boxed = [(i, j) for i, r in enumerate(cells) for j, c in enumerate(r) if r"\boxed" in c]
        found[label] = ([[re.sub(r"\\color\{#cf222e\}\{\\boxed\{(.*)\}\}", r"\1", c) for c in r]
                         for r in cells], boxed[0] if boxed else None)
        assert len(boxed) <= 1, row
    return found


def test_a_documents_refuted_row_shows_both_sides_with_the_failing_entry_boxed():
    """max_routing.md routes the last window's 6 to its bottom right: torch says which entry
    of ∂J/∂a that gets wrong; the card boxes that entry in both full sides, and the text
    detail names the same entry."""
    path = DOCS / "max_routing.md"
    text = path.read_text(encoding="utf-8")
    [delta] = re.findall(r"\\delta = \\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", text)
    [stated] = re.findall(r"\$\$\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}\$\$", text)
    parse = lambda body: [[int(c) for c in r.split("&")] for r in body.split(r"\\")]
    truth, claimed = max_pool_input_gradient(parse(delta)), parse(stated)
    wrong = [(i, j) for i in range(4) for j in range(4) if truth[i][j] != claimed[i][j]]
    assert len(wrong) == 2               # the 6 is missing at one entry and extra at another
    report = check_file(str(path))
    [row] = [c for c in report.claims if c.verdict == "refuted"]
    sides = row_matrices(row_html(report._repr_html_(), row.line))
    (derived, boxed), (shown, boxed_too) = sides["derived (4x4)"], sides["claimed (4x4)"]
    assert derived == [[str(v) for v in r] for r in truth]       # the full derived side
    assert shown == [[str(v) for v in r] for r in claimed]       # the full claimed side
    assert boxed == boxed_too and boxed in wrong                 # a failing entry, boxed
    i, j = boxed
    assert f"∂J/∂a_{{{i + 1}{j + 1}}} differs" in row.detail     # the one the text names
    assert row.evidence.index[-2:] == boxed and row.evidence.derived_shape == (1, 1, 4, 4)


def test_the_seeds_refuted_rows_show_their_sides():
    """Seed line 39 shows 3 rows of the 4x4 max pooling gradient: both sides in full (no
    entry to box in a shape mismatch); line 105's right side is undefined: only the derived."""
    report = check_file(str(SEED))
    html = report._repr_html_()
    refuted = {c.line for c in report.claims if c.verdict == "refuted"}
    assert refuted == lines_with("refuted")
    delta = [[2, 8], [4, 6]]                                     # the seed's line 21
    assert f"binds δ^{{L}} = {delta}" in next(c.detail for c in report.claims if c.line == 21)
    truth = [[str(v) for v in r] for r in max_pool_input_gradient(delta)]
    sides = row_matrices(row_html(html, 39))
    assert sides == {"derived (4x4)": (truth, None), "claimed (3x4)": (truth[:3], None)}
    assert "shape mismatch: ∂J/∂a is 4x4 but the claim gives 3x4" in \
        next(c.detail for c in report.claims if c.line == 39)
    sides = row_matrices(row_html(html, 105))
    assert list(sides) == ["derived (3x3)"] and sides["derived (3x3)"][1] is None
    # none of this reaches the text or JSON report
    assert "boxed" not in report.to_json() + report.render() and "derived (4x4)" in html
    assert all(set(c) <= {"line", "latex", "verdict", "detail", "scope"}
               for c in report.as_dict()["claims"])


def test_card_html_escapes_document_text():
    from symbp.check.checker import check_text
    report = check_text("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n"
                        "$$a <script>alert(1)</script> = b$$\n", "md", path="<x>&")
    html = report._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;x&gt;&amp;" in html


def test_render_rejects_unknown_formats():
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render([], "xml")


def test_progress_draws_only_when_enabled(capsys, monkeypatch):
    from symbp.report.terminal import progress
    with progress(3, "checking", False) as step:
        step("a.md")
    assert capsys.readouterr().err == ""
    monkeypatch.setitem(sys.modules, "rich", None)           # without rich (nor tqdm):
    monkeypatch.setitem(sys.modules, "tqdm", None)           # the one-line counter
    with progress(3, "checking", True) as step:
        for name in ("a.md", "b.md", "c.md"):
            step(name)
    err = capsys.readouterr().err
    assert "checking 2/3 b.md" in err and err.endswith("\r\x1b[K")


def test_the_cell_magic_reads_latex_cells_too():
    from symbp.cli_magic import cell_kind, symbp_cell
    tex = (DOCS / "rot_dropped.tex").read_text()
    assert cell_kind("", tex) == ("tex", "")
    assert cell_kind("md --layer conv2d", r"\begin{align}") == ("md", "--layer conv2d")
    assert cell_kind("", "$$a = b$$") == ("md", "")
    report = symbp_cell("", tex)
    assert [c.verdict for c in report.claims] == \
        [c.verdict for c in check_file(str(DOCS / "rot_dropped.tex")).claims]
    assert report.refuted
