"""`manage.py export` and `manage.py import`: the whole database as JSON lines, restored into an
empty database to identical data (compared as canonical dumps), all or nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from claims import services
from claims.api.tokens import token_issue
from claims.models import Claim
from claims.roles import EDITOR, ensure_roles
from claims.spellings import ensure_spellings
from config.dump import FILLED_BY_MIGRATIONS, tables

from .conftest import PASSWORD
from .factories import ClaimWithPartsFactory, UserFactory
from .test_serving import _database_url

ROOT = Path(__file__).resolve().parents[1]
WIRE_TEXT = ROOT / "data" / "evaluation" / "harbour-wire-patrol-boats.txt"


def export(path: Path) -> list[str]:
    call_command("export", output=str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return path.read_text(encoding="utf-8").splitlines()


def canonical(lines: list[str]) -> list[str]:
    return [json.dumps(json.loads(line), sort_keys=True) for line in lines]


def empty_the_database():
    """What a freshly migrated database holds: no rows, but the role groups and search
    spellings its data migrations write (the restore replaces them)."""
    names = ", ".join(f'"{table.name}"' for table in tables())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    ensure_roles()
    ensure_spellings()


def rows_by_table() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'SELECT count(*) FROM "{table.name}"')  # noqa: S608 (our names)
            counts[table.name] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def desk(transactional_db):
    """The seed, an ingested article, a reviewer with a password and a permission of their own,
    an editor's correction through the services (history with its user), and an API token."""
    call_command("load_seed", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("ingest", str(WIRE_TEXT), stdout=open(os.devnull, "w"))  # noqa: SIM115
    ensure_roles()
    editor = UserFactory(username="restored-editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    editor.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    editor = type(editor).objects.get(pk=editor.pk)
    claim = Claim.objects.filter(status="unreviewed").order_by("id").first()
    services.claim_update(
        actor=editor, claim=claim, expected_version=claim.version, predicate="restored predicate"
    )
    token = token_issue(user=editor, name="laptop")
    return editor, token.key


def test_export_then_import_into_an_empty_database_gives_identical_data(desk, tmp_path):
    editor, token = desk
    first = export(tmp_path / "first.jsonl")
    header = json.loads(first[0])
    assert (header["format"], header["version"]) == ("claimdesk-export", 1)
    assert json.loads(first[-1]) == {"end": {"rows": len(first) - 2}}
    exported = {json.loads(line)["table"] for line in first[1:-1]}
    # Everything hanging off claims, users with hashes, tokens as hashes, history and contexts.
    assert {
        "auth_user", "auth_group", "auth_user_groups", "auth_user_user_permissions",
        "sources_publisher", "sources_source", "claims_entity", "claims_claim",
        "claims_quantity", "claims_evidence", "claims_review", "claims_annotation",
        "claims_claimmention", "claims_apitoken", "pghistory_context", "claims_claimevent",
        "sources_sourceevent", "claims_reviewevent",
    } <= exported
    stored_hash = next(
        json.loads(line)["row"]["password"] for line in first[1:-1]
        if '"username":"restored-editor"' in line
    )
    assert stored_hash == editor.password and stored_hash.startswith("md5$")
    assert token not in "".join(first)  # only its hash is stored, and so exported
    permission_rows = [
        json.loads(line)["row"] for line in first if '"table": "auth_user_user_permissions"' in line
    ]
    assert [row["permission_id"] for row in permission_rows] == [["claims", "view_apitoken"]]
    before = rows_by_table()

    empty_the_database()
    out = tmp_path / "out.txt"
    call_command("import", str(tmp_path / "first.jsonl"), stdout=out.open("w"))
    assert out.read_text().strip() == f"import: {len(first) - 2} rows restored from " + str(
        tmp_path / "first.jsonl"
    ) + "."

    # Identical data, history included: the restore recorded no events of its own.
    assert canonical(export(tmp_path / "second.jsonl")) == canonical(first)
    assert rows_by_table() == before
    # The restored hashes work: the password logs in, the token authenticates.
    assert authenticate(username="restored-editor", password=PASSWORD) == editor
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/tokens/").status_code == 200
    # Sequences were reset: new rows get new ids.
    assert ClaimWithPartsFactory().pk > max(Claim.objects.exclude(
        statement__startswith="The budget grew").values_list("pk", flat=True))

    with pytest.raises(CommandError, match=r"^import: this database is not empty \("):
        call_command("import", str(tmp_path / "first.jsonl"))


def _bad_quote(row):
    row["quote"] = row["quote"] + " (sic)"
    row["end"] += 6


def _not_json(line):
    return line[: len(line) // 2]


@pytest.mark.parametrize(
    ("table", "spoil", "reason"),
    [
        ("claims_claim", _bad_quote, r"claims_claim refuses the row: .*quote"),
        ("claims_quantity", None, r"not JSON"),
        ("claims_evidence", {"claim_id": 10**9}, r"claims_evidence refuses the row: .*claim_id"),
        ("claims_review", {"rationale": None}, r"claims_review refuses the row: .*null"),
    ],
    ids=["quote-off-its-offsets", "cut-line", "foreign-key-to-nowhere", "null-column"],
)
def test_a_bad_line_aborts_the_import_with_its_number_and_writes_nothing(
    transactional_db, roles, tmp_path, table, spoil, reason
):
    ClaimWithPartsFactory.create_batch(3)
    lines = export(tmp_path / "good.jsonl")
    number = next(n for n, line in enumerate(lines, 1) if f'"table": "{table}"' in line) + 1
    item = json.loads(lines[number - 1])
    if spoil is None:
        lines[number - 1] = _not_json(lines[number - 1])
    else:
        if callable(spoil):
            spoil(item["row"])
        else:
            item["row"].update(spoil)
        lines[number - 1] = json.dumps(item)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty_the_database()
    before = rows_by_table()

    expected = rf"^import: line {number}: {reason}.*nothing was written"
    with pytest.raises(CommandError, match=expected):
        call_command("import", str(bad))

    assert rows_by_table() == before
    assert all(n == 0 for name, n in before.items() if name not in FILLED_BY_MIGRATIONS)


def test_manage_py_import_refuses_in_one_line_without_a_traceback(transactional_db, tmp_path):
    ClaimWithPartsFactory()
    lines = export(tmp_path / "good.jsonl")
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # no end line
    empty_the_database()
    result = subprocess.run(
        [sys.executable, "manage.py", "import", str(cut)],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": _database_url()},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: import: the file has no end line: it was cut short; nothing was written."
    ]
    assert not Claim.objects.exists()
