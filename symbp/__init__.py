"""symbp: a symbolic verifier for hand-derived backward passes (see README.md)."""


def load_ipython_extension(ipython):
    """``%load_ext symbp``: the ``%%symbp`` cell magic (see :mod:`symbp.report.magic`)."""
    from .report.magic import register
    register(ipython)
