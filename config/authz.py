"""The one permission check every service calls before it writes."""

from django.core.exceptions import PermissionDenied


def require_perm(actor, perm: str, action: str) -> None:
    """Raise PermissionDenied (with a sentence a user can act on) unless `actor` holds `perm`."""
    if actor is None or not actor.is_active or not actor.has_perm(perm):
        name = getattr(actor, "username", None) or "anonymous"
        raise PermissionDenied(f"{name} may not {action}.")
