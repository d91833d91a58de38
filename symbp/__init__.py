"""symbp: proves or refutes hand-derived backward passes of neural-network layers.

The public API, for what the README shows (every name is imported on first use, so
``import symbp`` itself loads nothing else):

Build a layer (PyTorch layouts: NCHW inputs, OIHW weights)::

    >>> import symbp
    >>> layer = symbp.Conv2d(symbp.Conv2dConfig.make(input=5, kernel=3, stride=2))
    >>> layer.gradients["a"].shape            # ∂J/∂a by the chain rule, entry by entry
    (1, 1, 5, 5)

State a closed form with the operators and the placeholders a, W, b, δ (``A``, ``W``,
``B``, ``DELTA``), and prove it against the chain rule::

    >>> form = symbp.Correlate(symbp.Pad(symbp.Dilate(symbp.DELTA, 2, 2), 2, 2, 2, 2),
    ...                        symbp.Rot180(symbp.W), 1, 1, 1, 1, 1)
    >>> symbp.layer_claim("mine", layer, "a", form=form).check().verdict
    'holds'

Run the built-in derivations, check a document, write a proof, get a kernel::

    >>> [r.proof.verdict for r in symbp.run(symbp.builtin_claims(["conv-input"]))]
    ['holds']
    >>> report = symbp.check_file("derivations/seed_cnn_backprop.md")   # doctest: +SKIP
    >>> tex = symbp.prove_document(["conv-input"]).to_tex()               # doctest: +SKIP
    >>> dx = symbp.conv2d_input(x.shape, w, g, stride=2)                  # doctest: +SKIP
"""
from __future__ import annotations

import importlib

#: public name -> the module that defines it (full names, so a move rewrites them as imports)
_HOMES: dict[str, str] = {}
for _module, _names in {
    # layers and their configurations (symbp.core.layer.Layer is the protocol they share)
    "symbp.core.layer": "Layer GRADIENT_KEYS",
    "symbp.layers.conv": "Conv2d Conv2dConfig ConvDelta",
    "symbp.layers.conv_transpose": "ConvTranspose2d ConvTranspose2dConfig ConvTranspose",
    "symbp.layers.conv1d": "Conv1d Conv1dConfig",
    "symbp.layers.pooling": "Pool2d Pool2dConfig UpsampleAvg UpsampleMax AvgPool MaxPool",
    "symbp.layers.dense": ("FullyConnected LinearConfig SoftmaxCrossEntropy SoftmaxConfig MatMul Transpose "
              "Linear BatchSum Softmax Difference CrossEntropy"),
    "symbp.layers.activations": "Activation IDENTITY RELU LEAKY_RELU SIGMOID TANH Sigmoid leaky_relu",
    # the placeholders closed forms are written in, and the tensor helpers
    "symbp.core.tensor": "A W B DELTA ZPREV LOGITS TARGETS symbolic as_matrix text",
    # operators
    "symbp.core.ops": ("Pad Dilate Rot180 SwapIO Correlate WeightCorrelate Crop AddBias ChannelSum Hadamard "
            "Sigma SigmaPrime evaluate ShapeError"),
    "symbp.core.geometry": "ConfigError",
    # claims and proofs
    "symbp.claims": ("Claim ExactClaim Result Setup BUILTINS builtin_claims run layer_claim fc_claims "
               "softmax_claim activation_claim to_text to_latex"),
    "symbp.core.proof": "prove Proof HOLDS REFUTED",
    # documents, proof documents, kernels
    "symbp.check.checker": "check_file check_text",
    "symbp.proofdoc.latex": "prove_document",
    "symbp.kernels": ("generate conv2d conv2d_input conv2d_weight conv2d_bias max_pool2d "
                "max_pool2d_backward avg_pool2d avg_pool2d_backward conv_transpose2d_input "
                "conv_transpose2d_weight conv_transpose2d_bias conv1d_input conv1d_weight "
                "conv1d_bias"),
}.items():
    _HOMES.update(dict.fromkeys(_names.split(), _module))

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    """Import a public name's module on first use."""
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module 'symbp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load_ipython_extension(ipython):
    """``%load_ext symbp``: the ``%%symbp`` cell magic (see :mod:`symbp.cli_magic`, a front
    end like the CLI: the package's entry point names it, no library module imports it)."""
    importlib.import_module("symbp.cli_magic").register(ipython)
