"""The candidate's change form (accept or dismiss) and the bulk dismiss action's form."""

from django import forms

from .forms import ClaimAdminForm


class CandidateAdminForm(ClaimAdminForm):
    """The claim form on a candidate, with what the button pressed asks for: "Accept" needs a
    subject and a predicate, "Dismiss" a reason; every missing one is shown at once."""

    dismiss_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Reason to dismiss",
        help_text="Required to dismiss: why this is not a claim worth curating (kept).",
    )

    @property
    def intent(self) -> str:
        if "_accept" in self.data:
            return "accept"
        if "_dismiss" in self.data:
            return "dismiss"
        return "save"

    def content_changed(self) -> bool:
        return bool(set(self.changed_data) - {"expected_version", "dismiss_reason"})

    def clean(self):
        cleaned = super().clean()
        if self.intent == "accept":
            for name in ("subject", "predicate"):
                if name in self.fields and not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, f"Give the candidate its {name} before accepting it.")
        if self.intent == "dismiss" and not cleaned.get("dismiss_reason", "").strip():
            self.add_error("dismiss_reason", "Say why this candidate is dismissed.")
        return cleaned


class DismissForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One reason for every selected candidate; kept with each.",
    )
