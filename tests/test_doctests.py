"""Every example in a symbp docstring runs and prints what it says (the public API's own
doctests are in test_api.py; this covers every module of every subpackage)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import symbp

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(symbp.__path__, "symbp.")
    if not m.name.split(".")[-1].startswith("_") and not m.name.startswith("symbp.kernels._native")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"


def test_the_modules_were_found():
    assert len(MODULES) > 100 and "symbp.code.check" in MODULES and "symbp.allsizes.sets" in MODULES
