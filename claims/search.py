"""What a search means, everywhere a claim is searched: the claim list, the API's `?q=`, the
admin, the candidates. ClaimFilterSet's `q` calls `ClaimQuerySet.search`, the list's highlights
use the same `ClaimSearchQuery`, so one text finds the same claims and marks the same words.

- Accents: the text search configuration `claimdesk` (the migration
  `search_unaccent_trigram_spellings`) is `english` with the `unaccent` dictionary before the
  stemmer, on both sides: "Défense" and "defense" index and query alike, and ts_headline
  marks "Défense" in the text for the query "defense".
- Spellings: `claimdesk_search_query(text)` (the same migration) expands each word of the query
  into every spelling of its group in the `SearchSpelling` table (defence | defense), at query
  time, so a new group needs no reindex. It is computed once per query (ClaimSearchQuery).
- Other scripts: the parser keeps 日本の as one word, so 日本 would never match it. A query with
  letters of a non-Latin script also matches claims whose statement or quote contains each of
  its terms, answered by trigram (GIN gin_trgm_ops) indexes on the upper-cased columns.
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery

SEARCH_CONFIG = "claimdesk"


class ClaimSearchQuery(SearchQuery):
    """The query of `text` with its spelling variants, as `claimdesk_search_query` builds it.

    A scalar subquery, so PostgreSQL computes it once per statement rather than once per row;
    every Django search expression (the `search_vector=` lookup, SearchRank, SearchHeadline)
    accepts it as it accepts a SearchQuery.
    """

    template = "(SELECT %(function)s(%(expressions)s))"

    def __init__(self, text: str, *, as_subquery: bool = True):
        super().__init__(text)
        self.function = "claimdesk_search_query"
        if not as_subquery:
            # The call itself: a bitmap index scan computes it once, and its cost per row
            # steers the planner to one (see ClaimQuerySet.search). Never in a select list.
            self.template = "%(function)s(%(expressions)s)"


def has_other_script(text: str) -> bool:
    """True when `text` has a letter outside the Latin script (日本, Україна, Ελλάδα)."""
    return any(
        char.isalpha() and not unicodedata.name(char, "").startswith("LATIN") for char in text
    )


def unaccented(text: str) -> str:
    """`text` without its accents (Défense → Defense), as unaccent() leaves entity names in
    `Entity.search_names`: letters decomposed, combining marks dropped."""
    return "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )


def substring_terms(text: str) -> list[str]:
    """The terms a claim must contain when `text` has a non-Latin script: its words as typed,
    quotes dropped, excluded words (`-word`) and the websearch `or` left out. Empty for a query
    in Latin script, which the full-text search answers alone."""
    if not has_other_script(text):
        return []
    terms = []
    for word in text.replace('"', " ").split():
        if word.startswith("-") or word.lower() == "or":
            continue
        terms.append(word)
    return terms
