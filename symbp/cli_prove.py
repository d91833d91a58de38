"""``symbp prove NAME...``: the argument parser and the command; the work is
:func:`symbp.proofdoc.latex.prove_document`'s."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .claims import BUILTINS
from .cli import UsageError, add_setup_flags, setup_from
from .proofdoc.latex import NO_PDFLATEX, compile_pdf, prove_document


def register(sub) -> None:
    """Add ``symbp prove`` to the CLI's subparsers."""
    p = sub.add_parser("prove", help="write a proof document (LaTeX or Markdown)",
                       description="Write built-in derivations as proofs that symbp check re-checks.")
    p.add_argument("names", nargs="*", metavar="NAME",
                   help=f"derivations (default all): {', '.join(BUILTINS)}")
    add_setup_flags(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    p.add_argument("--format", choices=("tex", "md"), help="default: from FILE's suffix, else tex")
    p.add_argument("--pdf", action="store_true", help="also compile FILE.tex to FILE.pdf (pdflatex)")
    p.add_argument("--all-sizes", action="store_true",
                   help="certificates for every size (symbp.allsizes; LaTeX only)")
    p.set_defaults(func=cmd_prove)


def cmd_prove(args) -> int:
    """Write the document; 0 when every verdict is the expected one, else 1."""
    if args.all_sizes:
        from .allsizes.certificate import prove_command
        return prove_command(args)
    out = args.output
    fmt = args.format or ("md" if out and out.lower().endswith((".md", ".markdown")) else "tex")
    if args.pdf and (fmt != "tex" or not out):
        raise UsageError("--pdf needs -o FILE.tex in tex format (the PDF is written next to it)")
    if args.pdf and shutil.which("pdflatex") is None:
        raise UsageError(NO_PDFLATEX)
    doc = prove_document(args.names, setup_from(args))
    text = doc.to_tex() if fmt == "tex" else doc.to_markdown()
    if not out:
        sys.stdout.write(text)
    else:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot write {out}: {err.strerror}") from None
    if args.pdf:
        pdf = Path(out).with_suffix(".pdf")
        try:
            compile_pdf(text, pdf)
        except RuntimeError as err:
            print(f"symbp: error: {err}", file=sys.stderr)
            return 1
        print(f"wrote {out} and {pdf}", file=sys.stderr)
    return 0 if all(sec.proof.verdict == sec.claim.expected for sec in doc.sections) else 1
