"""The layer protocol's answers that let the checker and the proof writer skip the kind:
every layer and every directive's config class answers them, and the answers fit the layer
(torch for the conv1d document forms' meaning: see test_directive_new_layers.py)."""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.docsetup import LAYER_KINDS, make_section
from symbp.core.ops import Dilate, Pad, evaluate
from symbp.core.tensor import A
from symbp.layers.activations import SIGMOID
from symbp.layers.conv import Conv2d, Conv2dConfig
from symbp.layers.conv1d import Conv1d, Conv1dConfig
from symbp.layers.conv_transpose import ConvTranspose2d, ConvTranspose2dConfig
from symbp.layers.dense import FullyConnected, LinearConfig, SoftmaxConfig, SoftmaxCrossEntropy
from symbp.layers.pooling import Pool2d, Pool2dConfig

LAYERS = {
    "conv2d": lambda: Conv2d(Conv2dConfig.make()),
    "avgpool": lambda: Pool2d(Pool2dConfig.make(4, 2), "avg"),
    "maxpool": lambda: Pool2d(Pool2dConfig.make(4, 2), "max"),
    "fc": lambda: FullyConnected(LinearConfig.make(3, 2)),
    "softmax": lambda: SoftmaxCrossEntropy(SoftmaxConfig.make(3)),
    "activation": lambda: SIGMOID,
    "conv-transpose2d": lambda: ConvTranspose2d(ConvTranspose2dConfig.make()),
    "conv1d": lambda: Conv1d(Conv1dConfig.make()),
}


@pytest.mark.parametrize("kind", LAYERS)
def test_every_layer_answers_the_protocol(kind):
    layer = LAYERS[kind]()
    assert layer.kind == kind
    assert layer.pooling_mode == {"avgpool": "avg", "maxpool": "max"}.get(kind)
    prose = layer.proof_prose()
    assert (prose is not None) == (kind in ("conv2d", "avgpool", "maxpool", "conv-transpose2d",
                                            "conv1d"))
    if prose is not None:                       # symbp prove writes its directive too
        assert layer.cfg.directive(kind).startswith(f"layer={kind} ")
    assert len(layer.pad_widths((1,))) == 4 and len(layer.dilate_factors((2,))) == 2
    assert isinstance(layer.cfg.describe(), str)


def test_every_config_class_says_how_its_equations_are_read():
    for kind, entry in LAYER_KINDS.items():
        assert entry.config.softmax_equations is (kind == "softmax"), kind
        assert entry.config.defines_sigma is (kind == "activation"), kind


def test_an_activation_section_is_described_by_its_name():
    assert make_section({"layer": "activation", "name": "tanh"}).describe() == "activation: tanh"


@pytest.mark.parametrize("subscript, torch_pad", [((2,), (2, 2)), ((1, 3), (1, 3)),
                                                  ((0, 0, 1, 2), (1, 2))])
def test_conv1d_pad_acts_on_the_length_only(subscript, torch_pad):
    layer = Conv1d(Conv1dConfig.make(length=4, kernel=2))
    x = torch.arange(1.0, 5.0).reshape(1, 1, 1, 4)
    got = evaluate(Pad(A, *layer.pad_widths(subscript)), {A: x.numpy().astype(object)})
    assert got.shape == F.pad(x, torch_pad).shape
    assert (got.astype(float) == F.pad(x, torch_pad).numpy()).all()


def test_conv1d_dilate_acts_on_the_length_only():
    layer = Conv1d(Conv1dConfig.make(length=4, kernel=2))
    x = torch.arange(1.0, 4.0).reshape(1, 1, 1, 3)
    want = torch.zeros(1, 1, 1, 5)
    want[..., ::2] = x
    got = evaluate(Dilate(A, *layer.dilate_factors((2,))), {A: x.numpy().astype(object)})
    assert (got.astype(float) == want.numpy()).all() and got.shape == want.shape


def test_plane_layers_pad_every_side():
    layer = Conv2d(Conv2dConfig.make())
    assert layer.pad_widths((1,)) == (1, 1, 1, 1)
    assert layer.pad_widths((1, 2)) == (1, 1, 2, 2)
    assert layer.dilate_factors((2,)) == (2, 2)


def test_no_consumer_branches_on_a_layer_kind():
    # the checker, the proof writer, the kernels and the claims table ask the layer
    # (protocol names in core/layer.py); a comparison with a layer's kind string there
    # would bring the per-kind branching back
    import pathlib
    import re

    import symbp
    kinds = "conv2d|avgpool|maxpool|fc|softmax|activation|conv-transpose2d|conv1d|conv|avg|max"
    compare = re.compile(rf"""kind\w*\s*(?:==|!=)\s*["']({kinds})["']|kind\w*(?:\[:\d+\])?\s+(?:not\s+)?in\s+[\(\[{{][^)\]}}]*["']({kinds})["']|kind\[:\d+\]""")
    root = pathlib.Path(symbp.__file__).parent
    found = []
    for folder in ("check", "proofdoc", "kernels"):
        for path in sorted((root / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if compare.search(line):
                    found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert found == []
