"""The newsroom intake: an article in, its source stored once, its claims moved to a revision.

`ingest_article` takes what a parser read (`sources.parsers.ParsedArticle`) and, in one
transaction: finds or creates the publisher, makes the publication time timezone-aware (the
publisher's zone, else the one given, else INGEST_DEFAULT_TIMEZONE, recorded as assumed), stores
the text through `sources.services.source_ingest` (the same input twice is stored once; a changed
text is a revision) and, for a revision, moves every claim of the old text whose quote is
unchanged by `claims.candidates.claim_reanchor`. Candidates and consistency checks build on it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from config.history import command_context
from sources import services as source_services
from sources.choices import PublisherKind, SourceKind
from sources.fetch import FetchError, fetch
from sources.models import Publisher, Source
from sources.parsers import ParsedArticle, UnreadableInput, parse

from . import consistency, extraction
from .candidates import claim_propose, claim_reanchor
from .roles import EDITOR, system_account

INTAKE_ACCOUNT = "intake"
CREATED, UNCHANGED, REVISED = (
    source_services.CREATED,
    source_services.UNCHANGED,
    source_services.REVISED,
)
FAILED = "failed"
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
def ingest_article(parsed: ParsedArticle, *, propose: bool = True, **options) -> IngestResult:
    """Ingest one parsed article, all or nothing: its source (`ingest_source`), then, for a new
    or revised text, its candidate claims (`propose_candidates`) and the consistency checks of
    its numbers against each other and against what other sources say
    (`claims.consistency.check_source`). An unchanged text writes nothing."""
    result = ingest_source(parsed, **options)
    if propose and result.outcome != UNCHANGED:
        with command_context("ingest"):
            result.proposed = propose_candidates(result.source)
            result.flags_raised = consistency.check_source(result.source).flagged
    return result


def propose_candidates(source: Source, *, actor=None) -> int:
    """Propose a candidate, as the `intake` account, for each check-worthy sentence of the
    source that no claim of it covers yet, whatever that claim's status: a sentence a curated
    claim quotes, a candidate already proposed or one an editor dismissed (on this text or on
    the revision it was moved from) is never proposed again. Returns how many were proposed."""
    actor = actor or intake_account()
    published = source.published_at.date() if source.published_at else None
    proposals = extraction.propose(source.body, published=published)
    taken = list(source.claims.values_list("start", "end"))
    fresh = [
        proposal
        for proposal in proposals
        if not any(start < proposal.end and proposal.start < end for start, end in taken)
    ]
    for fields in extraction.service_fields(fresh):
        claim_propose(actor=actor, source=source, **fields)
    return len(fresh)


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


class IngestFailure(Exception):
    """An input that cannot be read, fetched or parsed; the message is one line for a person."""


@dataclass(frozen=True)
class Input:
    """An input's bytes with what is known of them."""

    data: bytes
    label: str
    content_type: str | None = None
    filename: str | None = None
    url: str | None = None
    retrieved_at: datetime | None = None


def read_input(target: str) -> Input:
    """The bytes of a path, or of an http(s) URL fetched with `sources.fetch` (its guards: time
    and size limits, content types, redirects, no private addresses). Raises IngestFailure."""
    if target.startswith(("http://", "https://")):
        try:
            fetched = fetch(target)
        except FetchError as error:
            raise IngestFailure(str(error)) from None
        return Input(
            data=fetched.data,
            label=target,
            content_type=fetched.content_type,
            url=fetched.url_final,
            retrieved_at=fetched.retrieved_at,
        )
    path = Path(target)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestFailure(f"cannot read {target}: {error.strerror or error}") from None
    return Input(data=data, label=target, filename=path.name)


def ingest_input(
    source: Input, *, actor=None, publisher=None, timezone: str | None = None
) -> IngestResult:
    """Parse and ingest one input in its own transaction. Never raises for bad input: a result
    with outcome `failed` and a one-line `error` says why, and nothing was written."""
    try:
        parsed = parse(
            source.data,
            content_type=source.content_type,
            filename=source.filename,
            url=source.url,
        )
    except UnreadableInput as error:
        return IngestResult(label=source.label, outcome=FAILED, error=str(error))
    try:
        return ingest_article(
            parsed,
            actor=actor,
            label=source.label,
            publisher=publisher,
            timezone=timezone,
            retrieved_at=source.retrieved_at,
        )
    except ValidationError as error:
        return IngestResult(label=source.label, outcome=FAILED, error=one_line(error))


def ingest(target: str, **options) -> IngestResult:
    """Ingest a path or URL (see `read_input` and `ingest_input`)."""
    try:
        source = read_input(target)
    except IngestFailure as error:
        return IngestResult(label=target, outcome=FAILED, error=str(error))
    return ingest_input(source, **options)


def one_line(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)
