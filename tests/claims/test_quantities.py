"""The intake's quantity grammar reads news sentences as an analyst would: value as written,
scale, unit, bound and period, with the exact words that state each quantity."""

import json
import re
from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from claims.quantities import find_periods, parse_quantities

JAPAN = (4, 1)  # Japan's fiscal year starts on 1 April
K, M, B, T = 10**3, 10**6, 10**9, 10**12
DATA = Path(__file__).resolve().parents[2] / "data"
EN_DASH = "\u2013"  # as news text writes ranges and split years


def q(text, value, scale=1, unit="count", bound="exact", period=""):
    """An expected quantity: the words that state it, then what they state."""
    return (text, Decimal(value), Decimal(scale), unit, bound, period)


def read(sentence, fiscal_year_start=JAPAN):
    return [
        (p.text, p.value, p.scale, p.unit, p.bound, p.period)
        for p in parse_quantities(sentence, fiscal_year_start=fiscal_year_start)
    ]


PHRASINGS = [
    # --- money: symbols, codes and words; every scale word -------------------------------
    ("The ministry set aside ¥18.1bn for the programme.", [q("¥18.1bn", "18.1", B, "JPY")]),
    ("The budget allocates 18.1 billion yen to OSA.", [q("18.1 billion yen", "18.1", B, "JPY")]),
    ("Tokyo will provide JPY 18.1 billion in grants.", [q("JPY 18.1 billion", "18.1", B, "JPY")]),
    ("The contract is worth US$2.5 million, it said.", [q("US$2.5 million", "2.5", M, "USD")]),
    ("The start-up raised $3m from investors.", [q("$3m", "3", M, "USD")]),
    ("Brussels pledged €40 bn for the fund.", [q("€40 bn", "40", B, "EUR")]),
    ("The national debt stands at £1.2tn.", [q("£1.2tn", "1.2", T, "GBP")]),
    ("The state approved Rs 500 crore for the dam.", [q("Rs 500 crore", "500", 10**7, "INR")]),
    ("Officials said 8.1 billion yen had been spent.", [q("8.1 billion yen", "8.1", B, "JPY")]),
    ("Beijing set its budget at 1.78 trillion yuan.", [q("1.78 trillion yuan", "1.78", T, "CNY")]),
    ("Seoul will spend 61.2 trillion won on defence.", [q("61.2 trillion won", "61.2", T, "KRW")]),
    ("Canberra committed A$368 billion to the boats.", [q("A$368 billion", "368", B, "AUD")]),
    (
        "The deal was valued at 3.5 million US dollars.",
        [q("3.5 million US dollars", "3.5", M, "USD")],
    ),
    ("The EU fined the group 2.4 billion euros.", [q("2.4 billion euros", "2.4", B, "EUR")]),
    ("The company was fined $500,000 by regulators.", [q("$500,000", "500000", 1, "USD")]),
    ("Tuition costs 9,250 pounds a year.", [q("9,250 pounds", "9250", 1, "GBP")]),
    ("Revenue reached ₹2,500 crore last year.", [q("₹2,500 crore", "2500", 10**7, "INR")]),
    ("It plans a $1.5-billion plant in Ohio.", [q("$1.5-billion", "1.5", B, "USD")]),
    ("The striker earned $500k in bonuses.", [q("$500k", "500", K, "USD")]),
    ("A 20 million euro fund was set up.", [q("20 million euro", "20", M, "EUR")]),
    ("Imports cost USD 3 million a month.", [q("USD 3 million", "3", M, "USD")]),
    ("The airport cost HK$141.5 billion.", [q("HK$141.5 billion", "141.5", B, "HKD")]),
    ("Donors gave 250 thousand dollars.", [q("250 thousand dollars", "250", K, "USD")]),
    # --- bounds ----------------------------------------------------------------------------
    (
        "More than 1,200 troops were deployed.",
        [q("More than 1,200 troops", "1200", bound="at_least")],
    ),
    ("Over 300 people were evacuated.", [q("Over 300 people", "300", bound="at_least")]),
    (
        "At least 16 people were killed in the blast.",
        [q("At least 16 people", "16", bound="at_least")],
    ),
    ("Fees are in excess of £50m.", [q("in excess of £50m", "50", M, "GBP", "at_least")]),
    (
        "Delegates from 16 countries or more came.",
        [q("16 countries or more", "16", 1, "count", "at_least")],
    ),
    ("20+ countries have signed up.", [q("20+ countries", "20", bound="at_least")]),
    (
        "Programmes run by two or more European states.",
        [q("two or more European states", "2", bound="at_least")],
    ),
    ("Costs are set to exceed €10bn.", [q("exceed €10bn", "10", B, "EUR", "at_least")]),
    ("Sales surpassed $2bn.", [q("surpassed $2bn", "2", B, "USD", "at_least")]),
    ("The bill will not exceed $5bn.", [q("not exceed $5bn", "5", B, "USD", "at_most")]),
    ("The navy will buy five more Type 31 frigates.", [q("five more Type 31 frigates", "5")]),
    ("The fund offers up to $3m per project.", [q("up to $3m", "3", M, "USD", "at_most")]),
    (
        "Inflation will be at most 2 percent.",
        [q("at most 2 percent", "2", 1, "percent", "at_most")],
    ),
    ("No more than 30 vessels may enter.", [q("No more than 30 vessels", "30", bound="at_most")]),
    ("Fewer than 10 states have ratified it.", [q("Fewer than 10 states", "10", bound="at_most")]),
    ("Less than 5% of the budget is spent.", [q("Less than 5%", "5", 1, "percent", "at_most")]),
    ("As many as 40 drones were launched.", [q("As many as 40 drones", "40", bound="at_most")]),
    (
        "Nearly 20,000 people have fled.",
        [q("Nearly 20,000 people", "20000", bound="approximately")],
    ),
    (
        "Almost 40% of voters backed the plan.",
        [q("Almost 40%", "40", 1, "percent", "approximately")],
    ),
    (
        "About 70 per cent of respondents agreed.",
        [q("About 70 per cent", "70", 1, "percent", "approximately")],
    ),
    ("Around 16 countries attended.", [q("Around 16 countries", "16", bound="approximately")]),
    (
        "Roughly 2.5 million people live there.",
        [q("Roughly 2.5 million people", "2.5", M, "count", "approximately")],
    ),
    ("Some 1,200 troops remain.", [q("Some 1,200 troops", "1200", bound="approximately")]),
    (
        "Approximately 300 km of coastline is affected.",
        [q("Approximately 300 km", "300", 1, "km", "approximately")],
    ),
    (
        "An estimated 3,000 people attended.",
        [q("3,000 people", "3000")],
    ),
    # --- periods ---------------------------------------------------------------------------
    (
        "The Defense Ministry requested 8.7 trillion yen for fiscal year 2026.",
        [q("8.7 trillion yen", "8.7", T, "JPY", period="FY2026")],
    ),
    ("FY2025 revenue was $4.2 billion.", [q("$4.2 billion", "4.2", B, "USD", period="FY2025")]),
    (
        "In FY 2025, the agency spent 300 million yen.",
        [q("300 million yen", "300", M, "JPY", period="FY2025")],
    ),
    ("Sales rose 4% in fiscal 2026.", [q("4%", "4", 1, "percent", period="FY2026")]),
    ("Exports rose 3.2% in 2015.", [q("3.2%", "3.2", 1, "percent", period="2015")]),
    (f"Spending reached £12bn in 2012{EN_DASH}13.", [q("£12bn", "12", B, "GBP", period="2012-13")]),
    ("Spending reached £11bn in 2012-13.", [q("£11bn", "11", B, "GBP", period="2012-13")]),
    (
        "GDP grew 0.3% in the third quarter of 2025.",
        [q("0.3%", "0.3", 1, "percent", period="Q3 2025")],
    ),
    ("Net profit rose 12% in Q3 2025.", [q("12%", "12", 1, "percent", period="Q3 2025")]),
    (
        "The economy shrank 0.5% in the first half of 2026.",
        [q("0.5%", "0.5", 1, "percent", period="H1 2026")],
    ),
    ("H1 2026 sales were €2.1bn.", [q("€2.1bn", "2.1", B, "EUR", period="H1 2026")]),
    ("Imports fell 1.1% in January 2026.", [q("1.1%", "1.1", 1, "percent", period="2026-01")]),
    ("Rents rose 6% since 2021.", [q("6%", "6", 1, "percent")]),  # "since": not its period
    (
        "The FY2026 request totals ¥8.8 trillion, up 3.8% from FY2025.",
        [
            q("¥8.8 trillion", "8.8", T, "JPY", period="FY2026"),
            q("3.8%", "3.8", 1, "percent", period="FY2026"),
        ],
    ),
    # --- the seed article's sentences --------------------------------------------------
    (
        "According to Japan's Ministry of Foreign Affairs, the proposed budget for fiscal year "
        "2026 will increase OSA funding from 8.1 billion yen in 2025 to 18.1 billion yen, more "
        "than doubling the previous level.",
        [
            q("8.1 billion yen", "8.1", B, "JPY", period="FY2025"),
            q("18.1 billion yen", "18.1", B, "JPY", period="FY2026"),
            q("more than doubling", "2", 1, "ratio", "at_least", "FY2026"),
        ],
    ),
    (
        "Japan's ODA program has also seen its fiscal year 2026 budget tilt markedly toward "
        "Southeast Asia, with funding for information warfare rising by as much as 21.6%.",
        [q("as much as 21.6%", "21.6", 1, "percent", "at_most", "FY2026")],
    ),
    (
        "To date, Japan has signed the Agreement Concerning the Transfer of Defense Equipment "
        "and Technology with 16 countries.",
        [q("16 countries", "16")],
    ),
    # --- ranges ----------------------------------------------------------------------------
    (
        "Tariffs of between 10 and 20 percent apply.",
        [
            q("between 10 and 20 percent", "10", 1, "percent", "at_least"),
            q("between 10 and 20 percent", "20", 1, "percent", "at_most"),
        ],
    ),
    (
        f"Tariffs of 10{EN_DASH}20% apply to steel.",
        [
            q(f"10{EN_DASH}20%", "10", 1, "percent", "at_least"),
            q(f"10{EN_DASH}20%", "20", 1, "percent", "at_most"),
        ],
    ),
    (
        "Each contract is worth $3m-$5m.",
        [q("$3m-$5m", "3", M, "USD", "at_least"), q("$3m-$5m", "5", M, "USD", "at_most")],
    ),
    (
        "The flood displaced 3 to 5 million people.",
        [
            q("3 to 5 million people", "3", M, "count", "at_least"),
            q("3 to 5 million people", "5", M, "count", "at_most"),
        ],
    ),
    (
        "Repairs will cost between £20bn and £30bn.",
        [
            q("between £20bn and £30bn", "20", B, "GBP", "at_least"),
            q("between £20bn and £30bn", "30", B, "GBP", "at_most"),
        ],
    ),
    (
        "The project will cost US$3-5 million.",
        [
            q("US$3-5 million", "3", M, "USD", "at_least"),
            q("US$3-5 million", "5", M, "USD", "at_most"),
        ],
    ),
    (
        "Output could reach 1.5bn-2bn barrels.",
        [
            q("1.5bn-2bn barrels", "1.5", B, "barrel", "at_least"),
            q("1.5bn-2bn barrels", "2", B, "barrel", "at_most"),
        ],
    ),
    # --- counts and their counted nouns -----------------------------------------------------
    ("Japan will send two destroyers.", [q("two destroyers", "2")]),
    ("The pilot covers four pilot countries.", [q("four pilot countries", "4")]),
    ("Eight nations joined the exercise.", [q("Eight nations", "8")]),
    ("The US will deploy 1,200 troops.", [q("1,200 troops", "1200")]),
    ("A dozen states have sued.", [q("A dozen states", "12")]),
    ("Twenty-one nations signed the accord.", [q("Twenty-one nations", "21")]),
    ("A hundred troops were sent.", [q("A hundred troops", "100")]),
    ("India has 1.4 billion people.", [q("1.4 billion people", "1.4", B)]),
    (
        "Russia fired 40 missiles and 70 drones overnight.",
        [q("40 missiles", "40"), q("70 drones", "70")],
    ),
    ("Japan ordered 48 F-35 aircraft.", [q("48 F-35 aircraft", "48")]),
    ("Officials said 12 people were hurt.", [q("12 people", "12")]),
    ("The U.S. will send 3,000 more troops.", [q("3,000 more troops", "3000")]),
    # --- percents and points --------------------------------------------------------------
    ("Turnout was 21.6%.", [q("21.6%", "21.6", 1, "percent")]),
    ("Turnout was 21.6 percent.", [q("21.6 percent", "21.6", 1, "percent")]),
    ("Turnout was 21.6 per cent.", [q("21.6 per cent", "21.6", 1, "percent")]),
    ("Wages rose 5pc, the ONS said.", [q("5pc", "5", 1, "percent")]),
    (
        "The party's lead widened by 3 percentage points.",
        [q("3 percentage points", "3", 1, "percentage_point")],
    ),
    ("The bank cut rates by 25 basis points.", [q("25 basis points", "25", 1, "basis_point")]),
    (
        "Rates rose by a quarter of a percentage point.",
        [q("a quarter of a percentage point", "0.25", 1, "percentage_point")],
    ),
    # --- fractions -------------------------------------------------------------------------
    ("Two-thirds of the budget goes on salaries.", [q("Two-thirds", "0.666667", 1, "ratio")]),
    ("A third of the fleet is idle.", [q("A third", "0.333333", 1, "ratio")]),
    ("Half of the aid has arrived.", [q("Half", "0.5", 1, "ratio")]),
    ("Three-quarters of the funds were spent.", [q("Three-quarters", "0.75", 1, "ratio")]),
    (
        "About one in five adults smoke.",
        [q("About one in five", "0.2", 1, "ratio", "approximately")],
    ),
    # --- multiples and change words -----------------------------------------------------------
    (
        "Spending is now 2.2 times the level of 2015.",
        [q("2.2 times", "2.2", 1, "ratio", period="2015")],
    ),
    ("The budget doubled.", [q("doubled", "2", 1, "ratio")]),
    ("Doubling the fleet will take years.", [q("Doubling", "2", 1, "ratio")]),
    ("Exports have tripled.", [q("tripled", "3", 1, "ratio")]),
    ("The subsidy was halved.", [q("halved", "0.5", 1, "ratio")]),
    ("Sales saw a threefold increase.", [q("threefold", "3", 1, "ratio")]),
    ("Prices rose two and a half times.", [q("two and a half times", "2.5", 1, "ratio")]),
    ("Funding increased by 5% this year.", [q("5%", "5", 1, "percent")]),
    ("Aid rose by 3 billion yen.", [q("3 billion yen", "3", B, "JPY")]),
    ("Shares fell 2% in early trading.", [q("2%", "2", 1, "percent")]),
    (
        "Output nearly doubled in 2024.",
        [q("nearly doubled", "2", 1, "ratio", "approximately", "2024")],
    ),
    # --- from A to B, and before/after --------------------------------------------------------
    (
        "Funding will rise from 8.1 to 18.1 billion yen.",
        [q("8.1 to 18.1 billion yen", "8.1", B, "JPY"), q("18.1 billion yen", "18.1", B, "JPY")],
    ),
    (
        "Membership grew from 16 to 20 countries.",
        [q("16 to 20 countries", "16"), q("20 countries", "20")],
    ),
    (
        "Sales rose 5% to ¥18.1bn in the third quarter of 2025, up from ¥17.2bn a year earlier.",
        [
            q("5%", "5", 1, "percent", period="Q3 2025"),
            q("¥18.1bn", "18.1", B, "JPY", period="Q3 2025"),
            q("¥17.2bn", "17.2", B, "JPY"),
        ],
    ),
    (
        "China's military budget rose 7.2 percent to 1.67 trillion yuan ($232 billion).",
        [
            q("7.2 percent", "7.2", 1, "percent"),
            q("1.67 trillion yuan", "1.67", T, "CNY"),
            q("$232 billion", "232", B, "USD"),
        ],
    ),
    (
        "Unemployment fell by 0.2 percentage points to 4.1 per cent.",
        [
            q("0.2 percentage points", "0.2", 1, "percentage_point"),
            q("4.1 per cent", "4.1", 1, "percent"),
        ],
    ),
    (
        "Turnout was 58.2%, compared with 61% in 2019.",
        [q("58.2%", "58.2", 1, "percent"), q("61%", "61", 1, "percent", period="2019")],
    ),
    # --- think-tank and budget styles --------------------------------------------------------
    (
        "Global military expenditure reached $2.72 trillion in 2024, an increase of 9.4 per cent.",
        [
            q("$2.72 trillion", "2.72", T, "USD", period="2024"),
            q("9.4 per cent", "9.4", 1, "percent", period="2024"),
        ],
    ),
    (
        "Japan plans to raise defence spending to about 2% of GDP by fiscal 2027.",
        [q("about 2%", "2", 1, "percent", "approximately", "FY2027")],
    ),
    (
        "Defence spending will rise to 2.5 per cent of GDP by 2027, the Prime Minister said.",
        [q("2.5 per cent", "2.5", 1, "percent", period="2027")],
    ),
    ("The operation lasted 10 years.", [q("10 years", "10", 1, "year")]),
    ("Tokyo granted a one-year extension.", [q("one-year", "1", 1, "year")]),
    (
        "Australia will pay up to A$368bn over three decades.",
        [q("up to A$368bn", "368", B, "AUD", "at_most"), q("three decades", "3", 1, "decade")],
    ),
    (
        "Two-thirds of NATO members meet the 2% target, up from just three in 2014.",
        [q("Two-thirds", "0.666667", 1, "ratio"), q("2%", "2", 1, "percent")],
    ),
    ("The navy fired 155mm shells.", [q("155mm", "155", 1, "mm")]),
    ("Jets dropped 500-pound bombs.", [q("500-pound", "500", 1, "lb")]),
    (
        "Since January, 3,400 people applied, compared with 2,100 in the same period of 2024.",
        [q("3,400 people", "3400"), q("2,100", "2100", period="2024")],
    ),
    (
        "The government will invest £2.5 billion over five years.",
        [q("£2.5 billion", "2.5", B, "GBP"), q("five years", "5", 1, "year")],
    ),
    (
        "India's defence outlay has been pegged at Rs 6.81 lakh crore.",
        [q("Rs 6.81 lakh crore", "6.81", 10**12, "INR")],
    ),
    (
        "The ministry aims to cut emissions by 46% from 2013 levels by 2030.",
        [q("46%", "46", 1, "percent", period="2030")],
    ),
    ("The island's population of 23 million faces a crisis.", [q("23 million", "23", M)]),
    (
        "The field pumps 3 million barrels a day.",
        [q("3 million barrels a day", "3", M, "barrel_per_day")],
    ),
    # --- a quantity beside words that are not quantities -------------------------------------
    ("Under Article 9, Japan sent 1,200 troops.", [q("1,200 troops", "1200")]),
    ("On 27 January 2026 the ministry hired 16 experts.", [q("16 experts", "16")]),
    ("Pillar 2 now has 16 members.", [q("16 members", "16")]),
    ("The G7 pledged $50bn at 18:39 on Tuesday.", [q("$50bn", "50", B, "USD")]),
]

# "double", "triple", "treble", "quadruple" and "halve" as verbs in every form, with the bound
# before them; the adjective of a noun ("double-digit", "a double standard") is no multiple.
MULTIPLE_VERBS = [
    (
        "Spending would almost double to 890 billion yen from 450 billion yen.",
        [
            q("almost double", "2", 1, "ratio", "approximately"),
            q("890 billion yen", "890", B, "JPY"),
            q("450 billion yen", "450", B, "JPY"),
        ],
    ),
    (
        "The ministry plans to double the number of attachés to 40 by 2028.",
        [q("double", "2", 1, "ratio", period="2028"), q("40", "40", period="2028")],
    ),
    (
        "Sales could more than triple to $12 billion by 2030, the company said.",
        [
            q("more than triple", "3", 1, "ratio", "at_least", "2030"),
            q("$12 billion", "12", B, "USD", period="2030"),
        ],
    ),
    (
        "The government will halve the waiting list by March 2027.",
        [q("halve", "0.5", 1, "ratio", period="2027-03")],
    ),
    (
        "Beijing's nuclear arsenal is projected to nearly triple, to 1,500 warheads, by 2035.",
        [
            q("nearly triple", "3", 1, "ratio", "approximately", "2035"),
            q("1,500 warheads", "1500", period="2035"),
        ],
    ),
    (
        "Officials expect visitor numbers to quadruple from 2019 levels.",
        [q("quadruple", "4", 1, "ratio")],
    ),
    ("If approved, the budget would double.", [q("double", "2", 1, "ratio")]),
    (
        "Visitor numbers are expected to double to 60 million by 2030.",
        [q("double", "2", 1, "ratio", period="2030"), q("60 million", "60", M, period="2030")],
    ),
    ("Imports are set to treble over the next decade.", [q("treble", "3", 1, "ratio")]),
    (
        "Outlays on cyber defence double to ¥240 billion in fiscal 2026.",
        [
            q("double", "2", 1, "ratio", period="FY2026"),
            q("¥240 billion", "240", B, "JPY", period="FY2026"),
        ],
    ),
    (
        "The plan halves the subsidy, and output doubles every decade.",
        [q("halves", "0.5", 1, "ratio"), q("doubles", "2", 1, "ratio")],
    ),
    ("The budget is double that of 2022.", [q("double", "2", 1, "ratio", period="2022")]),
]

# Which period governs each quantity, in sentences that name more than one, or a date, or a
# period in another clause: budget summaries, releases, wire copy, think-tanks, British style.
GOVERNING_PERIODS = [
    # --- two or more periods: each figure the nearest of its own clause or phrase -----------
    (
        "It is the largest order since 2019, when the navy bought four submarines for 3.4 "
        "trillion won.",
        [
            q("four submarines", "4", period="2019"),
            q("3.4 trillion won", "3.4", T, "KRW", period="2019"),
        ],
    ),
    (
        "The Coast Guard's budget for fiscal 2026 comes to 312 billion yen, nearly triple the "
        "105 billion yen it received in fiscal 2016.",
        [
            q("312 billion yen", "312", B, "JPY", period="FY2026"),
            q("nearly triple", "3", 1, "ratio", "approximately", "FY2026"),
            q("105 billion yen", "105", B, "JPY", period="FY2016"),
        ],
    ),
    (
        "Exports to China reached $41.2 billion in 2025, compared with $36.5 billion in 2023, "
        "the ministry said.",
        [
            q("$41.2 billion", "41.2", B, "USD", period="2025"),
            q("$36.5 billion", "36.5", B, "USD", period="2023"),
        ],
    ),
    (
        "Japan's defence budget for fiscal 2026 totals 9.04 trillion yen, compared with 8.7 "
        "trillion yen for fiscal 2025.",
        [
            q("9.04 trillion yen", "9.04", T, "JPY", period="FY2026"),
            q("8.7 trillion yen", "8.7", T, "JPY", period="FY2025"),
        ],
    ),
    (
        "Capital spending in 2026-27 is forecast at £14.2 billion, up 6.1% on the £13.4 billion "
        "budgeted for 2025-26.",
        [
            q("£14.2 billion", "14.2", B, "GBP", period="2026-27"),
            q("6.1%", "6.1", 1, "percent", period="2026-27"),
            q("£13.4 billion", "13.4", B, "GBP", period="2025-26"),
        ],
    ),
    (
        "Revenue in the first quarter of 2026 was $3.1 billion, up 12% from $2.8 billion in the "
        "first quarter of 2025.",
        [
            q("$3.1 billion", "3.1", B, "USD", period="Q1 2026"),
            q("12%", "12", 1, "percent", period="Q1 2026"),
            q("$2.8 billion", "2.8", B, "USD", period="Q1 2025"),
        ],
    ),
    (
        "The department will receive £3.2 billion in 2026-27, against £2.9 billion in 2024-25, "
        "a rise of 10 per cent.",
        [
            q("£3.2 billion", "3.2", B, "GBP", period="2026-27"),
            q("£2.9 billion", "2.9", B, "GBP", period="2024-25"),
            q("10 per cent", "10", 1, "percent", period="2026-27"),
        ],
    ),
    (
        "Tokyo earmarked 1.1 trillion yen for the programme in fiscal 2027, 3.1 times the amount "
        "set aside in fiscal 2019.",
        [
            q("1.1 trillion yen", "1.1", T, "JPY", period="FY2027"),
            q("3.1 times", "3.1", 1, "ratio", period="FY2027"),
        ],
    ),
    (
        "The OSA budget will rise to 18.1 billion yen in fiscal 2026 from 8.1 billion yen in "
        "fiscal 2025.",
        [
            q("18.1 billion yen", "18.1", B, "JPY", period="FY2026"),
            q("8.1 billion yen", "8.1", B, "JPY", period="FY2025"),
        ],
    ),
    (
        "Of the 9.9 trillion yen requested for fiscal 2026, 1.1 trillion yen is for drones, up "
        "from 0.9 trillion yen in fiscal 2025.",
        [
            q("9.9 trillion yen", "9.9", T, "JPY", period="FY2026"),
            q("1.1 trillion yen", "1.1", T, "JPY", period="FY2026"),
            q("0.9 trillion yen", "0.9", T, "JPY", period="FY2025"),
        ],
    ),
    (
        "Defense spending for fiscal 2026 will total 9.04 trillion yen, which is 1.6 times the "
        "5.4 trillion yen spent in fiscal 2022.",
        [
            q("9.04 trillion yen", "9.04", T, "JPY", period="FY2026"),
            q("1.6 times", "1.6", 1, "ratio", period="FY2026"),
            q("5.4 trillion yen", "5.4", T, "JPY", period="FY2022"),
        ],
    ),
    (
        "Aid reached $5bn in 2025, which was up 12% from 2024.",
        [q("$5bn", "5", B, "USD", period="2025"), q("12%", "12", 1, "percent", period="2025")],
    ),
    # --- a reference period is what a figure is compared with, not the figure's period ------
    (
        "The agency requested 640 billion yen for fiscal 2027, an increase of 12% over the "
        "fiscal 2026 initial budget.",
        [
            q("640 billion yen", "640", B, "JPY", period="FY2027"),
            q("12%", "12", 1, "percent", period="FY2027"),
        ],
    ),
    (
        "China's official defence budget for 2025 is 2.4 times its 2015 level.",
        [q("2.4 times", "2.4", 1, "ratio", period="2025")],
    ),
    (
        "Sales in 2025 were 2.3 times those of 2020.",
        [q("2.3 times", "2.3", 1, "ratio", period="2025")],
    ),
    (
        "Japan's defence budget for FY2026 is 8.7 trillion yen, more than 1.5 times the FY2022 "
        "level of 5.4 trillion yen.",
        [
            q("8.7 trillion yen", "8.7", T, "JPY", period="FY2026"),
            q("more than 1.5 times", "1.5", 1, "ratio", "at_least", "FY2026"),
            q("5.4 trillion yen", "5.4", T, "JPY", period="FY2022"),
        ],
    ),
    (
        "The 2026-27 settlement gives councils £69 billion, a 6.8% cash increase on 2025-26.",
        [
            q("£69 billion", "69", B, "GBP", period="2026-27"),
            q("6.8%", "6.8", 1, "percent", period="2026-27"),
        ],
    ),
    (
        "Japan's budget for fiscal 2027 will be 1.6 times that of fiscal 2022.",
        [q("1.6 times", "1.6", 1, "ratio", period="FY2027")],
    ),
    (
        "Sales in the third quarter of 2025 rose 8.2% from a year earlier to ¥1.2 trillion, the "
        "highest since 2019.",
        [
            q("8.2%", "8.2", 1, "percent", period="Q3 2025"),
            q("¥1.2 trillion", "1.2", T, "JPY", period="Q3 2025"),
        ],
    ),
    (
        "Local councils will receive £5.1 billion in 2026-27, compared with £4.6 billion in "
        "2024-25, a real-terms increase of 4 per cent.",
        [
            q("£5.1 billion", "5.1", B, "GBP", period="2026-27"),
            q("£4.6 billion", "4.6", B, "GBP", period="2024-25"),
            q("4 per cent", "4", 1, "percent", period="2026-27"),
        ],
    ),
    (
        "Imports rose 4.5% in 2025 from 2024, customs data showed.",
        [q("4.5%", "4.5", 1, "percent", period="2025")],
    ),
    (
        "At 2.1% of GDP in 2024, the region's spending was 0.6 percentage points higher than in "
        "2014.",
        [
            q("2.1%", "2.1", 1, "percent", period="2024"),
            q("0.6 percentage points", "0.6", 1, "percentage_point", period="2024"),
        ],
    ),
    (
        "The fiscal 2027 request of 8.8 trillion yen is 9.4% more than the fiscal 2026 budget.",
        [
            q("8.8 trillion yen", "8.8", T, "JPY", period="FY2027"),
            q("9.4%", "9.4", 1, "percent", period="FY2027"),
        ],
    ),
    (
        "Military spending in Europe rose to $693 billion in 2024, 83 per cent higher than in "
        "2015.",
        [
            q("$693 billion", "693", B, "USD", period="2024"),
            q("83 per cent", "83", 1, "percent", period="2024"),
        ],
    ),
    (
        "Compared with 2019, tourist arrivals in 2025 were up 15%.",
        [q("15%", "15", 1, "percent", period="2025")],
    ),
    (
        "Exports in March 2026 were 6.2% higher than in March 2025.",
        [q("6.2%", "6.2", 1, "percent", period="2026-03")],
    ),
    (
        "Emissions in 2030 must be 46% below 2013 levels, and spending is above 2019 levels.",
        [q("46%", "46", 1, "percent", period="2030")],
    ),
    (
        "Output in 2025 was 40 per cent below its 2019 peak.",
        [q("40 per cent", "40", 1, "percent", period="2025")],
    ),
    (
        "Inflation in 2025 was 0.8 points above the 2.5% recorded in 2024.",
        [
            q("0.8 points", "0.8", 1, "point", period="2025"),
            q("2.5%", "2.5", 1, "percent", period="2024"),
        ],
    ),
    ("Sales rose 5% over 2024 as a whole.", [q("5%", "5", 1, "percent", period="2024")]),
    (
        "Tokyo plans to spend 43 trillion yen over five years from fiscal 2023.",
        [q("43 trillion yen", "43", T, "JPY"), q("five years", "5", 1, "year")],
    ),
    # --- a date names a day, not a period: the sentence's one period still governs ----------
    (
        "The Treasury said on Tuesday that borrowing would fall to £87 billion by 2028-29.",
        [q("£87 billion", "87", B, "GBP", period="2028-29")],
    ),
    (
        "Parliament on 27 February approved a defence budget equal to 2.5 per cent of GDP from "
        "April 2027.",
        [q("2.5 per cent", "2.5", 1, "percent", period="2027-04")],
    ),
    (
        "The cabinet on Friday, Dec. 26, approved a record 9.04 trillion yen for defence in "
        "fiscal 2026.",
        [q("9.04 trillion yen", "9.04", T, "JPY", period="FY2026")],
    ),
    (
        "In a statement dated 14 January 2026, the agency said it had spent $3.4 billion in "
        "fiscal 2025.",
        [q("$3.4 billion", "3.4", B, "USD", period="FY2025")],
    ),
    (
        "The minister told parliament on March 3, 2026 that the levy would rise to 20% from "
        "April 2027.",
        [q("20%", "20", 1, "percent", period="2027-04")],
    ),
    (
        "The UK will spend 2.5% of GDP on defence from April 2027, rising to 3% in the next "
        "parliament.",
        [
            q("2.5%", "2.5", 1, "percent", period="2027-04"),
            q("3%", "3", 1, "percent"),
        ],
    ),
    (
        "From fiscal 2027, the subsidy will be 50,000 yen per child.",
        [q("50,000 yen", "50000", 1, "JPY", period="FY2027")],
    ),
    (
        "The agreement, signed on 27 February, commits 0.7% of gross national income to aid "
        "from 2027.",
        [q("0.7%", "0.7", 1, "percent", period="2027")],
    ),
    (
        "TOKYO, 2026-02-02 - The ministry expects exports of 1.2 million vehicles in fiscal 2026.",
        [q("1.2 million vehicles", "1.2", M, period="FY2026")],
    ),
    (
        "2026-02-02T09:00:00Z | Exports reached $41 billion, the ministry said.",
        [q("$41 billion", "41", B, "USD")],
    ),
    (
        "Filed 2026-02-02T09:00+09:00: the fund will hold $2 billion by 2027.",
        [q("$2 billion", "2", B, "USD", period="2027")],
    ),
    (
        "Departmental spending will grow by 1.2 per cent a year in real terms from 2026-27, the "
        "Chancellor told MPs on Wednesday.",
        [q("1.2 per cent", "1.2", 1, "percent", period="2026-27")],
    ),
    # --- a from-to pair shares the period stated once; each keeps its own when both have one -
    (
        "The fleet was cut from 14 frigates to nine in 2024.",
        [q("14 frigates", "14", period="2024"), q("nine", "9", period="2024")],
    ),
    (
        "Inflation fell from 4.2% in 2023 to 2.1% in 2025.",
        [
            q("4.2%", "4.2", 1, "percent", period="2023"),
            q("2.1%", "2.1", 1, "percent", period="2025"),
        ],
    ),
    (
        "The share of renewables rose from 18 per cent to 26 per cent in fiscal 2025.",
        [
            q("18 per cent", "18", 1, "percent", period="FY2025"),
            q("26 per cent", "26", 1, "percent", period="FY2025"),
        ],
    ),
    (
        "Waiting lists grew from 4.6 million to 7.6 million between 2019 and 2023.",
        [
            q("4.6 million", "4.6", M, period="2019-2023"),
            q("7.6 million", "7.6", M, period="2019-2023"),
        ],
    ),
    (
        "Funding will increase from $2.1 billion to $3.4 billion in FY2027.",
        [
            q("$2.1 billion", "2.1", B, "USD", period="FY2027"),
            q("$3.4 billion", "3.4", B, "USD", period="FY2027"),
        ],
    ),
    (
        "Between 2020 and 2025, the fleet grew from 40 ships to 52.",
        [q("40 ships", "40", period="2020-2025"), q("52", "52", period="2020-2025")],
    ),
    (
        "In 2025, the number of applications fell from 52,000 to 38,500.",
        [q("52,000", "52000", period="2025"), q("38,500", "38500", period="2025")],
    ),
    # --- a change between two periods is of the later one -----------------------------------
    (
        "Average wages rose 9.8% between 2015-19 and 2020-24.",
        [q("9.8%", "9.8", 1, "percent", period="2020-2024")],
    ),
    (
        "Output per worker grew 2.3 per cent between Q1 2025 and Q1 2026.",
        [q("2.3 per cent", "2.3", 1, "percent", period="Q1 2026")],
    ),
    (
        "Applications fell by 18% between 2023-24 and 2024-25, the ministry said.",
        [q("18%", "18", 1, "percent", period="2024-25")],
    ),
    (
        "Prices rose 6.4% between January 2025 and January 2026.",
        [q("6.4%", "6.4", 1, "percent", period="2026-01")],
    ),
    (
        f"The number of border crossings halved between 2020{EN_DASH}22 and 2023{EN_DASH}25.",
        [q("halved", "0.5", 1, "ratio", period="2023-2025")],
    ),
    (
        "Defence outlays grew by 37 per cent between fiscal 2018 and fiscal 2025.",
        [q("37 per cent", "37", 1, "percent", period="FY2018-FY2025")],
    ),
    (
        "Crime fell 7% from 2016-20 to 2021-25.",
        [q("7%", "7", 1, "percent", period="2021-2025")],
    ),
    # --- a period governs its own clause, not the figures of another --------------------------
    (
        "The first frigate is due to enter service in 2029, and the programme will sustain some "
        "2,000 jobs.",
        [q("some 2,000 jobs", "2000", bound="approximately")],
    ),
    ("The plant, which opened in 2019, employs 1,200 people.", [q("1,200 people", "1200")]),
    (
        "Japan, which joined the scheme in 2015, now has 16 partners.",
        [q("16 partners", "16")],
    ),
    (
        "Construction begins in fiscal 2027; the project will cost 4.5 trillion yen.",
        [q("4.5 trillion yen", "4.5", T, "JPY")],
    ),
    (
        "The scheme was launched in 2021, while the fund now holds £3.6 billion.",
        [q("£3.6 billion", "3.6", B, "GBP")],
    ),
    (
        "Deliveries will begin in 2028 but the navy wants 12 more submarines.",
        [q("12 more submarines", "12")],
    ),
    ("Work began in 2023 and the yard will need 3,500 welders.", [q("3,500 welders", "3500")]),
    (
        "The airport reopened in March 2025, and passenger numbers have since reached 80 per "
        "cent of pre-pandemic levels.",
        [q("80 per cent", "80", 1, "percent")],
    ),
    (
        "The first boat is due in 2028, and about 1,500 jobs will be created.",
        [q("about 1,500 jobs", "1500", bound="approximately")],
    ),
    (
        "The ministry requested 5.2 trillion yen for equipment, 1.1 trillion yen for personnel, "
        "and about 900 billion yen for research in fiscal 2026.",
        [
            q("5.2 trillion yen", "5.2", T, "JPY", period="FY2026"),
            q("1.1 trillion yen", "1.1", T, "JPY", period="FY2026"),
            q("about 900 billion yen", "900", B, "JPY", "approximately", "FY2026"),
        ],
    ),
    (
        "In 2024 the navy had 46 destroyers and 12 submarines.",
        [q("46 destroyers", "46", period="2024"), q("12 submarines", "12", period="2024")],
    ),
    # --- the evaluation's own examples, one per failure it reported ----------------------------
    (
        "The X budget for fiscal year 2026 amounts to 18.1 billion yen, more than double the 8.1 "
        "billion yen allocated in fiscal year 2025.",
        [
            q("18.1 billion yen", "18.1", B, "JPY", period="FY2026"),
            q("more than double", "2", 1, "ratio", "at_least", "FY2026"),
            q("8.1 billion yen", "8.1", B, "JPY", period="FY2025"),
        ],
    ),
    (
        "The ministry requested 9.2 trillion yen for fiscal 2027, up 4.3% from the initial "
        "budget for fiscal 2026.",
        [
            q("9.2 trillion yen", "9.2", T, "JPY", period="FY2027"),
            q("4.3%", "4.3", 1, "percent", period="FY2027"),
        ],
    ),
    (
        "Spending in 2025 was 3.1 times the level of 2000.",
        [q("3.1 times", "3.1", 1, "ratio", period="2025")],
    ),
    (
        "The department will spend £1.4 billion in 2025-26, compared with £1.6 billion in 2023-24.",
        [
            q("£1.4 billion", "1.4", B, "GBP", period="2025-26"),
            q("£1.6 billion", "1.6", B, "GBP", period="2023-24"),
        ],
    ),
    (
        "The government will cut its aid budget to 0.3 per cent of gross national income by "
        "2027, the Prime Minister confirmed on 8 March.",
        [q("0.3 per cent", "0.3", 1, "percent", period="2027")],
    ),
    (
        "Parliament approved defence spending of 2.5 per cent of GDP from April 2027.",
        [q("2.5 per cent", "2.5", 1, "percent", period="2027-04")],
    ),
    (
        "The navy was cut from 12 ships to six in 2024.",
        [q("12 ships", "12", period="2024"), q("six", "6", period="2024")],
    ),
    (
        "Inflation rose from 3% in 2020 to 5% in 2024.",
        [
            q("3%", "3", 1, "percent", period="2020"),
            q("5%", "5", 1, "percent", period="2024"),
        ],
    ),
    (
        "Arrests fell by 12 percent between 2016-20 and 2021-25.",
        [q("12 percent", "12", 1, "percent", period="2021-2025")],
    ),
    (
        "The first boat is due to be delivered in 2028, and the programme is expected to "
        "support about 1,500 jobs.",
        [q("about 1,500 jobs", "1500", bound="approximately")],
    ),
]

NOT_QUANTITIES = [
    'Japan has established "2+2" dialogue mechanisms with multiple countries.',
    "Japan is seeking to join the Pillar 2 of the AUKUS security alliance.",
    "The figures are on page 12 of the report.",
    "See p. 12 for the method.",
    "Article 9 of the constitution renounces war.",
    "The meeting took place on 27 January 2026.",
    "The talks ended on January 27, 2026, in Tokyo.",
    "Time 2026-02-02 18:39:19",
    "Updated 2026-02-02T18:39:19Z.",
    "Leaders of the G7 met in Hiroshima.",
    "Japan is buying the F-35 fighter jet.",
    "The COVID-19 pandemic disrupted supply chains.",
    "It is the 17th such agreement.",  # an ordinal: a rank, not a count
    "1. The budget was approved by the Diet.",
    "In 2015, Japan passed new security legislation.",
    "Boeing 737 deliveries resumed.",
    "UN Security Council Resolution 2231 endorsed the deal.",
    "The rollout of 5G networks continues.",
    "The Cold War ended in the 1990s.",
    "One of the key countries is the Philippines.",
    "A third round of talks is planned.",
    "The twenty-first century has brought new threats.",
    "No. 10 Downing Street declined to comment.",
    "MQ-9 Reaper drones were seen over the strait.",
    "The Type 055 destroyer sailed past.",
    "The 2024 elections were held in November.",
    "The bill passed 68-32 in the Senate.",
    "Section 301 tariffs remain in place.",
    "The attacks of 9/11 changed US policy.",
    "The summit opened at 9:30 a.m. local time.",
    "Fiscal year 2026 begins in April.",
    "It was a billion-dollar deal.",  # an idiom, not a figure
    "Japan's No. 2 official visited.",
    "The summit on 16-17 January 2026 was postponed to March 3\u20135.",
    "Both sides back a two-state solution and a one-off payment.",
    "Call (+81) 3-1234-5678 or see https://example.com/2026/02/02/article-123.",
    "The S&P 500 and the Nikkei 225; the Fortune 500; 7-Eleven stores.",
    "See pp. 45-67 of Vol. 12, No. 3.",
    "The 1960 treaty remains in force.",
    "Inflation hit double digits and critics decried a double standard.",
    "The company reported double-digit growth in 2025.",
    "She won the mixed doubles title, and the men's doubles final drew a crowd.",
    "The double taxation treaty took effect; a treble was within reach.",
    "Triples are rare, and both halves of the match were dull.",
]


def _id(case):
    return re.sub(r"\W+", "-", case[0][:48]).strip("-")


@pytest.mark.parametrize(("sentence", "expected"), PHRASINGS, ids=[_id(c) for c in PHRASINGS])
def test_phrasing_is_read_with_its_value_scale_unit_bound_and_period(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"), MULTIPLE_VERBS, ids=[_id(c) for c in MULTIPLE_VERBS]
)
def test_double_triple_quadruple_and_halve_are_read_in_every_form(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"), GOVERNING_PERIODS, ids=[_id(c) for c in GOVERNING_PERIODS]
)
def test_each_quantity_takes_the_period_that_governs_it(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_numbers_that_name_date_or_rank_are_not_quantities(sentence):
    assert parse_quantities(sentence, fiscal_year_start=JAPAN) == []


@pytest.mark.parametrize(
    "sentence", [s for s, _ in PHRASINGS + MULTIPLE_VERBS + GOVERNING_PERIODS] + NOT_QUANTITIES
)
def test_every_span_is_exactly_the_words_that_state_the_quantity(sentence):
    for p in parse_quantities(sentence, fiscal_year_start=JAPAN):
        assert sentence[p.start : p.end] == p.text
        assert p.text and p.text == p.text.strip()


def _sentence_with(article: str, quote: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", article)
    return next(s for s in sentences if quote in s)


def _seed_quantities():
    seed = json.loads((DATA / "seed-claims.json").read_text())
    article = (DATA / seed["source"]["file"]).read_text()
    for claim in seed["claims"]:
        for expected in claim.get("quantities", []):
            yield pytest.param(
                _sentence_with(article, claim["quote"]), claim["quote"], expected, id=claim["key"]
            )


@pytest.mark.parametrize(("sentence", "quote", "expected"), list(_seed_quantities()))
def test_every_quantity_of_the_seed_article_is_found_within_its_quote(sentence, quote, expected):
    quote_start = sentence.index(quote)
    found = [
        p
        for p in parse_quantities(sentence, fiscal_year_start=JAPAN)
        if quote_start <= p.start
        and p.end <= quote_start + len(quote)
        and (p.value, p.scale, p.unit, p.bound, p.period)
        == (
            Decimal(expected["value"]),
            Decimal(expected["scale"]),
            expected["unit"],
            expected["bound"],
            expected["period"],
        )
    ]
    assert len(found) == 1
    start, end = expected["period_start"], expected["period_end"]
    assert found[0].period_start == (date.fromisoformat(start) if start else None)
    assert found[0].period_end == (date.fromisoformat(end) if end else None)


PERIOD_DATES = [
    ("$5m in fiscal year 2026", JAPAN, "FY2026", date(2026, 4, 1), date(2027, 3, 31)),
    ("$5m in FY2026", (10, 1), "FY2026", date(2025, 10, 1), date(2026, 9, 30)),  # US
    ("$5m in FY26", (7, 1), "FY2026", date(2025, 7, 1), date(2026, 6, 30)),  # Australia
    ("$5m in fiscal 2025-26", (7, 1), "FY2025-26", date(2025, 7, 1), date(2026, 6, 30)),
    ("$5m in fiscal 2026", None, "FY2026", None, None),  # fiscal year not known
    ("$5m in 2015", JAPAN, "2015", date(2015, 1, 1), date(2015, 12, 31)),
    (f"£5m in 2012{EN_DASH}13", JAPAN, "2012-13", date(2012, 4, 1), date(2013, 3, 31)),
    ("£5m in 2012-13", None, "2012-13", None, None),
    ("$5m in Q3 2025", None, "Q3 2025", date(2025, 7, 1), date(2025, 9, 30)),
    ("$5m in the fourth quarter of 2025", None, "Q4 2025", date(2025, 10, 1), date(2025, 12, 31)),
    ("$5m in Q1 FY2026", JAPAN, "Q1 FY2026", date(2026, 4, 1), date(2026, 6, 30)),
    ("$5m in H2 2026", None, "H2 2026", date(2026, 7, 1), date(2026, 12, 31)),
    ("$5m in the first half of 2026", None, "H1 2026", date(2026, 1, 1), date(2026, 6, 30)),
    ("$5m in February 2024", None, "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("$5m in calendar 2025", JAPAN, "2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("$5m for FY2023-FY2027", JAPAN, "FY2023-FY2027", date(2023, 4, 1), date(2028, 3, 31)),
    ("$5m from fiscal 2026 to 2030", JAPAN, "FY2026-FY2030", date(2026, 4, 1), date(2031, 3, 31)),
    (
        "$5m between fiscal 2023 and 2027",
        JAPAN,
        "FY2023-FY2027",
        date(2023, 4, 1),
        date(2028, 3, 31),
    ),
]


@pytest.mark.parametrize(("text", "fys", "label", "first", "last"), PERIOD_DATES)
def test_period_is_labelled_and_dated_by_the_fiscal_year_start(text, fys, label, first, last):
    (p,) = parse_quantities(text, fiscal_year_start=fys)
    assert (p.period, p.period_start, p.period_end) == (label, first, last)


def test_a_bare_year_beside_a_fiscal_year_is_that_fiscal_year():
    periods = find_periods(
        "Fiscal year 2026 spending exceeds that of 2025.", fiscal_year_start=JAPAN
    )
    assert [(p.label, p.period_start) for p in periods] == [
        ("FY2026", date(2026, 4, 1)),
        ("FY2025", date(2025, 4, 1)),
    ]


def test_calendar_year_stays_calendar_beside_a_fiscal_year():
    periods = find_periods("FY2026 against calendar 2025", fiscal_year_start=JAPAN)
    assert [p.label for p in periods] == ["FY2026", "2025"]


ROLES_AND_KINDS = [
    (
        "the proposed budget for fiscal year 2026 will increase OSA funding from 8.1 billion yen "
        "in 2025 to 18.1 billion yen, more than doubling the previous level",
        [("before", "level", ""), ("after", "level", ""), ("change", "multiple", "")],
    ),
    ("funding rising by as much as 21.6%", [("change", "increase", "")]),
    ("Shares fell 2% on Monday.", [("change", "decrease", "")]),
    ("The plan cuts 1,500 jobs.", [("change", "decrease", "jobs")]),
    ("a 5% drop in exports", [("change", "decrease", "")]),
    ("The subsidy was halved.", [("change", "multiple", "")]),
    ("twice as many troops", [("", "multiple", "")]),
    ("Japan visited 16 times.", [("", "level", "times")]),
    ("A total of 16 countries signed.", [("total", "level", "countries")]),
    ("To date, Japan has signed with 16 countries.", [("total", "level", "countries")]),
    ("Two-thirds of the budget", [("", "fraction", "")]),
    ("cut by a third", [("change", "decrease", "")]),
    (
        "Revenue was ¥18.1bn, up from ¥17.2bn.",
        [("after", "level", ""), ("before", "level", "")],
    ),
    (
        "Inflation fell to 3% from 5%.",
        [("after", "level", ""), ("before", "level", "")],
    ),
    (
        "Inflation rose to 3.6 per cent in the 12 months to June, up from 3.4 per cent in May.",
        [("after", "level", ""), ("", "level", ""), ("before", "level", "")],
    ),
    (
        "Japan signed with 12 countries and took aid from 16 countries.",
        [("", "level", "countries")] * 2,
    ),
    (
        "Japan will raise defence spending to 2% of GDP in fiscal 2027 from about 1% now.",
        [("after", "level", ""), ("before", "level", "")],
    ),
    (
        "The budget was trimmed by ¥2bn, or 4 per cent, to ¥48bn.",
        [("change", "decrease", ""), ("change", "decrease", ""), ("after", "level", "")],
    ),
    ("four pilot countries", [("", "level", "pilot countries")]),
    ("a 16-nation coalition", [("", "level", "nation")]),
    (
        "Spending would almost double to 890 billion yen from 450 billion yen.",
        [("change", "multiple", ""), ("after", "level", ""), ("before", "level", "")],
    ),
    ("The plan is to triple output.", [("change", "multiple", "")]),
    ("Exports tripled to $5 billion.", [("change", "multiple", ""), ("after", "level", "")]),
    (
        "a 6.8% cash increase and a 2% real-terms cut",
        [("change", "increase", ""), ("change", "decrease", "")],
    ),
    (
        "Exports reached $41.2 billion in 2025, compared with $36.5 billion in 2023.",
        [("after", "level", ""), ("before", "level", "")],
    ),
    ("The budget is more than double the level of 2015.", [("", "multiple", "")]),
]


@pytest.mark.parametrize(("sentence", "expected"), ROLES_AND_KINDS)
def test_role_kind_and_counted_noun_say_what_the_number_is(sentence, expected):
    found = parse_quantities(sentence, fiscal_year_start=JAPAN)
    assert [(p.role, p.kind, p.counted) for p in found] == expected


def test_a_from_to_start_borrows_unit_and_scale_only_where_it_states_none():
    low, high = parse_quantities("Staff rose from 800,000 to 1.2 million.")
    assert (low.value, low.scale, high.value, high.scale) == (800000, 1, Decimal("1.2"), M)


def test_a_bare_decimal_or_number_word_without_a_unit_is_not_a_quantity():
    assert parse_quantities("The index read 2.5, and four of them agreed.") == []


def test_a_decrease_keeps_its_value_as_written_and_says_so_in_kind():
    (p,) = parse_quantities("Exports fell by more than 2%.")
    assert (p.value, p.bound, p.kind, p.role) == (2, "at_least", "decrease", "change")


def test_parsed_quantities_are_frozen():
    (p,) = parse_quantities("16 countries")
    with pytest.raises(FrozenInstanceError):
        p.value = Decimal(17)


# A month or quarter named without a year is read against the text's date: the latest one that
# began on or before it. Without a date it gives no period (nothing is guessed).
PUBLISHED = date(2026, 11, 20)
YEARLESS_PERIODS = [
    ("Retail sales rose 1.4 percent in October.", PUBLISHED, "2026-10"),
    ("Retail sales rose 1.4 percent in December.", PUBLISHED, "2025-12"),
    ("Retail sales rose 1.4 percent in November.", PUBLISHED, "2026-11"),
    ("Household spending grew 0.8 percent in the third quarter.", PUBLISHED, "Q3 2026"),
    ("Spending grew 0.8 percent in the fourth quarter of the year.", date(2026, 8, 4), "Q4 2025"),
    ("Visitors spent 2.1 trillion yen in the July-September quarter.", PUBLISHED, "Q3 2026"),
    ("Exports fell 2 percent in Q2.", PUBLISHED, "Q2 2026"),
    ("Output grew 3 percent in the quarter.", PUBLISHED, ""),
    ("Since January, the bank has cut rates by 125 basis points.", PUBLISHED, ""),
    ("Retail sales rose 1.4 percent in October.", None, ""),
    ("Sales rose 1.4 percent in October 2024.", PUBLISHED, "2024-10"),
    ("The agency will report on October 14 that 12 firms closed.", PUBLISHED, ""),
]


@pytest.mark.parametrize(("sentence", "published", "period"), YEARLESS_PERIODS)
def test_a_month_or_quarter_without_a_year_is_dated_by_the_text(sentence, published, period):
    (found,) = parse_quantities(sentence, published=published)
    assert found.period == period


BPD = "barrel_per_day"
PHYSICAL_UNITS = [
    ("It averaged 2.8 million barrels per day.", q("2.8 million barrels per day", "2.8", M, BPD)),
    (
        "It carries up to 950,000 barrels a day.",
        q("up to 950,000 barrels a day", "950000", 1, BPD, "at_most"),
    ),
    ("The field makes 40,000 bpd.", q("40,000 bpd", "40000", 1, BPD)),
    (
        "Stocks fell to about 418 million barrels.",
        q("about 418 million barrels", "418", M, "barrel", "approximately"),
    ),
    ("Developers added 6.4 gigawatts of capacity.", q("6.4 gigawatts", "6.4", 1, "GW")),
    ("The bank cut its rate by 50 basis points.", q("50 basis points", "50", 1, "basis_point")),
    ("The project will cost an estimated $4.3 billion.", q("$4.3 billion", "4.3", B, "USD")),
]


@pytest.mark.parametrize(("sentence", "expected"), PHYSICAL_UNITS)
def test_physical_units_rates_and_estimates(sentence, expected):
    assert read(sentence) == [expected]
