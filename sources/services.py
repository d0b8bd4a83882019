"""Every write to publishers and sources. Interfaces (admin, API, commands) call these."""

from datetime import datetime

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
        retrieved_at=retrieved_at,
        language=language,
        revises=revises,
        body_sha256=body_digest(body),
    )
    return save_checked(actor=actor, instance=source, noun="sources")


def source_find(*, url: str = "", body: str = "", title: str = "") -> Source | None:
    """The stored Source with this url, or else with this exact text and title."""
    if url:
        return Source.objects.filter(url=url).first()
    return Source.objects.filter(body_sha256=body_digest(body), title=title).first()


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
