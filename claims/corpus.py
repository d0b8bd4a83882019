"""A synthetic corpus for measuring ClaimDesk at scale (`manage.py generate_corpus`).

What it makes looks like the desk's real data:
- publishers of every kind; sources with article-length bodies, in which each claim's quote
  is a sentence at its exact offsets;
- entities with aliases, of every kind;
- claims of every kind and status, with subject, object, attribution, mentions, quantities,
  the reviews that moved them to their status, evidence quoted from other sources,
  annotations and flags, a few relations;
- the history the triggers would have written: an insert event for every row, and an update
  event of the claim for every review that changed its status;
- words drawn from a Zipf-distributed vocabulary of 50,000 words, with the topic words that
  the search benchmark queries placed at ranks that make them common (in over 10 % of claims)
  or rare (about 1 %).

How it loads: PostgreSQL COPY through psycopg 3, in parallel streams (one process per stream,
each with its own connection, each owning a disjoint slice of the sources), with the row
triggers and foreign-key checks off for those sessions (`session_replication_role = replica`),
the secondary indexes dropped before and built afterwards, two at a time. What the triggers
would have done the generator does itself (sha256 of bodies, quotes at their offsets, history
rows) and proves in SQL afterwards (`verify`).

All or nothing: streams commit separately, so on any failure the generator removes every row
it wrote (their ids were reserved above each table's largest id before the load) and rebuilds
the indexes it dropped, leaving the database as it was.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import random
import time
import traceback
import uuid
from bisect import bisect
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate, pairwise

import psycopg
from psycopg.types.json import Jsonb

VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.0
CHUNK_SOURCES = 200
FILLER_POOL = 50_000

# Topic words at fixed ranks of the vocabulary. A claim draws about 14 words; a word of rank r
# lands in roughly 14 / (r * H) of claims (H = the harmonic number of the vocabulary, ~11.4):
# ranks 3-8 are in over 10 % of claims, ranks 80-140 in about 1 %.
COMMON_WORDS = {3: "budget", 5: "defence", 6: "agreement", 8: "minister"}
RARE_WORDS = {80: "semiconductor", 100: "radar", 120: "tariff", 140: "vessel"}

PUBLISHER_KINDS = ["news"] * 6 + ["state_media", "government", "think_tank", "intergovernmental"]
SOURCE_KINDS = ["article"] * 6 + ["official_statement", "budget_document", "report", "dataset"]
CLAIM_KINDS = ["quantity"] * 4 + ["event", "agreement", "attribution", "characterization",
                                  "forecast"]
# Status by weight: most claims are unreviewed or published; candidates are a minority.
STATUSES = (
    ["unreviewed"] * 30 + ["verified"] * 22 + ["not_checkable"] * 14 + ["in_review"] * 8
    + ["refuted"] * 6 + ["misleading"] * 5 + ["disputed"] * 2 + ["unverifiable"] * 2
    + ["proposed"] * 9 + ["dismissed"] * 2
)
VERDICTS = {"verified", "refuted", "misleading", "disputed", "unverifiable"}
UNITS = [("USD", 1_000_000), ("USD", 1_000_000_000), ("JPY", 1_000_000_000), ("EUR", 1_000_000),
         ("percent", 1), ("count", 1), ("tonnes", 1_000), ("households", 1_000)]
ROLES = ["", "", "", "total", "enacted", "budget_request", "change", "before", "after"]
BOUNDS = ["exact"] * 5 + ["approximately", "at_least", "at_most"]
COUNTRIES = [
    "Japan", "Australia", "Philippines", "Vietnam", "Indonesia", "Malaysia", "Thailand",
    "India", "Sri Lanka", "Bangladesh", "Timor-Leste", "Papua New Guinea", "Fiji", "Mongolia",
    "South Korea", "United States", "United Kingdom", "France", "Germany", "Canada", "Brazil",
    "Mexico", "Chile", "Kenya", "Nigeria", "Egypt", "Turkey", "Poland", "Sweden", "Norway",
    "Finland", "Estonia", "Latvia", "Lithuania", "Ukraine", "Georgia", "Kazakhstan", "Pakistan",
    "Nepal", "Cambodia", "Laos", "Myanmar", "Singapore", "Brunei", "New Zealand", "Tonga",
    "Samoa", "Vanuatu", "Solomon Islands", "Palau", "Côte d'Ivoire", "São Tomé and Príncipe",
]
ENTITY_KINDS = ["organization"] * 4 + ["person"] * 3 + ["program", "agreement", "legislation",
                                                         "alliance", "technology"]
ORG_HEADS = ["Ministry of", "Agency for", "Institute of", "Council on", "Office of",
             "Bureau of", "Commission on", "Fund for"]
FIRST_NAMES = ["Aiko", "Ben", "Chen", "Dara", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jun",
               "Kemal", "Lena", "Maya", "Nikhil", "Olga", "Paulo", "Quynh", "Rania", "Sora",
               "Tomás", "Uma", "Viktor", "Wen", "Xavier", "Yuki", "Zainab"]
VERBS = ["announced", "approved", "allocated", "signed", "reported", "pledged", "cut",
         "raised", "confirmed", "proposed", "rejected", "extended"]
PREDICATES = ["allocated", "signed", "reported", "pledged", "approved", "announced", "cut",
              "increased", "expanded", "delivered"]
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["an", "en", "in", "on",
                                                                      "ar", "er", "or", "ul"]


def vocabulary(seed: int = 7) -> list[str]:
    """VOCABULARY_SIZE distinct lowercase words, in rank order, topic words at their ranks."""
    rng = random.Random(seed)
    fixed = {**COMMON_WORDS, **RARE_WORDS}
    taken = set(fixed.values())
    words: list[str] = []
    while len(words) < VOCABULARY_SIZE:
        rank = len(words) + 1
        if rank in fixed:
            words.append(fixed[rank])
            continue
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4))))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


@dataclass
class Plan:
    """Everything a stream needs to make its slice: sizes, id bases, shared reference ids."""

    claims: int
    sources: int
    seed: int
    run: str
    base: dict[str, int]  # table -> the id just below the first id the generator writes
    publishers: list[int]
    entities: list[int]
    entity_names: list[str]
    editor_id: int
    reviewer_id: int
    claim_counts: list[int] = field(default_factory=list)
    claim_offsets: list[int] = field(default_factory=list)


# Tables the streams write, in load order, with their columns (id always first).
COLUMNS = {
    "pghistory_context": ["id", "created_at", "updated_at", "metadata"],
    "sources_source": ["id", "title", "url", "author", "editor", "published_at", "retrieved_at",
                       "language", "kind", "body", "body_sha256", "created_at", "publisher_id",
                       "revises_id", "is_current", "published_at_zone_assumed"],
    "claims_claim": ["id", "quote", "start", "end", "statement", "kind", "predicate", "as_of",
                     "status", "checkworthiness", "version", "created_at", "updated_at",
                     "created_by_id", "source_id", "attributed_to_id", "object_id", "subject_id",
                     "checkworthiness_features", "dismissed_reason", "proposed_attribution",
                     "proposed_entities"],
    "claims_quantity": ["id", "value", "scale", "unit", "bound", "period", "period_start",
                        "period_end", "role", "claim_id"],
    "claims_claimmention": ["id", "claim_id", "entity_id"],
    "claims_review": ["id", "from_status", "to_status", "rationale", "created_at", "claim_id",
                      "reviewer_id"],
    "claims_evidence": ["id", "stance", "quote", "locator", "note", "added_at", "added_by_id",
                        "claim_id", "source_id"],
    "claims_annotation": ["id", "kind", "flag_reason", "body", "created_at", "resolved_at",
                          "resolution_note", "author_id", "resolved_by_id", "claim_id",
                          "check_key"],
    "claims_claimrelation": ["id", "kind", "note", "created_at", "created_by_id",
                             "from_claim_id", "to_claim_id"],
}
# Each tracked table's history table; an event carries the row's columns plus pgh_* columns.
EVENT_TABLES = {
    "sources_publisher": "sources_publisherevent",
    "sources_source": "sources_sourceevent",
    "claims_entity": "claims_entityevent",
    "claims_claim": "claims_claimevent",
    "claims_quantity": "claims_quantityevent",
    "claims_claimmention": "claims_claimmentionevent",
    "claims_review": "claims_reviewevent",
    "claims_evidence": "claims_evidenceevent",
    "claims_annotation": "claims_annotationevent",
    "claims_claimrelation": "claims_claimrelationevent",
}
EVENT_PREFIX = ["pgh_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id"]
# Per-claim slots for child rows, so every id is known before the load (gaps are harmless).
SLOTS = {"claims_claim": 1, "claims_quantity": 1, "claims_claimmention": 2, "claims_review": 2,
         "claims_evidence": 1, "claims_annotation": 1, "claims_claimrelation": 1}
# Claim events: the insert plus one update per review.
CLAIM_EVENT_SLOTS = 3
ALL_TABLES = ["auth_user", "sources_publisher", "claims_entity", *COLUMNS, *EVENT_TABLES.values()]


class Writer:
    """One stream's COPY writers, timed per table."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.rows: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def copy(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        cols = ", ".join(f'"{c}"' for c in columns)
        with self.conn.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        self.seconds[table] = self.seconds.get(table, 0.0) + time.perf_counter() - started
        self.rows[table] = self.rows.get(table, 0) + len(rows)


def _sentence(rng: random.Random, words: list[str], cum: list[float], n: int) -> str:
    picked = rng.choices(words, cum_weights=cum, k=n)
    text = " ".join(picked)
    return text[0].upper() + text[1:] + "."


class SliceMaker:
    """Makes the rows of a run of sources (and everything hanging off their claims)."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.words = vocabulary()
        self.cum = list(accumulate(1 / (rank ** ZIPF_EXPONENT)
                                   for rank in range(1, VOCABULARY_SIZE + 1)))
        # Filler sentences come from a pool (drawn from the same vocabulary), as news copy
        # repeats its boilerplate; the claims' own sentences are all drawn fresh.
        pool_rng = random.Random(plan.seed)
        self.fillers = [_sentence(pool_rng, self.words, self.cum, pool_rng.randint(8, 22))
                        for _ in range(FILLER_POOL)]
        ecount = len(plan.entities)
        self.entity_cum = list(accumulate(1 / rank for rank in range(1, ecount + 1)))

    def entity(self, rng: random.Random) -> int:
        return bisect(self.entity_cum, rng.random() * self.entity_cum[-1])

    def source_rows(self, index: int, out: dict[str, list]) -> None:
        """Rows of source `index` (0-based) and of its claims, appended to `out`."""
        plan = self.plan
        rng = random.Random(plan.seed * 1_000_003 + index)
        source_id = plan.base["sources_source"] + index + 1
        published = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(minutes=index * 97 % 4_000_000)
        creator_ctx, reviewer_ctx = uuid.uuid4(), None
        n_claims = plan.claim_counts[index]
        first_claim = plan.claim_offsets[index]

        parts: list[str] = []
        length = 0
        fillers: list[str] = []
        claims = []
        title_words = rng.choices(self.words, cum_weights=self.cum, k=6)
        title = " ".join(title_words).capitalize()
        paragraph = 0
        for k in range(n_claims):
            # One to three filler sentences, then the claim's sentence.
            for _ in range(rng.choice((1, 1, 2, 3))):
                filler = self.fillers[int(rng.random() * FILLER_POOL)]
                fillers.append(filler)
                parts.append(filler + " ")
                length += len(filler) + 1
            if rng.random() < 0.3:
                parts.append("\n\n")
                length += 2
                paragraph += 1
            ci = first_claim + k
            subject = self.entity(rng)
            obj = self.entity(rng) if rng.random() < 0.6 else None
            if obj == subject:
                obj = None
            kind = rng.choice(CLAIM_KINDS)
            status = rng.choice(STATUSES)
            year = 2015 + rng.randint(0, 11)
            verb = rng.choice(VERBS)
            amount = rng.randint(2, 9_999)
            unit, scale = rng.choice(UNITS)
            topic = _sentence(rng, self.words, self.cum, rng.randint(6, 12))[:-1].lower()
            subj_name = plan.entity_names[subject]
            obj_name = plan.entity_names[obj] if obj is not None else None
            if kind == "quantity":
                quote = f"{subj_name} {verb} {amount:,} {unit} for {topic} in {year}."
            elif obj_name:
                quote = f"{subj_name} {verb} {topic} with {obj_name} in {year}."
            else:
                quote = f"{subj_name} {verb} {topic} in {year}."
            quote = quote.replace("  ", " ")
            start = length
            parts.append(quote + " ")
            length += len(quote) + 1
            claims.append((ci, k, quote, start, start + len(quote), subject, obj, kind, status,
                           year, amount, unit, scale, topic, paragraph))
        body = "".join(parts).rstrip(" ")
        sha = hashlib.sha256(body.encode()).hexdigest()
        url = f"https://corpus.example.org/{plan.run}/{index}"
        publisher = plan.publishers[index % len(plan.publishers)]
        source_row = (source_id, title, url, f"Reporter {index % 500}", "",
                      published, published + timedelta(hours=2), "en", SOURCE_KINDS[index % 10],
                      body, sha, published + timedelta(hours=2), publisher, None, True, "")
        out["sources_source"].append(source_row)
        ctx_time = published + timedelta(hours=2)
        out["pghistory_context"].append(
            (creator_ctx, ctx_time, ctx_time,
             Jsonb({"user": plan.editor_id, "command": "generate_corpus",
                   "corpus": plan.run})))
        self.event(out, "sources_source", source_row, ctx_time, creator_ctx)

        for (ci, k, quote, start, end, subject, obj, kind, status, year, amount, unit, scale,
             topic, paragraph) in claims:
            claim_id = self.row_id("claims_claim", ci)
            created = ctx_time + timedelta(minutes=k)
            candidate = status in ("proposed", "dismissed")
            initial = "proposed" if candidate else "unreviewed"
            transitions: list[tuple[str, str, str, int]] = []  # from, to, rationale, reviewer
            if status in ("in_review", *VERDICTS):
                transitions.append(("unreviewed", "in_review", "Sent for review.", plan.editor_id))
            if status in VERDICTS:
                transitions.append(("in_review", status, f"Checked against the {topic} record.",
                                    plan.reviewer_id))
            elif status == "not_checkable":
                transitions.append(("unreviewed", "not_checkable", "An opinion, not a fact.",
                                    plan.editor_id))
            elif status == "dismissed":
                transitions.append(("proposed", "dismissed", "Not a claim of fact.",
                                    plan.editor_id))
            version = len(transitions)
            updated = created + timedelta(days=len(transitions))
            subj_name = plan.entity_names[subject]
            predicate = PREDICATES[ci % len(PREDICATES)]
            statement = (f"{subj_name} {predicate} {amount:,} {unit} for {topic} ({year})"
                         if kind == "quantity" else f"{subj_name} {predicate} {topic} ({year})")
            attributed = self.entity(rng) if kind == "attribution" else None
            row = [claim_id, quote, start, end, statement, kind,
                   predicate, date(year, 1 + ci % 12, 1), status,
                   round(rng.random(), 2) if rng.random() < 0.7 else None, version,
                   created, updated, plan.editor_id, source_id,
                   plan.entities[attributed] if attributed is not None else None,
                   plan.entities[obj] if obj is not None else None,
                   plan.entities[subject],
                   Jsonb({}), "Not a claim of fact." if status == "dismissed" else "",
                   "", []]
            if candidate and rng.random() < 0.5:
                row[17] = None
                row[15] = row[16] = None
                row[21] = [subj_name]
            final = tuple(row)
            out["claims_claim"].append(final)
            # History: the insert as created, then one update per status change.
            first = list(row)
            first[8], first[10], first[12] = initial, 0, created
            first[19] = ""
            event_base = plan.base["claims_claimevent"] + ci * CLAIM_EVENT_SLOTS
            out["claims_claimevent"].append(
                (event_base + 1, created, "insert", claim_id, creator_ctx, *first))
            when = created
            for step, (_from, to, rationale, reviewer) in enumerate(transitions):
                when = created + timedelta(days=step + 1)
                if reviewer == plan.reviewer_id and reviewer_ctx is None:
                    reviewer_ctx = uuid.uuid4()
                    out["pghistory_context"].append(
                        (reviewer_ctx, when, when,
                         Jsonb({"user": plan.reviewer_id, "command": "generate_corpus",
                               "corpus": plan.run})))
                ctx = reviewer_ctx if reviewer == plan.reviewer_id else creator_ctx
                state = list(row)
                state[8], state[10], state[12] = to, step + 1, when
                state[19] = row[19] if to == "dismissed" else ""
                out["claims_claimevent"].append(
                    (event_base + 2 + step, when, "update", claim_id, ctx, *state))
                review = (self.row_id("claims_review", ci, step), _from, to, rationale,
                          when, claim_id, reviewer)
                out["claims_review"].append(review)
                self.event(out, "claims_review", review, when, ctx)

            if kind == "quantity":
                period = str(year)
                quantity = (self.row_id("claims_quantity", ci), amount, scale, unit,
                            rng.choice(BOUNDS), period, date(year, 1, 1), date(year, 12, 31),
                            rng.choice(ROLES), claim_id)
                out["claims_quantity"].append(quantity)
                self.event(out, "claims_quantity", quantity, created, creator_ctx)
            mentioned = {subject}
            if obj is not None:
                mentioned.add(obj)
            for slot, ent in enumerate(sorted(mentioned)):
                mention = (self.row_id("claims_claimmention", ci, slot), claim_id,
                           plan.entities[ent])
                out["claims_claimmention"].append(mention)
                self.event(out, "claims_claimmention", mention, created, creator_ctx)
            if status in VERDICTS and fillers and out["_neighbours"]:
                other_id, other_sentence = out["_neighbours"][-1]
                stance = "refutes" if status == "refuted" else (
                    "context" if status in ("disputed", "unverifiable") else "supports")
                evidence = (self.row_id("claims_evidence", ci), stance, other_sentence,
                            f"para {1 + paragraph}", "", when, plan.editor_id, claim_id,
                            other_id)
                out["claims_evidence"].append(evidence)
                self.event(out, "claims_evidence", evidence, when, creator_ctx)
            if rng.random() < 0.06:
                flag = rng.random() < 0.5 and status not in ("proposed", "dismissed")
                annotation = (self.row_id("claims_annotation", ci),
                              "flag" if flag else "note",
                              rng.choice(("unsourced", "misleading_framing", "outdated"))
                              if flag else "",
                              f"Check the {topic} figure against the budget tables.",
                              created, None, "", plan.editor_id, None, claim_id, "")
                out["claims_annotation"].append(annotation)
                self.event(out, "claims_annotation", annotation, created, creator_ctx)
            if k > 0 and rng.random() < 0.01:
                relation = (self.row_id("claims_claimrelation", ci), "duplicates", "",
                            created, plan.editor_id, claim_id - 1, claim_id)
                out["claims_claimrelation"].append(relation)
                self.event(out, "claims_claimrelation", relation, created, creator_ctx)
        if fillers:
            out["_neighbours"].append((source_id, rng.choice(fillers)))

    def row_id(self, table: str, claim_index: int, slot: int = 0) -> int:
        """The id of the `slot`th row of `table` hanging off claim `claim_index` (SLOTS)."""
        return self.plan.base[table] + claim_index * SLOTS[table] + slot + 1

    def event(self, out, table, row, when, ctx) -> None:
        """The insert event of `row` (its id first), numbered after the row's own id."""
        event_table = EVENT_TABLES[table]
        pgh_id = self.plan.base[event_table] + (row[0] - self.plan.base[table])
        out[event_table].append((pgh_id, when, "insert", row[0], ctx, *row))


def load_slice(dsn: str, plan: Plan, first: int, last: int, progress) -> dict:
    """One stream: sources [first, last) and everything hanging off them, in one transaction."""
    maker = SliceMaker(plan)
    with psycopg.connect(dsn) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        writer = Writer(conn)
        neighbours: list = []
        for chunk in range(first, last, CHUNK_SOURCES):
            out: dict[str, list] = {t: [] for t in COLUMNS}
            out.update({t: [] for t in EVENT_TABLES.values()})
            out["_neighbours"] = neighbours
            for index in range(chunk, min(last, chunk + CHUNK_SOURCES)):
                maker.source_rows(index, out)
            for table, columns in COLUMNS.items():
                writer.copy(table, columns, out[table])
            for table, event_table in EVENT_TABLES.items():
                if table in COLUMNS:
                    writer.copy(event_table, EVENT_PREFIX + COLUMNS[table], out[event_table])
            del neighbours[:-1]
            progress(sum(plan.claim_counts[chunk:min(last, chunk + CHUNK_SOURCES)]))
        conn.commit()
    return {"rows": writer.rows, "seconds": writer.seconds}


def _stream(dsn, plan, first, last, queue):
    try:
        result = load_slice(dsn, plan, first, last, lambda n: queue.put(("progress", n)))
        queue.put(("done", result))
    except Exception as error:
        queue.put(("failed", f"{type(error).__name__}: {error}".strip(),
                   traceback.format_exc()))


def claim_counts(claims: int, sources: int, seed: int) -> list[int]:
    """Claims per source: varied around the mean, the first source has 200 when there are
    enough (the reading view is measured on it), every source at least one."""
    rng = random.Random(seed)
    base, extra = divmod(claims, sources)
    counts = [base + (1 if i < extra else 0) for i in range(sources)]
    for i in range(0, sources - 1, 2):  # pairs trade claims, keeping the sum
        shift = rng.randint(0, max(0, min(counts[i], counts[i + 1]) - 1) // 2)
        counts[i] += shift
        counts[i + 1] -= shift
    if sources > 1 and claims >= 200 + sources and counts[0] < 200:
        need = 200 - counts[0]
        i = 1
        while need:
            take = min(need, counts[i] - 1)
            counts[i] -= take
            counts[0] += take
            need -= take
            i = i % (sources - 1) + 1
    return counts


# ----------------------------------------------------------------------- the coordinator


class CorpusError(Exception):
    pass


def _id_column(table: str) -> str:
    return "pgh_id" if table.endswith("event") else "id"


def secondary_indexes(conn, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the non-unique indexes of `tables`: those the load rebuilds."""
    return conn.execute(
        """SELECT i.relname, pg_get_indexdef(i.oid)
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
            ORDER BY pg_relation_size(t.oid) DESC, i.relname""",
        [tables],
    ).fetchall()


def build_indexes(dsn: str, definitions: list[tuple[str, str]], streams: int) -> None:
    """CREATE the indexes, `streams` at a time (each on its own connection)."""
    from concurrent.futures import ThreadPoolExecutor

    def build(definition):
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '512MB'")
            conn.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))

    # The trigram and full-text GIN indexes are the slow ones: start them first.
    ordered = sorted(definitions, key=lambda d: ("gin" not in d[1], d[0]))
    with ThreadPoolExecutor(max_workers=streams) as pool:
        for future in [pool.submit(build, d) for _, d in ordered]:
            future.result()


@dataclass
class Report:
    rows: dict[str, int]
    seconds: dict[str, float]
    load_s: float
    index_s: float
    verify_s: float
    total_s: float
    claims: int
    sources: int


def generate(dsn: str, *, claims: int, sources: int, seed: int = 1, streams: int = 2,
             progress=None, say=print) -> Report:
    """Load the corpus; on any failure remove what was written and raise CorpusError."""
    if claims < 1 or sources < 1 or sources > claims:
        raise CorpusError("need at least one claim per source (1 <= --sources <= --claims)")
    started = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not superuser.fetchone()[0]:
            raise CorpusError(
                "the load needs a superuser role (it turns row triggers off for its own "
                "sessions with session_replication_role); point DATABASE_URL at one")
        base = {
            table: conn.execute(
                f"SELECT coalesce(max({_id_column(table)}), 0) FROM {table}"  # noqa: S608
            ).fetchone()[0]
            for table in ALL_TABLES
            if table != "pghistory_context"
        }
        dropped = secondary_indexes(conn, [t for t in ALL_TABLES if t != "auth_user"])
    run = uuid.uuid4().hex[:8]
    try:
        plan = _reference_rows(dsn, claims, sources, seed, run, base)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for name, _ in dropped:
                conn.execute(f'DROP INDEX IF EXISTS "{name}"')
        counts = plan.claim_counts
        per_stream = claims / streams
        cuts, total, stream = [0], 0, 1
        for index, count in enumerate(counts):
            total += count
            if total >= per_stream * stream and stream < streams and index + 1 < sources:
                cuts.append(index + 1)
                stream += 1
        cuts.append(sources)
        load_started = time.perf_counter()
        results = _run_streams(dsn, plan, cuts, progress)
        load_s = time.perf_counter() - load_started
        say(f"loaded in {load_s:.1f} s; building {len(dropped)} indexes, {streams} at a time")
        index_started = time.perf_counter()
        build_indexes(dsn, dropped, streams)
        index_s = time.perf_counter() - index_started
        with psycopg.connect(dsn, autocommit=True) as conn:
            for table in ALL_TABLES:
                if table == "pghistory_context":
                    continue
                column = _id_column(table)
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608
                    f"(SELECT greatest(max({column}), 1) FROM {table}))")
            conn.execute("ANALYZE")
        verify_started = time.perf_counter()
        problems = verify(dsn, plan)
        if problems:
            raise CorpusError("verification failed: " + "; ".join(problems))
        verify_s = time.perf_counter() - verify_started
    except BaseException as error:
        say("generate_corpus failed; removing what it wrote")
        _undo(dsn, base, dropped, run)
        if isinstance(error, CorpusError | psycopg.Error):
            raise CorpusError(str(error).strip().splitlines()[0]) from error
        raise
    rows: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for result in results:
        for table, n in result["rows"].items():
            rows[table] = rows.get(table, 0) + n
            seconds[table] = max(seconds.get(table, 0.0), result["seconds"][table])
    rows.update(plan_rows(plan))
    return Report(rows, seconds, load_s, index_s, verify_s, time.perf_counter() - started,
                  claims, sources)


def plan_rows(plan: Plan) -> dict[str, int]:
    return {"sources_publisher": len(plan.publishers), "claims_entity": len(plan.entities)}


def _reference_rows(dsn, claims, sources, seed, run, base) -> Plan:
    """Users, publishers and entities (small, shared by every stream), with their history."""
    now = datetime.now(UTC)
    with psycopg.connect(dsn) as conn:
        conn.execute("SET session_replication_role = replica")
        editor_id, reviewer_id = _corpus_users(conn, base["auth_user"], run)
        ctx = uuid.uuid4()
        conn.execute("INSERT INTO pghistory_context VALUES (%s, %s, %s, %s)",
                     [ctx, now, now,
                      Jsonb({"user": editor_id, "command": "generate_corpus", "corpus": run})])
        writer = Writer(conn)
        n_publishers = max(3, min(400, sources // 50))
        publishers = []
        for i in range(n_publishers):
            pid = base["sources_publisher"] + i + 1
            kind = PUBLISHER_KINDS[i % len(PUBLISHER_KINDS)]
            publishers.append((pid, f"Corpus {kind.replace('_', ' ')} {run} {i}", kind,
                               COUNTRIES[i % len(COUNTRIES)], f"https://p{i}.example.org/", "",
                               "UTC"))
        pcols = ["id", "name", "kind", "country", "homepage", "wikidata_id", "timezone"]
        writer.copy("sources_publisher", pcols, publishers)
        writer.copy("sources_publisherevent", EVENT_PREFIX + pcols,
                    [(p[0], now, "insert", p[0], ctx, *p) for p in publishers])
        n_entities = max(len(COUNTRIES) + 10, min(20_000, claims // 50))
        words = vocabulary()
        entities, names = [], []
        for i in range(n_entities):
            eid = base["claims_entity"] + i + 1
            if i < len(COUNTRIES):
                name, kind = COUNTRIES[i], "country"
                aliases = [name.upper()[:3], f"Republic of {name}"]
            else:
                kind = ENTITY_KINDS[i % len(ENTITY_KINDS)]
                w = words[200 + (i * 7919) % (VOCABULARY_SIZE - 200)].capitalize()
                if kind == "person":
                    name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {w}"
                    aliases = [w]
                elif kind == "organization":
                    name = f"{ORG_HEADS[i % len(ORG_HEADS)]} {w}"
                    aliases = [w.upper()[:4]]
                else:
                    name = f"{w} {kind.capitalize()} {i}"
                    aliases = []
            if base["claims_entity"]:  # a second corpus in one database: names stay unique
                name = f"{name} ({run})" if i >= len(COUNTRIES) else f"{name} [{run}]"
            names.append(name)
            entities.append((eid, name, kind, "", aliases, f"Synthetic {kind} #{i}"))
        ecols = ["id", "name", "kind", "wikidata_id", "aliases", "description"]
        writer.copy("claims_entity", ecols, entities)
        writer.copy("claims_entityevent", EVENT_PREFIX + ecols,
                    [(e[0], now, "insert", e[0], ctx, *e) for e in entities])
        conn.commit()
    counts = claim_counts(claims, sources, seed)
    offsets = [0, *accumulate(counts)][:-1]
    return Plan(claims, sources, seed, run, base, [p[0] for p in publishers],
                [e[0] for e in entities], names, editor_id, reviewer_id, counts, offsets)


def _corpus_users(conn, base_user: int, run: str) -> tuple[int, int]:
    """The corpus's editor and reviewer (made here, so the undo can remove them by id)."""
    ids = []
    for offset, (role, staff) in enumerate((("editor", True), ("reviewer", True))):
        uid = base_user + offset + 1
        conn.execute(
            """INSERT INTO auth_user (id, password, is_superuser, username, first_name,
                   last_name, email, is_staff, is_active, date_joined)
               VALUES (%s, '!', false, %s, '', '', '', %s, true, now())""",
            [uid, f"corpus-{role}-{run}", staff])
        conn.execute(
            """INSERT INTO auth_user_groups (user_id, group_id)
               SELECT %s, id FROM auth_group WHERE name = %s""", [uid, role])
        ids.append(uid)
    return ids[0], ids[1]


def _run_streams(dsn, plan, cuts, progress) -> list[dict]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [context.Process(target=_stream, args=(dsn, plan, a, b, queue), daemon=True)
                 for a, b in pairwise(cuts)]
    for process in processes:
        process.start()
    results, failure = [], None
    try:
        while len(results) < len(processes) and failure is None:
            message = queue.get()
            if message[0] == "progress":
                if progress:
                    progress(message[1])
            elif message[0] == "done":
                results.append(message[1])
            else:
                failure = message
    finally:
        if failure is not None:
            for process in processes:
                process.terminate()
        for process in processes:
            process.join()
    if failure is not None:
        raise CorpusError(failure[1])
    return results


def _undo(dsn: str, base: dict[str, int], dropped, run: str) -> None:
    """Remove every row above the reserved bases and rebuild the dropped indexes."""
    with psycopg.connect(dsn) as conn:
        conn.execute("SET session_replication_role = replica")
        for table in reversed(ALL_TABLES):
            if table == "pghistory_context":
                continue
            column = _id_column(table)
            conn.execute(f"DELETE FROM {table} WHERE {column} > %s", [base[table]])  # noqa: S608
        conn.execute("DELETE FROM auth_user_groups WHERE user_id > %s", [base["auth_user"]])
        conn.execute("DELETE FROM pghistory_context WHERE metadata->>'corpus' = %s", [run])
        conn.commit()
    build_indexes(dsn, dropped, 2)


def verify(dsn: str, plan: Plan) -> list[str]:
    """What the bypassed triggers guarantee, proved in SQL over the rows just loaded."""
    checks = {
        "a claim's quote differs from its source's body slice": """
            SELECT count(*) FROM claims_claim c JOIN sources_source s ON s.id = c.source_id
             WHERE c.id > %(claim)s AND substr(s.body, c.start + 1, c."end" - c.start) <> c.quote
        """,
        "a source's sha256 is not that of its body": """
            SELECT count(*) FROM sources_source WHERE id > %(source)s
               AND body_sha256 <> encode(sha256(convert_to(body, 'UTF8')), 'hex')
        """,
        "an evidence quote is not in its source": """
            SELECT count(*) FROM claims_evidence e JOIN sources_source s ON s.id = e.source_id
             WHERE e.id > %(evidence)s AND strpos(s.body, e.quote) = 0
        """,
        "a claim is not searchable": """
            SELECT count(*) FROM claims_claim WHERE id > %(claim)s
               AND (search_vector IS NULL OR length(search_vector) = 0)
        """,
        "a claim has no history": """
            SELECT count(*) FROM claims_claim c WHERE c.id > %(claim)s AND NOT EXISTS
              (SELECT 1 FROM claims_claimevent e WHERE e.pgh_obj_id = c.id
                  AND e.pgh_label = 'insert')
        """,
        "a claim's latest event is not its current state": """
            SELECT count(*) FROM claims_claim c JOIN
              (SELECT DISTINCT ON (pgh_obj_id) pgh_obj_id, status, version
                 FROM claims_claimevent WHERE pgh_obj_id > %(claim)s
                ORDER BY pgh_obj_id, pgh_id DESC) last ON last.pgh_obj_id = c.id
             WHERE c.id > %(claim)s AND (last.status, last.version) <> (c.status, c.version)
        """,
        "a row points at nothing (foreign keys were not checked during the load)": """
            SELECT (SELECT count(*) FROM claims_claim c WHERE c.id > %(claim)s AND NOT EXISTS
                      (SELECT 1 FROM sources_source s WHERE s.id = c.source_id))
                 + (SELECT count(*) FROM claims_claimmention m WHERE m.id > %(mention)s
                      AND NOT EXISTS (SELECT 1 FROM claims_entity e WHERE e.id = m.entity_id))
                 + (SELECT count(*) FROM claims_review r WHERE r.id > %(review)s
                      AND NOT EXISTS (SELECT 1 FROM claims_claim c WHERE c.id = r.claim_id))
        """,
    }
    params = {"claim": plan.base["claims_claim"], "source": plan.base["sources_source"],
              "evidence": plan.base["claims_evidence"], "mention": plan.base["claims_claimmention"],
              "review": plan.base["claims_review"]}
    problems = []
    with psycopg.connect(dsn) as conn:
        for problem, sql in checks.items():
            count = conn.execute(sql, params).fetchone()[0]
            if count:
                problems.append(f"{problem} ({count} rows)")
        loaded = conn.execute("SELECT count(*) FROM claims_claim WHERE id > %s",
                              [plan.base["claims_claim"]]).fetchone()[0]
        if loaded != plan.claims:
            problems.append(f"{loaded} claims loaded, {plan.claims} planned")
    return problems
