"""The two claim write bodies share one base: what each accepts, requires and refuses."""

from claims.api.serializers import ClaimUpdateSerializer, ClaimWriteSerializer

# A claim's body in the OpenAPI document's order: the fields creating requires, then the rest.
REQUIRED = ["source", "quote", "start", "end", "statement", "kind", "subject", "predicate"]
BODY = [*REQUIRED, "object", "attributed_to", "mentions", "as_of", "checkworthiness"]


def test_creating_accepts_the_body_and_the_flag_options_and_requires_the_core_fields():
    fields = ClaimWriteSerializer().fields
    assert list(fields) == [*BODY, "checkable", "unsourced_note"]
    assert {name for name, field in fields.items() if field.required} == set(REQUIRED)
    serializer = ClaimWriteSerializer(data={})
    assert not serializer.is_valid()
    assert set(serializer.errors) == set(REQUIRED)


def test_a_correction_accepts_the_body_requires_nothing_and_refuses_the_flag_options():
    fields = ClaimUpdateSerializer().fields
    assert list(fields) == BODY
    assert not any(field.required for field in fields.values())
    assert ClaimUpdateSerializer(data={}).is_valid()
    serializer = ClaimUpdateSerializer(data={"checkable": False, "unsourced_note": "x"})
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"checkable", "unsourced_note"}
