from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"
WIKIDATA_ID_MESSAGE = "A Wikidata id looks like Q17 (Q followed by digits)."

wikidata_id_validator = RegexValidator(WIKIDATA_ID_PATTERN, WIKIDATA_ID_MESSAGE)


def wikidata_id_constraint(name: str) -> models.CheckConstraint:
    """The database's copy of `wikidata_id_validator`: empty, or Q followed by digits."""
    return models.CheckConstraint(
        condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_PATTERN),
        name=name,
        violation_error_message=WIKIDATA_ID_MESSAGE,
        violation_error_code="invalid_wikidata_id",
    )


def timezone_name_validator(name: str) -> None:
    """An IANA time zone name, such as Asia/Shanghai or Europe/London."""
    if name and name not in available_timezones():
        raise ValidationError(
            f"{name!r} is not an IANA time zone name (such as Asia/Shanghai).", code="invalid"
        )
