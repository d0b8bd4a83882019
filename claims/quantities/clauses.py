"""The clauses of a sentence: the stretches that a period's reach is limited to.

A clause ends at ";"; at a comma before "and", "but", "while", "whereas", "although", "though"
or "yet" (not before a figure that no verb follows: "$5bn, $6bn, and $7bn" is a list); at "but",
"while", "whereas", "although" or "though" without a comma; and at a bare "and" that a new
subject and its verb follow ("due in 2028 and the programme is expected to"). A relative clause
(", which", ", who", ", whose", ", where", ", when", or a participle: ", launched in 2023,") is
a clause of its own up to the next comma, and the clause it interrupts goes on after it: in "The
plant, which opened in 2019, employs 1,200 people" the plant and its 1,200 people are one
clause, "which opened in 2019" another. A restrictive "that" is not a boundary: "the 8.1 billion
yen that was allocated in 2025" is one phrase.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_SUBJECT = r"(?:the|its|their|it|they|this|these|those|he|she|we|there)"
_AUXILIARY = r"(?:is|are|was|were|will|would|has|have|had|can|could|should|may|might|must)"
_BOUND = r"(?:about|around|some|nearly|almost|roughly|more\s+than|less\s+than|up\s+to|over)"
# A figure after ", and" is a list's last item ("£5bn, £6bn, and about £7bn for research"),
# unless a verb follows it ("in 2028, and about 1,500 jobs will be created").
_LIST_ITEM = rf"\s+(?:{_BOUND}\s+)?(?:[$€£¥]|\d)(?!(?:[^,;]|,\d){{0,40}}?\b{_AUXILIARY}\b)"
_BREAK = re.compile(
    r";"
    rf"|,\s+(?:and|but|while|whereas|although|though|yet)\b(?!{_LIST_ITEM})"
    r"|(?<!\ball)\s+but\s+|(?<!\ba)\s+while\s+|\s+(?:whereas|although|though)\s+"
    rf"|\s+and\s+(?={_SUBJECT}\b(?:\s+[\w'\u2019-]+){{0,4}}?\s+{_AUXILIARY}\b)",
    re.I,
)
# A parenthetical participle is a relative clause too: "The programme, launched in 2023, now
# covers 16 countries" (2023 is the launch's year, not the count's).
_PARTICIPLE = (
    r"(?:first\s+)?(?:launched|founded|established|introduced|created|set\s+up|begun|started"
    r"|opened|signed|adopted|unveiled|announced|formed|built|agreed|approved|enacted)"
)
RELATIVE = re.compile(rf",\s+(?:which|who|whom|whose|where|when|{_PARTICIPLE})\b", re.I)
# A clause about the time its period names: "since 2019, when the navy bought four submarines".
WHEN = re.compile(r",\s+when\b", re.I)


@dataclass(frozen=True)
class Clauses:
    """Where each stretch of a sentence starts and which clause it belongs to: an interrupted
    clause's two stretches share one id."""

    starts: list[int]
    ids: list[int]
    length: int

    def of(self, pos: int) -> int:
        """The clause the character at pos belongs to."""
        return self.ids[bisect.bisect_right(self.starts, pos) - 1]

    def stretch_start(self, pos: int) -> int:
        """Where the stretch that pos is in starts: at a clause boundary, or 0."""
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def stretch_end(self, pos: int) -> int:
        """Where the stretch that pos is in ends: at the next clause boundary."""
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else self.length


def split_clauses(sentence: str) -> Clauses:
    """The clauses of the sentence, by the boundaries this module's docstring lists."""
    events = [(m.start(), "break") for m in _BREAK.finditer(sentence)]
    events += [(m.start(), "relative") for m in RELATIVE.finditer(sentence)]
    marked = {pos for pos, _ in events}
    commas = (m.start() for m in re.finditer(r",(?!\d)", sentence))
    events += [(pos, "comma") for pos in commas if pos not in marked]
    starts, ids = [0], [0]
    current, interrupted, next_id = 0, None, 1
    for pos, kind in sorted(events):
        if kind == "comma":
            if interrupted is None:
                continue
            current, interrupted = interrupted, None  # the relative clause ends here
        else:
            if kind == "relative" and interrupted is None:
                interrupted = current
            elif kind == "break":
                interrupted = None
            current, next_id = next_id, next_id + 1
        starts.append(pos)
        ids.append(current)
    return Clauses(starts, ids, len(sentence))
