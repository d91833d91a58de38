"""Probe harness: write a document, run symbp on it, record (file, claim, truth, verdict, detail).
Truth is always supplied by the caller from its own torch / numpy computation."""
import os, csv, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from symbp.check.checker import check_text

HERE = os.environ.get("REDTEAM_OUT") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
os.makedirs(HERE, exist_ok=True)
TSV = os.path.join(HERE, "probes.tsv")

def norm(s):
    return "".join(s.split())

def run(name, text, truths):
    """truths: list of (claim_latex, truth 'true'/'false', why). Writes NAME.md, appends rows."""
    path = os.path.join(HERE, name + ".md")
    open(path, "w").write(text)
    rep = check_text(text, "md")
    got = {}
    for c in rep.claims:
        got.setdefault(norm(c.latex), (c.verdict, str(c.detail)))
    rows = []
    for claim, truth, why in truths:
        v, d = got.get(norm(claim), ("NOT-A-CLAIM", ""))
        bad = ""
        if truth == "false" and v == "holds": bad = "FALSE-HOLD"
        if truth == "true" and v == "refuted": bad = "TRUE-REFUTED"
        rows.append((name + ".md", claim, truth, v, bad, why, d.replace("\t", " ").replace("\n", " ")))
        print(f"{bad or '  ':12s} {name}: [{v}] truth={truth} :: {claim[:90]}")
        if bad or v == "NOT-A-CLAIM":
            print("      detail:", d[:400])
    new = not os.path.exists(TSV)
    with open(TSV, "a", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        if new:
            w.writerow(["file", "claim", "truth", "symbp_verdict", "flag", "truth_basis", "symbp_detail"])
        w.writerows(rows)
    return rep

def allclaims(rep):
    for c in rep.claims:
        print(f"   * [{c.verdict}] {c.latex[:100]} -> {str(c.detail)[:200]}")
