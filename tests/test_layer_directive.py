"""The layer protocol's ``from_directive``: every kind a directive can name builds its config
through one table (``LAYER_KINDS``), and each config's sizes agree with PyTorch's."""

import pytest
import torch
import torch.nn.functional as F

from symbp.check.docsetup import _LAYERS, LAYER_KINDS, _Reader, make_section
from symbp.core.geometry import ConfigError
from symbp.core.layer import MissingSetting


def build(kind, **settings):
    entry = LAYER_KINDS[kind]
    return entry.config.from_directive(settings, _Reader(settings), kind)


def test_every_directive_kind_has_one_row_with_from_directive():
    assert set(_LAYERS.values()) == set(LAYER_KINDS)
    for kind, entry in LAYER_KINDS.items():
        assert callable(getattr(entry.config, "from_directive", None)), kind


@pytest.mark.parametrize("input_, kernel, stride, padding, dilation", [
    ("5x6", "3", "2", "1", "1"), ("7", "2x3", "1,2", "0", "2"), ("4x4", "4", "1", "0", "1")])
def test_conv2d_from_directive_output_is_torchs(input_, kernel, stride, padding, dilation):
    cfg = build("conv2d", input=input_, kernel=kernel, stride=stride, padding=padding,
                dilation=dilation, channels="2,4", groups="2")
    x = torch.zeros(1, 2, *cfg.input)
    w = torch.zeros(4, 1, *cfg.kernel)
    out = F.conv2d(x, w, stride=cfg.stride, padding=cfg.padding, dilation=cfg.dilation, groups=2)
    assert tuple(out.shape[-2:]) == cfg.output
    assert (cfg.channels, cfg.groups) == ((2, 4), 2)


@pytest.mark.parametrize("kind, settings", [
    ("maxpool", dict(input="5x5", kernel="2", ceil_mode="yes")),
    ("maxpool", dict(input="6x5", kernel="3", stride="2", padding="1", dilation="2")),
    ("avgpool", dict(input="5x4", kernel="2x3", stride="1,2", padding="1"))])
def test_pool_from_directive_output_is_torchs(kind, settings):
    cfg = build(kind, **settings)
    x = torch.zeros(1, 1, *cfg.input)
    if kind == "maxpool":
        out = F.max_pool2d(x, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation, cfg.ceil_mode)
    else:
        out = F.avg_pool2d(x, cfg.kernel, cfg.stride, cfg.padding, cfg.ceil_mode)
    assert tuple(out.shape[-2:]) == cfg.output


def test_missing_bad_and_rejected_settings_keep_their_messages():
    with pytest.raises(MissingSetting, match=r"^conv2d without input/kernel sizes"):
        build("conv2d", input="3x3")
    with pytest.raises(MissingSetting, match=r"^fc without feature sizes \(add in=N out=M\)$"):
        build("fc", **{"in": "3"})
    with pytest.raises(MissingSetting, match=r"^maxpool without an input size"):
        build("maxpool", kernel="2")
    with pytest.raises(MissingSetting, match=r"^activation without a name"):
        build("activation")
    with pytest.raises(ConfigError, match=r"^avg_pool2d has no dilation, got dilation 2,2$"):
        build("avgpool", input="4x4", dilation="2")
    with pytest.raises(ValueError, match=r"^name='swish' is not one of identity"):
        build("activation", name="swish")
    with pytest.raises(ValueError, match=r"^classes='q' is not a whole number$"):
        build("softmax", classes="q")
    # through the section: a missing size leaves it unchecked, a bad value is an error
    assert make_section({"layer": "fc", "in": "3"}).error == \
        "fc without feature sizes (add in=N out=M)"
    assert make_section({"layer": "conv2d", "input": "3x3", "kernel": "2x2",
                         "stride": "0"}).error == "setup: stride must be at least 1, got 0x0"


def test_fc_softmax_activation_from_directive():
    fc = build("fc", **{"in": "3", "out": "2", "batch": "4"})
    assert (fc.in_features, fc.out_features, fc.batch) == (3, 2, 4)
    sm = build("softmax", classes="5")
    assert (sm.classes, sm.batch) == (5, 1)
    act = build("activation", name="LeakyReLU", slope="1/5")
    assert act.name == "leaky_relu(1/5)"
    z = torch.tensor([-10.0, 0.0, 3.0])
    assert [float(act.definition(v)) for v in (-10, 0, 3)] == \
        F.leaky_relu(z, 0.2).tolist()
