from django.core.validators import RegexValidator

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id looks like Q17 (Q followed by digits)."
)
