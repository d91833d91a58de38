"""``symbp kernels [--show NAME]``: the argument parser and the command; the work is
:func:`symbp.kernels.generate`'s."""
from __future__ import annotations

from .kernels import native
from .cli import UsageError, add_setup_flags, setup_from
from .kernels import _BACKENDS, KERNELS, Spec, _public_names, generate


def register(subparsers) -> None:
    """Add ``symbp kernels [--show NAME] [size flags]`` to the symbp command."""
    p = subparsers.add_parser(
        "kernels", help="show the numpy kernels generated from the proved closed forms",
        description="Print the source that sympy.lambdify generates from a closed form "
                    "for one layer configuration (without --show: list the kernels).")
    p.add_argument("--show", metavar="NAME", help=f"kernel to print: {', '.join(_public_names())}")
    add_setup_flags(p)
    p.add_argument("--unfused", action="store_true",
                   help="print the plain operator chain (no fused zero-skipping calls)")
    p.add_argument("--backend", default="numpy", choices=list(_BACKENDS))
    p.add_argument("--prove", action="store_true",
                   help="prove the claim at a reduced size first and print the verdict")
    p.set_defaults(func=cmd_kernels)


def _config_from(args, spec: Spec):
    return spec.layer.from_setup(setup_from(args))


def cmd_kernels(args) -> int:
    if not args.show:
        width = max(map(len, _public_names()))
        for name in _public_names():
            spec = KERNELS[name]
            print(f"{name.ljust(width)}  {spec.doc}" + (f" [claim {spec.claim}]" if spec.claim else ""))
        print(f"numpy backend primitives: {native.describe()}")
        return 0
    if args.show not in KERNELS or args.show == "conv2d_nobias":
        raise UsageError(f"unknown kernel {args.show!r} (known: {', '.join(_public_names())})")
    spec = KERNELS[args.show]
    config = _config_from(args, spec)
    try:
        kernel = generate(args.show, config, args.backend, not args.unfused, prove=args.prove)
    except ValueError as err:
        raise UsageError(str(err)) from None
    lines = [f"# {spec.name}: {kernel.text}"]
    lines.append(f"# {'closed form of claim ' + spec.claim if spec.claim else 'forward definition'}"
                 f", {config.describe()}")
    if kernel.proof:
        lines.append(f"# proof: {kernel.proof}")
    if kernel.fused:
        plain = generate(args.show, config, args.backend, False, prove=False)
        body = plain.source.strip().splitlines()[-1].strip().removeprefix("return ")
        if body != kernel.source.strip().splitlines()[-1].strip().removeprefix("return "):
            lines.append(f"# unfused: {body}")
    print("\n".join(lines))
    print(kernel.source.rstrip())
    return 0
