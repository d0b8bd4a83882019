"""Every write to publishers and sources. Interfaces (admin, API, commands) call these."""

from datetime import datetime

from django.db import transaction

from config.authz import require_perm
from config.history import actor_context

from .models import Publisher, Source, body_digest


@transaction.atomic
def publisher_ensure(
    *, actor, name: str, kind: str, country: str = "", homepage: str = "", wikidata_id: str = ""
) -> Publisher:
    """Return the publisher called `name`, creating it (validated) when it does not exist.

    An existing publisher is returned unchanged: corrections go through the admin.
    """
    existing = Publisher.objects.filter(name=name).first()
    if existing is not None:
        return existing
    require_perm(actor, "sources.add_publisher", "add publishers")
    publisher = Publisher(
        name=name, kind=kind, country=country, homepage=homepage, wikidata_id=wikidata_id
    )
    publisher.full_clean()
    with actor_context(actor):
        publisher.save()
    return publisher


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
    require_perm(actor, "sources.add_source", "add sources")
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
    source.full_clean()
    with actor_context(actor):
        source.save()
    return source


def source_find(*, url: str = "", body: str = "", title: str = "") -> Source | None:
    """The stored Source with this url, or else with this exact text and title."""
    if url:
        return Source.objects.filter(url=url).first()
    return Source.objects.filter(body_sha256=body_digest(body), title=title).first()
