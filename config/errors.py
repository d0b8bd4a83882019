"""The exceptions the services raise and every interface maps: one vocabulary of refusals.

A rule refused is Django's `ValidationError` with a stable `code` (`four_eyes`, `locked`,
`missing_evidence`, ...), on a field when the rule concerns one; a missing permission is
Django's `PermissionDenied`; a write that lost a race with another is `StaleVersion`. The
admin shows them as messages or form errors, the API's exception handler
(`config.api.errors`) as 400, 403 and 412, and the commands as one line.
"""

from django.core.exceptions import ValidationError


class StaleVersion(Exception):
    """The record changed since the caller read it; nothing was written."""

    def __init__(self, *, claim_id: int, expected: int, current: int | None):
        self.claim_id, self.expected, self.current = claim_id, expected, current
        super().__init__(
            f"Claim {claim_id} was changed by someone else while you edited it "
            f"(you edited version {expected}, the current version is {current}). "
            "Reload it and apply your change again."
        )


def refusal(message: str, code: str) -> ValidationError:
    """A rule's refusal of the request as a whole, with the rule's stable code."""
    return ValidationError(message, code=code)


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A field's error that keeps its code (a dict passed to ValidationError drops `code=`)."""
    return ValidationError({field: ValidationError(message, code=code)})
