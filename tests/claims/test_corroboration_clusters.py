"""Reports written blind by someone who read no code (data/evaluation/corroboration/): in each
cluster four outlets state the same facts in their own words, units and bounds, one of them as a
saved HTML page; then a falsified copy of one of them arrives with exactly one figure changed.
The honest reports must agree with each other, and the changed figure alone must be flagged."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from claims import consistency, intake
from claims.models import Annotation
from sources.parsers import parse

pytestmark = pytest.mark.django_db

EVALUATION = Path(settings.BASE_DIR) / "data" / "evaluation"
MANIFEST = json.loads((EVALUATION / "corroboration" / "manifest.json").read_text())
CLUSTERS = {cluster["name"]: cluster for cluster in MANIFEST["clusters"]}


def ingest(file: str):
    path = EVALUATION / file
    return intake.ingest_article(parse(path.read_bytes(), filename=path.name)).source


def open_conflict_flags():
    return Annotation.objects.open_flags("numeric_inconsistency").filter(
        check_key__startswith="conflict:"
    )


@pytest.mark.parametrize("name", CLUSTERS)
def test_four_outlets_reporting_the_same_facts_raise_no_conflict(roles, name):
    for spec in CLUSTERS[name]["files"]:
        if not spec["falsified"]:
            ingest(spec["file"])
    assert [flag.body for flag in open_conflict_flags()] == []


@pytest.mark.parametrize("name", list(CLUSTERS))
def test_the_falsified_copy_is_flagged_against_the_other_outlets_and_only_it(
    roles, analyst, name
):
    files = CLUSTERS[name]["files"]
    for spec in files:
        if not spec["falsified"]:
            ingest(spec["file"])
    (forged,) = [spec for spec in files if spec["falsified"]]
    copy = ingest(forged["file"])

    flagged = list(open_conflict_flags())
    assert flagged, f"{forged['changed']['to_fragment']} was not flagged"
    assert {flag.claim.source_id for flag in flagged} == {copy.pk}
    assert all(forged["changed"]["to_fragment"] in flag.claim.quote for flag in flagged)
    conflict = next(
        c
        for c in consistency.conflicts(analyst)
        if any(side.claim.source_id == copy.pk for side in c.claims)
    )
    standing = {side.claim.source_id for side in conflict.claims if not side.flagged}
    assert len(standing) >= 2, "the other outlets' reports should stand against the copy"
