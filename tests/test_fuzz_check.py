"""Fuzzing `symbp check` with Hypothesis: hostile documents (benchmarks/fuzz_docs.py) and
arbitrary text, each checked by symbp.cli.main in a worker process capped at 2 GB of address
space, with 30 s per document.  No traceback, no internal/checker error, exit status 0, 1 or
2, no hang, no memory-cap hit.  (benchmarks/fuzz_check.py runs the long campaign.)"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from fuzz_check import Worker, classify  # noqa: E402
from fuzz_docs import fuzz_case  # noqa: E402

MEM_MB, TIMEOUT = 2048, 30
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate],       # no shrinking: bounded time
                    suppress_health_check=list(HealthCheck))


class DrawPick:
    """fuzz_docs' choices drawn by Hypothesis."""

    def __init__(self, data):
        self.data = data

    def choice(self, seq):
        return seq[self.data.draw(st.integers(0, len(seq) - 1))]

    def int(self, lo, hi):
        return self.data.draw(st.integers(lo, hi))

    def bytes(self, n):
        return self.data.draw(st.binary(min_size=n, max_size=n))


@pytest.fixture(scope="module")
def worker():
    w = Worker(MEM_MB)
    yield w
    w.stop()


def check(worker, tmp_path_factory, data: bytes, suffix: str, argv: list[str]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(data)
    result = worker.check(str(path), argv, TIMEOUT)
    found = classify(result)
    assert not found, (f"{found}: {data[:400]!r} argv={argv}\n"
                       f"{(result.get('traceback') or result.get('out') or '')[-800:]}")
    assert result["rc"] in (0, 1, 2)


@SETTINGS
@given(st.data())
def test_hostile_documents(worker, tmp_path_factory, data):
    case = fuzz_case(DrawPick(data))
    check(worker, tmp_path_factory, case["data"], case["suffix"], case["argv"])


@SETTINGS
@given(st.sampled_from(["layer=conv2d input=3x3 kernel=2x2", "layer=maxpool input=4x4 kernel=2x2",
                        "layer=fc in=3 out=2", "layer=softmax classes=3",
                        "layer=activation name=sigmoid"]),
       st.lists(st.text(max_size=120), min_size=1, max_size=4))
def test_arbitrary_text_in_displays(worker, tmp_path_factory, directive, displays):
    # the report echoes each display: text that spells the classifier's own alarm words
    # ("internal error", drawn from Hypothesis's pool of the code's string constants) would
    # read as a finding about symbp
    assume(not any(word in d for d in displays for word in ("internal error", "checker error")))
    text = f"<!-- symbp: {directive} -->\n\n" + "\n\n".join(
        f"$$\\frac{{\\partial J}}{{\\partial a}} = {d.replace('$', '')}$$" for d in displays)
    check(worker, tmp_path_factory, text.encode("utf-8", "surrogatepass"), ".md", ["--time-limit", "2"])


CONV_CLAIM = (r"$$\frac{\partial J}{\partial a} = \operatorname{pad}_{1}(\delta) * "
              r"\operatorname{rot180}(W)$$")


@pytest.mark.parametrize("directive, argv", [
    ("layer=conv2d input=30000x30000 kernel=2x2", ["--time-limit", "2"]),   # 7 GB without a guard
    ("layer=conv2d input=3x3 kernel=2x2", ["--time-limit", "nan"]),
    ("layer=conv2d input=3x3 kernel=2x2", ["--time-limit", "1e308"]),
    ("layer=conv2d input=3x3 kernel=2x2 channels=100000,100000", ["--time-limit", "2"]),
    ("layer=maxpool input=30000x30000", ["--time-limit", "2"]),             # 9e8 windows
])
def test_resource_and_flag_limits(worker, tmp_path_factory, directive, argv):
    """The issue's resource and argument problems: a one-line error or verdicts, bounded."""
    text = f"<!-- symbp: {directive} -->\n\n{CONV_CLAIM}\n"
    check(worker, tmp_path_factory, text.encode(), ".md", argv)
