"""Database constraints of a shape several models share, each with a sentence and a code."""

from django.db import models
from django.db.models import Q


def one_of(field: str, choices: type[models.Choices], *, name: str, noun: str, blank=False):
    """The column holds one of `choices` (or is empty, when `blank`)."""
    condition = Q(**{f"{field}__in": choices.values})
    if blank:
        condition = Q(**{field: ""}) | condition
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=f"Choose one of the {noun}{', or none' if blank else ''}.",
        violation_error_code="invalid_choice",
    )
