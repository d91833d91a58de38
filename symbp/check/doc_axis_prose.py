r"""Sizes of the batch and of the output map that only the prose names (issue 12).

A weight gradient summed over the examples and the output positions often runs its sums to
sizes that no equation defines: ``\sum_{n=1}^N \sum_{a=1}^{H^{l+1}_o} \sum_{b=1}^{W^{l+1}_o}``,
with the words "summed over the $N$ training examples and the $H^{l+1}_o \times W^{l+1}_o$
positions of the output map".  :func:`prose_axis_sizes` reads such phrases and binds each
size to its axis the way a directive's ``N=output.batch H^{l+1}_o=output.rows`` does (the
axis placed by the section's layout, :func:`symbp.check.doc_channels.resolve_axis_letters`).
Only these phrases bind: a number of "examples", "samples" or "images", a batch "of size",
a "rows \times columns" size said to be the output (map)'s, and letters said to be the kernel's
or the input's plane ("the kernel $w$ is $k_1 \times k_2$", "输入是 $H\times W$ 的"); anything
else stays unbound, and the claim stays unchecked with the directive line to paste.

Example::

    >>> prose_axis_sizes(r"summed over the $N$ training examples and the "
    ...                  r"$H^{l+1}_o \times W^{l+1}_o$ positions of the output map")
    {'N': ('output', 'N'), 'H_o^{l+1}': ('output', 'H'), 'W_o^{l+1}': ('output', 'W')}
"""
from __future__ import annotations

import re

from .doc_infer import directive_dims

_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|<!--.*?-->", re.S)
_SIZE = r"[A-Za-z]'*(?:\s*[_^]\s*(?:\{[^{}$]*\}|\w))*'*"
_BATCH = [re.compile(rf"\$\s*({_SIZE})\s*\$\s+(?:training\s+|input\s+)?(?:examples|samples|images)\b", re.I),
          re.compile(rf"\b(?:mini-?batch|batch)\s+(?:size\s+|of\s+size\s+)(?:of\s+)?\$\s*({_SIZE})\s*\$", re.I)]
_TIMES = rf"\$\s*({_SIZE})\s*(?:\\times|×)\s*({_SIZE})\s*\$"
_OUTPUT_MAP = [re.compile(rf"{_TIMES}\s+(?:positions|entries|units|pixels)\s+of\s+the\s+output\b", re.I),
               re.compile(rf"\boutput(?:\s+feature)?(?:\s+map)?\s+(?:is|has\s+size|of\s+size)\s+{_TIMES}", re.I)]


# "the kernel $w$ is $k_1 \times k_2$", "输入是 $H\times W$ 的", "a filter of size $k_1 \times k_2$":
# letter sizes of a plane said to be the kernel's or the input's
_PLANE_SIZE = r"([A-Za-z](?:_\{?\w{1,3}\}?)?)"
# written in math ($H \times W$) or as plain text, "H x W" with spaces round the x (a Markdown page's words)
_PLANE = (r"(?:\$\s*" + _PLANE_SIZE + r"\s*(?:\\times|×)\s*" + _PLANE_SIZE + r"\s*\$"
          r"|(?<![\w$\\])(?<!(?:x|×)\s)" + _PLANE_SIZE + r"\s+(?:x|×|\\times)\s+" + _PLANE_SIZE
          + r"(?![\w$])(?!\s*(?:x|×|\\times)\s))")     # not a factor of "H x W x 3"
_SAID = (r"(?:\s+of\s+(?:the\s+)?layer\s+\$?[\w^{}+-]{1,8}\$?)?\s*(?:\$[^$]{1,20}\$\s*|(?<=\s)[A-Za-z](?:\^\{?[\w+-]{1,5}\}?)?\s+)?"
         r"(?:(?:is\s+)?of\s+(?:size|shape|dimensions?)|(?:has|with)\s+(?:size|shape|dimensions?)|is|是|为|大小为|的大小是)\s*(?:an?\s+)?")
_KERNEL_WORD, _INPUT_WORD = r"(?:\b(?:kernel|filter)|卷积核|滤波器)", r"(?:\binput(?:\s+(?:image|map))?|输入(?:图像)?)"
_PLANES = [(re.compile(_KERNEL_WORD + _SAID + _PLANE, re.I), "kernel"),
           (re.compile(_INPUT_WORD + _SAID + _PLANE, re.I), "input"),
           # the size before the word: "a $k_1 \times k_2$ kernel", "the H x W input map"
           (re.compile(_PLANE + r"\s+" + _KERNEL_WORD, re.I), "kernel"),
           (re.compile(_PLANE + r"\s+(?:" + _INPUT_WORD + r"|image\b)", re.I), "input")]


def _key(size: str) -> str:
    return re.sub(r"\s+", "", size)


def prose_axis_sizes(text: str) -> dict:
    r"""{size name as a sum's bound writes it: (role, axis letter)} from the document's prose
    (displays and comments left out).  Example: ``prose_axis_sizes("a batch of size $B$")``
    -> ``{'B': ('output', 'N')}``."""
    prose = _DISPLAY.sub(" ", text)
    items = []
    for pattern in _BATCH:
        items += [f"{_key(m.group(1))}=output.batch" for m in pattern.finditer(prose)]
    for pattern in _OUTPUT_MAP:
        for m in pattern.finditer(prose):
            items += [f"{_key(m.group(1))}=output.rows", f"{_key(m.group(2))}=output.cols"]
    for pattern, role in _PLANES:
        for m in pattern.finditer(prose):
            rows, cols = (g for g in m.groups() if g is not None)
            items += [f"{_key(rows)}={role}.rows", f"{_key(cols)}={role}.cols"]
    found: dict = {}
    for item in items:          # the first phrase that names a size wins
        for name, axis in directive_dims(item).items():
            found.setdefault(name, axis)
    return found


def sizes_not_named(axes: dict, roles: dict, layer_kind: str | None = None) -> dict:
    """``axes`` (:func:`prose_axis_sizes`) without the size letters a role names as a tensor (``W`` the
    width in "the $H \\times W$ input" where ``W`` is the weight): that letter is not read as a size;
    in a pooling section (``layer_kind`` ``pool-…``) a size said to be a convolution kernel's is not its window's.
    Example: ``sizes_not_named({"H": ("input", "H"), "W": ("input", "W")}, {"W": "kernel"})`` → ``{'H': ('input', 'H')}``."""
    bare = {name.split("^", 1)[0].split("_", 1)[0]: role for name, role in roles.items()}
    # W beside w with the same role is the whole tensor of the entries w_{m,n} (∂E/∂W), named by the
    # reader, not by the document: the document's W stays free to be a width
    tensors = {n for n, role in bare.items() if not (n.isupper() and bare.get(n.lower()) == role)}
    pooling = str(layer_kind or "").startswith("pool")     # its "kernel" is the window: a convolution's k is not it
    return {sym: axis for sym, axis in axes.items() if sym.split("^", 1)[0] not in tensors
            and not (pooling and axis[0] == "kernel")}
