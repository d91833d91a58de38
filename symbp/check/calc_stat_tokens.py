r"""Token spellings of normalisation derivations (batch norm, layer norm) for the scalar-layer
reader, rewritten into the forms :mod:`symbp.check.calc_parse` reads; nothing is evaluated.

* ``\sigma^2``, ``\sigma^{2}_B``, ``\sigma_B^2`` with no argument after them: one name, the variance
  (``\name:sigma^2_B``); ``\sigma^2(z)`` stays the square of σ applied to z; ``(\sigma)^2`` the name
  ``sigma²``, σ squared where σ is defined, else the variance σ² (``calc_vector.squared_name``);
* a Greek letter labelled by one capital (``\mu_B``, ``\sigma_B``), by ``\mathcal{B}`` or by ``\beta``
  (``\mu_\beta``): one name, the batch's;
* ``\sqrt{…}``: ``(…)^{1/2}`` (``\sqrt[n]`` is left alone, and not read);
* ``\Sigma`` with limits that name an index (``\Sigma^m_{i=1}``): a sum;
* ``\part``: ``\partial`` (a common macro of that name);
* ``\hat{x_i}``: ``\hat{x}_i``, the accent on the letter and the index after it;
* ``\vec{1}``, ``\mathbf{1}`` with no subscript or bracket after it (no indicator): 1, a vector
  of ones in an entrywise product;
* ``\sigma`` alone before an operator or a closing bracket (``\frac{X_i - \mu}{\sigma}``): a
  name, the standard deviation; ``\sigma(z)``, ``\sigma'`` and ``\sigma_h`` are not touched;
* ``X'_i``: the name X' (a letter primed, then its index);
* ``\text{rstd}``, ``\mathrm{var}``: a statistic a normalisation names in a word (``_STAT_WORDS``),
  one name, where nothing is applied to it and it labels nothing (``\mathrm{Var}(x)`` and
  ``x_{\text{mean}}`` are not touched).

>>> " ".join(stat_tokens(r"\frac x { \sqrt { \sigma ^ 2 _ B + \epsilon } }".split()))
'\\frac x { ( \\name:sigma^2_B + \\epsilon ) ^ { 1 / 2 } }'
>>> " ".join(stat_tokens(r"\hat { x _ i } - \mu _ B".split()))
'\\hat { x } _ { i } - \\name:mu_B'
>>> " ".join(stat_tokens(r"\sigma ^ 2 ( z )".split()))
'\\sigma ^ 2 ( z )'
>>> stat_tokens(["\\text:rstd", "^", "3"]), stat_tokens(["x", "_", "{", "\\text:mean", "}"])[3]
(['\\name:rstd', '^', '3'], '\\text:mean')
"""
from __future__ import annotations

import re

_GREEK = {"\\mu", "\\sigma", "\\nu", "\\beta", "\\gamma", "\\lambda", "\\rho", "\\tau", "\\theta"}
_ACCENTS = {"\\hat", "\\bar", "\\tilde"}
_CALLS = {"(", "\\left", "'", "^"}
_CLOSERS = {"=", "+", "-", "}", ")", "]", "\\cdot", "\\times", "/", "&", "\\\\", ","}
_AFTER_INDICATOR = {"_", "[", "(", "\\{", "\\left", "^"}
# the words a normalisation's code and notes name its statistics with (rstd: 1/√(σ² + ε), Triton's)
_STAT_WORDS = {"rstd", "invstd", "istd", "std", "var", "mean", "rms"}


def _braced(toks, k):
    """(the tokens of the group at ``k`` (one token or ``{…}``), the position after it), or
    (None, k) where the group does not close."""
    if k >= len(toks):
        return None, k
    if toks[k] != "{":
        return [toks[k]], k + 1
    depth = 0
    for end in range(k, len(toks)):
        depth += toks[end] == "{"
        depth -= toks[end] == "}"
        if depth == 0:
            return toks[k + 1:end], end + 1
    return None, k


def _label(group):
    r"""The batch's label a statistic's subscript ``group`` writes: one capital (``B``), the batch set
    ``\mathcal{B}``, or B in Greek (``\beta``, as some notes write ``\mu_\beta``); else None."""
    if group is not None and len(group) == 1 and re.fullmatch(r"[A-Z]", group[0]):
        return group[0]
    if group == ["\\mathcal", "{", "B", "}"] or group == ["\\mathcal", "B"]:
        return "B"
    return "beta" if group == ["\\beta"] else None


def _squared(group) -> bool:
    return group == ["2"]


def stat_tokens(toks: list) -> list:
    """``toks`` with the spellings of the module docstring rewritten."""
    out, k = [], 0
    while k < len(toks):
        tok = toks[k]
        if tok == "\\part":
            out.append("\\partial")
            k += 1
            continue
        if tok == "\\Sigma" and k + 1 < len(toks) and toks[k + 1] in ("^", "_"):
            first, nxt = _braced(toks, k + 2)
            second = None
            if nxt < len(toks) and toks[nxt] in ("^", "_") and toks[nxt] != toks[k + 1]:
                second, _ = _braced(toks, nxt + 1)
            lower = first if toks[k + 1] == "_" else second
            if lower and "=" in lower:
                out.append("\\sum")
                k += 1
                continue
        if tok == "\\sqrt" and k + 1 < len(toks) and toks[k + 1] == "{":
            inner, end = _braced(toks, k + 1)
            if inner is not None:
                out += ["("] + stat_tokens(inner) + [")", "^", "{", "1", "/", "2", "}"]
                k = end
                continue
        if tok in _ACCENTS and k + 1 < len(toks) and toks[k + 1] == "{":
            inner, end = _braced(toks, k + 1)
            if inner is not None and len(inner) >= 3 and re.fullmatch(r"[A-Za-z]", inner[0]) and inner[1] == "_":
                index, stop = _braced(inner, 2)
                if index is not None and stop == len(inner):
                    out += [tok, "{", inner[0], "}", "_", "{"] + index + ["}"]
                    k = end
                    continue
        if tok in ("\\vec", "\\mathbf") and toks[k + 1:k + 4] == ["{", "1", "}"] and \
                (k + 4 >= len(toks) or toks[k + 4] not in _AFTER_INDICATOR):
            out.append("1")                          # Σ_i g_i · \vec{1}: a vector of ones, entrywise
            k += 4
            continue
        if tok == "(" and toks[k + 1:k + 4] == ["\\sigma", ")", "^"]:
            power, end = _braced(toks, k + 4)
            if _squared(power) and (end >= len(toks) or toks[end] not in _CALLS):
                out.append("\\name:sigma²")             # (\sigma)^2: σ squared, or the variance σ² (calc_vector)
                k = end
                continue
        if tok == "\\sigma" and (k + 1 == len(toks) or toks[k + 1] in _CLOSERS):
            out.append("\\name:sigma")               # x̂ = (x - μ)/σ: σ a name, nothing applied
            k += 1
            continue
        if re.fullmatch(r"[A-Za-z]", tok) and toks[k + 1:k + 3] == ["'", "_"] and (k == 0 or toks[k - 1] not in ("_", "^")):
            out.append("\\name:" + tok + "'")        # X'_i: the name X', entry i
            k += 2
            continue
        if tok.startswith("\\text:") and tok[6:] in _STAT_WORDS and (k + 1 == len(toks) or toks[k + 1] not in ("(", "\\left")) \
                and (k == 0 or toks[k - 1] not in ("_", "^")) and not (k >= 2 and toks[k - 1] == "{" and toks[k - 2] in ("_", "^")):
            out.append("\\name:" + tok[6:])            # rstd = (σ² + ε)^{-1/2}: one name
            k += 1
            continue
        if tok in _GREEK:
            name, end = _stat_name(toks, k)
            if name:
                out.append("\\name:" + name)
                k = end
                continue
        out.append(tok)
        k += 1
    return out


def _stat_name(toks, k):
    """(name, end) for ``\\sigma^2``, ``\\sigma^2_B``, ``\\sigma_B^2``, ``\\mu_B`` at ``k``, or
    (None, k)."""
    letter = toks[k].lstrip("\\")
    square, label, pos = False, "", k + 1
    for _ in range(2):
        if pos < len(toks) and toks[pos] == "^" and not square and letter == "sigma":
            group, after = _braced(toks, pos + 1)
            if not _squared(group):
                return None, k
            square, pos = True, after
        elif pos < len(toks) and toks[pos] == "_" and not label:
            group, after = _braced(toks, pos + 1)
            label, pos = _label(group), after
            if label is None:
                return None, k
    if not square and not label:
        return None, k
    if pos < len(toks) and toks[pos] in _CALLS:      # σ^2(z), σ_B': a function or a power after all
        return None, k
    name = letter + ("^2" if square else "") + (f"_{label}" if label else "")
    return name, pos


__all__ = ["stat_tokens"]
