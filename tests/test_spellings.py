"""Operator spellings live on the operator classes (``spellings``); symbp check's reader
builds its lookup from them. Truth: the spellings' own words, as a document writes them."""
import re

from symbp.check import notation
from symbp.core.op_base import Spelling, TensorOp
from symbp.core.ops import Pad, Rot180, SwapIO
from symbp.layers.dense import Transpose
from symbp.layers.pooling import UpsampleAvg, UpsampleMax


def test_every_spelled_operator_carries_its_spelling():
    for op in notation._SPELLED:
        assert issubclass(op, TensorOp) and isinstance(op.spellings, Spelling), op
        assert op.spellings.head in notation._HEADS


def test_each_word_is_read_wrapped_and_bare():
    for op in notation._SPELLED:
        sp = op.spellings
        pattern = notation._HEADS[sp.head]
        for word in sp.words:
            tex = rf"\operatorname{{{word}}}" + (f"_{{{sp.number}}}" if sp.number else "")
            m = pattern.match(tex + "(x)")
            assert m and m.end() == len(tex), (op, tex)
        for word in sp.bare:
            tex = word + sp.number
            m = pattern.match(tex + "(x)")
            assert m and m.end() == len(tex), (op, tex)


def test_a_spelling_added_to_an_operator_reaches_the_reader():
    # the reader's pattern is made from the class's data, nothing else
    sp = Spelling("pad", words=("pad", "zeropad"), bare=("pad",))
    assert notation._head_pattern(sp).match(r"\text{zeropad}_{1}(x)")
    assert not notation._HEADS["pad"].match(r"\text{zeropad}_{1}(x)")


def test_shared_spellings_have_one_definition():
    assert Transpose.spellings is SwapIO.spellings
    assert UpsampleAvg.spellings is UpsampleMax.spellings
    for sup in SwapIO.spellings.superscripts:
        assert notation._TRANSPOSE.search("W^{" + sup + "}"), sup
    assert Rot180.spellings.number == "180" and Pad.spellings.number == ""


def test_core_does_not_import_the_reader():
    import pathlib
    core = pathlib.Path(notation.__file__).parents[1] / "core"
    for path in core.glob("*.py"):
        assert not re.search(r"from \.\.check|import symbp\.check", path.read_text()), path
