"""Load the curated seed (data/seed-claims.json) through the services, idempotently.

Claims are created by the `seed` system account; evidence, flags, resolutions and verdicts are
recorded by the `curator` account (a reviewer), so the four-eyes rule holds for the seed too.
Neither account can log in. The article comes in through the intake (claims/intake.py). A claim
the seed account already inserted for the same passage (the quote it was inserted with, read
from the claim's history; each curated claim has its own) is left exactly as it is, corrections
included, so a second run writes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from config.history import command_context
from sources import services as source_services
from sources.models import Source
from sources.parsers import UnreadableInput, parse

from . import services
from .choices import AnnotationKind, ClaimStatus, FlagReason
from .intake import ingest_source, one_line
from .models import Annotation, Claim, ClaimRelation
from .roles import EDITOR, REVIEWER, ensure_roles, system_account

DATA_DIR = Path(settings.BASE_DIR) / "data"
SEED_FILE = DATA_DIR / "seed-claims.json"
WIKIDATA_FILE = DATA_DIR / "wikidata-ids.json"

SEED_ACCOUNT, CURATOR_ACCOUNT = "seed", "curator"


class SeedError(Exception):
    """The seed file is unusable; the message names the place."""


@dataclass
class SeedReport:
    created: int = 0
    present: int = 0
    keys: dict[str, Claim] = field(default_factory=dict)


def _parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    if len(value) == 10:  # a date alone: midnight UTC of that day
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise SeedError(f"published_at {value!r} has no timezone")
    return parsed


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(f"{path} is missing") from None
    except json.JSONDecodeError as error:
        raise SeedError(f"{path}: not valid JSON ({error})") from None


def _check_wikidata(entities: list[dict]) -> None:
    allowed = _read(WIKIDATA_FILE)["ids"]
    for entity in entities:
        wikidata_id = entity.get("wikidata_id", "")
        if wikidata_id and allowed.get(entity["name"]) != wikidata_id:
            raise SeedError(
                f"entity {entity['key']}: Wikidata id {wikidata_id} is not the one "
                f"{WIKIDATA_FILE.name} lists for {entity['name']!r}"
            )


def _publisher(actor, spec: dict):
    return source_services.publisher_ensure(
        actor=actor,
        name=spec["name"],
        kind=spec["kind"],
        country=spec.get("country", ""),
        homepage=spec.get("homepage", ""),
        wikidata_id=spec.get("wikidata_id", ""),
        timezone=spec.get("timezone", ""),
    )


def _seed_source(actor, spec: dict) -> Source:
    """The seed article, brought in through the intake as `manage.py ingest` would (no
    candidates: its claims are the curated ones). A database seeded before it was ingested this
    way gets the article as a revision, and the seed's claims move to it."""
    path = DATA_DIR / spec["file"]
    try:
        parsed = parse(path.read_bytes(), filename=path.name)
    except UnreadableInput as error:
        raise SeedError(f"{path.name}: {error}") from None
    publisher = _publisher(actor, spec["publisher"])
    if spec["publisher"].get("timezone") and not publisher.timezone:
        source_services.publisher_update(
            actor=actor, publisher=publisher, timezone=spec["publisher"]["timezone"]
        )
    result = ingest_source(
        parsed, actor=actor, label=path.name, publisher=publisher, kind=spec["kind"]
    )
    return result.source


def _evidence_source(actor, spec: dict) -> Source:
    """A public record cited as evidence: reference only (we hold no text of it)."""
    return _source(actor, spec, body="")


def _source(actor, spec: dict, *, body: str) -> Source:
    """The stored source this spec describes (by URL, else text and title), created if missing."""
    url = spec.get("url", "")
    existing = source_services.source_find(url=url, body=body, title=spec["title"])
    if existing is not None:
        return existing
    return source_services.source_create(
        actor=actor,
        publisher=_publisher(actor, spec["publisher"]),
        title=spec["title"],
        kind=spec.get("kind", "article"),
        body=body,
        url=url,
        author=spec.get("author", ""),
        editor=spec.get("editor", ""),
        published_at=_parse_datetime(spec.get("published_at")),
        language=spec.get("language", "en"),
    )


def _create_claim(spec: dict, *, source, entities, evidence_sources, seed, curator) -> Claim:
    def entity(key):
        return entities[key] if key else None

    claim = services.claim_create(
        actor=seed,
        source=source,
        quote=spec["quote"],
        start=spec["start"],
        end=spec["end"],
        statement=spec["statement"],
        kind=spec["kind"],
        subject=entities[spec["subject"]],
        predicate=spec["predicate"],
        object=entity(spec.get("object")),
        attributed_to=entity(spec.get("attributed_to")),
        mentions=[entities[key] for key in spec.get("mentions", [])],
        as_of=date.fromisoformat(spec["as_of"]) if spec.get("as_of") else None,
        checkworthiness=Decimal(str(spec["checkworthiness"]))
        if spec.get("checkworthiness") is not None
        else None,
        checkable=spec.get("checkable", True),
        unsourced_note=spec.get("unsourced_note", ""),
    )
    for quantity in spec.get("quantities", []):
        services.quantity_create(
            actor=seed,
            claim=claim,
            value=Decimal(quantity["value"]),
            scale=Decimal(quantity["scale"]),
            unit=quantity["unit"],
            bound=quantity["bound"],
            period=quantity.get("period", ""),
            period_start=date.fromisoformat(quantity["period_start"])
            if quantity.get("period_start")
            else None,
            period_end=date.fromisoformat(quantity["period_end"])
            if quantity.get("period_end")
            else None,
            role=quantity.get("role", ""),
        )
    for record in spec.get("evidence", []):
        services.evidence_attach(
            actor=curator,
            claim=claim,
            source=evidence_sources[record["source"]],
            stance=record["stance"],
            note=record.get("note", ""),
        )
    for flag in spec.get("flags", []):
        services.annotation_create(
            actor=curator,
            claim=claim,
            kind=AnnotationKind.FLAG,
            flag_reason=flag["reason"],
            body=flag["body"],
        )
    if spec.get("resolve_unsourced"):
        unsourced = Annotation.objects.open_flags(FlagReason.UNSOURCED).get(claim=claim)
        services.annotation_resolve(
            actor=curator, annotation=unsourced, note=spec["resolve_unsourced"]
        )
    decision = spec.get("decision")
    if decision:
        if decision["to"] != ClaimStatus.NOT_CHECKABLE:
            services.claim_transition(actor=seed, claim=claim, to=ClaimStatus.IN_REVIEW)
        services.claim_transition(
            actor=curator, claim=claim, to=decision["to"], rationale=decision["rationale"]
        )
    return claim


@transaction.atomic
def load_seed(progress=lambda iterable, total: iterable) -> SeedReport:
    """Load the seed; all or nothing. Raises SeedError with one clear line on bad data."""
    ensure_roles()
    data = _read(SEED_FILE)
    seed = system_account(SEED_ACCOUNT, EDITOR)
    curator = system_account(CURATOR_ACCOUNT, REVIEWER)
    report = SeedReport()
    with command_context("load_seed"):
        try:
            _check_wikidata(data["entities"])
            source = _seed_source(seed, data["source"])
            entities = {
                spec["key"]: services.entity_ensure(
                    actor=seed,
                    name=spec["name"],
                    kind=spec["kind"],
                    wikidata_id=spec.get("wikidata_id", ""),
                    aliases=spec.get("aliases", []),
                    description=spec.get("description", ""),
                )
                for spec in data["entities"]
            }
            evidence_sources = {
                spec["key"]: _evidence_source(curator, spec) for spec in data["evidence_sources"]
            }
            for spec in progress(data["claims"], len(data["claims"])):
                # The seed's own claim for this passage, found by the quote it was inserted with
                # (its history), so neither an editor's later correction nor a move to a
                # revision of the article is ever duplicated.
                existing = (
                    Claim.objects.filter(
                        source=source,
                        created_by=seed,
                        events__pgh_label="insert",
                        events__quote=spec["quote"],
                    )
                    .distinct()
                    .first()
                )
                if existing is not None:
                    report.present += 1
                    report.keys[spec["key"]] = existing
                    continue
                try:
                    report.keys[spec["key"]] = _create_claim(
                        spec,
                        source=source,
                        entities=entities,
                        evidence_sources=evidence_sources,
                        seed=seed,
                        curator=curator,
                    )
                except ValidationError as error:
                    raise SeedError(f"claim {spec['key']}: {one_line(error)}") from None
                report.created += 1
            _relate(data["claims"], report.keys, seed)
        except KeyError as error:
            raise SeedError(f"{SEED_FILE.name}: missing or unknown key {error}") from None
    return report


def _relate(specs: list[dict], claims: dict[str, Claim], actor) -> None:
    for spec in specs:
        for relation in spec.get("relations", []):
            from_claim, to_claim = claims[spec["key"]], claims[relation["to"]]
            if not ClaimRelation.objects.filter(
                from_claim=from_claim, to_claim=to_claim, kind=relation["kind"]
            ).exists():
                services.claim_relate(
                    actor=actor,
                    from_claim=from_claim,
                    to_claim=to_claim,
                    kind=relation["kind"],
                    note=relation.get("note", ""),
                )
