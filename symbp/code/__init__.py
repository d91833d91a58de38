"""``symbp code``: prove or refute hand-written numpy backward code, exactly.

The user's forward and backward run on numpy object arrays of traced scalars
(:mod:`.traced`); the true gradient is the chain rule through the layer's definition
(:mod:`.layers`) or through the user's own traced forward; every entry is compared
exactly (:mod:`.exact`), region by region (:mod:`.patterns`), with a counterexample and a
diagnosis for a failure (:mod:`.judge`, :mod:`.diagnose`).
"""
from .api import assert_backward_correct, check

__all__ = ["check", "assert_backward_correct"]
