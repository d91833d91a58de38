"""Score ``symbp check`` on the real-document corpus against the independent truth sidecars.

``python tests/docs/real/score.py`` prints the Markdown table of docs/real_documents.md:
per document, the claims whose truth truth.py established, the right verdicts with the
README-style directives of the sidecar and with none, false holds, correct claims refuted,
and the time ``check_text`` took (best of three).
"""
from __future__ import annotations

import json
import pathlib
import re
import sys
import time

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent.parent))
if len(sys.argv) > 1 and not sys.argv[1].startswith("-") and __name__ == "__main__":   # score.py heldout
    HERE = HERE / sys.argv[1]

from symbp.check.checker import check_text  # noqa: E402


def document_text(doc: str, directives: bool) -> str:
    meta = json.loads((HERE / doc.replace(".md", ".truth.json")).read_text(encoding="utf-8"))
    text = (HERE / doc).read_text(encoding="utf-8")
    if directives:
        for d in meta["directives"]:
            k = text.index(d["before"])
            text = text[:k] + d["text"] + "\n\n" + text[k:]
    return text


def verdicts(doc: str, directives: bool, repeat: int = 1):
    """([(claim id, truth, verdict, detail)], seconds)."""
    meta = json.loads((HERE / doc.replace(".md", ".truth.json")).read_text(encoding="utf-8"))
    text, best = document_text(doc, directives), float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        report = check_text(text, "md", time_limit=10)
        best = min(best, time.perf_counter() - start)
    rows = []
    for claim in meta["claims"]:
        match = re.sub(r"^\s*\$\$\s*", "", claim["match"])      # a fragment copied with its display's opening $$
        if not any(match in c.latex for c in report.claims):      # "A = B,\\qquad": the row without what
            match = re.sub(r"\s*[,;.]?\s*(?:\\q?quad)?\s*$", "", match) or match   # separates it from the next
        hits = [c for c in report.claims if match in c.latex                  # a matrix's row: a match
                or match in c.latex.replace("&", "")]   # may be written without its & (truth_common)
        hits = hits or [c for c in report.claims if _bare(_row(match)) in _bare(c.latex)]   # \, and \displaystyle aside
        got = hits[0] if hits else None
        rows.append((claim["id"], claim["truth"], got.verdict if got else "missing",
                     got.detail if got else ""))
    return rows, best


def _row(fragment: str) -> str:
    """A fragment without the row break or display end it was copied with (``\\[0.75em]``, ``}$$``)."""
    return re.sub(r"(?:\s*\\\\(?:\[[^\]]*\])?|\s*\$\$|\n\s*\}\s*)+$", "", fragment) or fragment


def _bare(latex: str) -> str:
    """``latex`` without thin spaces, style switches and whitespace: a claim's row as its fragment names it."""
    return re.sub(r"\s+|\\[,;:!](?![A-Za-z])|\\(?:displaystyle|textstyle)(?![A-Za-z])", "", latex)


def documents():
    return sorted(p.name for p in HERE.glob("*.md"))


def table(repeat: int = 3) -> str:
    lines = ["| document | claims | right, directives | right, none | false holds | correct refuted | time (dir / none) |",
             "|---|---|---|---|---|---|---|"]
    tot = [0, 0, 0, 0, 0]
    shares = [[], []]
    for doc in documents():
        (rd, td), (rn, tn) = verdicts(doc, True, repeat), verdicts(doc, False, repeat)
        n = len(rd)
        right = [sum(t == g for _, t, g, _ in rows) for rows in (rd, rn)]
        fh = sum(t == "refuted" and g == "holds" for rows in (rd, rn) for _, t, g, _ in rows)
        cr = sum(t == "holds" and g == "refuted" for rows in (rd, rn) for _, t, g, _ in rows)
        lines.append(f"| {doc[:-3]} | {n} | {right[0]} | {right[1]} | {fh} | {cr} | {td:.2f} s / {tn:.2f} s |")
        tot = [tot[0] + n, tot[1] + right[0], tot[2] + right[1], tot[3] + fh, tot[4] + cr]
        shares[0].append(right[0] / n)
        shares[1].append(right[1] / n)
    lines.append(f"| **all** | **{tot[0]}** | **{tot[1]} ({100 * tot[1] / tot[0]:.0f}%)** | "
                 f"**{tot[2]} ({100 * tot[2] / tot[0]:.0f}%)** | **{tot[3]}** | **{tot[4]}** | |")
    lines.append(f"| average document | | {100 * sum(shares[0]) / len(shares[0]):.0f}% | "
                 f"{100 * sum(shares[1]) / len(shares[1]):.0f}% | | | |")
    return "\n".join(lines)


def details(directives: bool) -> str:
    """One line per claim: document, claim id, truth, verdict, the verdict's first line."""
    out = []
    for doc in documents():
        for cid, truth, got, detail in verdicts(doc, directives)[0]:
            mark = "ok " if truth == got else "BAD"
            out.append(f"{mark} {doc[:-3]} {cid}: truth {truth}, got {got}: {detail.splitlines()[0][:150] if detail else ''}")
    return "\n".join(out)


if __name__ == "__main__":
    print(table())
    if "-v" in sys.argv:
        print("\nwith directives:\n" + details(True) + "\n\nwithout:\n" + details(False))
