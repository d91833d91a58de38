"""symbp.check.document: display-equation and directive extraction, file reading, fuzzing."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbp.check.document import (
    MAX_DOCUMENT_BYTES,
    Directive,
    DisplayEquation,
    DocumentError,
    extract,
    extract_equations,
    read_document,
)

# The first 49 lines of the founding document (shared/seeds/000_3cf83662f52ccc03.txt), verbatim.
FOUNDING_EXCERPT = r"""

① 池化层反向传播。已知 pooling 的 δ^L , 推导 δ^L

已知 pooling 的 δ^L , 推导 δ^L

将 δ^L 的所有子矩阵还原回池化前大小 (unsample)

假设池化区 2×2 , δ^L 第 k 个矩阵为:

$$\delta_k^L = \begin{bmatrix} 2 & 8 \\ 4 & 6 \end{bmatrix}$$

↓ 还原大小 (unsample)

$$\begin{bmatrix} 0 & 0 & 0 & 0 \\ 0 & 2 & 8 & 0 \\ 0 & 4 & 6 & 0 \\ 0 & 0 & 0 & 0 \end{bmatrix}$$

(1) 若为 average, 则平均。转换为:

$$\begin{bmatrix} 0.5 & 0.5 & 2 & 2 \\ 0.5 & 0.5 & 2 & 2 \\ 1 & 1 & 1.5 & 1.5 \\ 1 & 1 & 1.5 & 1.5 \end{bmatrix}$$

(2) 若为 max, 则为最大值位置还原 (类似 Relu)

若原最大值位于 左上, 右下, 右上, 左下

$$\text{则} \begin{bmatrix} 2 & 0 & 0 & 0 \\ 0 & 0 & 0 & 8 \\ 0 & 4 & 0 & 0 \end{bmatrix}$$

$$\begin{bmatrix} 1 & 0 & 0 & 0 & 0 \\ 0 & 1 & 0 & 0 & 0 \\ 0 & 0 & 1 & 0 & 0 \\ 0 & 0 & 0 & 1 & 0 \\ 0 & 0 & 0 & 0 & 1 \end{bmatrix}$$

$$f^{L+1} = \text{unsample}(f^L) \odot \sigma'(z^{L+1})$$

$\sigma(z)$ 为池化层激活函数,

$$\sigma(z) = z$$

② 卷积层反向传播推导,

假设 l 层的输出 a^l 是 3×3 矩阵, 第 l 层卷积核 2×2 , 采用 1 像素步长, 则输出 z^l 为 2×2 矩阵. 假设 $b^l = 0$, 则有:

$$a^l * w^l = z^l$$

$$\begin{bmatrix} a_{11}^l & a_{12}^l & a_{13}^l \\ a_{21}^l & a_{22}^l & a_{23}^l \\ a_{31}^l & a_{32}^l & a_{33}^l \end{bmatrix} * \begin{bmatrix} w_{11}^l & w_{12}^l \\ w_{21}^l & w_{22}^l \end{bmatrix} = \begin{bmatrix} z_{11}^l & z_{12}^l \\ z_{21}^l & z_{22}^l \end{bmatrix}$$

$$\Rightarrow z_{11} = a_{11} w_{11} + a_{12} w_{12} + a_{21} w_{21} + a_{22} w_{22}$$

$$z_{12} = a_{12} w_{11} + a_{13} w_{12} + a_{22} w_{21} + a_{23} w_{22}$$

$$z_{21} = a_{21} w_{11} + a_{22} w_{12} + a_{31} w_{21} + a_{32} w_{22}$$

$$z_{22} = a_{22} w_{11} + a_{23} w_{12} + a_{32} w_{21} + a_{33} w_{22}$$"""


def lines_and_latex(items):
    return [(item.line, item.latex) for item in items]


# ---------------------------------------------------------------------------
# Markdown


def test_founding_document_line_numbers():
    equations = extract_equations(FOUNDING_EXCERPT, "md")
    assert [e.line for e in equations] == [11, 15, 19, 25, 27, 29, 33, 39, 41, 43, 45, 47, 49]
    assert {e.env for e in equations} == {"$$"}
    assert equations[0].latex == r"\delta_k^L = \begin{bmatrix} 2 & 8 \\ 4 & 6 \end{bmatrix}"
    assert equations[5].latex == r"f^{L+1} = \text{unsample}(f^L) \odot \sigma'(z^{L+1})"
    assert equations[6].latex == r"\sigma(z) = z"  # the inline $\sigma(z)$ on line 31 is skipped
    assert equations[-1].latex == r"z_{22} = a_{22} w_{11} + a_{23} w_{12} + a_{32} w_{21} + a_{33} w_{22}"


def test_markdown_multiline_and_several_per_line():
    text = "intro $x$ and $y$\n$$a = b$$ then $$c = d$$\n\n$$\n  e = f,\n$$\n\\[ g = h. \\]\n"
    assert lines_and_latex(extract_equations(text, "md")) == [(2, "a = b"), (2, "c = d"), (4, "e = f"), (7, "g = h")]
    assert [e.env for e in extract_equations(text, "md")] == ["$$", "$$", "$$", "\\["]


def test_markdown_skips_code_comments_and_escapes():
    text = (
        "```latex\n$$ in = fence $$\n```\n"
        "~~~~\n$$ tilde = fence $$\n~~~~\n"
        "`$$code$$` span and \\$\\$ escaped dollars\n"
        "<!-- $$ commented = out $$ -->\n"
        "$$ kept = 1 $$\n"
    )
    assert lines_and_latex(extract_equations(text, "md")) == [(9, "kept = 1")]


def test_markdown_aligned_block_is_split_into_rows():
    text = "$$\n\\begin{aligned}\nz &= \\begin{bmatrix} 1 & 2 \\end{bmatrix} \\\\\n  &= w \\label{x}\n\\end{aligned}\n$$"
    assert lines_and_latex(extract_equations(text, "md")) == [
        (3, r"z = \begin{bmatrix} 1 & 2 \end{bmatrix}"),
        (4, "= w"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\n\n$$ x = 1\n\nmore", r"^line 3: unterminated display math '\$\$'$"),
        ("\\[ x = 1", r"^line 1: unterminated display math '\\\['$"),
        ("<!-- symbp: layer=conv", "^line 1: unterminated symbp directive comment$"),
    ],
)
def test_markdown_unterminated(text, message):
    with pytest.raises(DocumentError, match=message):
        extract(text, "md")


def test_markdown_directives_in_order_and_attached():
    text = (
        "<!-- symbp: layer=pool size=2x2 mode=max -->\n"
        "$$ a = b $$\n"
        "<!--symbp: layer=conv stride=1 kernel=2x2-->\n"
        "$$ c = d $$\n"
        "<!-- an ordinary comment -->\n"
    )
    items = extract(text, "md")
    assert items == [
        Directive(1, {"layer": "pool", "size": "2x2", "mode": "max"}),
        DisplayEquation(2, "a = b", "$$", {"layer": "pool", "size": "2x2", "mode": "max"}),
        Directive(3, {"layer": "conv", "stride": "1", "kernel": "2x2"}),
        DisplayEquation(4, "c = d", "$$", {"layer": "conv", "stride": "1", "kernel": "2x2"}),
    ]


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("<!-- symbp: layer -->", r"^line 2: malformed symbp directive item 'layer' \(expected KEY=VALUE\)$"),
        ("<!-- symbp: Layer=conv -->", "^line 2: malformed symbp directive item 'Layer=conv'"),
        ("<!-- symbp: layer=con;v -->", "^line 2: malformed symbp directive item 'layer=con;v'"),
        ("<!-- symbp: layer=$(rm) -->", "^line 2: malformed symbp directive item"),
        ("<!-- symbp: a=1 a=2 -->", "^line 2: duplicate key 'a' in symbp directive$"),
        ("<!-- symbp: -->", "^line 2: empty symbp directive$"),
    ],
)
def test_malformed_directives(directive, message):
    """A malformed directive is kept with its error (it spoils only its own section)."""
    [item] = extract("text\n" + directive + "\n", "md")
    assert isinstance(item, Directive) and item.settings == {}
    assert re.search(message, item.error)


# ---------------------------------------------------------------------------
# LaTeX


LATEX = r"""\documentclass{article}
% symbp: layer=conv kernel=2x2
\begin{document}
Inline $a = b$ and \(c = d\) are skipped; so is 50\% of text.
\begin{equation}
  z^l = a^{l-1} * w^l
  + b^l, \label{eq:z}
\end{equation}
\begin{align}
  x &= \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \nonumber \\
  y &= 5 \tag{5} \\ % trailing comment
  w &= 10\% \,.
\end{align}
% \begin{equation} commented = out \end{equation}
\begin{verbatim}
\[ not = math \]
% symbp: not=a_directive
\end{verbatim}
\[ p = q \] and $$ r = s $$
\begin{equation*} t = u \end{equation*}
\end{document}
"""


def test_latex_extraction():
    items = extract(LATEX, "tex")
    settings_ = {"layer": "conv", "kernel": "2x2"}
    assert items[0] == Directive(2, settings_)
    assert [(e.line, e.latex, e.env) for e in items[1:]] == [
        (5, "z^l = a^{l-1} * w^l\n  + b^l", "equation"),
        (10, r"x = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "align"),
        (11, "y = 5", "align"),
        (12, r"w = 10\%", "align"),
        (19, "p = q", "\\["),
        (19, "r = s", "$$"),
        (20, "t = u", "equation*"),
    ]
    assert all(e.settings == settings_ for e in items[1:])


def test_latex_row_breaks_with_spacing_arguments_and_blank_rows():
    text = "\\begin{align*}\n a &= b \\\\[2pt]\n c &= d \\\\\n\\end{align*}"
    assert lines_and_latex(extract_equations(text, "tex")) == [(2, "a = b"), (3, "c = d")]


def test_latex_equation_wrapping_aligned():
    text = "\\begin{equation}\\begin{aligned} a &= b \\\\ &= c \\end{aligned}\\end{equation}"
    assert lines_and_latex(extract_equations(text, "tex")) == [(1, "a = b"), (1, "= c")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x\n\\begin{align}\n a &= b\n", r"^line 2: unterminated display math '\\begin\{align\}'$"),
        ("$$ a = b", r"^line 1: unterminated display math '\$\$'$"),
        ("x $ a = b\n", r"^line 1: unterminated inline math '\$'$"),
        ("\\[\n% symbp: layer=conv\n\\]", "^line 2: symbp directive inside display math opened on line 1$"),
    ],
)
def test_latex_errors(text, message):
    with pytest.raises(DocumentError, match=message):
        extract(text, "tex")


def test_latex_malformed_directive_is_kept_with_its_error():
    [item] = extract("% symbp: layer=c*nv", "tex")
    assert re.search(r"^line 1: malformed symbp directive item 'layer=c\*nv'", item.error)


def test_unknown_kind():
    with pytest.raises(DocumentError, match="unknown document kind 'rst'"):
        extract("", "rst")


def test_crlf_line_endings():
    assert lines_and_latex(extract_equations("a\r\n\r\n$$x = 1$$\r\n", "md")) == [(3, "x = 1")]


# ---------------------------------------------------------------------------
# read_document


@pytest.mark.parametrize(("name", "kind"), [("d.md", "md"), ("d.MARKDOWN", "md"), ("d.tex", "tex")])
def test_read_document_kinds(tmp_path, name, kind):
    path = tmp_path / name
    path.write_text("\ufeff$$x = 1$$\n", encoding="utf-8")
    assert read_document(path) == (kind, "$$x = 1$$\n")


def test_read_document_errors(tmp_path):
    cases = []
    txt = tmp_path / "notes.txt"
    txt.write_text("x")
    cases.append((txt, "unsupported file type '.txt'"))
    cases.append((tmp_path / "missing.md", "not a readable regular file"))
    folder = tmp_path / "folder.md"
    folder.mkdir()
    cases.append((folder, "not a readable regular file"))
    latin1 = tmp_path / "latin1.tex"
    latin1.write_bytes("caf\u00e9".encode("latin-1"))
    cases.append((latin1, r"not valid UTF-8 \(byte 3\)"))
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"x" * (MAX_DOCUMENT_BYTES + 1))
    cases.append((huge, "file is larger than 5 MB"))
    for path, message in cases:
        with pytest.raises(DocumentError, match=message) as info:
            read_document(path)
        assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_read_document_accepts_exactly_5_mb(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * MAX_DOCUMENT_BYTES)
    assert read_document(path)[0] == "md"


# ---------------------------------------------------------------------------
# fuzzing

PIECES = [
    "$", "$$", "\\[", "\\]", "\\(", "\\)", "\n", " ", "a", "=", "&", "\\\\", "%", "\\%", "\\$", "`", "```",
    "~~~", "<!--", "-->", "symbp:", " k=v", " K=!", "\\begin{align}", "\\end{align}", "\\begin{equation}",
    "\\end{equation}", "\\begin{aligned}", "\\end{aligned}", "\\begin{verbatim}", "\\end{verbatim}",
    "\\label{x}", "\\tag{1}", "{", "}", ",", ".", "\\,", "\\begin{bmatrix}", "\\end{bmatrix}",
]
documents = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["md", "tex"]))
def test_fuzz_extract(text, kind):
    try:
        items = extract(text, kind)
    except DocumentError as exc:
        assert str(exc).startswith("line ") and "\n" not in str(exc)
        return
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for item in items:
        assert 1 <= item.line <= line_count
        if isinstance(item, DisplayEquation):
            assert item.latex and item.latex == item.latex.strip()
    assert [item.line for item in items] == sorted(item.line for item in items)
