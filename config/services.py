"""The last step every service shares for plain add, correct and remove writes."""

from django.core.exceptions import ValidationError

from .authz import require_perm
from .history import actor_context


def save_checked(*, actor, instance, noun: str, fields=None):
    """Check `actor` may add or change `instance`, validate it fully, save it as `actor`.

    The shared last step of the services' plain add-or-correct writes. `fields` limits a
    correction to the fields the editor changed, so two editors correcting different fields of
    one record at once do not undo each other.
    """
    opts = instance._meta
    action = "change" if instance.pk else "add"
    require_perm(actor, f"{opts.app_label}.{action}_{opts.model_name}", f"{action} {noun}")
    instance.full_clean()
    with actor_context(actor):
        if instance.pk and fields is not None:
            instance.save(update_fields=list(fields))
        else:
            instance.save()
    return instance


def delete_checked(*, actor, instance, noun: str) -> None:
    """Check `actor` may delete `instance` and delete it as `actor` (history records it)."""
    opts = instance._meta
    require_perm(actor, f"{opts.app_label}.delete_{opts.model_name}", f"remove {noun}")
    with actor_context(actor):
        instance.delete()


def refuse_unknown_fields(changes: dict, allowed: frozenset) -> None:
    """A correction names only fields that may be corrected: any other is refused, by name."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})


def save_changes(*, actor, instance, noun: str, changes: dict, allowed: frozenset):
    """Correct the `changes` fields of `instance` (each must be in `allowed`), validated, as
    `actor`. Only those fields are written, so a concurrent correction of others survives."""
    refuse_unknown_fields(changes, allowed)
    for field, value in changes.items():
        setattr(instance, field, value)
    return save_checked(actor=actor, instance=instance, noun=noun, fields=list(changes))
