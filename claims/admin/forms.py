from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from claims import services
from claims.choices import ClaimStatus
from claims.models import Claim, ClaimMention, Entity
from config.errors import StaleVersion


class ClaimAdminForm(forms.ModelForm):
    """The claim change form. It carries the version it was read at: a stale save is refused.

    `clean()` locks the claim's row for the rest of the admin's transaction (see
    services.claim_lock_for_edit), so the version check and the save are one atomic step.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    mention_entities = forms.ModelMultipleChoiceField(
        queryset=Entity.objects.all(),
        required=False,
        label="Also mentions",
        help_text="Further entities the claim names, e.g. the recipient countries.",
    )

    class Meta:
        model = Claim
        fields = sorted(services.EDITABLE_FIELDS)  # the display order is the admin fieldsets'
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            "statement": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if "as_of" not in self.fields:  # every model field is read-only (a view, a decided claim)
            return
        mentions = self.fields["mention_entities"]
        mentions.widget = AutocompleteSelectMultiple(
            ClaimMention._meta.get_field("entity"), admin_site or admin.site
        )
        mentions.widget.choices = mentions.choices  # a new widget has none of the field's
        if self.instance.pk:
            mentions.initial = list(self.instance.mentions.values_list("pk", flat=True))
        as_of = self.fields["as_of"]
        as_of.required = False
        as_of.help_text = "The date the claim speaks for; empty = the source's publication date."

    def content_changed(self) -> bool:
        return bool(set(self.changed_data) - {"expected_version"})

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and cleaned.get("source") is not None:
            # Left empty, as_of is the service's default, shown beside the field when there is none.
            try:
                cleaned["as_of"] = services.claim_as_of(
                    source=cleaned["source"], as_of=cleaned.get("as_of")
                )
            except ValidationError as refused:
                self.add_error(None, refused)
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            if expected is None:
                raise ValidationError("This form is missing the version it was read at; reload.")
            try:
                services.claim_lock_for_edit(
                    claim=self.instance,
                    expected_version=expected,
                    changing_content=self.content_changed(),
                )
            except StaleVersion as stale:
                raise ValidationError(str(stale), code="stale") from None
        return cleaned


def _status_choices(statuses) -> list[tuple[str, str]]:
    return [("", "Choose a status…"), *((s.value, s.label) for s in statuses)]


class DecideForm(forms.Form):
    """The list action's intermediate page: a status (none chosen until the reviewer picks one)
    and the rationale for it."""

    to = forms.ChoiceField(
        label="New status",
        choices=_status_choices(
            status
            for status in ClaimStatus
            if status not in (ClaimStatus.UNREVIEWED, ClaimStatus.PROPOSED, ClaimStatus.DISMISSED)
        ),
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Required for every decision and for reopening; name the evidence it rests on.",
    )


class ClaimDecisionForm(forms.Form):
    """Decide or reopen one claim from its own page: only the statuses its current one may move
    to, the rationale, and the version the page showed. The rules are the service's: its
    refusals are put beside the field they concern."""

    to = forms.ChoiceField(label="New status")
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        required=False,
        help_text="Required; name the evidence the decision rests on.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = _status_choices(
            status for status in ClaimStatus if services.transition_kind(claim.status, status)
        )
        self.fields["expected_version"].initial = claim.version

    def add_refusal(self, refused: ValidationError) -> None:
        """The service's refusal beside its field; a rule about the move itself (no evidence,
        four eyes, not allowed from this status) beside the status chosen."""
        if hasattr(refused, "error_dict"):
            for field, errors in refused.error_dict.items():
                self.add_error(field if field in self.fields else "to", errors)
        else:
            self.add_error("to", refused)


def plain_decimal(value: Decimal) -> Decimal:
    """18.100000 → 18.1 and 1000000000.000000 → 1000000000: the same number, as typed."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class QuantityInlineForm(forms.ModelForm):
    """A structured value shown as it was typed (18.1, 1000000000), not with the columns'
    six decimal places."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "scale"):
            if isinstance(self.initial.get(name), Decimal):
                self.initial[name] = plain_decimal(self.initial[name])


class FlagUnsourcedForm(forms.Form):
    """The flag action's intermediate page: the editor's own reason, and a confirmation for
    claims that name who makes the assertion or have been decided."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why does this need a source?",
        help_text="Written on each flag as your note; say what is missing.",
    )
    confirmed = forms.BooleanField(
        required=False,
        label="Flag the attributed or decided claims too",
        help_text="Without this, those claims are left unflagged and listed as refused.",
    )


class ResolveForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="How was this resolved?")
