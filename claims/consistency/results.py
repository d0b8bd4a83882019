"""What a run of the checks found and did: findings, the report, check keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Annotation

CONSISTENCY_ACCOUNT = "consistency"
COMPARISON, COUNT, CONFLICT = "comparison", "count", "conflict"
CHECKS = (COMPARISON, COUNT, CONFLICT)


@dataclass
class Finding:
    """One check evaluated: `claims` are the ones it compared (its check_key), `targets` the
    claims a failure flags, `explanation` the arithmetic in a sentence."""

    check: str
    claims: tuple[int, ...]
    targets: tuple[int, ...]
    passed: bool
    explanation: str

    @property
    def check_key(self) -> str:
        return check_key(self.check, self.claims)


@dataclass
class Report:
    """What a run did: checks evaluated, flags raised, failures already flagged, flags resolved."""

    checked: int = 0
    flagged: int = 0
    already_flagged: int = 0
    resolved: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        checks = "check" if self.checked == 1 else "checks"
        return (
            f"{self.checked} {checks}, {self.flagged} flagged, "
            f"{self.already_flagged} already flagged, {self.resolved} resolved"
        )


CHECK_KEY_LENGTH = Annotation._meta.get_field("check_key").max_length


def check_key(check: str, claim_ids) -> str:
    """'comparison:12,13,14': the check and the claims it compared, in id order; as many of the
    lowest ids as the column holds (a conflict among dozens of sources)."""
    key = f"{check}:"
    for pk in sorted(set(claim_ids)):
        part = f"{',' if key[-1] != ':' else ''}{pk}"
        if len(key) + len(part) > CHECK_KEY_LENGTH:
            break
        key += part
    return key


def _parse_key(key: str) -> tuple[str, frozenset[int]] | None:
    check, _, ids = key.partition(":")
    if check not in CHECKS:
        return None
    try:
        return check, frozenset(int(pk) for pk in ids.split(",") if pk)
    except ValueError:
        return None
