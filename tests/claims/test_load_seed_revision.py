"""A database seeded before the seed came in through the intake: the re-seed is a revision."""

import json
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from claims import services
from claims.models import Claim
from claims.roles import EDITOR, ensure_roles, system_account
from sources import services as source_services
from sources.models import Source

pytestmark = pytest.mark.django_db

DATA = settings.BASE_DIR / "data"
SPEC = json.loads((DATA / "seed-claims.json").read_text())
FILE_TEXT = (DATA / SPEC["source"]["file"]).read_text()
# Where the stored body starts in the file: before the intake, the whole file was the body.
HEADER = FILE_TEXT.index("Japan has placed growing emphasis")


@pytest.fixture
def seeded_the_old_way(roles):
    """The article stored whole (header and "back" included), two of its claims at the file's
    offsets, one of them decided."""
    ensure_roles()
    seed = system_account("seed", EDITOR)
    publisher = source_services.publisher_create(
        actor=seed, name="China Military Online", kind="state_media"
    )
    old = source_services.source_create(
        actor=seed,
        publisher=publisher,
        title="Japan stirs regional security by leveraging its alliances",
        kind="article",
        body=FILE_TEXT,
        published_at=datetime(2026, 2, 2, 10, 39, 19, tzinfo=UTC),
    )
    japan = services.entity_create(actor=seed, name="Japan", kind="country")
    claims = []
    for spec in SPEC["claims"][:2]:
        claims.append(
            services.claim_create(
                actor=seed,
                source=old,
                quote=spec["quote"],
                start=spec["start"] + HEADER,
                end=spec["end"] + HEADER,
                statement=spec["statement"],
                kind=spec["kind"],
                subject=japan,
                predicate=spec["predicate"],
                checkable=False,
            )
        )
    Claim.objects.filter(pk=claims[0].pk).update(status="not_checkable")
    return old, claims


def test_the_reseed_revises_the_whole_file_and_moves_its_claims_keeping_their_status(
    seeded_the_old_way,
):
    old, (decided, open_claim) = seeded_the_old_way
    call_command("load_seed", stdout=None)
    revision = Source.objects.get(revises=old)
    old.refresh_from_db()
    assert (old.is_current, revision.is_current) == (False, True)
    assert old.body == FILE_TEXT  # never edited
    assert revision.body.startswith("Japan has placed growing emphasis")
    decided.refresh_from_db()
    open_claim.refresh_from_db()
    assert (decided.source, decided.status) == (revision, "not_checkable")
    assert (decided.start, decided.end) == (SPEC["claims"][0]["start"], SPEC["claims"][0]["end"])
    assert revision.body[decided.start : decided.end] == decided.quote
    assert open_claim.source == revision
    # 39 claims: the two moved ones were found again, not duplicated.
    assert Claim.objects.curated().filter(source=revision).count() == 39
    assert not Claim.objects.filter(source=old).exists()
