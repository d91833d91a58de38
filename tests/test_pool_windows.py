"""geometry.first_empty_window (the max-pooling setup check, O(H + W)) against a plain loop
over every window, with the output size from torch's max_pool2d (campaign finding F12: the
check once listed all 9·10⁸ windows of a 30000x30000 input)."""
import random

import pytest

torch = pytest.importorskip("torch")

from symbp.core.geometry import first_empty_window  # noqa: E402


def _plain(hw, k, s, p, d, ceil):
    """The first (row-major) window whose positions o·s − p + t·d all fall outside the input."""
    x = torch.zeros(1, 1, *hw)
    try:
        out = torch.nn.functional.max_pool2d(x, k, s, p, d, ceil_mode=ceil).shape[-2:]
    except RuntimeError:
        return "invalid"
    for i in range(out[0]):
        for j in range(out[1]):
            rows = [i * s[0] - p[0] + t * d[0] for t in range(k[0])]
            cols = [j * s[1] - p[1] + t * d[1] for t in range(k[1])]
            if not any(0 <= r < hw[0] for r in rows) or not any(0 <= c < hw[1] for c in cols):
                return (i, j)
    return None


def test_first_empty_window_matches_a_plain_loop():
    rng = random.Random(7)
    seen_empty = 0
    for _ in range(1500):
        k = (rng.randint(1, 4), rng.randint(1, 4))
        hw = (rng.randint(1, 6), rng.randint(1, 6))
        s = (rng.randint(1, 3), rng.randint(1, 3))
        d = (rng.randint(1, 2), rng.randint(1, 2))
        p = (rng.randint(0, k[0] // 2), rng.randint(0, k[1] // 2))
        ceil = rng.random() < 0.5
        want = _plain(hw, k, s, p, d, ceil)
        if want == "invalid":
            continue
        assert first_empty_window(hw, k, s, p, d, ceil) == want, (hw, k, s, p, d, ceil)
        seen_empty += want is not None
    assert seen_empty > 20          # the sample reaches the case it is about


def test_a_huge_input_is_answered_without_listing_windows():
    assert first_empty_window((30000, 30000), (2, 2), (1, 1), (1, 1), (1, 1), False) is None
