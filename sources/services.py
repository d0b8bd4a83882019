"""Every write to publishers and sources. Interfaces (admin, API, commands) call these."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction

from config.authz import require_perm
from config.history import actor_context
from config.services import refuse_unknown_fields, save_changes, save_checked

from .models import Publisher, Source, body_digest

PUBLISHER_FIELDS = frozenset({"name", "kind", "country", "homepage", "wikidata_id", "timezone"})


@transaction.atomic
def publisher_create(
    *,
    actor,
    name: str,
    kind: str,
    country: str = "",
    homepage: str = "",
    wikidata_id: str = "",
    timezone: str = "",
) -> Publisher:
    """Add a publisher after full validation."""
    publisher = Publisher(
        name=name,
        kind=kind,
        country=country,
        homepage=homepage,
        wikidata_id=wikidata_id,
        timezone=timezone,
    )
    return save_checked(actor=actor, instance=publisher, noun="publishers")


@transaction.atomic
def publisher_update(*, actor, publisher: Publisher, **changes) -> Publisher:
    """Correct the given fields of a publisher; the others are left as they are."""
    return save_changes(
        actor=actor,
        instance=publisher,
        noun="publishers",
        changes=changes,
        allowed=PUBLISHER_FIELDS,
    )


@transaction.atomic
def publisher_ensure(*, actor, name: str, kind: str, **fields) -> Publisher:
    """Return the publisher called `name`, creating it (validated) when it does not exist.

    An existing publisher is returned unchanged: corrections go through `publisher_update`.
    """
    existing = Publisher.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return publisher_create(actor=actor, name=name, kind=kind, **fields)


@transaction.atomic
def source_create(
    *,
    actor,
    publisher: Publisher,
    title: str,
    kind: str,
    body: str = "",
    url: str = "",
    author: str = "",
    editor: str = "",
    published_at: datetime | None = None,
    published_at_zone_assumed: str = "",
    retrieved_at: datetime | None = None,
    language: str = "en",
    revises: Source | None = None,
) -> Source:
    """Create a Source after full validation. Its body can never change afterwards."""
    source = Source(
        publisher=publisher,
        title=title,
        kind=kind,
        body=body,
        url=url,
        author=author,
        editor=editor,
        published_at=published_at,
        published_at_zone_assumed=published_at_zone_assumed,
        retrieved_at=retrieved_at,
        language=language,
        revises=revises,
        body_sha256=body_digest(body),
    )
    return save_checked(actor=actor, instance=source, noun="sources")


def source_find(
    *, url: str = "", body: str = "", title: str = "", publisher: Publisher | None = None
) -> Source | None:
    """The current Source that is the same input: the one with this URL, else the one with this
    exact text, title (and publisher, when given). A reference-only text (empty) is never
    matched by its digest: every empty text has the same one."""
    current = Source.objects.filter(is_current=True)
    if url:
        found = current.filter(url=url).first()
        if found is not None:
            return found
    if not body:
        return None
    same_text = current.filter(body_sha256=body_digest(body), title=title)
    if publisher is not None:
        same_text = same_text.filter(publisher=publisher)
    return same_text.order_by("id").first()


CREATED, UNCHANGED, REVISED = "created", "unchanged", "revised"


@dataclass(frozen=True)
class SourceIntake:
    """What ingesting a text did: `created` a source, found it `unchanged`, or `revised` the
    `previous` one."""

    source: Source
    outcome: str
    previous: Source | None = None


def source_revision_of(*, url: str, title: str, publisher: Publisher) -> Source | None:
    """The current source a changed text replaces: the one at its URL, else the one with its
    title from its publisher."""
    current = Source.objects.filter(is_current=True)
    if url:
        found = current.filter(url=url).first()
        if found is not None:
            return found
    return current.filter(title=title, publisher=publisher).order_by("-id").first()


@transaction.atomic
def source_ingest(*, actor, publisher: Publisher, title: str, body: str, url: str = "", **fields):
    """Store an ingested text once. The same input again changes nothing (`unchanged`); a
    changed text at a known URL, or with the title of a current source of the same publisher,
    is a new Source that revises it (`revised`): the old text is never edited, it stops being
    current and its URL moves to the revision. Otherwise the text is `created`."""
    same = source_find(url=url, body=body, title=title, publisher=publisher)
    if same is not None and same.body == body:
        return SourceIntake(same, UNCHANGED)
    previous = source_revision_of(url=url, title=title, publisher=publisher)
    if previous is None:
        created = source_create(
            actor=actor, publisher=publisher, title=title, body=body, url=url, **fields
        )
        return SourceIntake(created, CREATED)
    # Locked, so two intakes of two revisions cannot both revise the same text.
    previous = Source.objects.select_for_update().get(pk=previous.pk)
    if not previous.is_current:
        raise ValidationError(
            "This text was revised by someone else meanwhile; ingest it again.", code="stale"
        )
    require_perm(actor, "sources.change_source", "revise sources")
    with actor_context(actor):
        Source.objects.filter(pk=previous.pk).update(is_current=False)
    revision = source_create(
        actor=actor,
        publisher=publisher,
        title=title,
        body=body,
        url=url or previous.url,
        revises=previous,
        **fields,
    )
    return SourceIntake(revision, REVISED, previous)


def published_at_in_zone(
    published_at: datetime | None, *, zone_given: bool, publisher: Publisher, default_zone: str
) -> tuple[datetime | None, str]:
    """An ingested publication time made timezone-aware, and the zone assumed for it ("" when
    the text gave its own): the publisher's time zone, else `default_zone`."""
    if published_at is None or (zone_given and published_at.tzinfo is not None):
        return published_at, ""
    zone = publisher.timezone or default_zone
    return published_at.replace(tzinfo=ZoneInfo(zone)), zone


SOURCE_METADATA_FIELDS = frozenset(
    {
        "publisher",
        "title",
        "url",
        "author",
        "editor",
        "published_at",
        "retrieved_at",
        "language",
        "kind",
        "revises",
    }
)


@transaction.atomic
def source_update(*, actor, source: Source, **changes) -> Source:
    """Correct a source's metadata. Its text never changes: a new text is a new Source."""
    require_perm(actor, "sources.change_source", "edit sources")
    if "body" in changes:
        stored = Source.objects.values_list("body", flat=True).get(pk=source.pk)
        if changes.pop("body") != stored:
            raise ValidationError(
                {
                    "body": "A source's text never changes; add the new text as a new source "
                    "that revises this one."
                }
            )
    refuse_unknown_fields(changes, SOURCE_METADATA_FIELDS)
    for field, value in changes.items():
        setattr(source, field, value)
    source.full_clean()
    with actor_context(actor):
        Source.objects.filter(pk=source.pk).update(**changes)
    return source
