"""A first `load_seed` that fails half-way leaves the database as empty as it found it."""

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from claims import seeding
from claims.models import Claim, Entity
from sources.models import Publisher, Source


def table_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_first_load_that_fails_midway_leaves_an_empty_database_empty(db, tmp_path, monkeypatch):
    data = json.loads(seeding.SEED_FILE.read_text(encoding="utf-8"))
    middle = len(data["claims"]) // 2
    data["claims"][middle]["quote"] += " (sic)"
    broken = tmp_path / "seed-claims.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(seeding, "SEED_FILE", broken)
    assert not Source.objects.exists()
    before = table_counts()

    with pytest.raises(CommandError, match=f"claim {data['claims'][middle]['key']}: quote:"):
        call_command("load_seed", stdout=None)

    assert table_counts() == before
    assert not (Source.objects.exists() or Claim.objects.exists() or Entity.objects.exists())
    assert not Publisher.objects.exists()
