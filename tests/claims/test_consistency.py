"""Numbers checked against each other: stated comparisons add up, counts match the lists they
introduce, and sources agree about one measure. Each failure is one open flag by `consistency`,
found again on a rerun and resolved once its check passes."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from claims import consistency, services
from claims.consistency import check_all, check_source, conflicts
from claims.models import Annotation, Claim, ClaimRelation
from claims.quantities import parse_quantities
from claims.seeding import load_seed
from claims.selectors import claim_history

from ..factories import ClaimFactory, EntityFactory, QuantityFactory, SourceFactory

pytestmark = pytest.mark.django_db

B, M = Decimal(10**9), Decimal(10**6)


def claim_on(source, quote, **fields):
    """A claim quoting `quote`, which must occur in the source's body."""
    start = source.body.index(quote)
    return ClaimFactory(source=source, quote=quote, start=start, end=start + len(quote), **fields)


def quantity(claim, value, unit, *, scale=1, bound="exact", period="", role=""):
    return QuantityFactory(
        claim=claim,
        value=Decimal(value),
        scale=scale,
        unit=unit,
        bound=bound,
        period=period,
        role=role,
    )


def propose_sentences(body, *, title, day=26):
    """What the intake makes of a text: a candidate per sentence that states numbers, with the
    grammar's quantities, and no subject (no Entity matched)."""
    source = SourceFactory(
        body=body, title=title, published_at=datetime(2025, 12, day, 9, tzinfo=UTC)
    )
    candidates = []
    for sentence in consistency.split_sentences(body):
        quote = body[sentence.start : sentence.end]
        parsed = parse_quantities(quote)
        if not parsed:
            continue
        claim = claim_on(source, quote, status="proposed", subject=None, predicate="")
        for p in parsed:
            quantity(claim, p.value, p.unit, scale=p.scale, bound=p.bound, period=p.period,
                     role=p.role)  # fmt: skip
        candidates.append(claim)
    return candidates


def verdicts(report, check, claim):
    """Whether each `check` of the run that involved `claim` passed."""
    return [f.passed for f in report.findings if f.check == check and claim.pk in f.claims]


def numeric_flags(claim=None):
    flags = Annotation.objects.open_flags("numeric_inconsistency")
    return list(flags.filter(claim=claim) if claim is not None else flags)


def check_key_of(check, *claims):
    return f"{check}:{','.join(str(pk) for pk in sorted(c.pk for c in claims))}"


def relate(from_claim, *to_claims):
    for to_claim in to_claims:
        ClaimRelation.objects.create(
            from_claim=from_claim,
            to_claim=to_claim,
            kind="derived_from",
            created_by=from_claim.created_by,
        )


# ---------------------------------------------------------------------------- (a) comparisons

OSA_BODY = (
    "Japan's ministry said the proposed budget for fiscal year 2026 will increase OSA funding "
    "from 8.1 billion yen in 2025 to 18.1 billion yen, {comparison} the previous level. "
    "Other items were not disclosed."
)


def osa_article(comparison, *, value, bound, comparison_role="change"):
    """The seed's shape: the two budgets and the comparison as three claims, related."""
    source = SourceFactory(body=OSA_BODY.format(comparison=comparison))
    osa = EntityFactory(name="OSA", kind="program")
    fy2026 = claim_on(
        source,
        f"from 8.1 billion yen in 2025 to 18.1 billion yen, {comparison}",
        subject=osa,
        predicate="FY2026 budget request is",
    )
    quantity(fy2026, "18.1", "JPY", scale=B, period="FY2026", role="budget_request")
    fy2025 = claim_on(
        source, "from 8.1 billion yen in 2025", subject=osa, predicate="FY2025 budget was"
    )
    quantity(fy2025, "8.1", "JPY", scale=B, period="FY2025", role="initial_budget")
    stated = claim_on(source, f"{comparison} the previous level", subject=osa, predicate="grows")
    quantity(stated, value, "ratio", bound=bound, period="FY2026", role=comparison_role)
    relate(stated, fy2026, fy2025)
    return stated, fy2026, fy2025


@pytest.mark.parametrize(
    ("comparison", "value", "bound"),
    [
        ("more than doubling", "2", "at_least"),
        ("rising 2.2 times", "2.2", "exact"),
        ("more than 2.2 times", "2.2", "at_least"),
    ],
)
def test_a_comparison_its_levels_bear_out_is_not_flagged(roles, comparison, value, bound):
    stated, _, _ = osa_article(comparison, value=value, bound=bound)
    report = check_all()
    assert numeric_flags() == []
    assert report.checked >= 1
    passed = [f for f in report.findings if f.check == "comparison"]
    assert passed and all(f.passed for f in passed)
    assert stated.pk in passed[0].claims


@pytest.mark.parametrize(
    ("comparison", "value", "bound", "words"),
    [
        ("more than 2.5 times", "2.5", "at_least", "18.1 / 8.1 = 2.23, which is not"),
        ("tripling", "3", "exact", "18.1 / 8.1 = 2.23, which is not 'tripling'"),
        ("rising 2.4 times", "2.4", "exact", "which is not '2.4 times'"),
    ],
)
def test_a_comparison_its_levels_contradict_flags_every_claim_it_compares(
    roles, comparison, value, bound, words
):
    stated, fy2026, fy2025 = osa_article(comparison, value=value, bound=bound)
    report = check_all()
    assert report.flagged == 3
    for claim in (stated, fy2026, fy2025):
        [flag] = numeric_flags(claim)
        assert flag.check_key == check_key_of("comparison", stated, fy2026, fy2025)
        assert words in flag.body
        assert flag.author.username == "consistency"


SAME_SENTENCE_CASES = [
    # (sentence, rows: (value, unit, scale, bound, role), flagged)
    (
        "Exports rose 12% to $5.6 billion from $5.0 billion in 2025.",
        [("12", "percent", 1, "exact", "change"), ("5.6", "USD", B, "exact", "after"),
         ("5.0", "USD", B, "exact", "before")],
        False,
    ),
    (
        "Exports rose 15% to $5.6 billion from $5.0 billion in 2025.",
        [("15", "percent", 1, "exact", "change"), ("5.6", "USD", B, "exact", "after"),
         ("5.0", "USD", B, "exact", "before")],
        True,
    ),
    (
        "Exports rose by $600 million to $5.6 billion from $5.0 billion.",
        [("600", "USD", M, "exact", "change"), ("5.6", "USD", B, "exact", "after"),
         ("5.0", "USD", B, "exact", "before")],
        False,
    ),
    (
        "Exports rose by $900 million to $5.6 billion from $5.0 billion.",
        [("900", "USD", M, "exact", "change"), ("5.6", "USD", B, "exact", "after"),
         ("5.0", "USD", B, "exact", "before")],
        True,
    ),
    (
        "Unemployment rose 0.2 percentage point to 3.6% from 3.4% in June.",
        [("0.2", "percentage_point", 1, "exact", "change"), ("3.6", "percent", 1, "exact",
         "after"), ("3.4", "percent", 1, "exact", "before")],
        False,
    ),
    (
        "Unemployment rose 0.4 percentage point to 3.6% from 3.4% in June.",
        [("0.4", "percentage_point", 1, "exact", "change"), ("3.6", "percent", 1, "exact",
         "after"), ("3.4", "percent", 1, "exact", "before")],
        True,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "rows", "flagged"), SAME_SENTENCE_CASES)
def test_a_claim_stating_a_change_and_its_levels_is_checked_on_its_own_rows(
    roles, sentence, rows, flagged
):
    source = SourceFactory(body=f"Trade figures came out on Monday. {sentence} More soon.")
    claim = claim_on(source, sentence)
    for value, unit, scale, bound, role in rows:
        quantity(claim, value, unit, scale=scale, bound=bound, role=role)
    assert verdicts(check_all(), "comparison", claim) == [not flagged]
    flags = numeric_flags(claim)
    assert len(flags) == (1 if flagged else 0)
    if flagged:
        assert flags[0].check_key == f"comparison:{claim.pk}"


CANDIDATE_CASES = [
    ("The garrison halved from 3,200 to 1,600 troops over the year.", False),
    ("Sales of the model tripled to 360 units from 120 units.", False),
    ("Its debt more than doubled from $1.2 billion to $2.9 billion.", False),
    ("The deficit narrowed to $1.2 trillion from $1.7 trillion, a drop of $500 billion.", False),
    ("Turnout was 67%, up 5 points from 62% in 2019.", False),
    ("Unemployment fell to 3.9% from 4.1%, a decline of 0.2 percentage points.", False),
    ("The garrison halved from 3,200 to 2,100 troops over the year.", True),
    ("Sales of the model tripled to 300 units from 120 units.", True),
    ("Its debt more than doubled from $1.6 billion to $2.9 billion.", True),
    ("The deficit narrowed to $1.2 trillion from $1.7 trillion, a drop of $800 billion.", True),
    ("Turnout was 67%, up 8 points from 62% in 2019.", True),
    ("Unemployment fell to 3.9% from 4.1%, a decline of 0.4 percentage points.", True),
]


@pytest.mark.parametrize(("sentence", "flagged"), CANDIDATE_CASES)
def test_a_candidate_without_rows_is_checked_on_what_its_quote_states(roles, sentence, flagged):
    source = SourceFactory(body=f"An update. {sentence}")
    candidate = claim_on(source, sentence, status="proposed", subject=None, predicate="")
    assert verdicts(check_all(), "comparison", candidate) == [not flagged]
    assert len(numeric_flags(candidate)) == (1 if flagged else 0)


def test_levels_in_the_sentence_before_count_only_when_the_comparison_refers_back(roles):
    body = (
        "The budget grew from 8.1 billion yen to 18.1 billion yen. That is more than 2.5 times "
        "the previous level.\n\nImports rose 40% in March."
    )
    source = SourceFactory(body=body)
    refers_back = claim_on(source, "That is more than 2.5 times the previous level.")
    quantity(refers_back, "2.5", "ratio", bound="at_least", role="change")
    unrelated = claim_on(source, "Imports rose 40% in March.")
    quantity(unrelated, "40", "percent", role="change")
    check_all()
    [flag] = numeric_flags(refers_back)
    assert "18.1 / 8.1 = 2.23" in flag.body
    assert numeric_flags(unrelated) == []


def test_a_change_of_another_measure_in_the_paragraph_is_not_compared(roles):
    """The seed's 21.6% rise has no levels of its own: the OSA budgets two sentences earlier
    are another measure."""
    body = (
        "OSA funding will rise from 8.1 billion yen to 18.1 billion yen. The scope widened. "
        "Funding for information warfare is rising by as much as 21.6%."
    )
    source = SourceFactory(body=body)
    claim = claim_on(source, "rising by as much as 21.6%")
    quantity(claim, "21.6", "percent", bound="at_most", role="change")
    report = check_all()
    assert numeric_flags() == []
    assert report.checked == 0


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("It gets 18.1 billion yen, up 2.2 times from 8.1 billion yen in fiscal 2025.", False),
        ("It gets 18.1 billion yen, 2.2 times the fiscal 2025 budget of 8.1 billion yen.", False),
        ("It gets ¥18.1 billion, 12% more than the ¥16.2 billion of fiscal 2025.", False),
        ("It gets 19.1 billion yen, up 2.2 times from 8.1 billion yen in fiscal 2025.", True),
        ("It gets 18.1 billion yen, 2.5 times the fiscal 2025 budget of 8.1 billion yen.", True),
        ("It gets ¥18.1 billion, 15% more than the ¥16.2 billion of fiscal 2025.", True),
    ],
)
def test_the_words_after_a_comparison_say_what_it_compares_with(roles, sentence, flagged):
    [candidate] = propose_sentences(f"Budget day. {sentence}", title="One")
    [finding] = check_all().findings
    assert finding.passed is not flagged
    assert len(numeric_flags(candidate)) == (1 if flagged else 0)


def test_the_seed_more_than_doubling_passes_silently(roles):
    load_seed()
    report = check_all()
    assert numeric_flags() == []
    doubling = Claim.objects.get(quote="more than doubling the previous level")
    [finding] = [f for f in report.findings if doubling.pk in f.claims]
    assert finding.passed
    assert "18.1 / 8.1 = 2.23, which is 'more than doubling'" in finding.explanation
    assert "2.21 to 2.25" in finding.explanation


# ---------------------------------------------------------------------------- (b) counts

COUNT_CASES = [
    ("It runs in four pilot countries, namely Kenya, Ghana, Peru and Chile, this year.", 4, None),
    ("Japan has such deals with 16 countries, including Britain, France and Italy.", 16, None),
    ("The three founding members are Trinidad and Tobago, Jamaica and Barbados.", 3, None),
    ("Two ministers, Mr Smith and Ms Jones, resigned on Friday.", 2, None),
    ("Two people, including a child, were hurt.", 2, None),  # one item: no conjunction
    ("The two companies, Nissan and Honda, plan to merge.", 2, None),
    ("It runs in four pilot countries, namely Kenya, Ghana and Peru, this year.", 4, 3),
    ("The plan has three priorities: defence, trade, climate and health.", 3, 4),
    ("It signed with two partners (Japan, South Korea and India) in May.", 2, 3),
    ("The four pilot countries are Kenya, Ghana and Peru.", 4, 3),
]


@pytest.mark.parametrize(("sentence", "count", "listed"), COUNT_CASES)
def test_a_count_must_match_the_list_it_introduces(roles, sentence, count, listed):
    source = SourceFactory(body=f"News in brief. {sentence} Nothing else.")
    claim = claim_on(source, sentence)
    quantity(claim, count, "count")
    assert verdicts(check_all(), "count", claim) == [listed is None]
    flags = numeric_flags(claim)
    if listed is None:
        assert flags == []
    else:
        [flag] = flags
        assert flag.check_key == f"count:{claim.pk}"
        assert f"counts {count}, but the list after it names {listed}" in flag.body


def test_including_bounds_the_list_from_above_only(roles):
    source = SourceFactory(body="The bloc has up to two members, including Japan, Korea and India.")
    claim = claim_on(source, source.body)
    quantity(claim, 2, "count", bound="at_most")
    check_all()
    [flag] = numeric_flags(claim)
    assert "names 3" in flag.body


def test_a_count_without_a_list_is_no_check(roles):
    source = SourceFactory(body="Japan has signed with 16 countries, officials said on Monday.")
    claim = claim_on(source, source.body)
    quantity(claim, 16, "count")
    report = check_all()
    assert report.checked == 0
    assert numeric_flags() == []


def test_an_entity_name_with_and_in_it_is_one_item(roles):
    EntityFactory(name="Marks and Spencer", kind="organization")
    source = SourceFactory(body="Two retailers, namely Tesco and Marks and Spencer, cut prices.")
    claim = claim_on(source, source.body)
    quantity(claim, 2, "count")
    assert verdicts(check_all(), "count", claim) == [True]
    assert numeric_flags() == []


# ---------------------------------------------------------------------------- (c) conflicts


def budget_claim(subject, value, *, title, bound="exact", period="FY2026", role="budget_request"):
    body = f"Officials said the programme will receive {value} billion yen in fiscal 2026."
    source = SourceFactory(body=body, title=title)
    claim = claim_on(
        source, f"will receive {value} billion yen", subject=subject, predicate="budget is"
    )
    quantity(claim, value, "JPY", scale=B, bound=bound, period=period, role=role)
    return claim


def test_two_sources_disagreeing_are_both_flagged_and_shown_side_by_side(roles, analyst):
    osa = EntityFactory(name="OSA", kind="program")
    right = budget_claim(osa, "18.1", title="Agency report")
    wrong = budget_claim(osa, "19.1", title="Paper report")
    check_all()
    for claim, other in ((right, wrong), (wrong, right)):
        [flag] = numeric_flags(claim)
        assert flag.check_key == f"conflict:{min(right.pk, wrong.pk)},{max(right.pk, wrong.pk)}"
        assert f"claim #{other.pk}" in flag.body
    [conflict] = conflicts(analyst)
    assert conflict.period == "FY2026"
    assert "OSA" in conflict.measure
    assert [c.value for c in conflict.claims] == [Decimal("18.1") * B, Decimal("19.1") * B]
    first = conflict.claims[0]
    assert first.source == right.source
    assert first.quote == right.source.body[first.start : first.end]
    assert first.flagged


def test_conflicts_are_read_in_a_fixed_number_of_queries(roles, analyst, assert_same_queries):
    osa = EntityFactory(name="OSA", kind="program")
    budget_claim(osa, "18.1", title="Agency report")
    budget_claim(osa, "19.1", title="Paper report")

    def grow():
        for n in range(5):
            subject = EntityFactory(name=f"Programme {n}", kind="program")
            budget_claim(subject, "18.1", title=f"Agency {n}")
            budget_claim(subject, "19.1", title=f"Paper {n}")

    conflicts(analyst)  # the analyst's permissions, read once per user
    queries = assert_same_queries(lambda: conflicts(analyst), grow=grow)
    assert queries == 3  # revisions, claims with sources and subjects, quantities
    assert len(conflicts(analyst)) == 6


def test_conflicts_are_internal(roles, outsider):
    osa = EntityFactory(name="OSA", kind="program")
    budget_claim(osa, "18.1", title="Agency report")
    budget_claim(osa, "19.1", title="Paper report")
    assert conflicts(AnonymousUser()) == []
    assert conflicts(outsider) == []


def test_against_a_plurality_only_the_odd_one_out_is_flagged(roles, analyst):
    osa = EntityFactory(name="OSA", kind="program")
    agency = budget_claim(osa, "18.1", title="Agency report")
    paper = budget_claim(osa, "18.1", title="Paper report")
    falsified = budget_claim(osa, "28.1", title="Blog report")
    check_all()
    assert numeric_flags(agency) == numeric_flags(paper) == []
    [flag] = numeric_flags(falsified)
    assert flag.check_key == check_key_of("conflict", falsified, agency, paper)
    [conflict] = conflicts(analyst)
    assert [c.flagged for c in conflict.claims] == [False, False, True]


@pytest.mark.parametrize(
    ("first", "second", "disagree"),
    [
        (("16", "at_least"), ("17", "exact"), False),  # "more than 16" agrees with 17
        (("18", "exact"), ("18.1", "exact"), False),  # rounding: 17.5 to 18.5 holds 18.1
        (("18.1", "approximately"), ("18.6", "exact"), False),  # about: within 5 %
        (("16", "exact"), ("17", "exact"), True),
        (("18.1", "exact"), ("18.2", "exact"), True),
        (("18.1", "at_most"), ("18.3", "exact"), True),  # "as much as 18.1" excludes 18.3
    ],
)
def test_agreement_allows_for_rounding_and_bounds(roles, analyst, first, second, disagree):
    osa = EntityFactory(name="OSA", kind="program")
    budget_claim(osa, first[0], title="One", bound=first[1])
    budget_claim(osa, second[0], title="Two", bound=second[1])
    check_all()
    assert bool(numeric_flags()) == disagree
    assert bool(conflicts(analyst)) == disagree


def test_other_periods_subjects_and_the_same_source_are_no_conflict(roles, analyst):
    osa, oda = EntityFactory(name="OSA", kind="program"), EntityFactory(name="ODA", kind="program")
    budget_claim(osa, "18.1", title="One")
    budget_claim(osa, "8.1", title="Two", period="FY2025")
    budget_claim(oda, "19.1", title="Three")
    jica = EntityFactory(name="JICA", kind="organization")
    source = SourceFactory(body="JICA gets 18.1 billion yen; elsewhere it says 19.1 billion yen.")
    for value in ("18.1", "19.1"):
        claim = claim_on(source, f"{value} billion yen", subject=jica, predicate="budget is")
        quantity(claim, value, "JPY", scale=B, period="FY2026", role="budget_request")
    report = check_all()
    assert numeric_flags() == []
    assert conflicts(analyst) == []
    assert report.checked == 0


OSA_REPORTS = {
    "Agency": "The government also earmarked 18.1 billion yen for Official Security Assistance, "
    "up 2.2 times from 8.1 billion yen in fiscal 2025.",
    "Paper": "Funding for the Official Security Assistance program will rise to ¥18.1 billion, "
    "from ¥8.1 billion in fiscal 2025, a 123% increase.",
    "Weekly": "Official Security Assistance will receive 18.1 billion yen, 2.2 times the fiscal "
    "2025 initial budget of 8.1 billion yen.",
}


def test_candidates_without_subject_are_matched_by_what_their_words_measure(roles, analyst):
    for title, body in OSA_REPORTS.items():
        propose_sentences(body, title=title)
    report = check_all()
    assert numeric_flags() == []
    assert report.checked > 3
    assert conflicts(analyst) == []


def test_a_falsified_figure_among_candidates_is_flagged_against_the_others(roles, analyst):
    falsified = OSA_REPORTS["Weekly"].replace("18.1 billion", "28.1 billion")
    agency = propose_sentences(OSA_REPORTS["Agency"], title="Agency")
    paper = propose_sentences(OSA_REPORTS["Paper"], title="Paper")
    [weekly] = propose_sentences(falsified, title="Weekly")
    check_all()
    assert numeric_flags(agency[0]) == numeric_flags(paper[0]) == []
    flags = {flag.check_key.split(":")[0]: flag for flag in numeric_flags(weekly)}
    assert set(flags) == {"comparison", "conflict"}  # 28.1 / 8.1 is not 2.2 either
    assert "gives 28.1 billion yen" in flags["conflict"].body
    [conflict] = conflicts(analyst)
    assert [c.flagged for c in conflict.claims] == [False, False, True]


def test_a_bound_supports_only_the_figure_it_states(roles):
    """'At least nine' agrees with 19 but speaks for nine: against 'nine', 19 is the odd one."""
    killed = {
        "Wire": "At least nine people were killed when the quake hit on Wednesday.",
        "Broadcaster": "The strongest quake in 25 years has killed nine people, officials say.",
        "Blog": "The quake killed at least 19 people on Wednesday, officials said.",
    }
    claims = {title: propose_sentences(body, title=title)[0] for title, body in killed.items()}
    check_all()
    assert [bool(numeric_flags(c)) for c in claims.values()] == [False, False, True]


def test_a_coarse_figure_supports_the_rival_nearest_its_value(roles):
    """'4%' allows 3.5 to 4.5, so both 4.0% and 4.2% meet it; it speaks for 4.0%."""
    reports = {
        "Wire": "Unemployment ticked up to 4% in May, the Labor Department said.",
        "Paper": "The unemployment rate rose to 4.0% in May, the highest in two years.",
        "Blog": "The unemployment rate jumped to 4.2% in May, the Labor Department said.",
    }
    claims = {title: propose_sentences(body, title=title)[0] for title, body in reports.items()}
    check_all()
    assert [bool(numeric_flags(c)) for c in claims.values()] == [False, False, True]


def test_a_figure_compared_with_speaks_for_an_earlier_time(roles):
    """'from 3.9%' is April's rate: not a rival of May's 4.0%."""
    reports = {
        "Wire": "Unemployment ticked up to 4% from 3.9%, the Labor Department said.",
        "Paper": "The unemployment rate rose to 4.0% from 3.9% in April.",
        "Blog": "The unemployment rate stood at 4.0%, the Labor Department said.",
    }
    for title, body in reports.items():
        propose_sentences(body, title=title)
    report = check_all()
    assert numeric_flags() == []
    assert any(f.check == "conflict" for f in report.findings)


def test_each_figure_of_a_clause_is_about_the_words_next_to_it(roles):
    wire = "Health care added 68,000 jobs and government 43,000, while leisure gained 42,000."
    paper = "Health care led with 68,000 new jobs, followed by government with 43,000."
    blog = "Government added 34,000 jobs in May, the report said."
    for title, body in (("Wire", wire), ("Paper", paper), ("Blog", blog)):
        propose_sentences(body, title=title)
    check_all()
    [flag] = numeric_flags()
    assert flag.claim.source.title == "Blog"
    assert "gives 34,000 jobs" in flag.body


def test_an_outlook_is_no_rival_of_a_reported_figure(roles):
    reports = {
        "Wire": "Its operating profit rose 96% to a record 5.35 trillion yen, Toyota said.",
        "Paper": "Toyota expects operating profit to fall 20% to 4.3 trillion yen this year.",
        "Weekly": "Toyota's operating profit nearly doubled to 5.35 trillion yen last year.",
        "Blog": "The automaker forecast operating profit of 4.8 trillion yen this year.",
    }
    claims = {title: propose_sentences(body, title=title)[0] for title, body in reports.items()}
    check_all()
    flagged = {title for title, claim in claims.items() if numeric_flags(claim)}
    assert flagged == {"Paper", "Blog"}  # 4.3 against 4.8: two forecasts, no plurality


def test_words_of_time_say_nothing_about_what_is_measured(roles):
    propose_sentences("Hourly earnings were up 4.1% from a year earlier.", title="Wire")
    propose_sentences("Toyota sold 11.09 million cars, up 7.3% from a year earlier.", title="Paper")
    check_all()
    assert numeric_flags() == []


def test_candidates_take_part_in_conflicts(roles):
    osa = EntityFactory(name="OSA", kind="program")
    budget_claim(osa, "18.1", title="Agency report")
    body = "Tokyo will spend 21.1 billion yen on OSA in fiscal 2026."
    source = SourceFactory(body=body)
    candidate = claim_on(source, body, status="proposed", subject=osa, predicate="")
    quantity(candidate, "21.1", "JPY", scale=B, period="FY2026")
    check_all()
    assert len(numeric_flags(candidate)) == 1


# ---------------------------------------------------------------------------- flags


def test_a_rerun_adds_no_duplicate(roles):
    stated, _, _ = osa_article("more than 2.5 times", value="2.5", bound="at_least")
    first = check_all()
    second = check_all()
    assert (first.flagged, first.already_flagged) == (3, 0)
    assert (second.flagged, second.already_flagged, second.resolved) == (0, 3, 0)
    assert len(numeric_flags(stated)) == 1


def test_a_corrected_quantity_gets_its_flag_resolved_by_consistency(roles, editor):
    stated, _, _ = osa_article("more than doubling", value="2.5", bound="at_least")
    check_all()
    [flag] = numeric_flags(stated)
    assert "18.1 / 8.1 = 2.23, which is not 'at least 2.5 times'" in flag.body
    row = stated.quantities.get()
    services.quantity_update(actor=editor, quantity=row, value=Decimal(2))
    report = check_all()
    assert report.resolved == 3
    flag.refresh_from_db()
    assert flag.resolved_by.username == "consistency"
    assert flag.resolution_note.startswith("The check passes now: 18.1 / 8.1 = 2.23, which is")
    assert numeric_flags() == []


def test_flags_and_resolutions_are_recorded_in_history_as_consistency(roles, editor):
    stated, _, _ = osa_article("more than doubling", value="2.5", bound="at_least")
    check_all()
    services.quantity_update(actor=editor, quantity=stated.quantities.get(), value=Decimal(2))
    check_all()
    events = [e for e in claim_history(stated) if e.model == "Annotation"]
    assert [e.label for e in events] == ["insert", "update"]
    assert {e.user.username for e in events} == {"consistency"}


def test_a_failure_an_editor_resolved_is_not_raised_again(roles, editor):
    stated, _, _ = osa_article("more than 2.5 times", value="2.5", bound="at_least")
    check_all()
    [flag] = numeric_flags(stated)
    services.annotation_resolve(actor=editor, annotation=flag, note="The ministry rounds.")
    report = check_all()
    assert numeric_flags(stated) == []
    assert report.flagged == 0


def test_a_check_key_keeps_to_its_column():
    key = consistency.check_key("conflict", range(1_000_000, 1_000_100))
    assert len(key) <= Annotation._meta.get_field("check_key").max_length
    assert key.startswith("conflict:1000000,1000001,")


def test_the_consistency_account_cannot_log_in(roles):
    account = consistency.consistency_account()
    assert not account.has_usable_password()
    assert account.groups.filter(name="editor").exists()


def test_dismissed_candidates_are_left_alone(roles, editor):
    source = SourceFactory(body="Sales of the model tripled to 300 units from 120 units.")
    candidate = claim_on(source, source.body, status="proposed", subject=None, predicate="")
    candidate.status, candidate.dismissed_reason = "dismissed", "Not news."
    candidate.save()
    report = check_all()
    assert report.checked == 0


def test_check_source_judges_its_own_claims_and_leaves_others_alone(roles):
    mine = SourceFactory(body="Sales of the model tripled to 300 units from 120 units.")
    other = SourceFactory(body="The garrison halved from 3,200 to 2,100 troops.")
    own = claim_on(mine, mine.body, status="proposed", subject=None, predicate="")
    theirs = claim_on(other, other.body, status="proposed", subject=None, predicate="")
    report = check_source(mine)
    assert (report.checked, report.flagged) == (1, 1)
    assert len(numeric_flags(own)) == 1
    assert numeric_flags(theirs) == []


def test_a_third_source_on_ingest_settles_a_conflict_of_two(roles):
    osa = EntityFactory(name="OSA", kind="program")
    agency = budget_claim(osa, "18.1", title="Agency report")
    paper = budget_claim(osa, "19.1", title="Paper report")
    check_all()
    assert len(numeric_flags(agency)) == len(numeric_flags(paper)) == 1
    weekly = budget_claim(osa, "18.1", title="Weekly report")
    report = check_source(weekly.source)
    assert (report.flagged, report.already_flagged, report.resolved) == (0, 1, 1)
    assert numeric_flags(agency) == []
    assert len(numeric_flags(paper)) == 1
    resolved = Annotation.objects.get(claim=agency)
    assert resolved.resolution_note.startswith("The check passes now: On OSA")
    assert f"claim #{weekly.pk}" in resolved.resolution_note


def test_a_corrected_candidate_gets_its_conflict_flag_resolved(roles, editor):
    for title in ("Agency", "Paper"):
        propose_sentences(OSA_REPORTS[title], title=title)
    falsified = OSA_REPORTS["Weekly"].replace("18.1 billion", "28.1 billion")
    [weekly] = propose_sentences(falsified, title="Weekly")
    check_source(weekly.source)
    assert {f.check_key.split(":")[0] for f in numeric_flags(weekly)} == {"conflict", "comparison"}
    row = weekly.quantities.get(value=Decimal("28.1"))
    services.quantity_update(actor=editor, quantity=row, value=Decimal("18.1"))
    report = check_source(weekly.source)
    assert report.resolved == 2
    assert numeric_flags() == []


def test_check_source_reaches_claims_of_other_sources_it_relates_to(roles):
    stated, _, _ = osa_article("more than 2.5 times", value="2.5", bound="at_least")
    report_body = "A later report: the request stands at 18.1 billion yen."
    later = SourceFactory(body=report_body)
    restated = claim_on(later, "18.1 billion yen")
    quantity(restated, "18.1", "JPY", scale=B, period="FY2026")
    relate(stated, restated)
    report = check_source(later)
    assert report.flagged >= 1
    assert numeric_flags(stated)
