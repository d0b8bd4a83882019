import pytest

from ..factories import EntityFactory

pytestmark = pytest.mark.django_db


def test_entities_are_public_and_searchable_by_name_or_alias(api):
    japan = EntityFactory(name="Japan", aliases=["Tokyo"], wikidata_id="Q17")
    EntityFactory(name="Japan Coast Guard", kind="organization")
    EntityFactory(name="Australia")
    names = [e["name"] for e in api().get("/api/v1/entities/?q=japan").json()["results"]]
    assert names == ["Japan", "Japan Coast Guard"]
    assert [e["id"] for e in api().get("/api/v1/entities/?q=Tokyo").json()["results"]] == [japan.pk]
    data = api().get(f"/api/v1/entities/{japan.pk}/").json()
    assert (data["wikidata_id"], data["aliases"]) == ("Q17", ["Tokyo"])


def test_entities_filter_by_kind(api):
    EntityFactory(name="Japan")
    osa = EntityFactory(name="OSA", kind="program")
    assert [e["id"] for e in api().get("/api/v1/entities/?kind=program").json()["results"]] == [
        osa.pk
    ]
