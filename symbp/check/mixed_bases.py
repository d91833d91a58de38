r"""Worked examples that count one tensor's entries from 1 and another's from 0.

A lecture's example may write the output gradient ``\delta_{1,1} … \delta_{3,3}`` and the
input ``x_{00} … x_{44}`` side by side.  Every reader of symbp counts a section's entries from
one base (the directive's ``index_base``, or the one the section's entries show), so an index
claim there (``∂L/∂K[m,n] = Σ δ_{i,j} I[i s + m, j s + n]``) holds or fails by which base its
letters are given, and neither is the page's.  Such a claim is left unchecked, naming the two
countings, unless every name it indexes counts from the same base.  A forward that itself starts
its output elsewhere (``z_{ij} = \sum w_{mn} a_{i+m-1, j+n-1}`` over a 0-based input: the output from
1) explains such a page where every counted name's role starts where the forward says
(:meth:`symbp.check.real_docs.NamesTracker.mixed_bases`).

A chapter (the text under the innermost heading) or, without headings, the section's displays
is mixed when one name writes two or more pair entries (``x_{00}``, ``\delta_{1,1}``,
``O[1,1]``) all from 1 and another two or more with a 0 among them; a lone ``k_{00}`` is a
first entry (from 0), and a lone ``\delta_{1,1}`` counts from 1 only beside such a first entry
of another name (a lone ``x_{11}`` may be a middle pixel).  Single-index entries (``x_0 = 1``, a
bias column) do not count, but on a dense layer's page a list of a vector's entries from its first
(``y_1, \dots, y_m`` beside a forward summed from ``i=0``) does (:func:`vector_bases`).

>>> bases = entry_bases([r"\delta_{1,1} x_{00} + \delta_{1,2} x_{01}", r"O[1,1] = x_{00} k_{00}", "O[1,2]"])
>>> sorted((name, base) for name, (base, _) in bases.items())
[('O', 1), ('\\delta', 1), ('k', 0), ('x', 0)]
>>> mixed_claim(r"\frac{\partial L}{\partial K[m,n]} = \sum_{i,j} \delta_{i,j} I[i + m, j + n]", bases)
'the section counts \\delta from 1 (\\delta_{1,1}) and x from 0 (x_{00})'
>>> mixed_claim(r"\frac{\partial L}{\partial O[1,1]} = \delta_{1,1} f'(O[1,1])", bases, reader_base=1) is None
True
>>> mixed_claim(r"\frac{\partial L}{\partial O[1,1]} = \delta_{1,1} f'(O[1,1])", bases, reader_base=0)
'the section counts \\delta from 1 (\\delta_{1,1}) and the claim was read with its indices from 0'
"""
from __future__ import annotations

import re

# a name (a Latin letter, or a Greek letter's command), an optional superscript label, then a
# pair of digits as a subscript (x_{00}, x_{0,0}, x_{0 0}) or in brackets (O[1,1], O(1,1))
_GREEK = (r"\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|eta|theta|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|"
          r"varphi|chi|psi|omega|Delta|Theta|Phi|Psi|Omega)")
_PAIR = re.compile(r"(?<![A-Za-z\\])(" + _GREEK + r"|[A-Za-z])"
                   r"(?:\s*\^\s*(?:\{[^{}]*\}|\S))?\s*(?:_\s*\{\s*\(?\s*(\d)\s*,?\s*(\d)\s*\)?\s*\}|"
                   r"_\s*\{\s*\(?\s*(\d+)\s*,\s*(\d+)\s*\)?\s*\}|[\[(]\s*(\d+)\s*,\s*(\d+)\s*[\])])")
# a name counted by a superscript pair where it has no subscript (\delta^{11}, \delta^{1,2}), or by
# three subscript digits, a channel's among them (\delta_{111}, x_{100})
_SUP_PAIR = re.compile(r"(?<![A-Za-z\\])(" + _GREEK + r"|[A-Za-z])\s*\^\s*\{\s*(\d)\s*,?\s*(\d)\s*\}(?!\s*_)")
_TRIPLE = re.compile(r"(?<![A-Za-z\\])(" + _GREEK + r"|[A-Za-z])(?:\s*\^\s*(?:\{[^{}]*\}|\S))?\s*"
                     r"_\s*\{\s*(\d)\s*,?\s*(\d)\s*,?\s*(\d)\s*\}")
# the prose saying how a name is counted: "δ is numbered from 1, while I and K are numbered from 0"
_COUNTED = re.compile(r"\b(?:numbered|counted|indexed|index(?:es|ices)?\s+(?:start|begin)s?|start(?:s|ing)?|"
                      r"begin(?:s|ning)?)\s+(?:from|at|with)\s+(0|1|zero|one)\b|\b(0|1|zero|one)[-\s](?:based|indexed)\b",
                      re.I)
_CLAUSE_END = re.compile(r"[.;:!?]\s|\bwhile\b|\bwhereas\b|\bbut\b|\(|\)", re.I)
_UNICODE_GREEK = {"δ": r"\delta", "ε": r"\epsilon", "σ": r"\sigma", "θ": r"\theta", "Δ": r"\Delta", "η": r"\eta"}
_PROSE_NAME = re.compile(r"\$\s*(" + _GREEK + r"|[A-Za-z])\s*(?:\^\s*(?:\{[^{}$]*\}|\S))?\s*\$|"
                         r"(?<![\w$\\])([δεσθΔη]|[B-HJ-Z])(?![\w$])")

# a vector's entries listed from its first: x_1, \dots, x_n; y_0, y_1, \ldots (one index each)
_ENUM = re.compile(r"(?<![A-Za-z\\])(" + _GREEK + r"|[A-Za-z])\s*_\s*\{?\s*([01])\s*\}?\s*,\s*(?:"
                   r"\\(?:l|c)?dots|\.\.\.|…|\1\s*_\s*\{?\s*[12]\s*\}?\s*,\s*(?:\\(?:l|c)?dots|\.\.\.|…))")

# a name with any index at all (a letter or a digit after _ or inside brackets)
_INDEXED = re.compile(r"(?<![A-Za-z\\])(\\[A-Za-z]+|[A-Za-z])(?:\s*\^\s*(?:\{[^{}]*\}|\S))?\s*"
                      r"(?:_\s*\{?\s*[A-Za-z0-9]|\[\s*[A-Za-z0-9])")
_NOT_NAMES = {r"\partial", r"\frac", r"\sum", r"\mathrm", r"\text", r"\operatorname", r"\left", r"\right",
              r"\cdot", r"\max", r"\min", r"\mathbb", r"\mathbf", r"\boldsymbol", r"\prod", r"\ldots",
              r"\dots", r"\cdots", r"\begin", r"\end", r"\quad", r"\qquad", "d"}


def entry_bases(latex: list) -> dict:
    """Each name with pair entries in ``latex``: (0 where one of them holds a 0, 1 where two or
    more are written all from 1 on both axes, else None; its first entry as written)."""
    seen: dict[str, set] = {}
    first: dict[str, str] = {}
    for tex in latex:
        for m in _PAIR.finditer(tex):
            nums = [g for g in m.groups()[1:] if g is not None]
            seen.setdefault(m.group(1), set()).add((int(nums[0]), int(nums[1])))
            first.setdefault(m.group(1), re.sub(r"\s+", "", m.group(0)))
        for m in _SUP_PAIR.finditer(tex):
            seen.setdefault(m.group(1), set()).add((int(m.group(2)), int(m.group(3))))
            first.setdefault(m.group(1), re.sub(r"\s+", "", m.group(0)))
        for m in _TRIPLE.finditer(tex):
            seen.setdefault(m.group(1), set()).add(tuple(int(g) for g in m.groups()[1:]))
            first.setdefault(m.group(1), re.sub(r"\s+", "", m.group(0)))
    bases = {}
    for name, entries in seen.items():
        if any(0 in e for e in entries):     # x_{00} alone is the first entry; x_{11} alone may be the middle one
            base = 0 if len(entries) >= 2 or set(next(iter(entries))[-2:]) == {0} else None
        else:
            base = 1 if len(entries) >= 2 and min(min(e) for e in entries) == 1 else None
        bases[name] = (base, first[name])
    lone = {name: next(iter(e)) for name, e in seen.items() if len(e) == 1}
    if any(set(e[-2:]) == {0} for e in lone.values()):       # δ_{1,1} … I[0,0], δ_{111} … I_{100}: two first entries
        for name, e in lone.items():
            if set(e) == {1}:
                bases[name] = (1, first[name])
    return bases


def counted_bases(math: list, text: str) -> dict:
    r""":func:`entry_bases` of a chapter's maths ``math``, with the names its text says are
    counted from 0 or 1 (:func:`prose_bases`) where its entries do not show it.
    (Names counted only under another heading are not looked up: real pages count a display
    matrix from 1 in one chapter and state 0-based sums in the next, which settle the claim.)

    >>> counted_bases([r"x_{00} + x_{01}"], "δ is numbered from 1.")[r"\delta"]
    (1, 'δ (numbered from 1)')
    """
    return {**prose_bases(text), **entry_bases(math)}


def vector_bases(math: list) -> dict:
    r"""The names whose entries ``math`` lists from the first (``y_1, \dots, y_m``: from 1;
    ``x_0, x_1, \ldots``: from 0), as :func:`entry_bases` gives them: a dense layer's counting.

    >>> vector_bases([r"y_1, \dots, y_m", r"x_0 = 1"])
    {'y': (1, 'y_1, \\dots')}
    """
    found: dict = {}
    for tex in math:
        for m in _ENUM.finditer(tex):
            found.setdefault(m.group(1), (int(m.group(2)), re.sub(r"\s+", " ", m.group(0))))
    return found


def prose_bases(text: str) -> dict:
    r"""The names the prose says are counted from 0 or 1, as :func:`entry_bases` gives them: the
    names in the clause before "numbered from 1" ("the entries of the upstream gradient δ are
    numbered from 1, while I and K are numbered from 0").

    >>> sorted(prose_bases("δ's entries are numbered from 1, while $I$ and K are counted from 0.").items())
    [('I', (0, 'I (counted from 0)')), ('K', (0, 'K (counted from 0)')), ('\\delta', (1, 'δ (numbered from 1)'))]
    """
    found: dict = {}
    for m in _COUNTED.finditer(text):
        base = 0 if (m.group(1) or m.group(2)).lower() in ("0", "zero") else 1
        ends = [e.end() for e in _CLAUSE_END.finditer(text, max(0, m.start() - 300), m.start())]
        clause = text[ends[-1] if ends else max(0, m.start() - 300):m.start()]
        for n in _PROSE_NAME.finditer(clause):
            shown = n.group(1) or n.group(2)
            found.setdefault(_UNICODE_GREEK.get(shown, shown), (base, f"{shown} ({m.group(0)})"))
    return found


def mixed_claim(claim: str, bases: dict, reader_base: int | None = None) -> str | None:
    """Why the index claim ``claim`` is not read in a chapter whose entries ``bases``
    (:func:`entry_bases`) count one name from 1 and another from 0, or None: the chapter is not
    mixed, the claim indexes nothing, or every name it indexes counts from one base the
    chapter shows, the base it was read at (``reader_base``, where known)."""
    counts = {name: base for name, (base, _) in bases.items()}
    names = {m.group(1) for m in _INDEXED.finditer(claim)} - _NOT_NAMES
    counted = {counts.get(n) for n in names}
    ordered = sorted(counts, key=lambda n: n not in names)      # the claim's own names first
    if reader_base in (0, 1) and 1 - reader_base in counted:     # δ_{1,1} … written, read from 0
        n = next(n for n in ordered if n in names and counts[n] == 1 - reader_base)
        return (f"the section counts {n} from {1 - reader_base} ({bases[n][1]}) and the claim was read "
                f"with its indices from {reader_base}")
    if 0 not in counts.values() or 1 not in counts.values():
        return None
    if not names or (len(counted) == 1 and None not in counted and reader_base in (None, *counted)):
        return None
    one, zero = (next(f"{n} from {b} ({bases[n][1]})" for n in ordered if counts[n] == b) for b in (1, 0))
    return f"the section counts {one} and {zero}"


_MATH = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\$([^$\n]+)\$|\\\((.*?)\\\)", re.S)


def chapter_math(part: str) -> list:
    """The math (displays and inline) of a chapter's text ``part`` (HTML comments already left
    out, :meth:`symbp.check.real_docs.NamesTracker.chapter_text`)."""
    return [next(g for g in m.groups() if g is not None) for m in _MATH.finditer(part)]
