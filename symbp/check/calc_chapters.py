"""A section with no directive read chapter by chapter (:class:`symbp.check.calc_graph.CalcGraph`).

Pages derive several things one after another under their own headings and reuse letters:
``## Neurone`` with ``a = \\phi(z)``, then ``### Softmax`` with ``a_j = e^{z_j}/\\sum_k e^{z_k}``.
Read as one section, the second definition of ``a`` makes every row below it unsettled.  Where a
name is defined twice in different ways and the two definitions stand under different headings,
each chapter (the span from one Markdown heading to the next) is read as its own section, as a
directive line at each heading would make it, the chapters above carried as directive sections
are (:mod:`symbp.check.calc_carry`); a claim is checked over the chapter it is written in.
Without headings between the two definitions nothing changes.

>>> chapter_groups([(3, "a"), (9, "b"), (12, "c")], ((1, 8), (8, 1000000000)))
[((1, 8), ['a']), ((8, 1000000000), ['b', 'c'])]
"""
from __future__ import annotations


def chapter_groups(displays, spans) -> list:
    """``displays`` ((line, latex) in order) grouped by the chapter ``spans`` ((first line, first
    line of the next)) each lies in; displays above the first heading form their own group."""
    groups: list = []
    for line, latex in displays:
        span = next((s for s in spans if s[0] <= line < s[1]), (0, spans[0][0] if spans else 10 ** 9))
        if groups and groups[-1][0] == span:
            groups[-1][1].append(latex)
        else:
            groups.append((span, [latex]))
    return groups


def crosses_chapters(redefined: dict, first_display, display_line, spans) -> bool:
    """Whether some name of ``redefined`` ({name: display of its second definition}) has its
    two definitions in different chapters (``first_display(name)``: its first definition's
    display; ``display_line(k)``: display k's first line)."""
    def chapter(k):
        line = display_line(k) if k is not None else None
        return None if line is None else next((s for s in spans if s[0] <= line < s[1]), None)
    return any(at is not None and chapter(first_display(name)) != chapter(at)
               for name, at in redefined.items())


class ChapterStates:
    """Each chapter's read state, swapped into the graph for the claims written in it."""

    def __init__(self, states: list):
        self.states, self.current = states, None      # [(span, state dict)], the index in use

    def enter(self, graph, line) -> None:
        """Put the state of the chapter holding ``line`` into ``graph`` (the live state of the
        chapter left is kept: a row ``= …`` continues the left side above it)."""
        if line is None:
            return
        k = next((i for i, (span, _) in enumerate(self.states) if span[0] <= line < span[1]), None)
        if k is None or k == self.current:
            return
        if self.current is not None:
            self.states[self.current] = (self.states[self.current][0], dict(graph.__dict__))
        graph.__dict__.update(self.states[k][1])
        self.current = k


__all__ = ["ChapterStates", "chapter_groups", "crosses_chapters"]
