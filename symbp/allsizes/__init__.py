"""Proofs for every size: closed forms compared as parametric integer sets.

Each entry of a conv, pooling or fully connected gradient is a sum of monomials
``coef · δ[u] · w[p]``.  Each side of a claim is written, operator by operator, as a
union of *terms* ``{(entry, monomial) : ∃e. affine constraints over the sizes}``
(:mod:`symbp.allsizes.relation`; every operator in :mod:`symbp.core.ops`,
:mod:`symbp.layers.pooling` and :mod:`symbp.layers.dense` carries its ``index_relation``).  When no
monomial is reached twice, the two sides are equal for every size exactly when two
parametric Presburger sets are equal, which isl decides (:mod:`symbp.allsizes.sets`).

This package imports nothing from symbp at import time, so :mod:`symbp.core.ops` can use
:mod:`symbp.allsizes.relation` without an import circle.
"""
