"""Time ``check_text`` on real documents, the fast entry route against the plain SymPy one.

``python benchmarks/check_documents.py [SET/DOC.md ...] [--repeat N]`` checks each document of
tests/docs/real/ (README-style directives on, as ``score.py`` does) with
:data:`symbp.check.entry_poly.FAST` on (coefficient maps for comparisons, products and sums
of symbols built directly) and off (``expand(a - b)``, SymPy's ``Mul`` and ``Add``), best of
N each (wall clock and this process's CPU time, which a shared machine's load disturbs less),
the two routes alternating in one process, and says whether every verdict is the same.  With
no documents named it times the slowest ones of the held-out sets.  (The role memo and the
compiled indices of :mod:`symbp.check.index_positions` serve both routes.)
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

from symbp.check import entry_poly  # noqa: E402
from symbp.check.checker import check_text  # noqa: E402

SLOWEST = ["heldout10/cnn_math_analysis_en.md", "heldout10/ch6_deep_learning_notes.md"]


def document(path: str) -> str:
    """The document's text with its sidecar's directives inserted (score.document_text)."""
    where = REAL / path
    score.HERE = where.parent
    return score.document_text(where.name, True)


def timed(text: str, fast: bool):
    entry_poly.FAST = fast
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = check_text(text, "md", time_limit=600)
        return (time.perf_counter() - start, time.process_time() - cpu), [(c.latex, c.verdict) for c in report.claims]
    finally:
        entry_poly.FAST = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", help="SET/DOC.md under tests/docs/real (default: the slowest)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f} at the start")
    print("| document | SymPy route, wall / CPU (s) | fast route, wall / CPU (s) | ratio (CPU) | verdicts |")
    print("|---|---:|---:|---:|---|")
    for path in args.docs or SLOWEST:
        text = document(path)
        best, verdicts = {True: (float("inf"),) * 2, False: (float("inf"),) * 2}, {}
        for _ in range(args.repeat):
            for fast in (False, True):
                seconds, verdicts[fast] = timed(text, fast)
                best[fast] = tuple(map(min, best[fast], seconds))
        same = "same" if verdicts[True] == verdicts[False] else "DIFFER"
        (slow_wall, slow_cpu), (fast_wall, fast_cpu) = best[False], best[True]
        print(f"| {path} | {slow_wall:.2f} / {slow_cpu:.2f} | {fast_wall:.2f} / {fast_cpu:.2f} | "
              f"{slow_cpu / fast_cpu:.1f}x | {same} |", flush=True)


if __name__ == "__main__":
    main()
