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


def history_trackers() -> tuple:
    """Inserts, updates and deletes, recorded by database triggers (bulk and raw SQL too)."""
    return (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())


def actor_context(actor):
    metadata = {"user": getattr(actor, "pk", None)}
    if _command.get():
        metadata["command"] = _command.get()
    return pghistory.context(**metadata)
