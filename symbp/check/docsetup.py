"""The layer setup of a document: directives and flags to a Section, size inference, and
the per-layer models (conv, pooling, fully connected, softmax, activation)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np
import sympy as sp

from .fc_directive_forward import layerless_conflict, weight_conflict
from .fc_order import WeightOrderError, weight_key_order
from .directive_names import GRADIENT_ROLES, ROLE_WORDS, UNMODELLED_ROLES, unknown_role
from .doc_padding import unsaid_padding
from .doc_prose import settled_geometry
from .pool_windows import ARGMAX_CORNERS
from . import document
from ..claims import to_text
from ..layers.conv import A, B, DELTA, W, ZPREV, Conv2d, Conv2dConfig
from ..layers.activations import Activation
from ..layers.dense import FullyConnected, LinearConfig, SoftmaxConfig
from ..core.geometry import ConfigError, read_pair
from ..core.layer import MissingSetting, plane_dilation, plane_pad_widths
from ..core.ops import Correlate, Hadamard, ShapeError, Sigma, TensorOp
from ..layers.pooling import Pool2d, Pool2dConfig
from ..layers.normalization import NORM_ALIASES, NormConfig
from ..layers.conv1d import Conv1d, Conv1dConfig
from ..layers.conv_transpose import ConvTranspose2d, ConvTranspose2dConfig
from ..core.tensor import shape_text, symbolic
from ..allsizes.document import is_symbolic as symbolic_sizes, symbolic_section
from .notation import ACT_OUT, CheckError, DELTA_PREV, GRAD_A, GRAD_B, GRAD_W, Unsupported, Z_OUT, _Plus


# =========================================================================== setup

_LAYERS = {"conv2d": "conv2d", "conv": "conv2d", "avgpool": "avgpool", "avg": "avgpool",
           "avgpool2d": "avgpool", "maxpool": "maxpool", "max": "maxpool", "maxpool2d": "maxpool",
           "fc": "fc", "linear": "fc", "dense": "fc", "activation": "activation",
           "act": "activation", "softmax": "softmax", "softmax-ce": "softmax",
           "softmax_ce": "softmax", "conv-transpose2d": "conv-transpose2d", "conv_transpose2d": "conv-transpose2d",
           "convtranspose2d": "conv-transpose2d", "conv-transpose": "conv-transpose2d", "conv1d": "conv1d", **NORM_ALIASES}
_KEYS = ("layer input kernel stride padding dilation channels groups batch ceil_mode "
         "count_include_pad divisor_override bias argmax in out name slope classes target "
         "conv index_base names layout output_padding weight features").split()


def _pair(value, key: str) -> tuple[int, int]:
    try:
        return read_pair(value, "x×,")
    except ValueError:
        raise CheckError(f"{key}={value!r} is not a size like 3x3 or 2,1") from None


def _count(value, key: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", str(value)):
        raise CheckError(f"{key}={value!r} is not a whole number")
    return int(value)


def _flag(value, key: str) -> bool:
    s = str(value).strip().lower()
    if s not in ("1", "true", "yes", "0", "false", "no"):
        raise CheckError(f"{key}={value!r} is not true or false")
    return s in ("1", "true", "yes")


@dataclass
class Section:
    """The layer setup for a run of equations (``error`` says why there is none)."""
    kind: str | None = None            # conv2d | avgpool | maxpool | fc
    cfg: Conv2dConfig | Pool2dConfig | LinearConfig | None = None
    bias: bool | None = None           # False: the layer has no bias
    argmax: str | None = None          # where the document puts each window's maximum
    error: str | None = None
    note: str = ""

    @property
    def model(self) -> "Model | None":
        if self.cfg is None or LAYER_KINDS[self.kind].build is None:
            return None
        return Model.of(self.kind, self.cfg)

    @property
    def column_vectors(self) -> bool:
        """The layer's documents write vectors as columns (a fully connected layer's)."""
        model = self.model
        return model is not None and model.fc

    @property
    def pooling_mode(self) -> str | None:
        """``"avg"`` or ``"max"`` in a pooling section (its layer's ``pooling_mode``), else None."""
        model = self.model
        return None if model is None else model.layer.pooling_mode

    def pad_widths(self, subscript: tuple[int, ...]) -> tuple[int, int, int, int]:
        """``pad_{...}``'s four widths on this section's tensors (its layer's ``pad_widths``;
        on (H, W) planes without a layer): ``(2,)`` -> ``(2, 2, 2, 2)``, conv1d ``(0, 0, 2, 2)``."""
        model = self.model
        return plane_pad_widths(subscript) if model is None else model.layer.pad_widths(subscript)

    def dilate_factors(self, subscript: tuple[int, ...]) -> tuple[int, int]:
        """``dilate_{...}``'s (sh, sw) on this section's tensors (its layer's ``dilate_factors``)."""
        model = self.model
        return plane_dilation(subscript) if model is None else model.layer.dilate_factors(subscript)

    @property
    def softmax_equations(self) -> bool:
        """The section's equations are softmax ones (its config class's ``softmax_equations``;
        asked of the class, so a softmax directive with a bad value still routes them)."""
        return self.kind is not None and LAYER_KINDS[self.kind].config.softmax_equations

    @property
    def defines_sigma(self) -> bool:
        """The section's config is the activation σ its σ'(z) equations are about (or None
        when the directive was bad); otherwise σ comes from the document's σ(z) = …."""
        return self.kind is not None and LAYER_KINDS[self.kind].config.defines_sigma

    def describe(self) -> str:
        if self.cfg is None:
            return self.error or "no layer setup"
        return f"{self.kind}: {self.cfg.describe()}{self.note}"


class _Reader:
    """A directive's settings read in the documents' spellings (core.layer.SettingReader):
    ``pair`` reads 3x3 / 2,1 / 3, ``count`` a whole number, ``flag`` true/false/yes/no/1/0;
    a bad value is a CheckError naming the key."""

    def __init__(self, settings: dict):
        self.settings = settings

    def pair(self, key: str, default) -> tuple[int, int]:
        return _pair(self.settings.get(key, default), key)

    def count(self, key: str, default) -> int:
        return _count(self.settings.get(key, default), key)

    def flag(self, key: str, default) -> bool:
        return _flag(self.settings.get(key, default), key)


def _infer_conv_sizes(s: dict, seen: dict) -> tuple[dict, str]:
    inferred = _infer_conv(s, seen)
    return inferred, " (sizes inferred)" * bool(inferred)


def _infer_pool_input(s: dict, seen: dict) -> tuple[dict, str]:
    return ({"input": seen["a"]}, " (input inferred)") if "input" not in s and "a" in seen else ({}, "")


class LayerKind(NamedTuple):
    """What ``symbp check`` needs of a layer kind: its config class (``from_directive``), the
    layer for a config (None: the checker reads the section without a Model), what it infers
    from the equations' subscripts (``infer(settings, seen) -> (settings to add, note)``), and
    which document-only settings (``bias``, ``argmax``) the section keeps."""
    config: type
    build: Callable | None
    infer: Callable | None = None
    keeps: tuple[str, ...] = ()


#: layer kind (as directives name it) -> how a directive becomes its section
LAYER_KINDS = {
    "conv2d": LayerKind(Conv2dConfig, Conv2d, _infer_conv_sizes, ("bias",)),
    "avgpool": LayerKind(Pool2dConfig, lambda cfg: Pool2d(cfg, "avg"), _infer_pool_input,
                         ("bias", "argmax")),
    "maxpool": LayerKind(Pool2dConfig, lambda cfg: Pool2d(cfg, "max"), _infer_pool_input,
                         ("bias", "argmax")),
    "fc": LayerKind(LinearConfig, FullyConnected, None, ("bias",)),
    "softmax": LayerKind(SoftmaxConfig, None),
    "activation": LayerKind(Activation, None),
    "conv-transpose2d": LayerKind(ConvTranspose2dConfig, ConvTranspose2d, None, ("bias",)),
    "conv1d": LayerKind(Conv1dConfig, Conv1d, None, ("bias",)),
    **{kind: LayerKind(NormConfig, None) for kind in sorted(set(NORM_ALIASES.values()))},   # read by calc_graph
}


def make_section(settings: dict, latex=(), geometry: dict | None = None) -> Section:
    """The Section for merged settings; sizes not given are inferred from ``latex``.

    Example: ``make_section({"layer": "maxpool", "input": "4x4"}).describe()`` is
    ``"maxpool: 4x4 input, 2x2 window"``.
    """
    s, seen = dict(settings), _subscript_sizes(latex)
    layer = str(s.get("layer", "")).lower()
    if layer and layer not in _LAYERS:
        raise CheckError(f"layer={layer!r} is not one of {', '.join(LAYER_KINDS)}")
    kind, note = _LAYERS.get(layer), ""
    if kind is None and {"a", "w"} <= seen.keys() and all(
            x > k for x, k in zip(seen["a"], seen["w"])):
        kind, note = "conv2d", " (layer inferred)"
        found = _inferred_geometry(s, seen, geometry or {})
        if found is None:               # the prose speaks of a stride or padding the sizes do not settle
            return Section()
        s.update(found)
    if kind is None:
        return Section()
    entry = LAYER_KINDS[kind]
    extras = {"bias": _flag(s["bias"], "bias") if "bias" in s else None, "argmax": s.get("argmax")}
    for key in [k for k in ("batch", "features") if kind in ("batchnorm", "layernorm") and re.fullmatch(r"\s*[A-Za-z]\s*", str(s.get(k, "")))]:
        s, note = {**s, key: "4"}, note + f" (its {key} the letter {str(s[key]).strip()}: the scalar reader checks at 2, 3, 4)"   # features=N
    try:
        if entry.infer is not None:
            inferred, more = entry.infer(s, seen)
            s.update(inferred)
            note += more
        cfg = entry.config.from_directive(s, _Reader(s), kind)
        return Section(kind, cfg, **{key: extras[key] for key in entry.keeps}, note=note)
    except MissingSetting as err:
        return Section(kind, error=str(err))
    except ConfigError as err:
        return Section(kind, error=f"setup: {err}")
    except ValueError as err:
        raise CheckError(f"setup: {err}") from None


_SUBSCRIPTED = re.compile(r"(?<![A-Za-z\\])(a|w|W|z|\\delta)\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?"
                          r"_\s*\{\s*(?:(\d+)\s*,\s*(\d+)|(\d)(\d))\s*\}")


def _subscript_sizes(latex) -> dict[str, tuple[int, int]]:
    """The largest (row, column) subscript of a, w and the output (z, δ) in ``latex``."""
    seen: dict[str, tuple[int, int]] = {}
    for tex in latex:
        for m in _SUBSCRIPTED.finditer(tex):
            base = {"W": "w", "z": "out", "\\delta": "out"}.get(m.group(1), m.group(1))
            i, j = (int(g) for g in (m.group(2, 3) if m.group(2) else m.group(4, 5)))
            old = seen.get(base, (0, 0))
            seen[base] = (max(old[0], i), max(old[1], j))
    from .section_scan import written_forward_sizes    # a complete written-out forward: its sizes,
    for letter, size in written_forward_sizes(list(latex)).items():   # never a claim's a_{25}
        base = {"W": "w", "z": "out", "\\delta": "out"}.get(letter, letter)
        if base in seen:
            seen[base] = size
    return seen


def _infer_conv(s: dict, seen: dict) -> dict:
    """input from a's subscripts, kernel from w's, or either from the other and δ/z's."""
    a = _pair(s["input"], "input") if "input" in s else seen.get("a")
    k = _pair(s["kernel"], "kernel") if "kernel" in s else seen.get("w")
    out = seen.get("out")
    if out and all(_pair(s.get(key, d), key) == (d, d)
                   for key, d in (("stride", 1), ("padding", 0), ("dilation", 1))):
        a = a or (k and (out[0] + k[0] - 1, out[1] + k[1] - 1))
        k = k or (a and (a[0] - out[0] + 1, a[1] - out[1] + 1))
    return {key: v for key, v in (("input", a), ("kernel", k)) if v and key not in s}


def _inferred_geometry(s: dict, seen: dict, geometry: dict) -> dict | None:
    """Stride and padding for a conv layer inferred from subscripts alone (no directive): none with no word of either
    in the prose (stride 1, no padding, as before); else the one pair :func:`symbp.check.doc_prose.settled_geometry`
    allows, or None when it is not one or pads where the prose says no padding (:func:`unsaid_padding`): the section
    is then not set up (a layer guessed without the document's stride or padding refuted correct claims)."""
    if not geometry.get("mentions") or "stride" in s or "padding" in s:
        return {}
    found = settled_geometry(seen.get("a"), seen.get("w"), seen.get("out"), geometry)
    return None if found is None or unsaid_padding(found, geometry) else {"stride": found[0], "padding": found[1]}


def _argmax(spec: str, cfg: Pool2dConfig) -> sp.Matrix:
    """A 0/1 input with 1 at each window's stated maximum (``tl,br,...`` or ``12,21,...``)."""
    windows, parts = cfg.windows(), spec.lower().split(",")
    if len(parts) != len(windows):
        raise Unsupported(f"argmax={spec} names {len(parts)} positions for {len(windows)} windows")
    a = sp.zeros(*cfg.input)
    for part, win in zip(parts, windows):
        rows, cols = sorted({r for r, _ in win.cells}), sorted({c for _, c in win.cells})
        r, c = ARGMAX_CORNERS.get(part) or (int(part[0]) - 1, int(part[1]) - 1)
        if r >= len(rows) or c >= len(cols):
            raise Unsupported(f"argmax position {part!r} is outside its window")
        a[rows[r], cols[c]] = 1
    return a


def _sections(items, flags: dict, path: str, geometry: dict | None = None):
    """(Section, equations) for each run of equations under one directive.

    Bad flags are a CheckError (the whole run); a bad directive (malformed, an unknown key,
    a value that is not a size, sizes over the caps) spoils only its own section, whose
    equations are then unchecked with the directive's line and the reason.
    """
    runs = [({}, 0, None, [])]
    for item in items:
        if isinstance(item, document.Directive):
            runs.append((item.settings, item.line, item.error, []))
        else:
            runs[-1][3].append(item)
    base = {k: v for k, v in flags.items() if v is not None}
    for key in base:
        if key not in _KEYS:
            raise CheckError(f"{path}: flags: unknown setup key {key!r} (known: {', '.join(_KEYS)})")
    for settings, line, error, eqs in runs:
        if error is not None:
            yield Section(error=f"directive at {error} (the equations up to the next "
                                "directive are not checked)"), eqs
            continue
        try:
            for key in settings:
                if key not in _KEYS:
                    raise CheckError(f"unknown setup key {key!r} (known: {', '.join(_KEYS)})")
            if bad := unknown_role(str(settings.get("names", "") or "")):    # a=foo: never ignored in silence
                raise CheckError(f"names: {bad}: no such role (known: {', '.join([*ROLE_WORDS, *GRADIENT_ROLES])}; {', '.join(UNMODELLED_ROLES)} name no role)")
            if "weight" in settings:                 # the dense weight's index order (fc_order)
                try:
                    weight_key_order(settings["weight"])
                except WeightOrderError as err:
                    raise CheckError(str(err)) from None
            displays = [e.latex for e in eqs]       # weight=rows over z = Wx + b; names only (no layer=) over C = AB
            if conflict := weight_conflict(settings, displays) or layerless_conflict(settings, displays):
                raise CheckError(conflict)
            if symbolic_sizes(base | settings):      # letters for sizes: proved for every size
                section = symbolic_section(base | settings)
            else:
                _check_sizes(section := make_section(base | settings, displays, geometry))
        except CheckError as err:
            if not line:
                raise CheckError(f"{path}: flags: {err}") from None
            section = Section(error=f"directive at line {line}: {err}")
        if section.error and line and not section.error.startswith("directive at"):
            section.error = f"directive at line {line}: {section.error}"
        yield section, eqs


#: the most entries a symbolic tensor of a ``symbp check`` section may have
MAX_CHECK_ENTRIES = 20_000
#: the most product terms a section's forward may have (conv: one per tap, pooling: one per
#: window cell); a section over either cap is not checked (memory and time stay bounded)
MAX_CHECK_TERMS = 2_000_000


def _check_sizes(section: Section) -> None:
    """CheckError when a section's layer is larger than the caps (before anything is built)."""
    if section.cfg is None:
        return
    tensors, terms = section.cfg.size_counts()
    for name, count in tensors.items():
        if count > MAX_CHECK_ENTRIES:
            raise CheckError(f"{name} would have {count:,} entries; symbp check is limited to "
                             f"{MAX_CHECK_ENTRIES:,} per tensor: use smaller sizes")
    if terms > MAX_CHECK_TERMS:
        raise CheckError(f"the forward would have {terms:,} terms; symbp check is limited to "
                         f"{MAX_CHECK_TERMS:,}: use smaller sizes")


# =========================================================================== the layer model

class Model:
    """A layer's derived quantities by role, computed on demand (the last few are cached)."""

    _cache: dict = {}

    @classmethod
    def of(cls, kind: str, cfg) -> "Model":
        if (kind, cfg) not in cls._cache:
            cls._cache = dict(list(cls._cache.items())[-7:])
            cls._cache[kind, cfg] = cls(kind, cfg)
        return cls._cache[kind, cfg]

    def __init__(self, kind: str, cfg):
        self.kind, self.cfg = kind, cfg
        self.layer = LAYERS[kind](cfg)
        # what the layer has, asked of the layer: weights (conv2d, conv-transpose2d, conv1d, fc)
        # and the documents' column layout of a fully connected layer
        self.weighted = W in self.layer.env
        self.fc = self.layer.column_vectors
        # a convolution (conv2d, conv-transpose2d, conv1d): * is its correlation, with cfg.groups
        self.convolution = self.weighted and not self.fc
        self.zprev = self.layer.zprev
        self._values: dict = {}

    def tensor(self, role: sp.Symbol, zprev_mode: bool = False) -> np.ndarray:
        """The entries of ``role``; with ``zprev_mode`` the input a is σ(z^{l-1})."""
        if (role, zprev_mode) not in self._values:
            self._values[role, zprev_mode] = self._compute(role, zprev_mode)
        return self._values[role, zprev_mode]

    def _compute(self, role, zprev_mode: bool) -> np.ndarray:
        L = self.layer
        if self.fc:
            return self._fc(role, zprev_mode)
        if role in (W, B, GRAD_W, GRAD_B) and not self.weighted:
            raise Unsupported("a pooling layer has no weights or bias")
        if role == A:
            return Sigma(ZPREV).entrywise(self.zprev) if zprev_mode else L.a
        if role in (W, B, DELTA, ZPREV):
            return self.zprev if role == ZPREV else getattr(L, {W: "w", B: "b", DELTA: "delta"}[role])
        if role == ACT_OUT:
            return Sigma(Z_OUT).entrywise(self.tensor(Z_OUT, zprev_mode))
        if role == DELTA_PREV:
            return L.derived_delta
        if role == Z_OUT:
            if not zprev_mode:
                return L.z
            return (_eval(L.forward_form(Sigma(ZPREV)), lambda s: self.tensor(s, True))
                    if self.weighted else L.forward(Sigma(ZPREV)))
        grad = L.gradients[{GRAD_A: "a", GRAD_W: "W", GRAD_B: "b"}[role]]
        if not self.weighted:
            return grad
        if zprev_mode:
            grad = _xreplace(grad, dict(zip(L.a.ravel(), self.tensor(A, True).ravel())))
        return grad

    def _fc(self, role, zprev_mode: bool) -> np.ndarray:
        """A fully connected layer in the documents' layout: vectors are columns (an example
        per column), W is (out, in) and b the column (out, 1); for N = 1 the entries are
        named like the documents' vectors (a_{1}, δ_{2}, z^{l-1}_{3})."""
        L, n = self.layer, self.cfg.batch
        rename = {}
        if n == 1:
            for arr, base, sup in ((L.a, "a", None), (L.delta, "delta", None),
                                   (L.zprev, "z", "l-1")):
                rename.update(zip(arr.ravel(), symbolic(base, (arr.shape[1],), sup)))
        if zprev_mode:
            rename.update(zip(L.a.ravel(), Sigma(ZPREV).entrywise(L.zprev).ravel()))
            rename = {k: v.xreplace(rename) if isinstance(v, sp.Basic) else v
                      for k, v in rename.items()}
        if role == ACT_OUT:
            return Sigma(Z_OUT).entrywise(self.tensor(Z_OUT, zprev_mode))
        if role == W:
            return L.w
        raw = {A: L.a, B: L.b, DELTA: L.delta, ZPREV: L.zprev, Z_OUT: L.z,
               GRAD_A: L.gradients["a"], GRAD_W: L.gradients["W"], GRAD_B: L.gradients["b"],
               DELTA_PREV: L.derived_delta}[role]
        if role == DELTA_PREV:
            rename = {k: v for k, v in rename.items() if k not in set(L.a.ravel())}
        if raw.ndim == 1:
            raw = raw.reshape(-1, 1)
        elif role != GRAD_W:
            raw = np.ascontiguousarray(raw.T)
        return _xreplace(raw, rename)

    def correct(self, role, bias_zero: bool) -> str | None:
        """The closed form symbp proves for a derived quantity, as text (in the documents'
        notation: a fully connected layer's vectors are columns)."""
        key = {GRAD_A: "a", GRAD_W: "W", GRAD_B: "b", DELTA_PREV: "delta",
               Z_OUT: "z_nobias" if bias_zero else "z"}.get(role)
        forms = self.layer.document_forms()
        return to_text(forms[key]) if key in forms else None


#: layer kind (as directives name it) -> the layer for a configuration
LAYERS = {kind: entry.build for kind, entry in LAYER_KINDS.items() if entry.build is not None}


def _xreplace(arr: np.ndarray, mapping: dict) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    for index, e in np.ndenumerate(arr):
        out[index] = e.xreplace(mapping) if isinstance(e, sp.Basic) else e
    return out


def _eval(form: sp.Basic, lookup, shapes: dict | None = None):
    """Expand an operator form, leaves from ``lookup``; ShapeError names the operands."""
    shapes = {} if shapes is None else shapes
    if isinstance(form, sp.Symbol):
        return lookup(form)
    if not isinstance(form, TensorOp):
        raise Unsupported(f"cannot read {form} as a tensor")
    values = [_eval(t, lookup, shapes) for t in form.tensors]
    if not all(isinstance(v, np.ndarray) for v in values[:1 if isinstance(form, _Plus) else 2]):
        raise Unsupported(f"an entry where {type(form).__name__.lower()} needs a tensor")
    shapes.update((t, np.shape(v)) for t, v in zip(form.tensors, values))
    _check_result_size(form, values)
    try:
        return form.entrywise(*values)
    except (ShapeError, ConfigError) as err:
        if not isinstance(form, Hadamard):
            raise ShapeError(f"{to_text(form)}: {err}") from None
        x, y = form.tensors
        how = f" ({shape_text(shapes[x.args[0]])} * {shape_text(shapes[x.args[1]])})" \
            if isinstance(x, Correlate) and x.args[0] in shapes else ""
        raise ShapeError(f"{to_text(x)} is {shape_text(shapes[x])}{how} but {to_text(y)} is "
                         f"{shape_text(shapes[y])}") from None
    except (ValueError, TypeError, AttributeError, IndexError) as err:
        why = " ".join(str(err).split())                        # SymPy's messages span lines
        raise Unsupported(f"{to_text(form)} cannot be formed ({why})") from None


#: the most entries one operator's result may have in ``symbp check`` (pad_{100000}(x) would
#: otherwise ask for hundreds of GB)
MAX_OPERATOR_ENTRIES = 200_000


def _check_result_size(form, values) -> None:
    """Unsupported (one line) when a pad or dilate would build more than the cap."""
    x = values[0]
    name = type(form).__name__
    if name not in ("Pad", "Dilate") or not isinstance(x, np.ndarray) or x.ndim < 2:
        return
    h, w = x.shape[-2:]
    p = form.params
    hw = (h + p[0] + p[1], w + p[2] + p[3]) if name == "Pad" else \
        ((h - 1) * p[0] + 1, (w - 1) * p[1] + 1)
    count = int(np.prod(x.shape[:-2], dtype=object)) * max(hw[0], 0) * max(hw[1], 0)
    if count > MAX_OPERATOR_ENTRIES:
        raise Unsupported(f"{to_text(form)} would have {count:,} entries; symbp check is "
                          f"limited to {MAX_OPERATOR_ENTRIES:,} per operator result")
