r"""The index reader's campaign for padding and dilation written as operations inside claims
(``\text{pad}_{w}(\text{dilate}_{s}(\delta)) * \text{rot180}(K)``, ``\text{zero\_pad}(…, w)``,
``pad(dilate(\delta), w)``, ``\text{insert\_zeros}(\delta, s-1)``, ``\text{pad}_{p}(X)_{si+m,sj+n}``)
about ``conv2d(x, k, stride=s, padding=p)`` at every 4x4..8x8 input, stride 1..3, padding 0..2
(3x3 kernel): the claims of ``tests/test_index_dilate_pad.py``, true at some sizes and false at
others.  Truth: torch autograd against each claimed formula by plain numpy loops (there).
Prints the tally (truth, verdict) and each false holds, correct refuted or unchecked claim.

    PYTHONPATH=$PWD python benchmarks/campaign_index_dilate.py
"""
import collections
import itertools
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import test_index_dilate_pad as T  # noqa: E402

from symbp.check.checker import check_text  # noqa: E402


def main() -> None:
    K = T.K
    tally = collections.Counter()
    for h, s, p in itertools.product(range(4, 9), (1, 2, 3), (0, 1, 2)):
        if (h + 2 * p - K) < 0:
            continue
        x, k, g, dx, dk = T._grads(h, s, p)
        claims = T._claims(s, p)
        step = f"{s}" if s > 1 else ""
        at = (lambda v, w: f"{step}{v}+{w}-{p}") if p else (lambda v, w: f"{step}{v}+{w}")
        fwd = rf"Y_{{i,j}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} K_{{m,n}} X_{{{at('i', 'm')},{at('j', 'n')}}}"
        text = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={K}x{K} stride={s} padding={p} "
                f"names: X=input K=kernel Y=output L=loss -->\n\n$$ {fwd} $$\n\n" + "".join(f"$$ {c[0]} $$\n\n" for c in claims))
        got = check_text(text, "md", time_limit=60).claims[-len(claims):]
        for (latex, key, claimed), c in zip(claims, got):
            truth = T._same(claimed(x, k, g), dx if key == "x" else dk)
            tally[(truth, c.verdict)] += 1
            if (truth, c.verdict) in ((False, "holds"), (True, "refuted")) or c.verdict == "unchecked":
                print("!!", h, s, p, truth, c.verdict, latex[:80], c.detail[:150])
    print(dict(tally))


if __name__ == "__main__":
    main()
