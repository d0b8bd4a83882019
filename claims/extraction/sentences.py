"""Sentences of a source body, as exact spans: `body[start:end]` is the sentence, always.

Two steps. First the body is cut into paragraphs by its lines: a blank line always ends one; a
single line break ends one too (HTML bodies keep list items and short paragraphs on their own
lines), unless it is a hard wrap of plain text, which is joined (see `_continues`). A bullet's
marker ("- ", "• ", "1. ", "(a) ") stays outside the span. Then syntok 1.4 finds the sentences
within each paragraph; its token offsets are kept, never its text, so nothing is normalised.
Two ends syntok misses are cut: a full stop after a scaled figure ("$1.5bn. Output") or after
"a.m."/"p.m." before a capitalised word.

A segment is not a sentence to propose when it is a headline (a one-sentence paragraph without
final punctuation and under HEADLINE_MAX_WORDS words: titles, bylines, "Source", table rows) or
has fewer than MIN_WORDS words. A wire dateline ("TOKYO, Feb 2 (Reuters) - ") is left out of
its paragraph's first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

MIN_WORDS = 3
HEADLINE_MAX_WORDS = 20

_LINE = re.compile(r"[^\r\n]+")  # any newline convention: \n, \r\n, \r
_BULLET = re.compile(
    r"[ \t]*(?:[-*+•·▪▫◦‣\u2043\u2013—►▶■□✓✔➢]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))"
    r"[ \t]+"
)
_WORD = re.compile(r"[^\W_]+(?:[.'\u2019-][^\W_]+)*", re.UNICODE)
# Final punctuation, possibly inside closing quotes or brackets.
_FINAL = re.compile(r"[.!?…:;][\"'”\u2019)\]]*\Z")
_MISSED_END = re.compile(r"\d[\d.,]*(?:bn|tn|trn|mn|mln|bln|m|k|b)|[ap]\.m", re.I)
_DATELINE = re.compile(
    r"(?:"
    # WASHINGTON, TOKYO, Feb 2, NEW DELHI (Reuters)
    r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s*[^()\n,]{2,25}?)?(?:\s*\([^()\n]{2,30}\))?"
    # Tokyo, Feb. 2 (Xinhua): a mixed-case place needs its agency
    r"|[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+)*(?:,\s*[^()\n,]{2,25}?)?\s*\([A-Z][^()\n]{1,30}\)"
    r")\s*(?:--?|[\u2013—]|:)\s+"
)


@dataclass(frozen=True)
class Segment:
    """One sentence of the body, or a headline-like line; body[start:end] == text."""

    start: int
    end: int
    text: str
    paragraph: int
    proposable: bool


def segments(body: str) -> list[Segment]:
    """Every sentence and headline of the body in order, each with its exact span."""
    found = []
    for number, (start, end, bullet) in enumerate(paragraphs(body)):
        start = _after_dateline(body, start, end)
        spans = list(_syntok_spans(body, start, end))
        alone = len(spans) == 1
        for s, e in spans:
            text = body[s:e]
            assert text == text.strip() and text, (s, e)
            words = len(_WORD.findall(text))
            headline = alone and not bullet and not _FINAL.search(text)
            headline = headline and words < HEADLINE_MAX_WORDS
            found.append(Segment(s, e, text, number, words >= MIN_WORDS and not headline))
    return found


def sentences(body: str) -> list[tuple[int, int]]:
    """The spans (start, end) of the body's sentences to propose claims from: no headlines,
    bylines or one-word lines; no surrounding whitespace; body[start:end] is the sentence."""
    spans = [(s.start, s.end) for s in segments(body) if s.proposable]
    for start, end in spans:
        assert body[start:end] == body[start:end].strip() and start < end
    return spans


def paragraphs(body: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_bullet) of each paragraph, without surrounding whitespace or marker."""
    found: list[tuple[int, int, bool]] = []
    for block in _blocks(body):
        width = max(line.end - line.start for line in block)
        current, last = None, None
        for line in block:
            if current and _continues(last, line, body[line.start : line.end], width):
                current, last = (current[0], line.end, current[2]), line
                continue
            if current:
                found.append(current)
            current, last = (line.start, line.end, line.bullet), line
        if current:
            found.append(current)
    return found


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    bullet: bool
    indented: bool


def _blocks(body: str) -> list[list[_Line]]:
    """Runs of non-blank lines, each line without its surrounding whitespace or marker."""
    blocks: list[list[_Line]] = []
    previous_end = 0
    for m in _LINE.finditer(body):
        text = m[0]
        if not text.strip():
            continue
        if not blocks or _has_blank_line(body[previous_end : m.start()]):
            blocks.append([])
        previous_end = m.end()
        bullet = _BULLET.match(text)
        indent = len(text) - len(text.lstrip())
        start = m.start() + (bullet.end() if bullet else indent)
        end = m.start() + len(text.rstrip())
        if start < end:
            blocks[-1].append(_Line(start, end, bool(bullet), indent > 0))
    return [b for b in blocks if b]


def _has_blank_line(between: str) -> bool:
    return between.replace("\r\n", "\n").replace("\r", "\n").count("\n") > 1


def _continues(previous: _Line, line: _Line, text: str, width: int) -> bool:
    """A hard wrap: the next line starts in lower case, or continues a bullet indented, or
    the previous line is full (the next line's first word would not have fitted on it), so the
    break was the writer's tool's, not the writer's. A bullet starts its own paragraph."""
    if line.bullet:
        return False
    if text[0].islower() or (previous.bullet and line.indented):
        return True
    length = previous.end - previous.start
    return length >= 30 and length + 1 + len(text.split()[0]) > width


def _syntok_spans(body: str, start: int, end: int):
    text = body[start:end]
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            for token in sentence:  # syntok's offsets, never its text: the span stays exact
                assert text[token.offset : token.offset + len(token.value)] == token.value
            for part in _split_missed(sentence):
                first, last = part[0], part[-1]
                yield start + first.offset, start + last.offset + len(last.value)


def _split_missed(sentence: list) -> list[list]:
    """syntok keeps "$1.5bn. Output rose" and "at 3 p.m. Officials said" together: a full stop
    after a figure with a scale or after a.m./p.m., then a capitalised word, ends a sentence."""
    parts, current = [], []
    for i, token in enumerate(sentence):
        current.append(token)
        following = sentence[i + 1] if i + 1 < len(sentence) else None
        if (
            token.value == "."
            and following is not None
            and i > 0
            and _MISSED_END.fullmatch(sentence[i - 1].value)
            and following.value[:1].isupper()
            and not following.value.isupper()
        ):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def _after_dateline(body: str, start: int, end: int) -> int:
    """Where the paragraph's text starts after a wire dateline ("TOKYO (AP) \u2014 "), which
    syntok would otherwise make a sentence of its own or glue to the first one."""
    m = _DATELINE.match(body, start, end)
    if m and m.end() < end and (body[m.end()].isupper() or body[m.end()] in '"\u201c'):
        return m.end()
    return start
