"""`manage.py load_seed`: the seed article and its curated claims, honest statuses, idempotent.

Expected values are written out here, not read from the data file. The seed is loaded once for
the module (see `_seed_loaded`); each test reads and writes it inside its own savepoint.
"""

import json
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from claims import seeding
from claims.models import Annotation, Claim, Entity, Evidence, Quantity
from sources.models import Source

pytestmark = pytest.mark.django_db

ARTICLE_TITLE = "Japan stirs regional security by leveraging its alliances"
SEED_CLAIMS = 39


def load_seed() -> str:
    """Run the command; its one-line report."""
    out = StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue().strip()


@pytest.fixture(scope="module")
def _seed_loaded(django_db_setup, django_db_blocker):
    """The seed, loaded once for the module in a transaction rolled back after its last test.

    Each test's own transaction (pytest-django's `db`) is a savepoint inside this one, so what a
    test writes is gone before the next test starts.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_seed() == f"load_seed: {SEED_CLAIMS} claims created, 0 already present."
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seed_loaded, db):
    return Source.objects.get(title=ARTICLE_TITLE)


def tracked_counts() -> dict[str, int]:
    """Rows of every claims and sources model, history tables included."""
    tracked = [m for m in apps.get_models() if m._meta.app_label in {"claims", "sources"}]
    return {model.__name__: model._default_manager.count() for model in tracked}


def budget(period: str) -> Quantity:
    return Quantity.objects.select_related("claim__attributed_to").get(
        unit="JPY", period=period, claim__source__title=ARTICLE_TITLE
    )


def test_the_article_is_stored_with_its_publisher_people_and_beijing_time(seeded):
    assert seeded.publisher.name == "China Military Online"
    assert seeded.publisher.kind == "state_media"
    assert (seeded.author, seeded.editor) == ("Li Hai", "Li Jiayao")
    # 2026-02-02 18:39:19 in Beijing (UTC+8).
    # 2026-02-02 18:39:19 in Beijing (UTC+8): the header gives no zone, the publisher's is read.
    assert seeded.published_at == datetime(2026, 2, 2, 10, 39, 19, tzinfo=UTC)
    assert (seeded.publisher.timezone, seeded.published_at_zone_assumed) == ("Asia/Shanghai",) * 2
    # The stored text is the article, from its first paragraph to its last: no header, no "back".
    assert seeded.body.startswith("Japan has placed growing emphasis on alliance-building")
    assert seeded.body.endswith("fuel bloc confrontation in the style of a new Cold War.")


def test_the_fy2025_osa_budget_is_8_1_billion_yen_attributed_to_mofa(seeded):
    quantity = budget("FY2025")
    assert (quantity.value, quantity.scale, quantity.role) == (
        Decimal("8.1"),
        Decimal("1000000000"),
        "initial_budget",
    )
    assert quantity.normalised_value == Decimal("8100000000")
    assert quantity.claim.attributed_to.name == "Ministry of Foreign Affairs of Japan"
    assert quantity.claim.quote.endswith("from 8.1 billion yen in 2025")


def test_the_fy2026_osa_request_is_18_1_billion_yen_attributed_to_mofa(seeded):
    quantity = budget("FY2026")
    assert (quantity.value, quantity.role, str(quantity.period_start)) == (
        Decimal("18.1"),
        "budget_request",
        "2026-04-01",
    )
    assert quantity.normalised_value == Decimal("18100000000")
    assert quantity.claim.attributed_to.name == "Ministry of Foreign Affairs of Japan"
    assert quantity.claim.status == "verified"


def test_more_than_doubling_is_derived_from_both_budget_figures(seeded):
    doubling = Claim.objects.get(quantities__unit="ratio")
    assert doubling.quantities.get().bound == "at_least"
    derived = set(
        doubling.relations_out.filter(kind="derived_from").values_list(
            "to_claim__quantities__period", flat=True
        )
    )
    assert derived == {"FY2025", "FY2026"}


def test_the_sixteen_country_count_is_refuted_as_outdated(seeded):
    claim = Claim.objects.get(quantities__unit="count")
    assert claim.quantities.get().value == Decimal("16")
    assert claim.status == "refuted"
    assert claim.evidence.filter(stance="refutes").exists()
    assert claim.annotations.filter(flag_reason="outdated").exists()


def test_the_21_6_percent_figure_stays_undecided_with_its_open_unsourced_flag(seeded):
    claim = Claim.objects.get(quantities__unit="percent")
    assert claim.quantities.get().value == Decimal("21.6")
    assert claim.quantities.get().bound == "at_most"  # "as much as"
    assert claim.status == "unreviewed"
    flag = claim.annotations.get(flag_reason="unsourced", resolved_at__isnull=True)
    assert "no source" in flag.body
    assert claim.annotations.filter(flag_reason="misleading_framing").exists()


def test_every_claim_quotes_the_article_exactly(seeded):
    claims = Claim.objects.filter(source=seeded)
    assert claims.count() == SEED_CLAIMS
    for claim in claims:
        assert seeded.body[claim.start : claim.end] == claim.quote


def test_framing_is_not_checkable_and_carries_no_flag(seeded):
    framing = Claim.objects.filter(source=seeded, status="not_checkable")
    assert framing.count() == 16
    assert not Annotation.objects.filter(claim__in=framing, kind="flag").exists()
    checkable = Claim.objects.filter(source=seeded).exclude(status="not_checkable")
    assert Annotation.objects.filter(claim__in=checkable, kind="flag").exists()


def test_decided_claims_rest_on_reference_only_evidence_reviewed_by_the_curator(seeded):
    decided = Claim.objects.filter(source=seeded, status__in=["verified", "refuted", "misleading"])
    assert decided.count() == 19
    for claim in decided:
        latest = claim.reviews.order_by("-created_at", "-id").first()
        assert latest.reviewer.username == "curator"
        assert latest.rationale
        assert claim.created_by.username == "seed"
    for evidence in Evidence.objects.filter(claim__source=seeded):
        assert evidence.source.body == ""  # we hold no text of it: no invented quote
        assert evidence.quote == ""
        assert evidence.source.url.startswith("http")


def test_the_system_accounts_cannot_log_in(seeded):
    for username in ("seed", "curator"):
        assert not get_user_model().objects.get(username=username).has_usable_password()


def test_a_second_run_changes_nothing(seeded):
    before = tracked_counts()
    assert load_seed() == f"load_seed: 0 claims created, {SEED_CLAIMS} already present."
    assert tracked_counts() == before
    assert before["ClaimEvent"] > 0  # history tables are among those counted


def test_a_quote_that_does_not_match_its_offsets_stops_the_load_with_one_clear_line(
    seeded, tmp_path, monkeypatch
):
    data = json.loads(seeding.SEED_FILE.read_text(encoding="utf-8"))
    # A new entity, which the load writes before it reaches the claims: it must be undone too.
    data["entities"].append({"key": "atlantis", "name": "Atlantis", "kind": "country"})
    data["claims"][-1]["quote"] += " (sic)"
    broken = tmp_path / "seed-claims.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(seeding, "SEED_FILE", broken)
    before = tracked_counts()
    with pytest.raises(CommandError) as refused:
        load_seed()
    message = str(refused.value)
    assert message.startswith(f"load_seed: claim {data['claims'][-1]['key']}: quote:")
    assert "\n" not in message
    assert tracked_counts() == before
    assert not Entity.objects.filter(name="Atlantis").exists()


def test_a_rerun_keeps_an_editors_correction_and_adds_no_duplicate(seeded, editor):
    from claims import services

    claim = Claim.objects.get(quantities__unit="percent")
    services.claim_update(
        actor=editor,
        claim=claim,
        expected_version=claim.version,
        statement="MOFA's FY2026 information-warfare item rises by 21.6%.",
        quote=claim.quote.removeprefix("with "),
        start=claim.start + len("with "),
    )
    assert load_seed() == f"load_seed: 0 claims created, {SEED_CLAIMS} already present."
    assert Claim.objects.filter(source=seeded).count() == SEED_CLAIMS
    corrected = Claim.objects.get(pk=claim.pk)
    assert corrected.statement.startswith("MOFA's FY2026")
    assert corrected.quote.startswith("funding for conducting information warfare")
