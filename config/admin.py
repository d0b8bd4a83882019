"""Admin plumbing shared by the apps: every admin save goes through a service."""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect

from .errors import StaleVersion

# What a service may answer instead of doing its work: a rule, a permission, a lost race.
REFUSALS = (ValidationError, PermissionDenied, StaleVersion)
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE for a unique constraint


def refusal_text(error: Exception) -> str:
    """A refusal as one line for a person (every field's message, named)."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return " ".join(
                f"{field}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
                for field, msgs in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)


def constraint_refusal(error: IntegrityError) -> ValidationError | None:
    """A unique constraint a concurrent write won, as the refusal its model constraint words,
    or None when the database refused something no rule foresaw (a bug)."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is None or diag.sqlstate != UNIQUE_VIOLATION or not diag.constraint_name:
        return None
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == diag.constraint_name:
                return ValidationError(
                    constraint.get_violation_error_message(),
                    code=constraint.violation_error_code or "duplicate",
                )
    return None


def apply_each(model_admin, request, records, do, *, done: str, noun: str) -> list:
    """An admin action's loop: `do(record)` for each selected record, then one message naming
    the records done and one per refusal, with its reason.

    Each record is a savepoint inside one transaction: a refused record (a rule, a permission,
    a lost race, a concurrent duplicate the database's unique constraint caught) changes nothing
    and the others go on; anything unforeseen rolls the whole action back, so a 500 never
    leaves half the selection changed. Returns the refused records."""
    succeeded, refusals, refused_records = [], [], []
    with transaction.atomic():
        for record in records:
            try:
                with transaction.atomic():
                    do(record)
                succeeded.append(record.pk)
            except REFUSALS as refused:
                refusals.append(f"{noun.capitalize()} {record.pk}: {refusal_text(refused)}")
                refused_records.append(record)
            except IntegrityError as error:
                refused = constraint_refusal(error)
                if refused is None:
                    raise
                refusals.append(f"{noun.capitalize()} {record.pk}: {refusal_text(refused)}")
                refused_records.append(record)
    if succeeded:
        model_admin.message_user(
            request,
            f"{len(succeeded)} {noun}(s) {done}. Done for {noun} "
            + ", ".join(str(pk) for pk in succeeded)
            + ".",
            messages.SUCCESS,
        )
    for refusal in refusals:
        model_admin.message_user(request, f"Refused. {refusal}", messages.ERROR)
    return refused_records


class ShownValuesForm(forms.ModelForm):
    """Remembers the value each field was shown with (a hidden input beside it).

    `changed_data` then lists what this editor changed, not what differs from the database now,
    so saving only those fields never undoes another editor's concurrent correction of others.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True


def adopt_saved(obj, saved) -> None:
    """Make the admin's unsaved instance the record a service saved (pk, defaults, state)."""
    for field in saved._meta.concrete_fields:
        if field.attname in saved.__dict__:
            setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves are a create and an update service; records are never deleted.

    The form's cleaned data is passed through: all of it to `create`, only the fields this editor
    changed to `update` (with the record as `instance_kw`), so concurrent corrections of other
    fields survive.
    """

    form = ShownValuesForm
    # A URL typed without a scheme is https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    create_service = None  # staticmethod(<noun>_create)
    update_service = None  # staticmethod(<noun>_update)
    instance_kw = ""

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form validates the rules it can see; a service that still refuses (e.g. a
        # duplicate open unsourced flag) rolls the whole save back and says why.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, StaleVersion) as refused:
            self.message_user(
                request, f"Nothing was saved: {refusal_text(refused)}", messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())

    def service_data(self, form, fields) -> dict:
        return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}

    def save_model(self, request, obj, form, change):
        if change:
            changes = self.service_data(form, form.changed_data)
            self.update_service(actor=request.user, **{self.instance_kw: obj}, **changes)
            return
        created = self.create_service(
            actor=request.user, **self.service_data(form, form.cleaned_data)
        )
        adopt_saved(obj, created)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # only to fill the lists the change message reads
        inline = getattr(formset, "service_inline", None)
        if inline is None:
            raise TypeError(f"{formset.model.__name__} inline must use ServiceInline.")
        inline.save_through_services(request.user, formset)


class ServiceInline:
    """An inline whose rows are written by services: create (with the parent record as
    `parent_kw`), update and delete (with the row as `instance_kw`). A service left None is
    an action the inline does not offer."""

    create_service = None
    update_service = None
    delete_service = None
    parent_kw = ""
    instance_kw = ""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.service_inline = self
        return formset

    def save_through_services(self, actor, formset) -> None:
        deleted = formset.deleted_forms
        for row in deleted:
            if row.instance.pk:
                self.delete_service(actor=actor, **{self.instance_kw: row.instance})
        for row in formset.forms:
            if row in deleted or not row.has_changed():
                continue
            own = [n for n in row.fields if n in row._meta.fields and n != formset.fk.name]
            if row.instance.pk:
                changes = {name: row.cleaned_data[name] for name in row.changed_data if name in own}
                self.update_service(actor=actor, **{self.instance_kw: row.instance}, **changes)
            else:
                data = {name: row.cleaned_data[name] for name in own}
                self.create_service(actor=actor, **{self.parent_kw: formset.instance}, **data)
