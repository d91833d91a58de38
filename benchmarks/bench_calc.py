"""Time of the scalar-layer reader (symbp/check/calc_*.py) per document, with its second
witness and without it (the witness's cost), on the four softmax / sigmoid documents of
tests/docs/real/ and a generated document of 50 claims (benchmarks/campaign_calc.py).

``python benchmarks/bench_calc.py`` prints one line per document: best of three."""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import campaign_calc  # noqa: E402

from symbp.check.checker import check_text  # noqa: E402
from symbp.witness import calc_witness  # noqa: E402

DOCS = ["sunhaozhe_softmax_ce.md", "zakariapz_softmax_ce.md", "yanfenglee_softmax_ce.md",
        "tonkic_sigmoid_zh.md"]


def best(text: str, repeat: int = 3) -> float:
    out = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        check_text(text, "md", time_limit=30)
        out = min(out, time.perf_counter() - start)
    return out


def main():
    texts = [(d, (ROOT / "tests/docs/real" / d).read_text(encoding="utf-8")) for d in DOCS]
    texts.append(("generated, 50 claims", campaign_calc.document(campaign_calc.LETTERS[0], None)[0]))
    real = calc_witness.confirm_calc
    for name, text in texts:
        with_witness = best(text)
        calc_witness.confirm_calc = lambda *a, **k: None
        try:
            without = best(text)
        finally:
            calc_witness.confirm_calc = real
        print(f"{name}: {with_witness:.2f} s with the witness, {without:.2f} s without")


if __name__ == "__main__":
    main()
