"""The public API: ``import symbp`` is light, every name in ``__all__`` resolves, documented,
and the README's uses (build a layer, state and prove a closed form, check a file, get a
kernel) work through it alone; the derivation scripts import nothing else."""
import ast
import doctest
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import symbp

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_import_symbp_loads_nothing_else():
    code = ("import sys, symbp; "
            "print(sorted(m for m in sys.modules if m.startswith('symbp') or m == 'sympy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True).stdout
    assert out.strip() == "['symbp']"


def test_every_public_name_resolves_and_is_documented():
    assert symbp.__all__ == sorted(set(symbp.__all__))
    for name in symbp.__all__:
        value = getattr(symbp, name)
        if callable(value) and not isinstance(value, np.ndarray):
            assert (value.__doc__ or "").strip(), name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        symbp.nope   # noqa: B018
    assert set(symbp.__all__) <= set(dir(symbp))


def test_the_module_docstring_examples_run():
    failed, attempted = doctest.testmod(symbp)
    assert attempted >= 4 and failed == 0


def test_state_a_closed_form_and_prove_or_refute_it():
    layer = symbp.Conv2d(symbp.Conv2dConfig.make(input=4, kernel=2, stride=2))
    right = symbp.Correlate(symbp.Pad(symbp.Dilate(symbp.DELTA, 2, 2), 1, 1, 1, 1),
                            symbp.Rot180(symbp.W), 1, 1, 1, 1, 1)
    assert symbp.layer_claim("mine", layer, "a", form=right).check().verdict == symbp.HOLDS
    wrong = symbp.Correlate(symbp.Pad(symbp.DELTA, 1, 1, 1, 1), symbp.Rot180(symbp.W),
                            1, 1, 1, 1, 1)                      # the stride forgotten
    assert symbp.layer_claim("mine", layer, "a", form=wrong).check().verdict == symbp.REFUTED


def test_every_layer_follows_the_protocol():
    layers = [symbp.Conv2d(symbp.Conv2dConfig.make()),
              symbp.Pool2d(symbp.Pool2dConfig.make(), "max"),
              symbp.FullyConnected(symbp.LinearConfig.make()),
              symbp.SoftmaxCrossEntropy(symbp.SoftmaxConfig.make()),
              symbp.SIGMOID,
              symbp.ConvTranspose2d(symbp.ConvTranspose2dConfig.make()),
              symbp.Conv1d(symbp.Conv1dConfig.make())]
    for layer in layers:
        assert isinstance(layer, symbp.Layer), layer
        forms = layer.closed_forms()
        keys = [k for k in forms if k != "delta"]
        assert keys and set(keys) <= set(layer.gradients), layer.kind
        assert set(keys) <= {"a", "W", "b", "z"}
        assert isinstance(layer.cfg.describe() if hasattr(layer.cfg, "describe") else "", str)
    kinds = [layer.kind for layer in layers]
    assert len(set(kinds)) == len(kinds)


def test_check_a_file_and_write_a_proof():
    report = symbp.check_file(str(ROOT / "derivations" / "seed_cnn_backprop.md"))
    assert report.refuted and report.claims
    tex = symbp.prove_document(["conv-input"]).to_tex()
    assert tex.startswith("\\documentclass") and "holds" in tex


def test_get_a_kernel_matches_a_plain_loop():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((1, 1, 4, 4)), rng.standard_normal((1, 1, 2, 2))
    g = rng.standard_normal((1, 1, 3, 3))
    dx = symbp.conv2d_input(x.shape, w, g)
    loop = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            loop[0, 0, i:i + 2, j:j + 2] += g[0, 0, i, j] * w[0, 0]
    assert np.allclose(dx, loop)


def test_derivation_scripts_use_only_the_public_api():
    for path in sorted((ROOT / "derivations").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("symbp"):
                assert node.module == "symbp", (path.name, node.module)
                assert {a.name for a in node.names} <= set(symbp.__all__), path.name
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("symbp.") for a in node.names), path.name


def test_the_symbolic_core_loads_no_numeric_kernels():
    code = ("import sys, symbp.core.ops, symbp.core.chain, symbp.core.proof; "
            "print(sorted(m for m in sys.modules if m.startswith('symbp.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True).stdout
    loaded = set(ast.literal_eval(out.strip()))
    assert loaded and not loaded & {"symbp.kernels.numeric", "symbp.kernels.blas", "symbp.kernels.native", "symbp.kernels._direct"}


def _imports(path: pathlib.Path, package: str) -> set[str]:
    """The symbp modules ``path`` imports anywhere in it (function-level imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
                names = [f"{stem}.{a.name}" for a in node.names] if not node.module else [stem]
            else:
                names = [node.module or ""]
            found.update(n for n in names if n.startswith("symbp"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("symbp"))
    return found


def test_no_import_circles_and_argparse_only_in_the_cli():
    modules = {}
    for path in (ROOT / "symbp").rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        package = name if rel.name == "__init__" else name.rpartition(".")[0]
        modules[name] = path, package
        if not rel.name.startswith("cli"):
            assert "argparse" not in {a.name for n in ast.walk(ast.parse(path.read_text()))
                                      if isinstance(n, ast.Import) for a in n.names}, name
    graph = {name: {m for m in _imports(path, package) if m in modules and m != name}
             for name, (path, package) in modules.items() if name != "symbp"}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, f"import circle: {' -> '.join(trail + [nxt])}"
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2
    for name in graph:
        if name not in state:
            visit(name, [name])


def test_each_layers_kernels_are_generated_from_its_proved_closed_forms():
    from symbp.kernels import KERNELS
    layers = [symbp.Conv2d(symbp.Conv2dConfig.make(input=5, kernel=3, stride=2, padding=1)),
              symbp.Pool2d(symbp.Pool2dConfig.make(), "max"),
              symbp.Pool2d(symbp.Pool2dConfig.make(input=5, kernel=3, stride=2), "avg")]
    for layer in layers:
        assert layer.kernels
        for key, name in layer.kernels.items():
            assert KERNELS[name].form(layer) == layer.closed_forms()[key], (layer.kind, key)
