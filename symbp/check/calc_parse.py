r"""A reader for the scalar index expressions of real softmax / cross-entropy / sigmoid derivations:
exp, log, fractions, powers, sums, Kronecker deltas, ``\begin{cases}``, σ / tanh and named
activations (σ_h, :mod:`symbp.check.calc_activations`), and partial derivatives *inside* an
expression (``\frac{\partial L}{\partial p_j} \frac{\partial p_j}{\partial a_i}``, ``\frac{\partial}{\partial p_j}(-y_j \log p_j)``).

It builds a small tree of tuples and never evaluates text:
* ``("num", Rational)``, ``("ref", name, (index, ...))`` (an index: ``(coefficient, letter or None)`` terms: ``i+1`` is ``((1, "i"), (1, None))``),
* ``("add", [t, ...])``, ``("mul", [f, ...])``, ``("neg", t)``, ``("div", a, b)``,
  ``("pow", base, exponent_tree)``, ``("fn", "exp"|"log"|"sigma"|"sigma'"|"tanh", arg)``,
* ``("sum", letter, condition, body)``, condition ``None``, ``("ne", letter)`` or ``("range", lo, hi)`` (hi a Rational or None),
* ``("delta", index, index)``, ``("partial", numerator_tree, wrt_ref)``; a definition's tree may also be ``("unread", why, row)``
  (:func:`symbp.check.calc_directive.unread_stand_ins`: a row the page writes that no reader takes; it has no value),
  ``("cases", [(tree, condition), ...])`` with condition ``("eq"|"ne", a, b)`` or None.

>>> parse_expression(r"p_k(\delta_{ik} - p_i)")[0]
'mul'
>>> parse_expression(r"\frac{\partial L}{\partial o_k}")[0]
'partial'
"""
from __future__ import annotations

import re

import sympy as sp

from .calc_activations import LETTERS as ACTIVATION_LETTERS, named_call
from .calc_tokens import IF_WORDS, bracket_indices, tokens, word_name
from .calc_tree import free_letters
from .calc_indices import (HYPERBOLIC, CalcParseError, comma_groups, hyperbolic, dot_products, index_terms, indicator, size_word, softmax_entry,  # noqa: F401
                           squared_norm)

FUNCTIONS = {"\\exp": "exp", "\\log": "log", "\\ln": "log", "\\sigma": "sigma", "\\tanh": "tanh",
             "\\cosh": "cosh", "\\sinh": "sinh"}
_TIMES = {"\\cdot", "\\times", "\\odot", "\\circ", "*"}
_ACCENTS = {"\\hat", "\\bar", "\\tilde", "\\vec", "\\mathbf", "\\boldsymbol", "\\bold", "\\bm", "\\mathcal"}
_GREEK = {"\\ell", "\\alpha", "\\beta", "\\gamma", "\\theta", "\\phi", "\\psi", "\\omega",
          "\\mu", "\\nu", "\\eta", "\\xi", "\\zeta", "\\lambda", "\\rho", "\\tau", "\\epsilon",
          "\\varepsilon", "\\kappa", "\\chi", "\\varphi", "\\vartheta"}
_TRANSPOSE = ("T", "\\top", "\\intercal")
_TEXT_FUNCTIONS = {"\\text:exp": "exp", "\\text:log": "log", "\\text:ln": "log", "\\text:sech": "sech",
                   "\\text:cosh": "cosh", "\\text:sinh": "sinh"}
_STOP = {"+", "-", "=", ")", "}", "]", "&", "\\\\", "\\end", ",", "/"}


def parse_expression(latex: str):
    """The tree of one side (see the module docstring); CalcParseError when not read."""
    parser = _Parser(bracket_indices(tokens(latex)))
    tree = parser.expr()
    if parser.pos != len(parser.toks):
        raise CalcParseError(f"'{' '.join(parser.toks[parser.pos:parser.pos + 4])}' is not read here")
    return tree


def parse_list(latex: str):
    """The entries of a written vector ``[a, b, c]`` (or ``\\left[…\\right]``) as trees, or None
    when ``latex`` is not one.

    >>> len(parse_list(r"[e^{y_1} \\cdot \\frac{1}{S}, e^{y_2} \\cdot \\frac{1}{S}]"))
    2
    """
    toks = tokens(latex)
    if len(toks) < 2 or toks[0] != "[" or toks[-1] != "]":
        return None
    parts, depth, cur = [], 0, []
    for tok in toks[1:-1]:
        depth += tok in ("{", "(", "[")
        depth -= tok in ("}", ")", "]")
        if depth < 0:
            return None
        if tok == "," and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(tok)
    parts.append(cur)
    if len(parts) < 2 or any(not p for p in parts):
        return None
    out = []
    for part in parts:
        parser = _Parser(part)
        out.append(parser.expr())
        if parser.pos != len(part):
            return None
    return out


class _Parser:
    def __init__(self, toks):
        self.toks, self.pos = toks, 0

    def peek(self, k=0):
        return self.toks[self.pos + k] if self.pos + k < len(self.toks) else None

    def take(self, want=None):
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise CalcParseError(f"expected {want or 'more'} at '{tok}'")
        self.pos += 1
        return tok

    def expr(self):
        terms = [self.term()]
        while self.peek() in ("+", "-"):
            sign = self.take()
            t = self.term()
            terms.append(("neg", t) if sign == "-" else t)
        return terms[0] if len(terms) == 1 else ("add", terms)

    def term(self):
        if self.peek() in ("+", "-"):
            sign = self.take()
            t = self.term()
            return ("neg", t) if sign == "-" else t
        factors = [self.factor()]
        while self.peek() is not None and (self.peek() not in _STOP or self.peek() == "/") and not \
                (str(self.peek()).startswith("\\text:") and self.peek() not in _TEXT_FUNCTIONS
                 and self.peek() != "\\text:softmax" and not word_name(self.peek(), self.peek(1))) \
                and self.peek() != "\\end":
            if self.peek() in _TIMES:
                self.take()
                if self.peek() in ("+", "-"):         # a \times -b c: a sign, not a difference
                    sign = self.take()
                    factors.append(("neg", self.factor()) if sign == "-" else self.factor())
                continue
            if self.peek() in ("/", "\\oslash"):     # a / b inside a term; a ⊘ b entrywise
                self.take()
                done = factors[0] if len(factors) == 1 else ("mul", factors)
                factors = [("div", done, self.factor())]
                continue
            factors.append(self.factor())
        factors = dot_products(self, factors)          # w^T x: Σ_κ w_κ x_κ
        return factors[0] if len(factors) == 1 else ("mul", factors)

    def group(self):
        """A ``{…}`` group or one token, as an expression."""
        if self.peek() == "{":
            self.take("{")
            t = self.expr()
            self.take("}")
            return t
        return self.factor(power=False)

    def factor(self, power=True):
        base = self.atom()
        while power and self.peek() == "^":
            self.take()
            if self.peek() in _TRANSPOSE or (self.peek() == "{" and self.peek(1) in _TRANSPOSE
                                             and self.peek(2) == "}"):
                self.pos += 1 if self.peek() in _TRANSPOSE else 3      # a^T, a^\top, a^{\top}
                base = ("transpose", base)
                continue
            base = ("pow", base, self.group())
        return base

    def atom(self):
        tok = self.peek()
        if tok is None:
            raise CalcParseError("an expression ends too early")
        if tok in ("1", "\\mathbb", "\\mathbf", "\\mathds") and indicator(self):
            return indicator(self, take=True)
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            self.take()
            return ("num", sp.Rational(tok))
        if tok == "[" and self.peek(2) in ("=", "\\neq", "\\ne") and self.peek(4) == "]" and \
                all(re.fullmatch(r"[a-z]", self.peek(n) or "") for n in (1, 3)):      # [i = j]: Iverson's bracket
            self.pos += 5
            delta = ("delta", ((1, self.toks[self.pos - 4]),), ((1, self.toks[self.pos - 2]),))
            return delta if self.toks[self.pos - 3] == "=" else ("add", [("num", sp.Integer(1)), ("neg", delta)])
        if tok in ("(", "[", "{"):
            close = {"(": ")", "[": "]", "{": "}"}[tok]
            self.take()
            inner = self.expr()
            self.take(close)
            return inner
        if tok in ("\\frac", "\\dfrac", "\\tfrac"):
            return self.fraction()
        if tok in ("e", "\\text:e") and self.peek(1) == "^":          # e^{z_j}: Euler's number
            self.take()
            self.take("^")
            return ("fn", "exp", self.group())
        if tok == "\\partial":
            return self.slash_partial()
        if tok == "\\nabla" and self.peek(1) == "_":            # \nabla_{\mathbf z} L: ∂L/∂z
            self.pos += 2
            wrt = self.group()
            return ("partial", self.factor(power=False), wrt)
        if tok in ("\\text:diag", "\\text:Diag") and self.peek(1) == "(":
            self.pos += 2
            inner = self.expr()
            self.take(")")
            return ("diag", inner)
        if tok == "\\sum":
            return self.summation()
        if tok in ("\\|", "\\lVert") or (tok == "|" and self.peek(1) == "|"):
            return squared_norm(self)              # \|a - y\|^2: Σ_κ (a_κ - y_κ)^2
        if tok == "\\begin":
            return self.cases()
        if tok in ACTIVATION_LETTERS and (call := named_call([self.peek(n) for n in range(12)])):
            self.pos += call[0]                 # σ_h(z_1), σ_o'(z_2): an activation of its own
            return ("fn", call[1], self.atom())
        if tok == "\\sigma" and self.peek(1) == "_":      # σ_i: an entry of a vector σ a section
            return self.reference()                      # defines (σ_i(z) = e^{z_i}/Σ_j e^{z_j})
        if tok in FUNCTIONS or tok in _TEXT_FUNCTIONS:
            return self.function()
        if tok == "\\text:softmax" and self.peek(1) == "(":
            return softmax_entry(self, _ACCENTS)
        if tok == "\\delta" and self.peek(1) == "_":
            self.take()
            self.take("_")
            idx = self.indices()
            if len(idx) != 2:
                raise CalcParseError("a Kronecker delta with other than two indices")
            return ("delta", idx[0], idx[1])
        return self.reference()

    def function(self):
        tok = self.take()
        name = FUNCTIONS.get(tok) or _TEXT_FUNCTIONS[tok]
        power = None
        if self.peek() == "^" and self.peek(1) == "{" and self.peek(2) == "(":    # σ^{(2)}: a derivative's order
            raise CalcParseError(f"{tok}^{{(n)}}, a derivative of order n, is not read")
        if self.peek() == "^":             # \tanh^2(z)
            self.take()
            power = self.group()
        if self.peek() == "'":
            self.take()
            name += "'"
        if name == "log" and self.peek() == "_":
            raise CalcParseError("a logarithm with a base")
        arg = self.factor(power=False) if self.peek() != "(" else self.atom()
        if arg[0] == "num" and re.fullmatch(r"[A-Za-z]|\\(?:alpha|beta|gamma|theta|lambda|mu|omega|phi|psi)", str(self.peek())):
            arg = ("mul", [arg, self.factor(power=False)])     # \cosh 2x, \tanh 2z: the function of 2x, as written
        out = ("fn", name, arg)
        if name.rstrip("'") in HYPERBOLIC:             # \cosh^2 x, \textrm{sech}^2 x: in exponentials
            out = hyperbolic(name, arg)
        return ("pow", out, power) if power is not None else out

    def fraction(self):
        self.take()
        self._delta_as_partial()
        self._d_as_partial()
        negated = self.peek() == "{" and self.peek(1) == "-" and self.peek(2) == "\\partial"
        if negated:                        # \frac{- \partial f}{\partial x}
            self.pos += 1
            self.toks = self.toks[:self.pos] + self.toks[self.pos + 1:]
            self.pos -= 1
        if self.peek() == "{" and self.peek(1) == "\\partial":
            self.take("{")
            self.take("\\partial")
            if self.peek() == "^":
                raise CalcParseError("second derivatives are not read")
            numerator = None if self.peek() == "}" else self.expr()
            self.take("}")
            self.take("{")
            factor = self._factor_before_partial()     # \frac{\partial a_j}{a_j \partial z_i}
            self.take("\\partial")
            wrt = self._braced_reference()
            self.take("}")
            if numerator is None and factor is None:   # \frac{\partial}{\partial x} (…): the next factor
                numerator = self.factor()
            elif numerator is None:
                raise CalcParseError("an operator with a factor before its ∂ is not read")
            tree = ("partial", numerator, wrt) if factor is None else ("div", ("partial", numerator, wrt), factor)
            return ("neg", tree) if negated else tree
        num = self.group()
        den = self.group()
        return ("div", num, den)

    def _factor_before_partial(self):
        """``a_j`` of a denominator ``{a_j \\partial z_i}``: (1/a_j) ∂/∂z_i, the shorthand for ∂ log a_j;
        None when the denominator starts with ∂."""
        end = self.pos
        while end < len(self.toks) and self.toks[end] not in ("\\partial", "{", "}"):
            end += 1
        if end == self.pos or self.peek(end - self.pos) != "\\partial":
            return None
        inner = _Parser(self.toks[self.pos:end])
        factor = inner.term()
        if inner.pos != len(inner.toks):
            raise CalcParseError("a denominator before its ∂ not read")
        self.pos = end
        return factor

    def _delta_as_partial(self):
        """``\\frac{\\delta L}{\\delta y_1}``: δ written for ∂ in both parts of a fraction (not
        ``δ_j`` or ``δ^l``, an error term) is read as ∂."""
        self._as_partial(("\\delta",), ("_", "^", "}"), ("_", "^", "}"))

    def _d_as_partial(self):
        """``\\frac{dJ}{dp}``, ``\\frac{d}{dz}``: an upright or italic d opening both parts of
        a fraction, the denominator's followed by a name, is read as ∂ (one-variable calculus
        and partials agree where the reader applies: every name is a leaf or a definition)."""
        self._as_partial(("d", "\\text:d"), ("_", "^"), ("_", "^", "}"))

    def _as_partial(self, marks, not_after_top, not_after_bottom):
        """A fraction here whose numerator and denominator open with one of ``marks`` (not
        followed by ``not_after_…``), those marks written ∂."""
        if self.peek() != "{" or self.peek(1) not in marks or self.peek(2) in not_after_top:
            return
        depth, k = 0, self.pos
        while k < len(self.toks):
            depth += self.toks[k] == "{"
            depth -= self.toks[k] == "}"
            k += 1
            if depth == 0:
                break
        if k + 2 < len(self.toks) and self.toks[k] == "{" and self.toks[k + 1] in marks and \
                self.toks[k + 2] not in not_after_bottom:
            self.toks = self.toks[:self.pos + 1] + ["\\partial"] + self.toks[self.pos + 2:k + 1] + \
                ["\\partial"] + self.toks[k + 2:]

    def _braced_reference(self):
        """``o_i`` or ``{o_i}`` (``\\partial{o_i}``): the variable of a derivative."""
        if self.peek() != "{":
            return self.reference()
        self.take("{")
        ref = self.reference()
        self.take("}")
        return ref

    def slash_partial(self):              # \partial L / \partial o_k
        self.take("\\partial")
        numerator = self.reference()
        self.take("/")
        self.take("\\partial")
        return ("partial", numerator, self.reference())

    def summation(self):
        self.take("\\sum")
        top = None
        if self.peek() == "^":                   # \sum^{nclass}_{c}: the bound written first
            self.take()
            top = self._braced_tokens()
        if self.peek() != "_" and top is None:       # \sum (x_i - \mu): over its body's one free index
            body = self.term()
            (var,) = free_letters(body) if len(free_letters(body)) == 1 else (None,)
            if var is None:
                raise CalcParseError("a sum without its index")
            return ("sum", var, None, body)
        if self.peek() != "_":
            raise CalcParseError("a sum without its index")
        self.take("_")
        sub = self._braced_tokens()
        if top is None and self.peek() == "^":
            self.take()
            top = self._braced_tokens()
        hi = None
        if top is not None:
            hi = sp.Rational(top[0]) if len(top) == 1 and top[0].isdigit() else size_word(top) or None
        if not sub or not re.fullmatch(r"[a-z]", sub[0]):
            raise CalcParseError("a sum whose index is not one letter")
        var, rest = sub[0], sub[1:]
        skip = rest[-3:] if len(rest) >= 4 and rest[-4] == "," and rest[-3] == var and rest[-2] in (
            "\\neq", "\\ne") and re.fullmatch(r"[a-z]", rest[-1]) else None      # \sum_{j=1, j \neq i}^q
        rest = rest[:-4] if skip else rest
        if not rest:
            cond = None
        elif rest[0] in ("\\neq", "\\ne") and len(rest) == 2 and re.fullmatch(r"[a-z]", rest[1]):
            cond = ("ne", rest[1])
        elif rest[0] == "=" and len(rest) == 2 and rest[1].isdigit():
            cond = ("range", sp.Rational(rest[1]), hi)
        else:
            raise CalcParseError(f"a sum range '{' '.join(sub)}' is not read")
        if cond is None and hi is not None:
            cond = ("range", sp.Rational(1), hi)
        if cond and cond[0] == "range" and isinstance(cond[2], list):   # \sum_{k=1}^{N}, \sum_{k=0}^{N-1}:
            whole = {1: 1, 0: 3}.get(int(cond[1]))                     # the whole axis, N its length;
            top = cond[2]                                               # any other letter bound unread
            if whole is None or len(top) != whole or not re.fullmatch(r"[A-Za-z]+", top[0]) or \
                    (whole == 3 and top[1:] != ["-", "1"]):
                raise CalcParseError(f"a sum from {cond[1]} to {' '.join(top)}: not the whole axis "
                                     f"(from 1 to its length, or 0 to its length - 1)")
            cond = ("range", cond[1], None)
        if skip and cond not in (None, ("range", 1, None)):
            raise CalcParseError("a sum that skips one index over part of its axis is not read")
        return ("sum", var, ("ne", skip[2]) if skip else cond, self.term())

    def _braced_tokens(self):
        if self.peek() != "{":
            return [self.take()]
        self.take("{")
        depth, out = 1, []
        while True:
            tok = self.take()
            depth += tok == "{"
            depth -= tok == "}"
            if depth == 0:
                return out
            out.append(tok)

    def cases(self):
        self.take("\\begin")
        if "".join(self._braced_tokens()) != "cases":
            raise CalcParseError("an environment other than cases")
        rows = []
        while self.peek() != "\\end":
            value = self.expr()
            cond = None
            if self.peek() == "," and self.peek(1) == "&":      # e^{z_i}, & \text{if } i = j
                self.take()
            if self.peek() == "&":
                self.take()
                cond = self._condition()
            rows.append((value, cond))
            if self.peek() == "\\\\":
                self.take()
        self.take("\\end")
        self._braced_tokens()
        return ("cases", rows)

    def _condition(self):
        words = []
        while self.peek() not in ("\\\\", "\\end", None):
            words.append(self.take())
        text = " ".join(re.sub(r"^" + IF_WORDS + r"(?=[a-z](?:=|!=|\\ne))", "", w[6:].replace("$", "")) if w.startswith("\\text:") else w for w in words)   # \text{if k = y}
        m = re.search(r"\b([a-z])\s*(=|\\neq|\\ne|!=)\s*([a-z])\b", text.replace("\\neq", " \\neq "))
        if m:
            return ("eq" if m.group(2) == "=" else "ne", m.group(1), m.group(3))
        if "otherwise" in text or "else" in text:
            return ("otherwise",)
        raise CalcParseError(f"a case condition '{text}' is not read")

    def reference(self):
        tok = self.take()
        if tok in _ACCENTS:
            inner = self._braced_tokens()
            name = tok[1:] + " " + "".join(inner)
        elif tok in _GREEK or re.fullmatch(r"[A-Za-z]", tok) or (tok == "\\sigma" and self.peek() == "_"):
            name = tok.lstrip("\\")
        elif tok.startswith("\\name:"):              # σ^2_B, μ_B (calc_stat_tokens): one name
            name = tok[6:]
        elif word_name(tok, self.peek()):            # net_{h1}, out_{o1}: one scalar
            return ("ref", f"{tok[6:]}_{self._plain_label()}", ())
        else:
            raise CalcParseError(f"'{tok}' is not read here")
        idx: tuple = ()
        label = self._word_label()                  # y_{\text{pred}, i}: the name y_pred, entry i
        if label is not None:
            name, idx = f"{name}_{label[0]}", label[1]
        for _ in range(2):
            if self.peek() == "_" and not idx:
                self.take()
                idx = self.indices()
            elif self.peek() == "^" and (self._layer_tag() or name != "e" and self._numbered_tag()):
                self.take()
                name += "^" + "".join(self._braced_tokens())
        return ("ref", name, idx)

    def _plain_label(self) -> str:
        """The label after a word's ``_`` (``{h1}``, ``{o_1}``, ``1``), consumed."""
        return self.take("_") and "".join(t for t in self._braced_tokens() if re.fullmatch(r"[A-Za-z0-9]+", t))

    def _word_label(self):
        """``_{\\text{pred}}``, ``_\\text{pred}``, ``_{\\mathrm{out}, i}``: a word that labels the
        name (part of it), with the indices written after a comma: (word, indices), else None."""
        if self.peek() != "_":
            return None
        braced = self.peek(1) == "{"
        word = self.peek(2) if braced else self.peek(1)
        if not str(word).startswith("\\text:") or not re.fullmatch(r"[A-Za-z]{2,}", word[6:]):
            return None
        self.take("_")
        if not braced:
            self.take()
            return word[6:], ()
        toks = self._braced_tokens()[1:]
        if toks and toks[0] != ",":
            raise CalcParseError(f"a label '{word[6:]}' followed by '{''.join(toks)}'")
        rest = toks[1:]
        return word[6:], (tuple(index_terms(g) for g in comma_groups(rest)) if rest else ())

    def _layer_tag(self):
        nxt = self.peek(1)
        if nxt == "{":
            inner = []
            k = 2
            while self.peek(k) not in ("}", None):
                inner.append(self.peek(k))
                k += 1
            return any(re.fullmatch(r"[A-Za-z]", t) for t in inner)
        return nxt is not None and re.fullmatch(r"[A-Za-z]", nxt) is not None and nxt not in "T"

    def _numbered_tag(self):
        """``^{[3]}``, ``^{(2)}``: a number in brackets or parentheses labels a layer or a sample,
        never a power (a power is written ``^{2}``)."""
        inner = [self.peek(k) for k in range(2, 7)]
        return self.peek(1) == "{" and inner[0] in ("[", "(") and bool(re.fullmatch(r"\d+", str(inner[1]))) and \
            inner[2] == {"[": "]", "(": ")"}[inner[0]] and inner[3] == "}"

    def indices(self):
        toks = self._braced_tokens()
        if any(t in ("\\neq", "\\ne", "=") for t in toks):
            raise CalcParseError("a condition where indices are expected")
        if "," in toks:
            groups = comma_groups(toks)
        elif any(t in ("+", "-") for t in toks):
            groups = [toks]
        else:
            groups = [[t] for t in toks]
        return tuple(index_terms(g) for g in groups)
