"""Admin form plumbing shared by the apps."""

from django import forms


class ShownValuesForm(forms.ModelForm):
    """Remembers the value each field was shown with (a hidden input beside it).

    `changed_data` then lists what this editor changed, not what differs from the database now,
    so saving only those fields never undoes another editor's concurrent correction of others.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True
