"""The intake's extraction proposes candidate claims from news text, by rules: exact sentence
spans, the quantities each states, whom it cites, the Entities it names, its kind and a
check-worthiness made of named features."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import candidates
from claims.choices import ClaimStatus, EntityKind
from claims.extraction import (
    THRESHOLD,
    WEIGHTS,
    EntityIndex,
    assess,
    propose,
    segments,
    sentences,
    service_fields,
)
from claims.models import Entity
from sources import services as source_services

from ..factories import EntityFactory

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLES = Path(__file__).resolve().parent / "data" / "extraction"
SEED = json.loads((DATA / "seed-claims.json").read_text(encoding="utf-8"))
ARTICLE = (DATA / SEED["source"]["file"]).read_text(encoding="utf-8")
BODY_START = ARTICLE.index("Japan has placed growing emphasis")
BODY = ARTICLE[BODY_START : ARTICLE.rindex("back")].rstrip()

OSA_SENTENCE = BODY[BODY.index("According to Japan's Ministry") :].split("\n")[0]
OSA_SENTENCE = OSA_SENTENCE[: OSA_SENTENCE.index("previous level.") + len("previous level.")]


def seed_index():
    """The seed's Entities, by their keys, without the database."""
    rows = [(i, e["name"], e["aliases"]) for i, e in enumerate(SEED["entities"], 1)]
    keys = {e["key"]: i for i, e in enumerate(SEED["entities"], 1)}
    return EntityIndex(rows), keys


def index_of(*entities):
    """An EntityIndex of (name, aliases) pairs, ids 1, 2, ... in order."""
    return EntityIndex((i, name, aliases) for i, (name, aliases) in enumerate(entities, 1))


def texts(body, spans):
    return [body[start:end] for start, end in spans]


def sample(name):
    return (SAMPLES / name).read_text(encoding="utf-8")


def quantities_of(proposals):
    return [
        (q["value"], q["scale"], q["unit"], q["bound"], q["period"])
        for p in proposals
        for q in p.quantities
    ]


def q(value, scale, unit, bound="exact", period=""):
    return (Decimal(value), Decimal(scale), unit, bound, period)


# ---------------------------------------------------------------------------- sentences


def test_every_sentence_span_of_the_seed_body_is_the_sentence_exactly():
    spans = sentences(BODY)
    assert len(spans) == 20
    for start, end in spans:
        sentence = BODY[start:end]
        assert sentence == sentence.strip()
        assert ARTICLE[BODY_START + start : BODY_START + end] == sentence
    assert BODY[slice(*spans[0])] == (
        "Japan has placed growing emphasis on alliance-building in recent years."
    )
    assert OSA_SENTENCE in texts(BODY, spans)
    assert BODY[slice(*spans[-1])].endswith("in the style of a new Cold War.")
    assert [start for start, _ in spans] == sorted(start for start, _ in spans)


def test_the_seed_articles_header_byline_and_trailing_link_are_not_sentences():
    found = texts(ARTICLE, sentences(ARTICLE))
    assert found == texts(BODY, sentences(BODY))
    headlines = [s.text for s in segments(ARTICLE) if not s.proposable]
    assert headlines[0] == "Japan stirs regional security by leveraging its alliances"
    assert {"Source", "China Military Online", "By Li Hai", "back"} <= set(headlines)


TRICKY = [
    (
        "The U.S. and Japan signed the deal. It took effect on Monday.",
        ["The U.S. and Japan signed the deal.", "It took effect on Monday."],
    ),
    (
        "Officials arrived in the U.S. The talks began on time.",
        ["Officials arrived in the U.S.", "The talks began on time."],
    ),
    (
        "He lives at No. 10 Downing Street. Inflation was 8.1% in May.",
        ["He lives at No. 10 Downing Street.", "Inflation was 8.1% in May."],
    ),
    (
        "Mr. Abe met Dr. Lee in St. Louis on Jan. 5. The deal was worth $1.5bn. "
        "Output rose 2.5 pct. in 2025.",
        [
            "Mr. Abe met Dr. Lee in St. Louis on Jan. 5.",
            "The deal was worth $1.5bn.",
            "Output rose 2.5 pct. in 2025.",
        ],
    ),
    (
        '"We will not back down," she said. "Never again." The talks ended.',
        ['"We will not back down," she said.', "The talks ended."],  # two words: no claim
    ),
    (
        "Japan\u2019s budget rose 9.4%. \u201cIt is historic,\u201d said Mr. Kihara.",
        ["Japan\u2019s budget rose 9.4%.", "\u201cIt is historic,\u201d said Mr. Kihara."],
    ),
    (
        "The plan will:\n- cut emissions by 30%\n\u2022 create 400 jobs\n"
        "1. refurbish 1,000 homes\n  in the north",
        [
            "The plan will:",
            "cut emissions by 30%",
            "create 400 jobs",
            "refurbish 1,000 homes\n  in the north",
        ],
    ),
    (
        "Headline here\r\n\r\nFirst sentence is here. Second one follows.\r\n"
        "Third line stands alone.\r\n",
        ["First sentence is here.", "Second one follows.", "Third line stands alone."],
    ),
    (
        "The ministry said on Tuesday that the programme would be\n"
        "extended to Thailand and Sri Lanka next year, officials said.\nIt will cost more.",
        [
            "The ministry said on Tuesday that the programme would be\n"
            "extended to Thailand and Sri Lanka next year, officials said.",
            "It will cost more.",
        ],
    ),
    (
        "TOKYO, Feb 2 (Reuters) - Japan's cabinet approved the budget on Friday.",
        ["Japan's cabinet approved the budget on Friday."],
    ),
    (
        "WASHINGTON \u2014 The Senate passed the bill 68-32 on Thursday.",
        ["The Senate passed the bill 68-32 on Thursday."],
    ),
    (
        "TOKYO (AP) \u2014 A magnitude 7.1 earthquake struck off the coast late Monday.",
        ["A magnitude 7.1 earthquake struck off the coast late Monday."],
    ),
    ("AUKUS - the pact - grew again.", ["AUKUS - the pact - grew again."]),  # no dateline
    ("Japan stirs regional security\n\nSource\n\nback", []),
    (
        "Spending (which rose 3.2% in 2024) is high. The ratio is 1:2 now.",
        ["Spending (which rose 3.2% in 2024) is high.", "The ratio is 1:2 now."],
    ),
    ("  Indented paragraph starts here. And ends here.  \n\n\n   ", None),
]


@pytest.mark.parametrize(("body", "expected"), TRICKY)
def test_sentence_spans_are_exact_in_tricky_texts(body, expected):
    spans = sentences(body)
    for start, end in spans:
        assert body[start:end] == body[start:end].strip() != ""
    if expected is not None:
        assert texts(body, spans) == expected
    else:
        assert texts(body, spans) == ["Indented paragraph starts here.", "And ends here."]


PIECES = [
    "Japan", "U.S.", "No. 10", "8.1", "billion yen", "said", ".", ". ", "?", "!", '"', "\u201c",
    "\u201d", "\u2019s", "\n", "\r\n", "\n\n", "- ", "\u2022 ", "1. ", "  ", "\t", "(", ")", "Mr.",
    "TOKYO (Reuters) - ", "a", "the", "$1.5bn", "\u00a0", "\u200b", "e\u0301", "\u2014", "%",
]  # fmt: skip


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_exact_stripped_spans_and_proposals(body):
    for start, end in sentences(body):
        assert 0 <= start < end <= len(body)
        assert body[start:end] == body[start:end].strip()
    for proposal in propose(body, entities=index_of(("Japan", ["Tokyo"]))):
        assert body[proposal.start : proposal.end] == proposal.quote


# ---------------------------------------------------------------------------- quantities


def _curated_quantities():
    for claim in SEED["claims"]:
        for quantity in claim["quantities"]:
            yield claim, quantity


@pytest.mark.parametrize(
    ("claim", "quantity"),
    list(_curated_quantities()),
    ids=[c["quote"][:40] for c, _ in _curated_quantities()],
)
def test_every_curated_quantity_of_the_seed_is_proposed_in_the_sentence_holding_it(claim, quantity):
    index, _ = seed_index()
    start, end = claim["start"], claim["end"]  # the seed's offsets are into the stored body
    assert BODY[start:end] == claim["quote"]
    holding = [p for p in propose(BODY, entities=index) if p.start <= start and end <= p.end]
    assert len(holding) == 1
    fields = ("value", "scale", "unit", "bound", "period")
    expected = q(*(quantity[name] for name in fields))
    assert expected in quantities_of(holding)
    found = next(x for x in holding[0].quantities if x["value"] == Decimal(quantity["value"]))
    assert str(found["period_start"] or "") == (quantity["period_start"] or "")
    assert str(found["period_end"] or "") == (quantity["period_end"] or "")


def test_the_seed_has_five_curated_quantities():
    assert len(list(_curated_quantities())) == 5


def test_quantities_carry_every_quantity_field_of_the_services():
    from claims.services import QUANTITY_FIELDS

    (proposal,) = propose(OSA_SENTENCE, entities=seed_index()[0])
    assert all(set(x) == set(QUANTITY_FIELDS) for x in proposal.quantities)
    roles = [x["role"] for x in proposal.quantities]
    assert roles == ["before", "budget_request", "change"]  # "the proposed budget"


@pytest.mark.parametrize(
    ("text", "country", "period", "first_day"),
    [
        (
            "Japan's defence budget is 8.7 trillion yen for fiscal 2026.",
            None,
            "FY2026",
            "2026-04-01",
        ),
        ("The Pentagon requested $848 billion for fiscal 2026.", None, "FY2026", "2025-10-01"),
        (
            "Britain will spend \u00a33bn in financial year 2025-26.",
            None,
            "FY2025-26",
            "2025-04-01",
        ),
        ("The agency spent 300 million for fiscal 2026.", None, "FY2026", None),
        ("The agency spent 300 million yen for fiscal 2026.", "Japan", "FY2026", "2026-04-01"),
    ],
)
def test_fiscal_years_are_dated_by_the_subject_countrys_fiscal_year(
    text, country, period, first_day
):
    (proposal,) = propose(text, entities=index_of(), country=country)
    (quantity,) = proposal.quantities
    assert quantity["period"] == period
    assert str(quantity["period_start"]) == str(first_day)


def test_a_text_about_japan_dates_a_fiscal_year_in_a_sentence_naming_no_country():
    body = (
        "Japan is raising its security aid sharply this year.\n\n"
        "The programme will receive 18.1 billion yen in fiscal 2026, officials said."
    )
    quantity = propose(body, entities=index_of())[-1].quantities[0]
    assert (quantity["period"], quantity["period_start"]) == ("FY2026", date(2026, 4, 1))


# ---------------------------------------------------------------------------- attribution


@pytest.mark.django_db
def test_according_to_japans_ministry_of_foreign_affairs_links_the_mofa_entity():
    mofa = EntityFactory(
        name="Ministry of Foreign Affairs of Japan",
        kind=EntityKind.ORGANIZATION,
        aliases=["MOFA", "Japan's Ministry of Foreign Affairs"],
    )
    osa = EntityFactory(
        name="Official Security Assistance", kind=EntityKind.PROGRAM, aliases=["OSA"]
    )
    EntityFactory(name="Japan", kind=EntityKind.COUNTRY, aliases=["Tokyo"])
    (proposal,) = propose(OSA_SENTENCE)
    assert proposal.attributed_to_id == mofa.pk
    assert proposal.proposed_attribution == ""
    assert proposal.subject_id == osa.pk  # the first entity that is not the attribution


@pytest.mark.django_db
def test_a_ministry_named_of_its_country_is_found_in_the_possessive_too():
    mofa = EntityFactory(name="Ministry of Foreign Affairs of Japan", kind=EntityKind.ORGANIZATION)
    (proposal,) = propose(OSA_SENTENCE)
    assert proposal.attributed_to_id == mofa.pk


def test_a_foreign_ministry_official_matching_no_entity_is_kept_as_text():
    text = "A Foreign Ministry official said Japan would raise its aid to 18.1 billion yen."
    (proposal,) = propose(text, entities=index_of(("Japan", [])))
    assert proposal.attributed_to_id is None
    assert proposal.proposed_attribution == "A Foreign Ministry official"
    assert proposal.subject_id == 1


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("The budget rose 5% to 9 trillion yen, the ministry said.", "the ministry"),
        ('"We will respond to 40 incursions," said John Smith, a spokesman.', "John Smith"),
        ("Analysts at Nomura say growth will slow to 1% in 2026.", "Analysts at Nomura"),
        ("Toyota announced a recall of 1.2 million cars on Tuesday.", "Toyota"),
        (
            "Chief Cabinet Secretary Minoru Kihara told reporters 16 ships were involved.",
            "Chief Cabinet Secretary Minoru Kihara",
        ),
        (
            "In a statement, the Defence Ministry confirmed 3 sorties on Monday.",
            "the Defence Ministry",
        ),
        ("Hayashi, the chief cabinet secretary, said 300 troops would go.", "Hayashi"),
        (
            "Inflation rose to 3.6%, according to figures from the Office for National Statistics.",
            "figures from the Office for National Statistics",
        ),
        (
            "Japan's Ministry of Defense requested 8.7 trillion yen for fiscal 2026.",
            "Japan's Ministry of Defense",
        ),
    ],
)
def test_attribution_cues_keep_whom_the_sentence_cites_as_written(text, cited):
    (proposal,) = propose(text, entities=index_of())
    assert proposal.proposed_attribution == cited
    assert proposal.features["attribution"] == float(WEIGHTS["attribution"])


def test_a_cited_phrase_links_the_entity_covering_most_of_it_and_never_a_bare_country():
    entities = index_of(("Japan", []), ("Office for National Statistics", ["ONS"]))
    ons = "Inflation was 3.6% in May 2025, according to figures from the Office for National "
    (linked,) = propose(ons + "Statistics.", entities=entities)
    assert (linked.attributed_to_id, linked.proposed_attribution) == (2, "")
    (minister,) = propose(
        "Japan's defence minister said 400 missiles were bought.", entities=entities
    )
    assert minister.attributed_to_id is None
    assert minister.proposed_attribution == "Japan's defence minister"
    assert minister.mention_ids == (1,) and minister.subject_id is None


def test_a_pronoun_cites_the_last_source_the_text_named():
    body = (
        "Defence Minister Gen Nakatani said Japan would buy 400 missiles.\n\n"
        "He said the first 200 would arrive in 2026."
    )
    first, second = propose(body, entities=index_of(("Japan", [])))
    assert first.proposed_attribution == "Defence Minister Gen Nakatani"
    assert second.proposed_attribution == "Defence Minister Gen Nakatani"


@pytest.mark.django_db
def test_proposing_never_creates_entities():
    EntityFactory(name="Japan", kind=EntityKind.COUNTRY)
    before = Entity.objects.count()
    proposals = propose(sample("wire-story.txt"))
    assert any(p.proposed_entities or p.proposed_attribution for p in proposals)
    assert Entity.objects.count() == before


# ---------------------------------------------------------------------------- entities


def test_the_subject_is_the_first_entity_that_is_not_the_attribution_the_rest_are_mentions():
    entities = index_of(("Japan", ["Tokyo"]), ("Thailand", []), ("United States", ["US"]))
    text = (
        "In March, Japan signed a defence pact with Thailand and Vietnam worth 5 billion yen, "
        "Prime Minister Sanae Takaichi said on Monday."
    )
    (proposal,) = propose(text, entities=entities)
    assert proposal.subject_id == 1
    assert proposal.mention_ids == (2,)
    assert proposal.proposed_entities == ("Vietnam", "Sanae Takaichi")
    assert proposal.proposed_attribution == "Prime Minister Sanae Takaichi"


def test_names_match_whole_words_longest_first_with_short_acronyms_in_capitals_only():
    entities = index_of(
        ("United States", ["US", "U.S."]),
        ("Japan", []),
        ("Japan-US alliance", ["US-Japan alliance"]),
    )
    text = "The Japan-US alliance let us see how japan and the U.S. spent 5 billion yen."
    (proposal,) = propose(text, entities=entities)
    assert proposal.subject_id == 3  # not Japan, inside the longer name
    assert proposal.mention_ids == (1,)  # "U.S."; neither "us" nor "japan" in lower case
    curly = propose("Japan\u2019s aid rose 5% to Japan-US programmes.", entities=entities)
    assert curly[0].subject_id == 2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The Japan Meteorological Agency warned of waves of up to 1 meter.",
            ("Japan Meteorological Agency",),
        ),
        (
            "Defence Minister Richard Marles and Chinese President Xi Jinping met 2 times.",
            ("Richard Marles", "Xi Jinping"),
        ),
        ("Defense Minister Gen Nakatani said 400 missiles were ordered.", ("Gen Nakatani",)),
        (
            "Exports grew 6.2%, according to the General Administration of Customs.",
            ("General Administration of Customs",),
        ),
        ("Strikes on al-Mawasi killed 12, witnesses told Al Jazeera.", ("al-Mawasi", "Al Jazeera")),
        ("Petrol prices fell by 5% in June.", ()),
        ("Israel says 40 rockets were fired.", ("Israel",)),
    ],
)
def test_names_matching_no_entity_are_proposed_without_titles(text, names):
    (proposal,) = propose(text, entities=index_of(("Japan", []), ("China", [])))
    assert proposal.proposed_entities == names


def test_sentence_initial_words_months_and_weekdays_are_not_proposed_entities():
    text = "However, on Monday in January the Bank of England raised rates to 4.5%."
    (proposal,) = propose(text, entities=index_of())
    assert proposal.proposed_entities == ("Bank of England",)


# ---------------------------------------------------------------------------- kinds, framing


def _assessed(fragment, proposals):
    (found,) = [p for p in proposals if fragment in p.quote]
    return found


def test_framing_sentences_of_the_seed_are_characterizations_scored_below_the_osa_budget():
    proposals = assess(BODY, entities=seed_index()[0])
    osa = _assessed("the proposed budget for fiscal year 2026", proposals)
    assert osa.kind == "quantity"
    for fragment in (
        "In pursuit of its so-called Indo-Pacific Strategy",
        "in an effort to offset its shortcomings",
    ):
        framed = _assessed(fragment, proposals)
        assert framed.kind == "characterization"
        assert framed.features["framing"] < 0
        assert framed.checkworthiness < osa.checkworthiness


def test_a_framed_sentence_with_a_figure_stays_a_quantity_claim():
    proposals = propose(BODY, entities=seed_index()[0])
    oda = _assessed("rising by as much as 21.6%", proposals)
    assert oda.kind == "quantity"
    assert oda.features["framing"] < 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Japan and the Philippines signed a reciprocal access agreement in July.", "agreement"),
        ("Japan launched a new spy satellite from Tanegashima on Tuesday.", "event"),
        ("Japan will deploy long-range missiles on Kyushu by 2027.", "forecast"),
        ("Japan said it would protest to Beijing.", "attribution"),
        (
            "Japan has placed growing emphasis on alliance-building in recent years.",
            "characterization",
        ),
        ("Japan has clearly sought to revive its militarism in the region.", "characterization"),
        ("Japan will spend 2% of GDP on defence by 2027.", "quantity"),
    ],
)
def test_kind_by_cues(text, kind):
    (proposal,) = assess(text, entities=index_of(("Japan", [])), published=date(2026, 2, 2))
    assert proposal.kind == kind


def test_a_year_already_past_is_no_forecast():
    text = "Japan will deploy long-range missiles on Kyushu by 2025."
    (proposal,) = assess(text, entities=index_of(("Japan", [])), published=date(2026, 2, 2))
    assert proposal.kind == "event" or proposal.kind == "characterization"


# ---------------------------------------------------------------------------- check-worthiness


def _all_proposals():
    index, _ = seed_index()
    found = assess(BODY, entities=index)
    for name in sorted(p.name for p in SAMPLES.glob("*.txt")):
        found += assess(sample(name), entities=index)
    return found


def test_feature_contributions_sum_to_the_score():
    proposals = _all_proposals()
    assert len(proposals) > 30
    for p in proposals:
        assert set(p.features) == set(WEIGHTS)
        assert not any(str(v) == "-0.0" for v in p.features.values())
        total = sum(Decimal(str(v)) for v in p.features.values())
        assert total == p.checkworthiness
        assert Decimal(0) <= p.checkworthiness <= Decimal(1)
        assert p.checkworthiness == p.checkworthiness.quantize(Decimal("0.01"))


def test_the_positive_weights_add_up_to_one():
    assert sum(w for w in WEIGHTS.values() if w > 0) == Decimal(1)


def test_a_sentence_without_number_entity_or_source_is_not_proposed():
    text = "The weather was pleasant and everyone enjoyed the long afternoon outdoors."
    assert assess(text, entities=index_of()) == []
    assert propose(text, entities=index_of()) == []


def test_a_sentence_under_the_threshold_is_assessed_but_not_proposed():
    text = "Such moves clearly fuel bloc confrontation in the style of a new Cold War."
    (assessed,) = assess(text, entities=index_of())
    assert assessed.checkworthiness < THRESHOLD
    assert propose(text, entities=index_of()) == []


def test_a_hedge_lowers_the_score():
    entities = index_of(("Japan", []), ("Thailand", []))
    (plain,) = propose("Japan doubled its aid to Thailand last year.", entities=entities)
    (hedged,) = propose(
        "Japan reportedly doubled its aid to Thailand last year.", entities=entities
    )
    assert hedged.features["hedge"] == float(WEIGHTS["hedge"])
    assert hedged.checkworthiness == plain.checkworthiness + WEIGHTS["hedge"]


def test_the_osa_budget_sentence_scores_highest_of_the_seed():
    proposals = propose(BODY, entities=seed_index()[0])
    best = max(proposals, key=lambda p: p.checkworthiness)
    assert best.quote == OSA_SENTENCE
    assert best.checkworthiness == Decimal("1.00")


# ---------------------------------------------------------------------------- other outlets


def test_a_wire_story():
    proposals = propose(sample("wire-story.txt"), entities=index_of(("Japan", ["Tokyo"])))
    found = quantities_of(proposals)
    assert q("9.04", 10**12, "JPY") in found
    assert q("57.5", 10**9, "USD") in found
    assert q("3.8", 1, "percent") in found
    assert q("970", 10**9, "JPY", "approximately") in found
    lead = proposals[0]
    assert lead.quote.startswith("Japan's cabinet on Friday approved")  # no dateline
    assert lead.subject_id == 1
    cited = [p.proposed_attribution for p in proposals]
    assert "the defence ministry" in cited
    assert cited.count("Chief Cabinet Secretary Minoru Kihara") == 2  # "He said ..." too


def test_a_government_press_release_with_a_bullet_list():
    body = sample("press-release.txt")
    proposals = propose(body, entities=index_of())
    found = quantities_of(proposals)
    assert q("1.5", 10**9, "GBP") in found
    assert q("1000", 1, "count", "at_least", "2025") in found
    assert q("30", 1, "percent") in found
    assert q("400", 1, "count") in found
    assert q("2.5", 1, "percent", "exact", "2027") in found
    bullets = [p.quote for p in proposals if not p.quote[0].isupper()]
    assert bullets == [
        "refurbish more than 1,000 homes by the end of 2025",
        "cut the repair backlog by 30%",
        "create 400 jobs in the construction sector",
    ]
    assert not any("Press release" in p.quote or "From:" in p.quote for p in proposals)


def test_a_think_tank_report():
    entities = index_of(("United States", ["US"]), ("China", []))
    proposals = propose(sample("think-tank.txt"), entities=entities)
    found = quantities_of(proposals)
    assert q("2718", 10**9, "USD", "exact", "2024") in found
    assert q("9.4", 1, "percent") in found
    assert q("60", 1, "percent") in found
    assert q("17", 1, "percent") in found
    assert q("693", 10**9, "USD") in found
    spenders = _assessed("five largest spenders", proposals)
    assert spenders.proposed_attribution == ""  # "the United States" is no "X states"
    assert spenders.subject_id == 1
    assert not any("may reflect" in p.quote for p in proposals)  # no number, name or source


def test_a_budget_summary_with_windows_newlines():
    raw = (SAMPLES / "budget-summary.txt").read_bytes().decode("utf-8")
    assert "\r\n" in raw
    proposals = propose(raw, entities=index_of())
    for p in proposals:
        assert raw[p.start : p.end] == p.quote and "\r" not in p.quote
    by_value = {x["value"]: x for p in proposals for x in p.quantities}
    request = by_value[Decimal("848.3")]
    assert (request["unit"], request["scale"], request["period"]) == ("USD", 10**9, "FY2026")
    assert (request["period_start"], request["role"]) == (date(2025, 10, 1), "budget_request")
    assert by_value[Decimal("25.4")]["unit"] == "USD"
    assert by_value[Decimal("142.2")]["role"] == "total"
    assert by_value[Decimal("1.3")]["bound"] == "approximately"


def test_a_british_text_with_day_month_dates():
    entities = index_of(
        ("United Kingdom", ["UK"]),
        ("Office for National Statistics", ["ONS"]),
        ("Bank of England", []),
    )
    proposals = propose(sample("british-daymonth.txt"), entities=entities)
    found = quantities_of(proposals)
    assert q("2.6", 1, "percent") in found
    assert q("3.0", 1, "percent") in found
    assert q("4.25", 1, "percent") in found
    assert q("118", 10**9, "GBP", "exact", "2029-30") in found
    inflation = proposals[0]
    assert inflation.attributed_to_id == 2 and inflation.subject_id == 1
    assert inflation.features["hedge"] == 0  # "31 May" is a date, not "may"
    assert _assessed("Bank of England held", proposals).subject_id == 3
    assert _assessed("the RAC said", proposals).proposed_attribution == "the RAC"


# ---------------------------------------------------------------------------- database


@pytest.mark.django_db
def test_proposing_does_one_query_whatever_the_length(django_assert_num_queries):
    EntityFactory(name="Japan", kind=EntityKind.COUNTRY, aliases=["Tokyo"])
    EntityFactory(name="Official Security Assistance", kind=EntityKind.PROGRAM, aliases=["OSA"])
    with django_assert_num_queries(1):
        short = propose(OSA_SENTENCE)
    with django_assert_num_queries(1):
        long = propose("\n\n".join([BODY] * 5))
    assert len(long) == 5 * len(propose(BODY)) and short
    index = EntityIndex.from_db()
    with django_assert_num_queries(0):
        propose(BODY, entities=index)


@pytest.mark.django_db
def test_proposals_become_candidates_through_claim_propose(editor, django_assert_num_queries):
    for entity in SEED["entities"]:
        EntityFactory(name=entity["name"], kind=entity["kind"], aliases=entity["aliases"])
    publisher = source_services.publisher_create(
        actor=editor, name="China Military Online", kind="state_media"
    )
    source = source_services.source_create(
        actor=editor,
        publisher=publisher,
        title="Japan stirs regional security",
        kind="article",
        body=ARTICLE,
        published_at=datetime(2026, 2, 2, 10, 39, tzinfo=UTC),
    )
    proposals = propose(source.body)
    with django_assert_num_queries(1):
        fields = service_fields(proposals)
    claims = [candidates.claim_propose(actor=editor, source=source, **f) for f in fields]
    assert len(claims) == len(proposals) > 10
    osa = next(c for c in claims if c.quote == OSA_SENTENCE)
    assert osa.status == ClaimStatus.PROPOSED
    assert osa.attributed_to.name == "Ministry of Foreign Affairs of Japan"
    assert osa.subject.name == "Official Security Assistance"
    assert osa.checkworthiness == Decimal("1.00")
    assert sum(osa.checkworthiness_features.values()) == pytest.approx(1.0)
    assert sorted(osa.quantities.values_list("normalised_value", flat=True)) == [
        2,
        8_100_000_000,
        18_100_000_000,
    ]
    one = next(p for p in proposals if p.mention_ids)
    assert one.service_fields()["mentions"]  # a lone proposal loads its own entities
