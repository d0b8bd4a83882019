"""The OpenAPI document is the API's contract: it changes only on purpose, visibly.

`docs/openapi-v1.yaml` is the document as last released. A change to the API shows up here as a
failing test and, once `make schema` has rewritten the file, as a diff in review: names are the
contract, so a diff that removes or renames anything needs a decision in docs/decisions.md.
"""

from pathlib import Path

from django.core.management import call_command

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "openapi-v1.yaml"


def test_the_served_schema_is_the_committed_contract(tmp_path):
    served = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(served), "--validate")
    assert served.read_text() == CONTRACT.read_text(), (
        "The API's schema changed: run `make schema` and review the diff of docs/openapi-v1.yaml."
    )
