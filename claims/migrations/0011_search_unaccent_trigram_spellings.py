"""Search that finds what people type (docs/decisions.md, "Search: accents, spellings, other
scripts").

- `unaccent` and `pg_trgm`, both trusted contrib extensions (a database owner may create them).
- The text search configuration `claimdesk`: `english` with `unaccent` before the stemmer for
  words with non-ASCII letters. to_tsvector(regconfig, text) is IMMUTABLE, so `search_vector`
  stays a generated column: every write fills it, COPY included, and nothing else has to.
- `SearchSpelling` and `claimdesk_search_query(text)`: the query's words expanded into every
  spelling of their group, at query time (a new group needs no reindex).
- `claimdesk_entity_names(name, aliases)`: an IMMUTABLE wrapper around the STABLE unaccent(),
  which names its dictionary and schema, for the generated `Entity.search_names`.
- Trigram indexes for entity names and, for queries in other scripts, statements and quotes.

The SQL names the schema unaccent lives in (looked up, not assumed), so the functions hold
under any search_path, pg_restore's empty one included.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

# For each group one of whose lexemes the query has (its lexemes kept by the row's trigger):
# every lexeme of the group becomes the group's placeholder (a lexeme no text can produce),
# then the placeholder becomes the OR of the group's lexemes, so which spelling was typed
# makes no difference to the query. Only the groups the query names are read: a query without
# a variant costs one index-free look at a small table.
SEARCH_QUERY_SQL = """
CREATE FUNCTION claimdesk_search_query(query text) RETURNS tsquery
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fn$
DECLARE
  result tsquery := websearch_to_tsquery('claimdesk', query);
  typed text[] := tsvector_to_array(to_tsvector('claimdesk', query));
  spelling record;
  lexeme text;
  placeholder tsquery;
  done text[] := '{}';
BEGIN
  FOR spelling IN
    SELECT s.id, s.lexemes FROM claims_searchspelling s WHERE s.lexemes::text[] && typed ORDER BY s.id
  LOOP
    -- Two groups may stem alike (organise, organisation): the first one expands the word.
    CONTINUE WHEN spelling.lexemes::text[] <@ done;
    done := done || spelling.lexemes::text[];
    placeholder := format('%L', '#spelling ' || spelling.id)::tsquery;
    FOREACH lexeme IN ARRAY spelling.lexemes LOOP
      result := ts_rewrite(result, format('%L', lexeme)::tsquery, placeholder);
    END LOOP;
    result := ts_rewrite(
      result,
      placeholder,
      array_to_string(
        ARRAY(SELECT DISTINCT format('%L', l) FROM unnest(spelling.lexemes) AS l ORDER BY 1),
        ' | '
      )::tsquery
    );
  END LOOP;
  RETURN result;
END
$fn$;
"""


def _unaccent_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    return schema_editor.connection.ops.quote_name(schema)


def create_config_and_functions(apps, schema_editor):
    schema = _unaccent_schema(schema_editor)
    dictionary = f"{schema}.unaccent"
    schema_editor.execute(
        "CREATE TEXT SEARCH CONFIGURATION claimdesk (COPY = pg_catalog.english);"
        "ALTER TEXT SEARCH CONFIGURATION claimdesk"
        f" ALTER MAPPING FOR hword, hword_part, word WITH {dictionary}, english_stem;"
    )
    schema_editor.execute(
        "CREATE FUNCTION claimdesk_entity_names(name text, aliases text[]) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$"
        f" SELECT {dictionary}('{dictionary}'::regdictionary,"
        " name || ' ' || array_to_string(aliases, ' '))"
        " $fn$;"
    )


def drop_config_and_functions(apps, schema_editor):
    schema_editor.execute(
        "DROP FUNCTION claimdesk_entity_names(text, text[]);"
        "DROP TEXT SEARCH CONFIGURATION claimdesk;"
    )


def add_spellings(apps, schema_editor):
    from claims.spellings import ensure_spellings

    ensure_spellings(apps)


def search_vector(config: str) -> models.GeneratedField:
    SearchVector = django.contrib.postgres.search.SearchVector
    return models.GeneratedField(
        db_persist=True,
        expression=SearchVector("statement", config=config, weight="A")
        + SearchVector("quote", config=config, weight="B")
        + SearchVector("predicate", config=config, weight="C"),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0010_api_tokens_from_authtoken'),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_config_and_functions, drop_config_and_functions),
        migrations.CreateModel(
            name='SearchSpelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('spellings', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), help_text='Every spelling of one word, as written (British and American, variants).', size=None)),
                ('lexemes', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=100), default=list, editable=False, size=None)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.AddConstraint(
            model_name='searchspelling',
            constraint=models.CheckConstraint(condition=models.Q(('spellings__len__gte', 2)), name='searchspelling_two_or_more', violation_error_message='A spelling group needs at least two spellings.'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='searchspelling',
            trigger=pgtrigger.compiler.Trigger(name='searchspelling_lexemes', sql=pgtrigger.compiler.UpsertTriggerSql(func="\n                NEW.lexemes := tsvector_to_array(\n                    to_tsvector('claimdesk', array_to_string(NEW.spellings, ' '))\n                );\n                RETURN NEW;\n                ", hash='37f913a15fe929610f267bdcebc0c8425a835817', operation='INSERT OR UPDATE', pgid='pgtrigger_searchspelling_lexemes_9a57b', table='claims_searchspelling', when='BEFORE')),
        ),
        migrations.RunPython(add_spellings, migrations.RunPython.noop),
        migrations.RunSQL(SEARCH_QUERY_SQL, "DROP FUNCTION claimdesk_search_query(text);"),
        # A generated column's expression cannot be altered in place (PostgreSQL 15): the
        # vector is dropped and added again with the new configuration, and so is its index.
        migrations.RemoveIndex(model_name='claim', name='claim_search_vector_gin'),
        migrations.RemoveField(model_name='claim', name='search_vector'),
        migrations.AddField(model_name='claim', name='search_vector', field=search_vector('claimdesk')),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='claim_search_vector_gin'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('statement'), name='gin_trgm_ops'), name='claim_statement_trgm'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('quote'), name='gin_trgm_ops'), name='claim_quote_trgm'),
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='entity',
            name='update_update',
        ),
        migrations.AddField(
            model_name='entity',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=models.Func(models.F('name'), models.F('aliases'), function='claimdesk_entity_names', output_field=models.TextField()), output_field=models.TextField()),
        ),
        migrations.AddIndex(
            model_name='entity',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('search_names'), name='gin_trgm_ops'), name='entity_search_names_trgm'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='entity',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."aliases" IS DISTINCT FROM (NEW."aliases") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."wikidata_id" IS DISTINCT FROM (NEW."wikidata_id"))', func='INSERT INTO "claims_entityevent" ("aliases", "description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "wikidata_id") VALUES (NEW."aliases", NEW."description", NEW."id", NEW."kind", NEW."name", _pgh_attach_context(), clock_timestamp(), \'update\', NEW."id", NEW."wikidata_id"); RETURN NULL;', hash='801a835937d22e97595d6693a8d9f10a79b8af72', operation='UPDATE', pgid='pgtrigger_update_update_c2d69', table='claims_entity', when='AFTER')),
        ),
    ]
