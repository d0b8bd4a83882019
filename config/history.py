"""Who and what each history event is recorded for.

Every service writes inside `actor_context(actor)`, so each event names the acting user — from
the admin, the API (token users too) or a command. A command wraps its work in
`command_context(name)` and the name joins each event's context.

pghistory merges nested contexts into the outermost one, so a command must not open one
context around several actors' writes: each service call opens its own.
"""

import contextlib
import contextvars

import pghistory

_command = contextvars.ContextVar("claimdesk_history_command", default=None)


@contextlib.contextmanager
def command_context(name: str):
    token = _command.set(name)
    try:
        yield
    finally:
        _command.reset(token)


def actor_context(actor):
    metadata = {"user": getattr(actor, "pk", None)}
    if _command.get():
        metadata["command"] = _command.get()
    return pghistory.context(**metadata)


def save_checked(*, actor, instance, noun: str, fields=None):
    """Check `actor` may add or change `instance`, validate it fully, save it as `actor`.

    The shared last step of the services' plain add-or-correct writes. `fields` limits a
    correction to the fields the editor changed, so two editors correcting different fields of
    one record at once do not undo each other.
    """
    from .authz import require_perm

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
    from .authz import require_perm

    opts = instance._meta
    require_perm(actor, f"{opts.app_label}.delete_{opts.model_name}", f"remove {noun}")
    with actor_context(actor):
        instance.delete()
