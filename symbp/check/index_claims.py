r"""Index-notation claims, read in the document's own names and checked entry by entry.

``\frac{\partial E}{\partial x_{ij}} = \sum_m \sum_n \delta_{mn} w_{i-m,j-n}`` is read by a
tokenizer and a small recursive-descent parser into a tree (nothing from the document is
evaluated, sympified or parsed by SymPy); every free index is instantiated over the range of
the tensor it indexes, every sum runs over its written bounds or, with none written, over
where its tensors exist (zero outside), and both sides become SymPy polynomials in the
layer's entries, compared exactly with ``expand(lhs - rhs) == 0``.  A sum whose written
bounds reach an entry that does not exist is refuted with that index named.

The layer (which letter is the input, the kernel, the output, the loss) comes from
:mod:`symbp.check.doc_names`; the derived side is the chain rule applied to the document's own
forward pass at the section's sizes (``∂L/∂x_e = Σ_o g_o ∂z_o/∂x_e`` with ``g`` the output's
gradient), so a claim holds only if it equals what the forward implies.  Example::

    >>> parse(r"\frac{\partial E}{\partial x_{ij}}")
    Grad(ref=Ref(name='x', label=None, idx=(Ref(name='i', label=None, idx=None), Ref(name='j', label=None, idx=None))))

Evaluation is in :mod:`symbp.check.index_eval`.
"""
from __future__ import annotations

import re

import sympy as sp

from .index_indicators import indicator_follows, read_indicator
from .index_tree import (ZERO_TENSOR, _CONVOLVE, _GREEK, _NAMED, _PRODUCT, LOSSES, Grad, bound_name, IndexError_, Jac, _product, paren_groups, read_nabla,  # noqa: F401
                         INDEX_GREEK, TENSOR_GREEK, Op, OutOfRange, Ref, Sum, _index_name, _join_names, free_vars, label_and_transpose, label_offset, names_in,
                         power_follows, tokenize, transpose_follows)
from .doc_maxpool import indicator, read_max
from .index_cases import bound_relation
from .written_entries import written_scalar
from .given_values import written_decimal
from .layer_activations import ACTIVATION_WORDS
from .dotted_matrix import read_matrix
from .index_subscripts import (bracket_index, comma_index_words, index_names, joined_sum_names, juxtaposed_indices,
                               spell_index_words)
from .index_operators import d_as_partial, substack_rows, escaped_group, ones_block, operator_shape, solved_sum, sum_condition, floor_group, read_conv2, read_named_operator, read_operator, read_rot

# a lone lower-case e differentiated by an entry, ∂e/∂x_{uv}, is the error (the loss) where the
# section names no tensor e (BrightLamp's e = forward(Y); Chinese posts' 误差 e)
SCALAR_ERRORS = frozenset({"e"})


# activations written as words, \mathrm{ReLU}'(z), \text{sigmoid}(z): the layer's activation, as σ, f, g
WORD_ACTIVATIONS = {r"\N" + w for w in ACTIVATION_WORDS} | {r"\tanh"}


class Parser:
    """Recursive descent over :func:`tokenize`'s tokens."""

    def __init__(self, tokens: list[str], tensor_names=(), losses=None):
        self.t, self.i, self.tensors = tokens, 0, set(tensor_names)
        self.losses = LOSSES if losses is None else losses

    def peek(self, k: int = 0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def take(self, want=None):
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise IndexError_(f"expected {want or 'more'} near '{''.join(self.t[self.i:self.i + 6])}'")
        self.i += 1
        return tok

    def done(self) -> bool:
        return self.i >= len(self.t)

    # ---- expressions
    def expr(self):
        terms = []
        sign = 1
        if self.peek() in ("+", "-"):
            sign = -1 if self.take() == "-" else 1
        terms.append(self.term() if sign > 0 else Op("neg", (self.term(),)))
        while self.peek() in ("+", "-"):
            op = self.take()
            t = self.term()
            terms.append(t if op == "+" else Op("neg", (t,)))
        return terms[0] if len(terms) == 1 else Op("add", tuple(terms))

    def term(self):
        factors = [self.factor()]
        while True:
            tok = self.peek()
            if tok is None or tok in ("+", "-", ")", "}", "]", ",", "=", "&", r"\\", r"\rfloor", r"\}") or \
                    tok == r"\quad":
                break
            if tok in _PRODUCT:
                self.take()
                continue
            if tok in _CONVOLVE or tok == r"\odot":
                self.take()
                shape = operator_shape(self) if tok in _CONVOLVE else None   # *_{full}, \ast_{\text{valid}}
                block = ones_block(self) if tok == r"\otimes" and shape is None else None
                if block is not None:                 # δ ⊗ 1_{2×2}: the Kronecker product
                    factors = [Op("up", (_product(factors),) + block)]
                    continue
                right = self.factor()
                left = factors[-1]
                if tok == "*" and (all(isinstance(f, Ref) and f.idx for f in (left, right))
                                   or (written_scalar(_product(factors)) and written_scalar(right))):
                    factors.append(right)             # a_{11}*w_{11}, ∂E/∂Y_{11} * Z_{11}: a product of entries
                    continue
                kind = "hadamard" if tok == r"\odot" else _CONVOLVE[tok]
                if shape is not None:
                    factors = [Op(kind, (_product(factors), right, shape))]
                    continue
                run = self.juxtaposed() if kind == "hadamard" else []
                factors = [Op("odot_run", (_product(factors), right, _product(run)) if run else       # A ⊙ B C, A B ⊙ C
                              (factors[-1], right, None, _product(factors[:-1]))) if run or kind == "hadamard" and
                           len(factors) > 1 else Op(kind, (_product(factors), right))]
                continue
            if tok == "/":
                self.take()
                factors = [Op("div", (_product(factors), self.factor()))]
                continue
            factors.append(self.factor())
        return _product(factors)

    def juxtaposed(self) -> list:
        """The factors written side by side after ``A ⊙ B`` (``σ'(z) ⊙ W^T δ``), up to the next
        operator: which of ``(A ⊙ B) C`` and ``A ⊙ (B C)`` the author means is the evaluator's."""
        run = []
        while (tok := self.peek()) is not None and tok not in ("+", "-", ")", "}", "]", ",", "=", "&", r"\\",
                                                               r"\rfloor", r"\}", r"\quad", "/", r"\odot") \
                and tok not in _CONVOLVE:
            if tok in _PRODUCT:
                self.take()
                continue
            run.append(self.factor())
        return run

    def factor(self):
        tok = self.peek()
        if tok is None:
            raise IndexError_("missing operand")
        if tok == "-":
            self.take()
            return Op("neg", (self.factor(),))
        if tok == r"\sum":
            return self.sum()
        if tok in (r"\nabla", r"\bigtriangledown", "∇"):      # ∇_{x_i} L, \bigtriangledown_y Cost
            return read_nabla(self)
        if tok in (r"\frac", r"\dfrac", r"\tfrac"):
            return self.frac()
        if tok in (r"\zerotensor", r"\onesvector") and not indicator_follows(self, tok):  # \mathbf{0}: zero at every entry of the left side; G^T \mathbf{1}
            return self.take() and (ZERO_TENSOR if tok == r"\zerotensor" else Op("ones", ()))
        if tok[0].isdigit():                           # 0.25: a decimal keeps its written digits
            self.take()
            if (after := self.peek()) is not None and after[0].isdigit():     # 1\,024: never 1 · 24
                raise IndexError_(f"two numbers side by side ({tok} {after}): a thousands separator?")
            return sp.Integer(int(tok)) if tok.isdigit() else written_decimal(tok)
        if indicator_follows(self, tok):                # \mathbb{1}[x_{ij} = \max …] (index_indicators)
            return read_indicator(self)
        if tok in ("(", "{", "["):
            return self.group()
        if tok == r"\{":                                # rot_{180°}\{K\}: a group in \{ \}
            return escaped_group(self)
        if tok in (r"\lfloor", r"\floor"):              # \lfloor p/k \rfloor: an index rounded down
            return floor_group(self)
        if tok == r"\max":                             # max pooling (doc_maxpool)
            return read_max(self)
        if tok == r"\begin":
            return self.matrix()
        return self.name_or_call()

    def matrix(self):
        self.take()
        env = "".join(self.braced_tokens())
        if env == "cases":
            from .index_cases import read_cases
            return read_cases(self)
        if env not in ("matrix", "bmatrix", "pmatrix", "vmatrix", "Bmatrix", "Vmatrix"):
            raise IndexError_(f"environment {env}")
        rows, row, cell, depth = [], [], [], 0
        while True:
            tok = self.take()
            if tok == r"\end" and depth == 0:
                self.braced_tokens()
                break
            depth += {"{": 1, "}": -1, r"\begin": 1}.get(tok, 0)
            if depth == 0 and tok in ("&", r"\\"):
                row.append(cell)
                cell = []
                if tok == r"\\":
                    rows.append(row)
                    row = []
                continue
            cell.append(tok)
        if cell:
            row.append(cell)
        if row:
            rows.append(row)
        return read_matrix(rows, lambda tokens: Parser(tokens, self.tensors).whole(), set(self.tensors))   # \vdots: dotted_matrix

    def group(self):
        close = {"(": ")", "{": "}", "[": "]"}[self.take()]
        start = self.i
        inner = self.expr()
        if close == "]" and self.peek() == "=":       # an Iverson bracket [si+m = j]: 1 or 0
            self.take()
            right = self.expr()
            inner = indicator(inner, right) or Op("iverson", (_index_name(inner), _index_name(right)))
        self.take(close)
        del start
        if not isinstance(inner, (int, sp.Integer)) and transpose_follows(self):   # (a^{l-1})^T, {a^l}^T
            return Op("transpose", (inner,))
        if close != "}" and self.peek() in ("^", "_", "'") and isinstance(inner, Ref) \
                and inner.idx is None:
            return self.scripts(inner.name, inner.label)
        if close == "}" and self.peek() == "^" and not isinstance(inner, Ref):
            self.take()
            sup = "".join(self.braced_tokens())
            if sup in ("T", r"\top", r"\intercal"):
                return Op("transpose", (inner,))
            raise IndexError_(f"a power ^{sup} of an expression")
        if self.peek() == "(" and not isinstance(inner, (int, sp.Integer)):
            args = self.call_args()
            return Op("call", (inner, args))
        return inner

    def frac(self):
        self.take()
        num, den = d_as_partial(self.braced_tokens(), self.braced_tokens())    # \frac{dJ}{dx}
        if num == [r"\partial"] and den and den[0] == r"\partial":
            bottom = Parser(den[1:], self.tensors, self.losses).whole()
            if isinstance(bottom, Op) and bottom.kind == "call":
                bottom = bottom.args[0]
            if not isinstance(bottom, Ref):
                raise IndexError_("∂/∂ of something that is not an entry")
            return Op("dop", (bottom, self.factor()))
        if num and num[0] == r"\partial" and "".join(num[1:]) in self.losses and den and den[0] == r"\partial":
            bottom = Parser(den[1:], self.tensors, self.losses).whole()
            if isinstance(bottom, Op) and bottom.kind == "call":
                bottom = bottom.args[0]
            if isinstance(bottom, Ref):
                return Grad(bottom)
        if num and num[0] == r"\partial" and den and den[0] == r"\partial":
            top = Parser(num[1:], self.tensors, self.losses).expr()
            bottom = Parser(den[1:], self.tensors, self.losses).expr()
            if isinstance(bottom, Op) and bottom.kind == "call":
                bottom = bottom.args[0]
            if not isinstance(bottom, Ref):
                raise IndexError_("∂/∂ of something that is not an entry")
            if isinstance(top, Ref) and top.idx is None and (top.name in self.losses or (
                    top.name in SCALAR_ERRORS and top.name not in self.tensors and (bottom.idx is not None or bottom.name in self.tensors))):
                return Grad(bottom)             # ∂e/∂x_{uv}: e, a lone scalar no tensor is named, the error
            if isinstance(top, Ref):
                return Jac(top, bottom)
            return Op("jacof", (top, bottom))
        if num and num[0] == r"\partial":
            raise IndexError_("∂ applied to an expression")
        return Op("div", (Parser(num, self.tensors).whole(), Parser(den, self.tensors).whole()))

    def whole(self):
        e = self.expr()
        if not self.done():
            raise IndexError_(f"unexpected '{self.peek()}'")
        return e

    def braced_tokens(self) -> list[str]:
        if self.peek() != "{":
            return [self.take()]
        self.take()
        depth, out = 1, []
        while True:
            tok = self.take()
            depth += {"{": 1, "}": -1}.get(tok, 0)
            if depth == 0:
                return out
            out.append(tok)

    def sum(self):
        self.take()
        top = None
        if self.peek() == "^":                        # \sum^{3}_{i=1}: the bound written first
            self.take()
            top = self.braced_tokens()
        if self.peek() != "_":
            raise IndexError_("a sum without its index")
        self.take()
        sub = self.braced_tokens()
        lo = hi = None
        sub, constraints = substack_rows(sub, self)     # \sum_{\substack{m,n \\ i=m+p}}
        sub, where = sum_condition(sub, self)         # \sum_{p,q:\, pS+m=i}: solved, or a factor
        ranged = bound_relation(sub, self) if where is None else None
        if ranged is not None:                        # \sum_{0 \le n < N}, \sum_{h<H}: the bounds
            sub, lo, hi = ranged
        if ranged is None and "=" in sub:
            k = sub.index("=")
            names, lo = sub[:k], _index_name(Parser(sub[k + 1:], self.tensors).whole())
        else:
            names = sub
        if top is None and self.peek() == "^":
            self.take()
            top = self.braced_tokens()
        if top is not None and ranged is not None:
            raise IndexError_("a sum with two upper bounds")
        if top is not None:
            hi = bound_name(Parser(top, self.tensors).whole())   # n_{ch}, H_k
        vars_ = ["".join(names)] if lo is not None and len(names) > 1 and all(
            re.fullmatch(r"[a-z]", t) for t in names) else index_names(names)   # \sum_{ch=1}
        if not vars_:
            raise IndexError_("a sum without its index")
        body = self.term()
        if "," not in names and "=" not in sub:           # \sum_{oc} over W_{oc,ic,…}: one index
            vars_ = joined_sum_names(vars_, body)
        if where is not None:
            vars_, body = solved_sum(vars_, where, body)
            if not vars_:
                return body
        if constraints:
            body = Op("mul", tuple(constraints) + (body,))
        return Sum(tuple(vars_), lo, hi, body)

    def name_or_call(self):
        tok = self.take()
        if (tok in (r"\sigma", "f", "g", r"\phi", r"\varphi") or tok in WORD_ACTIVATIONS) and self.peek() in ("'", "(") \
                and tok not in self.tensors:                                  # σ'(z), \mathrm{ReLU}'(z)
            primes = 0
            while self.peek() == "'":
                self.take()
                primes += 1
            if self.peek() == "(":
                args = self.call_args(index=False)
                return Op("func", (tok, primes, args[0]))
            raise IndexError_(f"{tok} without an argument")
        word = tok + "".join(self.t[self.i:self.i + 7])          # conv2(…), \text{full\_conv}(…)
        if tok in ("conv2", "fullconv") or (tok == "c" and word.startswith("conv2")) or word == "fullconv":
            self.i += {"c": 4, "f": 7}.get(tok, 0)
            return read_conv2(self, "fullconv" in (tok, word))
        if tok == "r" and "".join(self.t[self.i:self.i + 2]) == "ot":
            return read_rot(self)
        found = read_operator(self, tok) if tok in ("p", "f", "u", "k", "d") else None  # pad(…), up(…)
        if found is not None:
            return found
        if tok.startswith(_NAMED):
            found = read_named_operator(self, tok[len(_NAMED):])      # \text{zero\_pad}(A, p)
            if found is not None:
                return found
            if "_" in tok and self.peek() == "(" and tok[len(_NAMED):] not in self.tensors:
                raise IndexError_(f"{tok[len(_NAMED):]}(…) is a function this reader does not know: "
                                  "write it in index notation, or with pad, rot180, conv2")
            name = tok[len(_NAMED):]
            if name not in self.tensors and name[:1] == "d" and name[1:] in self.tensors:
                return Grad(self.scripts(name[1:], None))          # dout[n,f,i,j] of out[…]
            return self.scripts(name, None)
        if tok == "d" and self.peek() and "d" not in self.tensors and (
                re.fullmatch(r"[A-Z]", self.peek()) or self.peek() in self.tensors):
            inner = self.name_or_call()
            if isinstance(inner, Op) and inner.kind in ("call", "transpose") and isinstance(inner.args[0], Ref):
                return Grad(inner.args[0]) if inner.kind == "call" else Op("transpose", (Grad(inner.args[0]),))
            if not isinstance(inner, Ref):
                raise IndexError_("d applied to something that is not a tensor")
            return Grad(inner)
        if not (re.fullmatch(r"[A-Za-z]", tok) or tok in INDEX_GREEK or tok in TENSOR_GREEK or tok.startswith(r"\cal") or
                (tok.isalpha() and (tok in self.tensors or tok in self.losses))):
            raise IndexError_(f"'{tok}' is not understood here")
        name = tok
        while self.peek() == "'":
            self.take()
            name += "'"
        return self.scripts(name, None)

    def scripts(self, name, label):
        idx, transposed = None, False
        while self.peek() in ("^", "_", "'"):
            tok = self.take()
            if tok == "'":
                name += "'"
                continue
            body = self.braced_tokens()
            if tok == "^":
                label, transposed = label_and_transpose("".join(body))      # A^{[l-1]T}
            else:
                idx = _split_indices(body, self.tensors, name == r"\delta")     # δ_{z_j}: the entry z_j
        if name == r"\delta" and idx is not None and len(idx) == 1 and isinstance(idx[0], Ref) \
                and idx[0].idx is not None:
            return Grad(idx[0])                     # δ_{z11}: the gradient at z_{11}
        if idx is None and label is None and self.peek() == "(" and self._function_style():
            head = self.call_args()                 # w(f)_{i,j,c}^{l+1}: kernel f's entry (i,j,c)
            rest = self.scripts(name, None)
            if isinstance(rest, Ref):
                return Ref(name, rest.label, tuple(head) + tuple(rest.idx or ()))
            raise IndexError_(f"{name}({', '.join(map(str, head))}) with a transpose")
        ref = Ref(name, label, idx)
        if idx is None and self.peek() == "(" and (name in self.tensors or name.isupper()) and \
                self._paren_index() and not power_follows(self.t, self.i):
            args = self.call_args()
            return Ref(name, label, tuple(args))
        if self.peek() == "[" and (idx is None and (name in self.tensors or len(name) > 1) or bracket_index(
                self.t, self.i, () if idx is None else self.tensors) and not (idx and transposed)):   # x[c, i+u]; G_o[r, c]
            return Ref(name, label, tuple(idx or ()) + tuple(self.call_args(close="]")))
        return Op("transpose", (ref,)) if transposed else ref

    def _paren_index(self) -> bool:
        """``I(i+m, j)``: a parenthesis right after a name holding index terms, not a factor
        such as ``δ^l (a^{l-1})^T`` (a tensor's name or a superscript inside)."""
        depth, j = 0, self.i
        while j < len(self.t):
            tok = self.t[j]
            depth += {"(": 1, ")": -1}.get(tok, 0)
            if depth == 0:
                return True
            if tok in ("^", r"\frac") or (tok in self.tensors and j > self.i):
                return False
            j += 1
        return True

    def _function_style(self) -> bool:
        """``w(f)_{i,j,c}``, ``b(f)^{l+1}``: one-letter arguments in a parenthesis right after a
        name, then a subscript or a layer label; the arguments are the leading indices."""
        j = self.i + 1
        while j + 1 < len(self.t) and re.fullmatch(r"[A-Za-z]", self.t[j]) and self.t[j + 1] in (",", ")"):
            j += 2
            if self.t[j - 1] == ")":
                break
        else:
            return False
        if j == self.i + 1 or self.t[j - 1] != ")" or j >= len(self.t):
            return False
        if self.t[j] == "_":
            return True
        if self.t[j] != "^":
            return False
        body = self.t[j + 2:self.t.index("}", j)] if j + 1 < len(self.t) and self.t[j + 1] == "{" and \
            "}" in self.t[j:] else self.t[j + 1:j + 2]
        off = label_offset("".join(body))
        return off is not None and off[0] != "#"

    def call_args(self, index: bool = True, close: str = ")") -> list:
        name = _index_name if index else (lambda e: e)
        self.take("(" if close == ")" else "[")
        args = [name(self.expr())]
        while self.peek() == ",":
            self.take()
            args.append(name(self.expr()))
        self.take(close)
        return args

def _split_indices(body: list[str], tensors, entry_first: bool = False) -> tuple:
    """``i+m-1,j`` → two index trees; ``ij``/``11``/``mn`` → one per character; ``z11`` → Ref."""
    if "," in body:
        parts, cur, depth = [], [], 0
        for tok in body:
            depth += {"(": 1, "{": 1, ")": -1, "}": -1}.get(tok, 0)
            if tok == "," and depth == 0:
                parts.append(cur)
                cur = []
            else:
                cur.append(tok)
        parts.append(cur)
        return tuple(Ref("".join(p), None, None) if len(p) > 1 and all(   # X_{ch,p,q}: ch is one
            re.fullmatch(r"[a-z]", t) for t in p) and "".join(p) not in tensors
            else _index_name(Parser(p, tensors).whole(), tensors) for p in parts)
    if paren_groups(body):                           # x_{(i+m-1)(j+n-1)}: one index per group
        return tuple(Parser(g, tensors).whole() for g in paren_groups(body))
    if body and re.fullmatch(r"[a-z]", body[0]) and len(body) > 1 and all(t.isdigit() for t in body[1:]) \
            and body[0] not in ("i", "j", "k", "m", "n", "p", "q", "u", "v", "x", "y"):
        return (Ref(body[0], None, tuple(sp.Integer(int(c)) for c in "".join(body[1:]))),)
    simple = all(re.fullmatch(r"[A-Za-z]|\d+|'", t) or t in INDEX_GREEK for t in body)
    if simple and body:
        out = []
        for tok in body:
            if tok == "'":
                out[-1] = Ref(out[-1].name + "'", None, None)
            elif tok.isdigit():
                out += [sp.Integer(int(c)) for c in tok]
            else:
                out.append(Ref(tok, None, None))
        return tuple(out)
    tree = Parser(body, tensors).whole()
    if entry_first and isinstance(tree, Ref) and tree.name in tensors:
        return (tree,)                               # δ_{z_j}, z a tensor: the gradient at z_j
    return juxtaposed_indices(tree, tensors)


def parse(latex: str, tensor_names=(), losses=None, words=frozenset()) -> object:
    """The tree of one side (IndexError_ when it is not index notation this reader takes);
    ``losses``: the names of the loss (default :data:`LOSSES`); ``words``: multi-letter index
    names the whole claim writes between commas (``X_{ch,p,q}``), read whole in ``b_{ch}`` too."""
    latex = spell_index_words(latex, words | comma_index_words(latex))
    tokens = _join_names(tokenize(latex), set(tensor_names) | set(LOSSES if losses is None else losses))
    return Parser(tokens, tensor_names, losses).whole()


# =========================================================================== free indices
