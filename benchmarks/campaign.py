"""The adversarial campaign: true and mutated closed-form claims, as `symbp check` documents.

    python benchmarks/campaign.py [--n 1200] [--seed 0] [--sample K] [--jobs 1] [--out DIR]
                                  [--inprocess] [--timeout 120]

Writes documents of conv2d (stride 1-3, padding 0-2, dilation 1-2, channels, groups, batch,
non-square), avg and max pooling (overlap, padding, ceil_mode, count_include_pad,
divisor_override, ties), fully connected, softmax-CE and activation claims: the true closed
forms (in varied spellings) and their mutants (rot180 dropped or added, padding off by one on
each side, δ not dilated by the stride, r forgotten, kernel dilation forgotten, kernel
transposed, channels not swapped, groups mixed, wrong divisor, tie sent to the last maximum,
σ' missing, sign flips, wrong indices).  Each claim's truth comes from torch autograd: its
right side is evaluated by the plain-loop operators of campaign_ref.py at random integer
inputs and compared with autograd's gradient (exact in float64; 1e-12 where division or
exp is involved; a shape that differs is false).  symbp never decides truth.

Then `symbp check --json` runs on every document (a subprocess each, PYTHONPATH as given,
else this checkout; --inprocess calls symbp.check.checker.check_text instead) and the table
counts true→holds, true→refuted (false refuted), false→refuted, false→holds (FALSE HOLDS),
unchecked, crashes (tracebacks, checker/internal errors) and timeouts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import campaign_ref as ref  # noqa: E402
from campaign_families import make_docs  # noqa: E402
from campaign_gen import Doc  # noqa: E402

CATEGORIES = ["true→holds", "true→refuted", "false→refuted", "false→holds", "unchecked",
              "crash", "timeout"]
TRIALS = {"conv2d": 5, "avgpool": 8, "maxpool": 60, "fc": 5, "softmax": 3, "activation": 2}


# =========================================================================== truth

def label(docs: list[Doc], seed: int) -> None:
    """Set each claim's truth from torch autograd over TRIALS random inputs (many for max
    pooling, so that ties and each cell's turn as the maximum all occur)."""
    rng = np.random.default_rng(seed)
    for doc in docs:
        envs = [ref.TRUTH[doc.kind](doc.cfg, rng, t) for t in range(TRIALS[doc.kind])]
        for c in doc.claims:
            c.truth = all(_agrees(c, env) for env in envs)


def _agrees(claim, env) -> bool:
    expected = env[claim.lhs] if claim.index is None else env[claim.lhs][claim.index]
    try:
        value = claim.evaluate(env)
    except (ref.Mismatch, ValueError, IndexError):
        return False
    return ref.agrees(value, expected, claim.exact)


def sample(docs: list[Doc], k: int, seed: int) -> list[Doc]:
    """A seeded subset of k claims, kept in their documents."""
    every = [(d, i) for d, doc in enumerate(docs) for i in range(len(doc.claims))]
    keep = set(random.Random(seed + 1).sample(every, min(k, len(every))))
    out = []
    for d, doc in enumerate(docs):
        claims = [c for i, c in enumerate(doc.claims) if (d, i) in keep]
        if claims:
            out.append(Doc(doc.kind, doc.cfg, doc.directive, claims))
    return out


# =========================================================================== running symbp

def run_subprocess(text: str, timeout: float, time_limit: float) -> dict:
    """`symbp check --json` on one document: {"status", "verdicts": {line: (verdict, detail)},
    "rc", "stderr"}; status ok | timeout | crash | error (a one-line refusal, exit 2)."""
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        proc = subprocess.run([sys.executable, "-m", "symbp.cli", "check", f.name, "--json",
                               "--time-limit", str(time_limit)], capture_output=True, text=True,
                              timeout=timeout, env=env, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "verdicts": {}, "rc": None, "stderr": ""}
    finally:
        os.unlink(f.name)
    out = {"rc": proc.returncode, "stderr": proc.stderr[-2000:], "verdicts": {}}
    if "Traceback" in proc.stderr or proc.returncode not in (0, 1, 2):
        return {**out, "status": "crash"}
    if proc.returncode == 2 and not proc.stdout.strip():
        return {**out, "status": "error"}
    try:
        claims = json.loads(proc.stdout)["claims"]
    except (ValueError, KeyError, TypeError):
        return {**out, "status": "crash"}
    out["verdicts"] = {c["line"]: (c["verdict"], c["detail"]) for c in claims}
    return {**out, "status": "ok"}


def run_inprocess(text: str, timeout: float, time_limit: float) -> dict:
    """The same through symbp.check.checker.check_text in this process (for the test suite)."""
    from symbp.check.checker import CheckError, check_text
    try:
        report = check_text(text, "md", time_limit=time_limit, total_limit=timeout)
    except CheckError as err:
        return {"status": "error", "verdicts": {}, "rc": 2, "stderr": str(err)}
    except Exception as err:              # noqa: BLE001 - a crash is what we count
        return {"status": "crash", "verdicts": {}, "rc": None, "stderr": repr(err)}
    return {"status": "ok", "rc": 1 if report.refuted else 0, "stderr": "",
            "verdicts": {c.line: (c.verdict, c.detail) for c in report.claims}}


def category(truth: bool, result: dict, line: int) -> str:
    if result["status"] in ("timeout", "crash"):
        return result["status"]
    verdict, detail = result["verdicts"].get(line, ("unchecked", result.get("stderr", "")))
    if detail.startswith(("checker error", "internal error")) or verdict == "internal error":
        return "crash"
    if detail.startswith("time limit"):
        return "timeout"
    if verdict not in ("holds", "refuted"):
        return "unchecked"
    return f"{'true' if truth else 'false'}→{verdict}"


def run_campaign(docs: list[Doc], jobs: int = 1, inprocess: bool = False, timeout: float = 120,
                 time_limit: float = 20) -> list[dict]:
    """One record per claim: family, mutation, truth, category, verdict detail, document."""
    runner = run_inprocess if inprocess else run_subprocess

    def one(doc: Doc):
        return doc, runner(doc.text(), timeout, time_limit)
    if inprocess or jobs <= 1:
        results = [one(doc) for doc in docs]
    else:
        with ThreadPoolExecutor(jobs) as pool:
            results = list(pool.map(one, docs))
    records = []
    for doc, result in results:
        for claim, line in zip(doc.claims, doc.lines()):
            records.append({"family": claim.family, "mutation": claim.mutation,
                            "truth": claim.truth, "category": category(claim.truth, result, line),
                            "verdict": result["verdicts"].get(line, (result["status"], ""))[0],
                            "detail": result["verdicts"].get(line, ("", result.get("stderr", "")))[1],
                            "latex": claim.latex, "line": line, "directive": doc.directive,
                            "document": doc.text()})
    return records


# =========================================================================== report

def table(records: list[dict]) -> str:
    """The summary table (Markdown) and a per-family breakdown."""
    total = Counter(r["category"] for r in records)
    unchecked = Counter(r["truth"] for r in records if r["category"] == "unchecked")
    n_true = sum(r["truth"] for r in records)
    lines = [f"{len(records)} claims ({n_true} true, {len(records) - n_true} false by torch autograd)",
             "", "| outcome | claims |", "|---|---:|"]
    names = {"true→refuted": "true→refuted (FALSE REFUTED)", "false→holds": "false→holds (FALSE HOLDS)",
             "unchecked": f"unchecked ({unchecked[True]} true, {unchecked[False]} false)"}
    for cat in CATEGORIES:
        lines.append(f"| {names.get(cat, cat)} | {total[cat]} |")
    lines += ["", "| family | claims | true | " + " | ".join(CATEGORIES) + " |",
              "|---|" + "---:|" * (len(CATEGORIES) + 2)]
    for fam in sorted({r["family"] for r in records}):
        rs = [r for r in records if r["family"] == fam]
        c = Counter(r["category"] for r in rs)
        lines.append(f"| {fam} | {len(rs)} | {sum(r['truth'] for r in rs)} | " +
                     " | ".join(str(c[k]) for k in CATEGORIES) + " |")
    return "\n".join(lines)


def sanity(records: list[dict]) -> str:
    """Unmutated forms that torch calls false would be generator bugs; mutants torch calls
    true are no-ops for their configuration (kept: truth is torch's)."""
    bad = [r for r in records if r["mutation"] == "true" and not r["truth"]]
    noop = sum(1 for r in records if r["mutation"] != "true" and r["truth"])
    out = f"generator check: {len(bad)} unmutated forms false by torch; {noop} mutants are " \
          "true for their configuration (no-op mutations, counted as true)"
    for r in bad[:5]:
        out += f"\n  {r['family']}: {r['directive']}: {r['latex']}"
    return out


def interesting(records: list[dict], limit: int = 8) -> str:
    out = []
    for cat in ("false→holds", "true→refuted", "crash", "timeout"):
        rs = [r for r in records if r["category"] == cat]
        if rs:
            out.append(f"\n{cat}: {len(rs)}")
            for r in rs[:limit]:
                out.append(f"  [{r['family']} / {r['mutation']}] <!-- symbp: {r['directive']} -->\n"
                           f"    $${r['latex']}$$\n    -> {r['verdict']}: {r['detail'][:300]}")
    return "\n".join(out)


def symbp_location(inprocess: bool) -> str:
    """Where the symbp that is checked comes from (the subprocesses run outside any checkout,
    so PYTHONPATH decides)."""
    if inprocess:
        import symbp
        return str(Path(symbp.__file__).parent)
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    return subprocess.run([sys.executable, "-c", "import symbp; print(symbp.__file__)"],
                          capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(),
                          timeout=60).stdout.strip().removesuffix("/__init__.py")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1200, help="claims to generate (at least)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=None, help="run a seeded sample of K claims")
    ap.add_argument("--jobs", type=int, default=1, help="documents checked in parallel")
    ap.add_argument("--out", type=Path, default=None, help="write records.json and docs here")
    ap.add_argument("--inprocess", action="store_true", help="check_text instead of subprocesses")
    ap.add_argument("--timeout", type=float, default=180, help="seconds per document")
    ap.add_argument("--time-limit", type=float, default=20, help="symbp's seconds per equation")
    args = ap.parse_args(argv)
    start = time.time()
    docs = make_docs(args.n, args.seed)
    if args.sample:
        docs = sample(docs, args.sample, args.seed)
    label(docs, args.seed)
    records = run_campaign(docs, args.jobs, args.inprocess, args.timeout, args.time_limit)
    print(f"symbp from {symbp_location(args.inprocess)}; {len(docs)} documents; "
          f"{time.time() - start:.0f} s on {platform.node()} ({os.cpu_count()} cores), "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(table(records))
    print(sanity(records))
    print(interesting(records))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "records.json").write_text(json.dumps(records, indent=1, ensure_ascii=False))
    bad = sum(r["category"] in ("false→holds", "true→refuted", "crash") for r in records)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
