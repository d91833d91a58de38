"""Overlapping, padded, ceil-mode pooling with PyTorch's tie rule.

Max pooling is proved over every argmax pattern (ties included), and routing a
tie to the last maximum instead of the first is refuted with a counterexample.
Run: python derivations/pooling_general.py
"""
from symbp import Pool2d, Pool2dConfig, evaluate, prove

cfg = Pool2dConfig.make(input=6, kernel=3, stride=2, padding=1, ceil_mode=True)
for mode in ("avg", "max"):
    layer = Pool2d(cfg, mode)
    p = prove(layer.input_grad, evaluate(layer.upsample_form(), layer.env), "upsample")
    print(f"{mode} pooling, {cfg.describe()}: {p.verdict}, {p.entries} entries")

layer = Pool2d(cfg, "max")
p = prove(layer.input_grad, evaluate(layer.upsample_form(tie=1), layer.env), "last maximum")
print(f"tie routed to the last maximum: {p.verdict}: {p.detail()}")
