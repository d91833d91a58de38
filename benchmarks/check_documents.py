"""Time ``check_text`` on real documents: the plain SymPy route, the fast entry route, and the
fast route with the index reader's value memo.

``python benchmarks/check_documents.py [SET/DOC.md ...] [--repeat N] [--none]`` checks each
document of tests/docs/real/ (README-style directives on, as ``score.py`` does; ``--none``:
without them) three ways, best of N each (wall clock and this process's CPU time, which a
shared machine's load disturbs less), the routes alternating in one process, and says whether
every verdict is the same:

* SymPy: :data:`symbp.check.entry_poly.FAST` off (``expand(a - b)``, SymPy's ``Mul`` and
  ``Add``) and :data:`symbp.check.index_memo.ON` off;
* fast: coefficient maps for comparisons, products and sums of symbols built directly;
* memo: fast, and each subtree's value kept per assignment of its names, with written
  derivatives of sums of atom products read off without ``sp.diff`` (:mod:`symbp.check.index_memo`).

With no documents named it times the slowest ones of the held-out sets.  (The role memo and
the compiled indices of :mod:`symbp.check.index_positions` serve every route.)
"""
from __future__ import annotations

import argparse
import os
import pathlib
import platform
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "docs" / "real"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(REAL))

import score  # noqa: E402

from symbp.check import entry_poly, index_memo  # noqa: E402
from symbp.check.checker import check_text  # noqa: E402

SLOWEST = ["heldout3/robjinman_richard_math.md", "heldout7/saikrishna_conv_notes.md",
           "heldout8/yizt_conv_channels_stride_zh.md", "heldout5/mint_backprop_summary.md",
           "heldout3/zli03_bp_proof.md", "heldout10/cnn_math_analysis_en.md",
           "heldout10/ch6_deep_learning_notes.md"]
ROUTES = {"SymPy": (False, False), "fast": (True, False), "memo": (True, True)}   # (FAST, memo ON)


def document(path: str, directives: bool = True) -> str:
    """The document's text with its sidecar's directives inserted (score.document_text)."""
    where = REAL / path
    score.HERE = where.parent
    return score.document_text(where.name, directives)


def timed(text: str, route: str):
    entry_poly.FAST, index_memo.ON = ROUTES[route]
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = check_text(text, "md", time_limit=600)
        return (time.perf_counter() - start, time.process_time() - cpu), [(c.latex, c.verdict) for c in report.claims]
    finally:
        entry_poly.FAST, index_memo.ON = True, True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", help="SET/DOC.md under tests/docs/real (default: the slowest)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--none", action="store_true", help="without the sidecars' directives")
    parser.add_argument("--routes", default="SymPy,fast,memo", help="a comma list of " + ", ".join(ROUTES))
    args = parser.parse_args()
    routes = args.routes.split(",")
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f} at the start, "
          f"{'without' if args.none else 'with'} directives")
    print("| document | " + " | ".join(f"{r}, wall / CPU (s)" for r in routes) +
          f" | ratio (CPU, {routes[0]}/{routes[-1]}) | verdicts |")
    print("|---|" + "---:|" * (len(routes) + 1) + "---|")
    for path in args.docs or SLOWEST:
        text = document(path, not args.none)
        best, verdicts = {r: (float("inf"),) * 2 for r in routes}, {}
        for _ in range(args.repeat):
            for r in routes:
                seconds, verdicts[r] = timed(text, r)
                best[r] = tuple(map(min, best[r], seconds))
        same = "same" if all(verdicts[r] == verdicts[routes[0]] for r in routes) else "DIFFER"
        cells = " | ".join(f"{best[r][0]:.2f} / {best[r][1]:.2f}" for r in routes)
        print(f"| {path} | {cells} | {best[routes[0]][1] / best[routes[-1]][1]:.1f}x | {same} |", flush=True)


if __name__ == "__main__":
    main()
