"""The admin's "Add a source": the newsroom intake in the browser, for editors.

Paste a text, upload a file or give an address (exactly one), optionally the time zone of a
publication time that gives none; the page runs the intake `manage.py ingest` runs
(`claims.intake.ingest_input` / `claims.intake.ingest`), as the `intake` account, and history
records the editor who asked (`requested_by`). A failure is the intake's one line, shown as a
form error with the input kept; success lands on the candidates queue filtered to the source,
with what happened.
"""

from zoneinfo import available_timezones

import pghistory
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims import intake
from sources.models import Source

# The fetcher's limit for a page (sources.fetch), so a file is held to what a URL is.
MAX_UPLOAD_BYTES = 5_000_000
INTAKE_PERMISSIONS = ("sources.add_source", "sources.add_publisher", "claims.add_claim")
ONE_INPUT = "Give exactly one: paste a text, upload a file, or give its address."


def may_ingest(user) -> bool:
    """Editors and up: storing a source and proposing its candidates are theirs to do."""
    return bool(user and user.is_active and user.has_perms(INTAKE_PERMISSIONS))


class AddSourceForm(forms.Form):
    text = forms.CharField(
        label="Paste the article",
        required=False,
        strip=False,  # kept exactly as pasted: the offsets of claims count its characters
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90, "spellcheck": "false"}),
        help_text="Title on the first line, then the header (Source, Time, …) and the body, "
        "as manage.py ingest reads a text file; or the HTML of a saved page.",
    )
    file = forms.FileField(
        label="or upload a file",
        required=False,
        help_text="A saved web page (.html) or a text (.txt), at most 5 MB.",
    )
    url = forms.URLField(
        label="or give its address",
        required=False,
        assume_scheme="https",
        max_length=2000,
        help_text="Fetched with the intake's limits (time, size, no private addresses).",
    )
    timezone = forms.CharField(
        label="Time zone",
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Asia/Tokyo", "list": "iana-zones"}),
        help_text="The IANA zone of a publication time that gives none, when the publisher's "
        "zone is unknown. Empty: the intake's default.",
    )

    def clean_text(self):
        # Browsers send a textarea's line breaks as CRLF whatever was pasted: the same article
        # pasted or uploaded must be the same text.
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        return text if text.strip() else ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"This file is {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}.",
                code="too_large",
            )
        return upload

    def clean_timezone(self):
        zone = self.cleaned_data["timezone"].strip()
        if zone and zone not in available_timezones():
            raise forms.ValidationError(
                f"“{zone}” is not an IANA time zone name, such as UTC or Asia/Shanghai.",
                code="invalid_timezone",
            )
        return zone or None

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("text", "file", "url") if cleaned.get(name)]
        failed = [name for name in ("file", "url") if name in self.errors]
        if len(given) + len(failed) != 1:
            raise forms.ValidationError(ONE_INPUT, code="one_input")
        return cleaned

    def given(self) -> str:
        return next(name for name in ("text", "file", "url") if self.cleaned_data.get(name))

    def ingest(self, editor) -> intake.IngestResult:
        """Run the intake on the one input given, as the command does (the `intake` account
        stores the text and proposes its candidates), for `editor`."""
        data = self.cleaned_data
        kind = self.given()
        # A request is one history context (pghistory's middleware), whose `user` is the last
        # actor's: the intake's, which proposes the candidates. `requested_by` keeps the editor.
        with pghistory.context(requested_by=editor.pk):
            if kind == "url":
                return intake.ingest(data["url"], timezone=data["timezone"])
            if kind == "file":
                upload = data["file"]
                source = intake.Input(data=upload.read(), label=upload.name, filename=upload.name)
            else:
                source = intake.Input(data=data["text"].encode("utf-8"), label="pasted text")
            return intake.ingest_input(source, timezone=data["timezone"])


def outcome_message(result: intake.IngestResult):
    source: Source = result.source
    read = reverse("claims:source_detail", args=[source.pk])
    proposed = f"{result.proposed} candidate{'s' if result.proposed != 1 else ''} proposed"
    if result.outcome == intake.UNCHANGED:
        return format_html(
            'Unchanged: this text is already stored as <a href="{}">source {} “{}”</a>; '
            "nothing was written.",
            read,
            source.pk,
            source.title,
        )
    if result.outcome == intake.REVISED:
        return format_html(
            'Revised: <a href="{}">source {} “{}”</a> revises source {}; {} claims moved to it, '
            "{} flagged outdated; {}.",
            read,
            source.pk,
            source.title,
            source.revises_id,
            result.moved,
            result.outdated,
            proposed,
        )
    return format_html(
        'Created <a href="{}">source {} “{}”</a>; {}.', read, source.pk, source.title, proposed
    )


class AddSourceMixin:
    """Adds the "Add a source" page to the candidates queue's admin (its URLs)."""

    def get_urls(self):
        add_source = self.admin_site.admin_view(self.add_source_view)
        return [
            path("add-source/", add_source, name="claims_candidate_add_source"),
            *super().get_urls(),
        ]

    def add_source_view(self, request):
        if not may_ingest(request.user):
            raise PermissionDenied
        posted = request.method == "POST"
        form = AddSourceForm(request.POST, request.FILES) if posted else AddSourceForm()
        if posted and form.is_valid():
            result = form.ingest(request.user)
            if result.outcome == intake.FAILED:
                kind = form.given()
                again = " Choose the file again to retry." if kind == "file" else ""
                error = result.error.rstrip(".")
                form.add_error(kind, f"Nothing was stored: {error}.{again}")
            else:
                self.message_user(request, outcome_message(result), messages.SUCCESS)
                for note in result.notes:
                    self.message_user(request, note, messages.INFO)
                queue = reverse("admin:claims_candidate_changelist")
                return HttpResponseRedirect(f"{queue}?source={result.source.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": "Add a source",
            "form": form,
            "opts": self.model._meta,
            "zones": sorted(available_timezones()),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/claims/intake/add_source.html", context)


def link_add_source(site: admin.AdminSite) -> None:
    """Show "Add a source" on the admin index and on the Sources list (whose admin the sources
    app owns: only its list template is swapped for one that extends it)."""
    site.index_template = "admin/claims/intake/index.html"
    source_admin = site.get_model_admin(Source)
    source_admin.change_list_template = "admin/claims/intake/source_change_list.html"
