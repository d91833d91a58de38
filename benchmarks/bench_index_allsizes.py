"""Cost of deciding index-notation claims for every size (symbp/allsizes/index_terms.py).

``python benchmarks/bench_index_allsizes.py`` prints, per claim, the all-sizes decision
(isl, with the per-size replay of a refutation) beside the per-size reader on the same claim
at its three small sizes and at one larger size (best of three, the same process); then
every document of tests/docs/real/ (directives on) with the engine's hook on and off.
"""
from __future__ import annotations

import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "docs" / "real"))

import score  # noqa: E402

from symbp.allsizes.index_verdict import PerSizeReader, decide_index_claim  # noqa: E402
from symbp.check import index_eval  # noqa: E402
from symbp.check.checker import check_text  # noqa: E402
from symbp.check.doc_names import DocContext  # noqa: E402
from symbp.check.index_claims import free_vars, parse  # noqa: E402

READER = PerSizeReader(index_eval._compare, index_eval._all_refs)
DX, DW = r"\frac{\partial E}{\partial x_{ij}}", r"\frac{\partial E}{\partial w_{mn}}"
ZERO = r"z_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n}"
CLAIMS = [
    ("dx, 0-based", ZERO, {}, DX, r"\sum_m \sum_n \delta_{mn} w_{i-m,j-n}"),
    ("dx, w_{i+m} mutant", ZERO, {}, DX, r"\sum_m \sum_n \delta_{mn} w_{i+m,j+n}"),
    ("dw, 0-based", ZERO, {}, DW, r"\sum_i \sum_j \delta_{ij} x_{i+m,j+n}"),
    ("dw, δ and x swapped", ZERO, {}, DW, r"\sum_i \sum_j x_{ij} \delta_{i+m,j+n}"),
    ("dw, written bounds", ZERO, {"dims": {"o": ("output", 0), "p": ("output", 1)}}, DW,
     r"\sum_{i=0}^{o-1} \sum_{j=0}^{p-1} \delta_{ij} x_{i+m,j+n}"),
    ("dw, bound off by one", ZERO, {"dims": {"o": ("output", 0), "p": ("output", 1)}}, DW,
     r"\sum_{i=0}^{o} \sum_{j=0}^{p-1} \delta_{ij} x_{i+m,j+n}"),
    ("dx, 1-based", r"z_{i,j} = \sum_{m=1}^{k} \sum_{n=1}^{k} x_{i+m-1,j+n-1} w_{m,n}", {}, DX,
     r"\sum_m \sum_n \delta_{mn} w_{i-m+1,j-n+1}"),
    ("dx, stride 2", r"z_{i,j} = \sum_m \sum_n x_{si+m,sj+n} w_{m,n}", {"stride": "2"}, DX,
     r"\sum_m \sum_n \delta_{mn} w_{i-sm,j-sn}"),
    ("dw, Jacobian factors", ZERO, {}, DW,
     r"\sum_i \sum_j \frac{\partial E}{\partial z_{ij}} \frac{\partial z_{ij}}{\partial w_{mn}}"),
    ("δ^{l-1} through σ'", r"z^l_{i,j} = \sum_m \sum_n a^{l-1}_{i+m,j+n} w^l_{m,n}", {},
     r"\delta^{l-1}_{i,j}", r"\sum_x \sum_y \delta^{l}_{x,y} w^{l}_{i-x,j-y} \sigma'(z^{l-1}_{i,j})"),
    ("dw, channels and batch", r"z_{b,o,i,j} = \sum_c \sum_u \sum_v x_{b,c,i+u,j+v} w_{o,c,u,v}",
     {"names": "x=input w=kernel z=output", "channels": "2,3", "batch": "2", "layouts": {
         "input": "NCHW", "kernel": "OIHW", "output": "NCHW", "delta": "NCHW"}},
     r"\frac{\partial E}{\partial w_{o,c,u,v}}",
     r"\sum_b \sum_i \sum_j \delta_{b,o,i,j} x_{b,c,i+u,j+v}"),
]


def best(fn, repeat: int = 3) -> tuple[float, object]:
    out, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        out = min(out, time.perf_counter() - start)
    return out, value


def per_size(forward, settings, lhs_text, rhs_text, sizes=None):
    """The per-size reader's verdicts at ``sizes`` (None: the small sizes it tries itself)."""
    ctx = DocContext.from_forward(forward, settings)
    setups = ctx.instances() if sizes is None else [
        DocContext(ctx.roles, {**ctx.settings, "input": f"{a[0]}x{a[1]}",
                               "kernel": f"{k[0]}x{k[1]}"}, (a, k)) for a, k in sizes]
    out = []
    for setup in setups:
        read = lambda t: parse(t, setup.tensor_names(), setup.losses())  # noqa: E731
        lhs, rhs = read(lhs_text), read(rhs_text)
        setup.set_current(index_eval._all_refs([lhs, rhs]))
        out.append(index_eval._compare(setup, lhs, rhs, free_vars(lhs), 1, other=False).verdict)
    return out


def claims_table():
    print("| claim | all sizes: verdict, s | per-size reader, its small sizes, s | at 12x12 / 5x5 "
          "(channels: 6x6 / 3x3), s |")
    print("|---|---|---|---|")
    for name, forward, settings, lhs_text, rhs_text in CLAIMS:
        setup = DocContext.from_forward(forward, settings).instances()[0]
        read = lambda t: parse(t, setup.tensor_names(), setup.losses())  # noqa: E731
        t_all, found = best(lambda: decide_index_claim(setup, read(lhs_text), read(rhs_text),
                                                       READER))
        t_small, _ = best(lambda: per_size(forward, settings, lhs_text, rhs_text))
        big = (((6, 6), (3, 3)),) if settings.get("channels") else (((12, 12), (5, 5)),)
        t_big, _ = best(lambda: per_size(forward, settings, lhs_text, rhs_text, big), 1)
        print(f"| {name} | {found.verdict}, {t_all:.3f} | {t_small:.3f} | {t_big:.2f} |")


def documents_table():
    hook = index_eval._all_sizes
    print("\n| document | engine on, s | engine off, s |")
    print("|---|---|---|")
    for doc in score.documents():
        text = score.document_text(doc, True)
        cells = []
        for on in (True, False):
            index_eval._all_sizes = hook if on else (lambda ctx, trees, outcome: outcome)
            cells.append(best(lambda: check_text(text, "md", time_limit=30))[0])
        index_eval._all_sizes = hook
        print(f"| {doc.replace('.md', '')} | {cells[0]:.2f} | {cells[1]:.2f} |")


if __name__ == "__main__":
    claims_table()
    documents_table()
