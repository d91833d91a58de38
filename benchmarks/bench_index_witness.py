"""Cost of the index reader's second witness (symbp/witness/index_witness.py).

``python benchmarks/bench_index_witness.py`` checks every document of tests/docs/real/ with
and without its directives, with the witness and with the witness switched off (the same
process, alternating, best of three), and prints seconds per document.
"""
from __future__ import annotations

import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "docs" / "real"))

import score  # noqa: E402

from symbp.check import index_eval  # noqa: E402
from symbp.check.checker import check_text  # noqa: E402


def best(text: str, repeat: int = 3) -> float:
    out = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        check_text(text, "md", time_limit=30)
        out = min(out, time.perf_counter() - start)
    return out


def main():
    honest = index_eval._witness
    print("| document | directives: witness / off | none: witness / off |")
    print("|---|---|---|")
    for doc in score.documents():
        cells = []
        for flag in (True, False):
            text = score.document_text(doc, flag)
            index_eval._witness = honest
            on = best(text)
            index_eval._witness = lambda *args: ""
            off = best(text)
            index_eval._witness = honest
            cells.append(f"{on:.2f} s / {off:.2f} s")
        print(f"| {doc[:-3]} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
