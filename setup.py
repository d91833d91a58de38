"""Builds symbp's optional C loops (symbp/kernels/_native/direct.c, see symbp/kernels/native.py).

Everything else is in pyproject.toml.  The extension is optional: with no C
compiler the install goes on and symbp.kernels uses its numpy paths.  It is
built with OpenMP where the compiler has it, else without (one thread).
"""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

OPENMP = ["-fopenmp"]


class BuildExt(build_ext):
    """Build with OpenMP; if that fails (a compiler without it), build without."""

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as error:  # CompileError / LinkError, names vary by setuptools
            if OPENMP[0] not in ext.extra_compile_args:
                raise
            print(f"symbp.kernels._direct: building with OpenMP failed ({error}); building without")
            ext.extra_compile_args = [a for a in ext.extra_compile_args if a not in OPENMP]
            ext.extra_link_args = [a for a in ext.extra_link_args if a not in OPENMP]
            super().build_extension(ext)


setup(
    ext_modules=[Extension(
        "symbp.kernels._direct", ["symbp/kernels/_native/direct.c"], optional=True,
        extra_compile_args=["-O3", "-std=gnu11", *OPENMP], extra_link_args=OPENMP,
    )],
    cmdclass={"build_ext": BuildExt},
)
