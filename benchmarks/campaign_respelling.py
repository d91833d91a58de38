r"""A metamorphic campaign: every display of every corpus and held-out document respelled in eleven ways
that print the same mathematics (``\dfrac``, an atom in braces ``{W_{11}}``, ``\left( \right)`` around a
grouping, ``\displaystyle``, ``= \,``, ``\mathrm{d}``, ``^{\top}``, ``\sum\limits``, ``^{\prime}``, ``\ast``,
``\times``), and each document checked again: a verdict that changes is counted by respelling and by
(before, after).  A change between holds and refuted is a wrong verdict on one side (the truth did not
change); holds or refuted to unchecked is a reading the respelling loses.

    python benchmarks/campaign_respelling.py [PATH-PART ...]     # writes campaign_respelling.tsv here
"""
import sys, re, glob, json, collections
from concurrent.futures import ProcessPoolExecutor
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DISPLAY = re.compile(r"\$\$(.*?)\$\$", re.S)

def braces(s):  # W_{11} -> {W_{11}}: a whole atom (no script before it, none after) in braces
    return re.sub(r"(?<![\\A-Za-z{^_'])([A-Za-z])_\{([^{}]*)\}(?![\^_'{])", r"{\1_{\2}}", s)

def left_right(s):  # a grouping ( ... ) (not a call) written \left( ... \right)
    out, stack = list(s), []
    for k, ch in enumerate(s):
        if ch == "(":
            stack.append(k)
        elif ch == ")" and stack:
            o = stack.pop()
            before = s[:o].rstrip()
            if before and (before[-1].isalnum() or before[-1] in "}'_^" or before.endswith("\\left")):
                continue
            out[o], out[k] = "\\left(", "\\right)"
    return "".join(out) if not stack else s

MUT = {
    "dfrac": lambda s: s.replace(r"\frac{", r"\dfrac{"),
    "braced_atoms": braces,
    "left_right": left_right,
    "mathrm_d": lambda s: re.sub(r"\\frac\{d([A-Za-z])", r"\\frac{\\mathrm{d}\1", re.sub(r"\}\{d([A-Za-z])", r"}{\\mathrm{d}\1", s)),
    "top": lambda s: re.sub(r"\^\{?T\}?(?![A-Za-z])", r"^{\\top}", s),
    "limits": lambda s: s.replace(r"\sum_", r"\sum\limits_"),
    "prime": lambda s: s.replace("'(", r"^{\prime}("),
    "displaystyle": lambda s: r"\displaystyle " + s,
    "thin_space": lambda s: re.sub(r"(?<![<>!\\])=(?![^{}]*\})", r"= \\, ", s),
    "ast": lambda s: re.sub(r"(?<=\s)\*(?=\s)", r"\\ast", s),
    "cdot_times": lambda s: s.replace(r"\cdot", r"\times"),
}

def verdicts(text):
    from symbp.check.checker import check_text
    try:
        return [(c.latex, c.verdict) for c in check_text(text, "md").claims]
    except Exception as e:
        return [("ERR", type(e).__name__)]

def job(path):
    text = open(path).read()
    base = verdicts(text)
    out = []
    for name, f in MUT.items():
        t2 = DISPLAY.sub(lambda m: "$$" + f(m.group(1)) + "$$", text)
        if t2 == text:
            continue
        got = verdicts(t2)
        if len(got) != len(base):
            out.append((path, name, "count", len(base), len(got), ""))
            continue
        for (l1, v1), (l2, v2) in zip(base, got):
            if v1 != v2:
                out.append((path, name, v1, v2, l1[:120].replace("\n", " "), ""))
    return out

if __name__ == "__main__":
    files = sorted(glob.glob(str(ROOT / "tests/docs/real/*.md")) + glob.glob(str(ROOT / "tests/docs/real/heldout*/*.md")))
    if len(sys.argv) > 1:
        files = [f for f in files if any(a in f for a in sys.argv[1:])]
    rows = []
    with ProcessPoolExecutor(2) as ex:
        for r in ex.map(job, files):
            rows += r
    with open("campaign_respelling.tsv", "w") as fh:
        for r in rows:
            fh.write("\t".join(map(str, r)) + "\n")
    c = collections.Counter((r[1], r[2], r[3]) for r in rows)
    for k, v in sorted(c.items(), key=lambda kv: -kv[1]):
        print(v, k)
