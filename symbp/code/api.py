"""The Python API: :func:`check` a pair, or :func:`assert_backward_correct` in a test.

Example (in a user's test suite)::

    from symbp.code import assert_backward_correct
    from mylayers import conv_forward_naive, conv_backward_naive

    def test_conv_backward():
        assert_backward_correct(conv_forward_naive, conv_backward_naive, layer="conv2d")
"""
from __future__ import annotations

from .check import check_pair
from .discover import cases_for
from .records import CodeResults


def check(forward, backward=None, layer: str | None = None, *, shapes=None, stride=None,
          pad=None, pool=None, sweep: bool = True, tie_rule: str = "first") -> CodeResults:
    """[backward result, forward result] as ``symbp code --json`` reports them.

    The list is a :class:`symbp.code.records.CodeResults`: in Jupyter it shows as a verdict
    card, and its ``records()`` feed :func:`symbp.report.formats.render`.

    forward(*arrays, *params) -> (out, cache) and backward(dout, cache) -> grads in CS231n's
    conventions (softmax-loss: forward(x, y) -> (loss, dx), backward None).  ``layer``
    names the layer to judge against (conv2d, maxpool, avgpool, affine, relu,
    softmax-loss, batchnorm); without it, ``shapes`` (e.g. [(2, 3), (3, 4)]) gives the
    arrays and the backward is judged by the chain rule of the forward itself.
    Runs in this process.
    """
    cases = cases_for(layer, shapes, stride, pad, pool, sweep)
    results = check_pair(forward, backward, layer, cases, tie_rule=tie_rule,
                         names=(getattr(forward, "__name__", "forward"),
                                getattr(backward or forward, "__name__", "backward")))
    return CodeResults(results, (forward, backward))


def assert_backward_correct(forward, backward=None, layer: str | None = None, **options):
    """Fail (AssertionError) with the counterexample unless the backward is proved correct.

    Options as :func:`check`.  The message names the configuration, the entry, both
    values, the inputs that show it, and the diagnosis.
    """
    from .command import render
    results = check(forward, backward, layer, **options)
    if results[0]["verdict"] != "correct":
        raise AssertionError("backward not proved correct:\n" + render(results[:1]))
    return results
