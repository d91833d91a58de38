"""The round-twenty-six red team as a regression campaign (benchmarks/redteam26/): 253 claims on 60
pages whose truth each script computes with torch autograd or plain loops (never symbp) must give no
false hold and no true claim refuted, and every probe must have run."""
import csv
import os
import pathlib
import subprocess
import sys

CAMPAIGN = pathlib.Path(__file__).parent.parent / "benchmarks" / "redteam26"
SCRIPTS = ["probes_pool.py", "probes_pool2.py", "probes_conv2.py", "probes_act.py", "probes_act2.py",
           "probes_calc.py", "probes_loss.py"]


def test_the_red_team_campaign_finds_no_false_hold_and_no_true_claim_refuted(tmp_path):
    env = {**os.environ, "REDTEAM_OUT": str(tmp_path)}
    for script in SCRIPTS:
        done = subprocess.run([sys.executable, script], cwd=CAMPAIGN, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (script, done.stderr[-2000:])
    rows = {(r["file"], r["claim"]): r for r in csv.DictReader(open(tmp_path / "probes.tsv"), delimiter="\t")}
    assert len(rows) >= 250 and {r["truth"] for r in rows.values()} == {"true", "false"}
    wrong = [(r["flag"], r["file"], r["claim"][:80]) for r in rows.values() if r["flag"]]
    assert not wrong, wrong
    assert sum(r["symbp_verdict"] in ("holds", "refuted") for r in rows.values()) >= 120   # not all left unchecked
