r"""The stride a page's written-out forward entries show, where nothing else states one.

Small examples write the convolution out entry by entry: ``o_{11} = x_{11} w_{11} + x_{12} w_{12}
+ …`` and ``o_{12} = x_{13} w_{11} + x_{14} w_{12} + …``.  Read as a cross-correlation with no
padding, a product ``x_{cd} w_{ef}`` in the output entry ``o_{ab}`` says ``c = (a - base) s_h +
e`` and ``d = (b - base) s_w + f`` (indices from ``base``); where every product of every entry
written fits one stride (the same on both axes) that stride is the section's, else nothing is
inferred (a padding, a flip or a slip in the page's rows: the other rules decide).  Without it a
5x5 input and a 3x3 kernel would be read at stride 1, and a correct stride-2 claim refuted.

>>> rows = [r"o_{11} = x_{11} w_{11} + x_{12} w_{12} + b", r"o_{12} = x_{13} w_{11} + x_{14} w_{12} + b"]
>>> written_stride({"o": "output", "x": "input", "w": "kernel"}, rows, 1)
2
>>> written_stride({"o": "output", "x": "input", "w": "kernel"}, [r"o_{12} = x_{12} w_{11} + x_{13} w_{12}"], 1)
1
"""
from __future__ import annotations

import re

_SUB = r"_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?"


def _letter_pattern(roles: dict, role: str) -> str | None:
    letters = {re.sub(r"[\^{].*", "", n).strip("\\ ") for n, r in roles.items() if r == role}
    letters = {c for x in letters if re.fullmatch(r"[A-Za-z]", x) for c in (x.lower(), x.upper())}   # O = W * X, o_{11}
    return "(?:" + "|".join(sorted(letters)) + ")" if letters else None


def written_stride(roles: dict, latex: list, base: int) -> int | None:
    """The one stride the written-out forward entries of ``latex`` fit (1 included), or None
    when they write none or fit no single stride."""
    out, inp, ker = (_letter_pattern(roles, r) for r in ("output", "input", "kernel"))
    if not (out and inp and ker):
        return None
    text = " ".join(latex)
    heads = list(re.finditer(rf"(?<![A-Za-z\\]){out}{_SUB}\s*&?\s*=", text))
    strides = set()
    for k, head in enumerate(heads):
        a, b = int(head.group(1)) - base, int(head.group(2)) - base
        body = text[head.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        body = re.split(r"\\end\s*\{|\$\$", body)[0]
        pairs = re.findall(rf"(?<![A-Za-z\\]){inp}{_SUB}\s*(?:\\cdot|\\times|\*)?\s*{ker}{_SUB}", body)
        pairs += [(c, d, e, f) for e, f, c, d in re.findall(
            rf"(?<![A-Za-z\\]){ker}{_SUB}\s*(?:\\cdot|\\times|\*)?\s*{inp}{_SUB}", body)]
        for c, d, e, f in pairs:
            c, d, e, f = (int(v) - base for v in (c, d, e, f))
            for step, at, tap in ((a, c, e), (b, d, f)):
                if step == 0:
                    if at != tap:
                        return None            # o_{11} reads x_{22} w_{11}: a padding or a flip
                elif (at - tap) % step or (at - tap) // step < 1:
                    return None
                else:
                    strides.add((at - tap) // step)
    return strides.pop() if len(strides) == 1 else None


def stride_setting(roles: dict, latex: list, merged: dict, seen: dict) -> dict:
    """``{"stride": "s"}`` for a section whose directive and forward state no stride and whose
    written-out entries show one above 1 (:func:`written_stride`), else {}."""
    if merged.get("layer_kind", "conv") != "conv" or any(
            k in merged for k in ("stride", "stride_symbol", "stride_value")):
        return {}
    found = written_stride(roles, latex or [], merged.get("index_base", seen.get("base", 0)))
    return {"stride": str(found)} if found and found > 1 else {}


def entry_letters_only(roles: dict, indexed) -> dict:
    """``roles`` less the plain lower-case letters that name single output entries: where the
    page writes each output entry as its own letter (``a = w_{11} x_{11} + …``, ``b = …``) beside
    an output tensor, such a letter (never written with an index) is one entry, not the output;
    which entry is not guessed (a claim about it stays unchecked, never compared as the whole)."""
    outputs = [n for n, r in roles.items() if r == "output"]
    if len({n.split("^")[0].lower() for n in outputs}) < 2:
        return roles
    single = {n for n in outputs if re.fullmatch(r"[a-z]", n) and n not in indexed}
    return {n: r for n, r in roles.items() if n not in single}


__all__ = ["entry_letters_only", "stride_setting", "written_stride"]
