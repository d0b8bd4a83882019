import hashlib

import pghistory
import pgtrigger
from django.db import models
from django.db.models import Q

from config.constraints import one_of
from config.history import history_trackers

from .choices import PublisherKind, SourceKind
from .validators import timezone_name_validator, wikidata_id_constraint, wikidata_id_validator


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@pghistory.track(*history_trackers())
class Publisher(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=PublisherKind.choices)
    country = models.CharField(max_length=100, blank=True)
    homepage = models.URLField(max_length=500, blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True, validators=[wikidata_id_validator])
    timezone = models.CharField(
        max_length=64,
        blank=True,
        db_default="",
        validators=[timezone_name_validator],
        help_text="The IANA time zone of its texts' header times when they give none "
        "(e.g. Asia/Shanghai).",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            one_of("kind", PublisherKind, name="publisher_kind_valid", noun="publisher kinds"),
            wikidata_id_constraint("publisher_wikidata_id_format"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track(*history_trackers())
class Source(models.Model):
    """A text that makes assertions. Its body never changes: a new text is a new Source."""

    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="sources")
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(max_length=200, blank=True)
    editor = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.ARTICLE)
    body = models.TextField(
        blank=True, help_text="Full text. Empty for a reference-only source we hold no text of."
    )
    body_sha256 = models.CharField(max_length=64, editable=False)
    revises = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        help_text="The earlier Source whose text this one replaces.",
    )
    published_at_zone_assumed = models.CharField(
        max_length=64,
        blank=True,
        db_default="",
        help_text="The time zone assumed for a publication time its text gave without one; "
        "empty when the text gave it.",
    )
    # False once a newer revision replaces it: its URL then belongs to the newest revision.
    is_current = models.BooleanField(default=True, db_default=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url="") & Q(is_current=True),
                name="source_url_unique",
                violation_error_message="A current source with this URL is already stored.",
                violation_error_code="duplicate_url",
            ),
            one_of("kind", SourceKind, name="source_kind_valid", noun="source kinds"),
            models.CheckConstraint(
                condition=~Q(revises=models.F("id")),
                name="source_does_not_revise_itself",
                violation_error_message="A source cannot revise itself.",
                violation_error_code="self_revision",
            ),
        ]
        indexes = [
            models.Index(fields=["published_at"], name="source_published_at_idx"),
            # The claim list's default order, newest source first: its first page is read off
            # this index instead of sorting every claim (1M claims: 1.4 s to under 1 ms).
            models.Index(
                models.F("published_at").desc(nulls_last=True), "id", name="source_newest_first"
            ),
        ]
        triggers = [
            # The text a claim quotes must never move under it.
            pgtrigger.ReadOnly(name="source_body_immutable", fields=["body", "body_sha256"]),
            # The digest is the database's own, whatever the writer sent.
            pgtrigger.Trigger(
                name="source_body_sha256",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert,
                func=(
                    "NEW.body_sha256 := encode(sha256(convert_to(NEW.body, 'UTF8')), 'hex');"
                    " RETURN NEW;"
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_sha256 = body_digest(self.body)
        super().save(*args, **kwargs)

    @property
    def is_reference_only(self) -> bool:
        return not self.body
