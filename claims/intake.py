"""The newsroom intake: an article in, its source stored once, its claims moved to a revision.

`ingest_article` takes what a parser read (`sources.parsers.ParsedArticle`) and, in one
transaction: finds or creates the publisher, makes the publication time timezone-aware (the
publisher's zone, else the one given, else INGEST_DEFAULT_TIMEZONE, recorded as assumed), stores
the text through `sources.services.source_ingest` (the same input twice is stored once; a changed
text is a revision) and, for a revision, moves every claim of the old text whose quote is
unchanged by `claims.candidates.claim_reanchor`. Candidates and consistency checks build on it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from config.history import command_context
from sources import services as source_services
from sources.choices import PublisherKind, SourceKind
from sources.models import Publisher, Source
from sources.parsers import ParsedArticle

from .candidates import claim_reanchor
from .roles import EDITOR, system_account

INTAKE_ACCOUNT = "intake"
UNKNOWN_PUBLISHER = "Unknown publisher"


@dataclass
class IngestResult:
    """What ingesting one input did; `error` is one line when it failed and wrote nothing."""

    label: str
    outcome: str = ""  # created | unchanged | revised | failed
    source: Source | None = None
    moved: int = 0  # claims moved to the revision, status and verdict kept
    outdated: int = 0  # claims whose quote the revision no longer has (flagged outdated)
    proposed: int = 0
    flags_raised: int = 0
    error: str = ""
    notes: list[str] = field(default_factory=list)


def intake_account():
    """The system account that ingests texts and proposes candidates; it cannot log in."""
    return system_account(INTAKE_ACCOUNT, EDITOR)


def _publisher(actor, parsed: ParsedArticle, publisher: Publisher | dict | None) -> Publisher:
    if isinstance(publisher, Publisher):
        return publisher
    spec = dict(publisher or {})
    spec.setdefault("name", parsed.publisher_name or UNKNOWN_PUBLISHER)
    spec.setdefault("kind", PublisherKind.NEWS if parsed.publisher_name else PublisherKind.OTHER)
    return source_services.publisher_ensure(actor=actor, **spec)


@transaction.atomic
def ingest_source(
    parsed: ParsedArticle,
    *,
    actor=None,
    label: str = "",
    publisher: Publisher | dict | None = None,
    timezone: str | None = None,
    kind: str = SourceKind.ARTICLE,
    retrieved_at=None,
) -> IngestResult:
    """Store the article's text once and move the claims of a text it revises."""
    actor = actor or intake_account()
    result = IngestResult(label=label or parsed.url or parsed.title)
    with command_context("ingest"):
        publisher = _publisher(actor, parsed, publisher)
        published_at, assumed = source_services.published_at_in_zone(
            parsed.published_at,
            zone_given=parsed.published_at_zone_given,
            publisher=publisher,
            default_zone=timezone or settings.INGEST_DEFAULT_TIMEZONE,
        )
        stored = source_services.source_ingest(
            actor=actor,
            publisher=publisher,
            title=parsed.title,
            body=parsed.body,
            url=parsed.canonical_url or parsed.url,
            kind=kind,
            author=parsed.author,
            editor=parsed.editor,
            published_at=published_at,
            published_at_zone_assumed=assumed,
            retrieved_at=retrieved_at,
            language=parsed.language or "en",
        )
        result.outcome, result.source = stored.outcome, stored.source
        if stored.previous is not None:
            for claim in stored.previous.claims.order_by("start", "id"):
                if claim_reanchor(actor=actor, claim=claim, to_source=stored.source):
                    result.moved += 1
                else:
                    result.outdated += 1
    return result
