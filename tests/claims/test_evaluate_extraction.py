"""`manage.py evaluate_extraction`: the intake measured against texts labelled by hand."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.evaluation import evaluate_held_out, evaluate_seed, normalised_period

# Floors: the figures measured when they were set. A change that makes extraction worse fails
# here; one that makes it better should raise them.
HELD_OUT_QUANTITY_RECALL = 0.78
HELD_OUT_SENTENCE_RECALL = 1.0
SEED_SENTENCE_RECALL = 0.82


def test_every_curated_quantity_of_the_seed_is_found():
    seed = evaluate_seed()
    assert seed.quantity_recall == 1.0, seed.texts[0].missed
    assert seed.total("labelled_quantities") == 5
    assert seed.sentence_recall >= SEED_SENTENCE_RECALL


def test_the_held_out_texts_stay_above_their_floors():
    held_out = evaluate_held_out()
    assert len(held_out.texts) == 5
    assert held_out.total("labelled_quantities") == 50
    assert held_out.quantity_recall >= HELD_OUT_QUANTITY_RECALL, [
        miss for text in held_out.texts for miss in text.missed
    ]
    assert held_out.sentence_recall >= HELD_OUT_SENTENCE_RECALL


def test_periods_compare_in_one_spelling():
    assert normalised_period("FY 2026") == normalised_period("fy2026") == "FY2026"
    assert normalised_period("2016-20") == normalised_period("2016\u20132020") == "2016-2020"
    assert normalised_period("2027-04") == "2027-04"  # a month, not two years


def test_the_command_lists_what_it_missed_and_fails_below_a_floor():
    out = StringIO()
    with pytest.raises(CommandError, match=r"held-out quantity recall \d+% is below 99%"):
        call_command("evaluate_extraction", "--min-quantity-recall", "0.99", stdout=out)
    report = out.getvalue()
    assert report.splitlines()[0].split()[:3] == ["set", "sentences", "P"]
    assert "seed" in report and "held-out" in report and "missed" in report
    call_command("evaluate_extraction", "--min-quantity-recall", "0.5", stdout=StringIO())
