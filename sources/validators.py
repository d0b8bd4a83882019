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
