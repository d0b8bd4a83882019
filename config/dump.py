"""The whole database as JSON lines (`manage.py export`) and back (`manage.py import`).

Format (version 1), one JSON object a line, UTF-8:

- line 1, the header: `{"format": "claimdesk-export", "version": 1, "tables": [...],
  "columns": {table: [column, ...]}, "migrations": {app: last applied migration}}`. `tables` is
  the order rows come in: every table after the tables its foreign keys point to.
- then one line per row, tables in that order, rows by primary key:
  `{"table": "claims_claim", "row": {column: value, ...}}`. Values are PostgreSQL's own JSON
  for the column (`row_to_json`), read back by `json_populate_record`, so numbers, times and
  JSON documents come back exactly as stored. Stored columns computed by the database
  (generated columns such as `search_vector`) are left out and recomputed on import. Passwords
  and API tokens are their stored hashes. A permission a group or user holds is written as its
  natural key `["app_label", "codename"]`: permission ids belong to each database.
- last line, the end: `{"end": {"rows": N}}`; a file without it (cut short) is refused.

What is exported: users and groups (with their permissions), publishers, sources, entities,
claims and everything hanging off them, API tokens, search spellings, and history (every event
table and pghistory's contexts). Not exported: permissions and content types (made by
`migrate`), sessions, the admin's recent-actions log, the cache table and the job queue.

Import is a restore into an empty, migrated database at the same migrations, all or nothing in
one transaction. Tables that migrations fill (the role groups and their permissions, the search
spellings) are replaced by the file's rows. The history triggers are skipped during the restore
with `pgtrigger.ignore` (history rows are restored as rows, so recording the inserts again would
add events that never happened); every other trigger and every foreign key stays on, so the
database checks the restored rows as it checks any write. Sequences are reset afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pghistory.trigger
import pgtrigger
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DatabaseError, connection, reset_queries, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT, VERSION = "claimdesk-export", 1
EXPORTED_APPS = ("auth", "pghistory", "sources", "claims")
# Rebuilt by `migrate` with ids of their own; referred to by natural key instead.
NOT_EXPORTED = {Permission, ContentType}
# Filled by data migrations, so a freshly migrated database already has rows there: the
# restore replaces them with the file's.
FILLED_BY_MIGRATIONS = ("auth_group_permissions", "auth_group", "claims_searchspelling")
BATCH = 500


class DumpError(Exception):
    """The file or the database refuses the restore; the message is one line for a person."""


@dataclass(frozen=True)
class Table:
    name: str
    model: type
    columns: tuple[str, ...]
    pk: str
    permission_columns: tuple[str, ...]  # written as ["app_label", "codename"]


def tables() -> list[Table]:
    """Every exported table, each after the tables its foreign keys point to."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in EXPORTED_APPS
        and model._meta.managed
        and not model._meta.proxy
        and model not in NOT_EXPORTED
    ]
    by_model = {model: _table(model) for model in models}
    ordered: list[Table] = []
    placed: set[type] = set()

    def place(model, path=()):
        if model in placed:
            return
        if model in path:
            raise DumpError(f"foreign keys form a cycle: {[m._meta.db_table for m in path]}")
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target is not model and target in by_model:
                place(target, (*path, model))
        placed.add(model)
        ordered.append(by_model[model])

    for model in sorted(models, key=lambda m: m._meta.db_table):
        place(model)
    return ordered


def _table(model) -> Table:
    fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
    return Table(
        name=model._meta.db_table,
        model=model,
        columns=tuple(f.column for f in fields),
        pk=model._meta.pk.column,
        permission_columns=tuple(
            f.column for f in fields if f.is_relation and f.related_model is Permission
        ),
    )


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app in EXPORTED_APPS or app in ("contenttypes",):
            latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def header(order: list[Table]) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "tables": [table.name for table in order],
        "columns": {table.name: list(table.columns) for table in order},
        "migrations": _migrations(),
    }


# ---------------------------------------------------------------------------- export


def export_lines(*, on_total: Callable[[int], None] = lambda total: None) -> Iterator[str]:
    """The database as JSON lines (each ending in a newline), read in one REPEATABLE READ
    snapshot through server-side cursors: never more than a batch of rows in memory.
    `on_total` is told the number of rows first (for a progress bar)."""
    order = tables()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            counts = {}
            for table in order:
                cursor.execute(f'SELECT count(*) FROM "{table.name}"')  # noqa: S608 (our names)
                counts[table.name] = cursor.fetchone()[0]
        on_total(sum(counts.values()))
        yield json.dumps(header(order), sort_keys=True) + "\n"
        rows = 0
        for table in order:
            prefix = '{"table": ' + json.dumps(table.name) + ', "row": '
            with connection.connection.cursor(name=f"export_{table.name}") as server_side:
                server_side.itersize = 2000
                server_side.execute(_select(table))
                for (row,) in server_side:
                    rows += 1
                    yield prefix + row + "}\n"
        yield json.dumps({"end": {"rows": rows}}) + "\n"


def _select(table: Table) -> str:
    columns = []
    for column in table.columns:
        if column in table.permission_columns:
            columns.append(
                "(SELECT json_build_array(ct.app_label, p.codename) FROM auth_permission p "  # noqa: S608
                "JOIN django_content_type ct ON ct.id = p.content_type_id "
                f'WHERE p.id = t."{column}") AS "{column}"'
            )
        else:
            columns.append(f't."{column}"')
    return (
        f"SELECT row_to_json(r)::text FROM (SELECT {', '.join(columns)} "  # noqa: S608
        f'FROM "{table.name}" t ORDER BY t."{table.pk}") r'
    )


# ---------------------------------------------------------------------------- import


def history_trigger_uris() -> list[str]:
    """The pghistory triggers (inserts, updates and deletes recorded as events)."""
    return [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, pghistory.trigger.Event)
    ]


def not_empty() -> list[str]:
    """The tables holding rows that would stop a restore (all but migrations' own)."""
    with connection.cursor() as cursor:
        full = []
        for table in tables():
            if table.name in FILLED_BY_MIGRATIONS:
                continue
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table.name}")')  # noqa: S608
            if cursor.fetchone()[0]:
                full.append(table.name)
        return full


def import_lines(lines, *, progress: Callable[[int], None] = lambda n: None) -> int:
    """Restore the rows of an export (an iterable of its lines) into this empty database, all
    or nothing; returns the number of rows. Raises DumpError with the line number of the first
    line that is malformed or that the database refuses; nothing is written then."""
    lines = iter(lines)
    order = {table.name: table for table in tables()}
    first = next(lines, "")
    _check_header(_parse(first, 1), order)
    full = not_empty()
    if full:
        raise DumpError(
            f"this database is not empty ({', '.join(full[:3])}{' …' if len(full) > 3 else ''}"
            " hold rows); import restores into an empty, migrated database only"
        )
    permissions = {
        (app, codename): pk
        for pk, app, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    names = list(order)
    with transaction.atomic(), pgtrigger.ignore(*history_trigger_uris()):
        with connection.cursor() as cursor:
            # Foreign keys are checked at each statement, so a row pointing nowhere is
            # refused with its line number (tables come in dependency order).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name in FILLED_BY_MIGRATIONS:
                cursor.execute(f'DELETE FROM "{name}"')  # noqa: S608
            rows, position, batch, current, ended = 0, -1, [], None, None
            for number, line in enumerate(lines, start=2):
                if ended is not None:
                    if line.strip():
                        raise DumpError(f"line {number}: rows after the end line")
                    continue
                item = _parse(line, number)
                if set(item) == {"end"}:
                    ended = item["end"]
                    continue
                table = _row_table(item, number, order)
                index = names.index(table.name)
                if index < position:
                    raise DumpError(
                        f"line {number}: a row of {table.name} after rows of {names[position]}: "
                        "tables must come in the header's order"
                    )
                if table is not current and batch:
                    _insert(cursor, current, batch)
                    progress(len(batch))
                    batch = []
                position, current = index, table
                batch.append((number, _row_text(item, line, table, number, permissions)))
                rows += 1
                if len(batch) >= BATCH:
                    _insert(cursor, current, batch)
                    progress(len(batch))
                    batch = []
            if batch:
                _insert(cursor, current, batch)
                progress(len(batch))
            if ended is None:
                raise DumpError("the file has no end line: it was cut short")
            if ended.get("rows") != rows:
                raise DumpError(f"the end line says {ended.get('rows')} rows, the file has {rows}")
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [table.model for table in order.values()]
            ):
                cursor.execute(statement)
    return rows


def _parse(line: str, number: int) -> dict:
    try:
        item = json.loads(line)
    except ValueError as error:
        raise DumpError(f"line {number}: not JSON ({error})") from None
    if not isinstance(item, dict):
        raise DumpError(f"line {number}: not a JSON object")
    return item


def _check_header(item: dict, order: dict[str, Table]) -> None:
    if item.get("format") != FORMAT or item.get("version") != VERSION:
        raise DumpError(
            f"line 1: not a {FORMAT} file of version {VERSION} (its header is missing or other)"
        )
    ours = header(list(order.values()))
    if item.get("migrations") != ours["migrations"]:
        theirs = item.get("migrations") or {}
        differ = sorted(
            f"{app} {theirs.get(app)} here {ours['migrations'].get(app)}"
            for app in set(theirs) | set(ours["migrations"])
            if theirs.get(app) != ours["migrations"].get(app)
        )
        raise DumpError(
            "line 1: exported at other migrations than this database's "
            f"({'; '.join(differ)}): migrate to the same point first"
        )
    if item.get("columns") != ours["columns"] or item.get("tables") != ours["tables"]:
        raise DumpError("line 1: its tables or columns are not this database's")


def _row_table(item: dict, number: int, order: dict[str, Table]) -> Table:
    if set(item) != {"table", "row"} or not isinstance(item["row"], dict):
        raise DumpError(f'line {number}: expected {{"table": ..., "row": {{...}}}}')
    table = order.get(item["table"])
    if table is None:
        raise DumpError(f"line {number}: unknown table {item['table']!r}")
    if set(item["row"]) != set(table.columns):
        missing = sorted(set(table.columns) - set(item["row"]))
        extra = sorted(set(item["row"]) - set(table.columns))
        raise DumpError(
            f"line {number}: the row of {table.name} does not have its columns "
            f"(missing {missing}, unknown {extra})"
        )
    return table


def _row_text(item: dict, line: str, table: Table, number: int, permissions) -> str:
    """The row as JSON text for PostgreSQL. The line's own text is passed on untouched, so
    PostgreSQL parses its numbers exactly (Python would read them as floats); only rows with a
    permission's natural key are rewritten, with its id in this database."""
    if not table.permission_columns:
        return line
    row = dict(item["row"])
    for column in table.permission_columns:
        key = row[column]
        if not (isinstance(key, list) and len(key) == 2) or tuple(key) not in permissions:
            raise DumpError(f"line {number}: no permission {key!r} in this database")
        row[column] = permissions[tuple(key)]
    return json.dumps({"table": table.name, "row": row})


def _insert(cursor, table: Table, batch: list[tuple[int, str]]) -> None:
    """Insert a batch of rows in one statement; when the database refuses it, find the line it
    refuses (row by row, each in a savepoint) and say which."""
    columns = ", ".join(f'"{column}"' for column in table.columns)
    sql = (
        f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} '  # noqa: S608 (our names)
        f'FROM unnest(%s::text[]) AS line, json_populate_record(NULL::"{table.name}", '
        "line::json -> 'row')"
    )
    # With DEBUG on, Django keeps each statement's text (a whole batch) in connection.queries.
    reset_queries()
    try:
        with transaction.atomic():
            cursor.execute(sql, [[text for _, text in batch]])
        return
    except DatabaseError:
        pass
    for number, text in batch:
        try:
            with transaction.atomic():
                cursor.execute(sql, [[text]])
        except DatabaseError as error:
            reason = " ".join(str(error).split())
            raise DumpError(f"line {number}: {table.name} refuses the row: {reason}") from None
    raise DumpError(f"lines {batch[0][0]}-{batch[-1][0]}: {table.name} refuses the rows")
