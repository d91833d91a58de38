

def test_read_pair_reads_ints_and_pairs_and_never_truncates():
    import pytest

    from symbp.core.geometry import read_pair
    assert read_pair(3) == (3, 3) and read_pair((2, 1)) == (2, 1) and read_pair("3x4") == (3, 4)
    assert read_pair(" 2, 1", ",") == (2, 1)
    import numpy as np
    assert read_pair((np.int64(2), 3)) == (2, 3)
    for bad in [(2.5, 1), (1, 2.0), (True, 1), True, "2.5", "2x1x1", (1, 2, 3), "a"]:
        with pytest.raises(ValueError):
            read_pair(bad)
    with pytest.raises(ValueError):
        read_pair("2x1", ",")


def test_pair_reads_through_read_pair_and_names_the_argument():
    import pytest

    from symbp.core.geometry import ConfigError, pair
    assert pair(3, "kernel") == (3, 3) and pair((2, 1), "stride") == (2, 1)
    for bad in [(2.5, 1), "34", (1, 2, 3), True, None]:
        with pytest.raises(ConfigError, match="kernel must be an int or a pair of ints"):
            pair(bad, "kernel")
