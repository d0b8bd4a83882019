"""The spelling groups search ships with: British and American spellings (and other variants)
of words the claims use. A search for one spelling finds every spelling of its group
(`claimdesk_search_query`, from the migration `search_unaccent_trigram_spellings`), at query
time: adding a group needs no reindex, only a line here and a data migration that runs
`ensure_spellings`."""

SPELLINGS = [
    ["defence", "defense"],
    ["offence", "offense"],
    ["licence", "license"],
    ["organisation", "organization"],
    ["organise", "organize"],
    ["programme", "program"],
    ["centre", "center"],
    ["theatre", "theater"],
    ["metre", "meter"],
    ["kilometre", "kilometer"],
    ["labour", "labor"],
    ["favour", "favor"],
    ["harbour", "harbor"],
    ["neighbour", "neighbor"],
    ["honour", "honor"],
    ["behaviour", "behavior"],
    ["endeavour", "endeavor"],
    ["armour", "armor"],
    ["armoured", "armored"],
    ["colour", "color"],
    ["rumour", "rumor"],
    ["modernise", "modernize"],
    ["modernisation", "modernization"],
    ["militarise", "militarize"],
    ["militarisation", "militarization"],
    ["authorise", "authorize"],
    ["authorisation", "authorization"],
    ["recognise", "recognize"],
    ["prioritise", "prioritize"],
    ["stabilise", "stabilize"],
    ["mobilise", "mobilize"],
    ["revitalise", "revitalize"],
    ["criticise", "criticize"],
    ["emphasise", "emphasize"],
    ["characterise", "characterize"],
    ["realise", "realize"],
    ["utilise", "utilize"],
    ["normalise", "normalize"],
    ["minimise", "minimize"],
    ["maximise", "maximize"],
    ["analyse", "analyze"],
    ["catalogue", "catalog"],
    ["manoeuvre", "maneuver"],
    ["aluminium", "aluminum"],
    ["sceptical", "skeptical"],
    ["judgement", "judgment"],
    ["acknowledgement", "acknowledgment"],
    ["ageing", "aging"],
    ["grey", "gray"],
    ["enrol", "enroll"],
    ["fulfil", "fulfill"],
    ["travelled", "traveled"],
    ["cancelled", "canceled"],
    ["fuelled", "fueled"],
    ["modelling", "modeling"],
    ["signalling", "signaling"],
    ["counselling", "counseling"],
]


def ensure_spellings(apps=None) -> None:
    """Add each group of SPELLINGS not yet in the table; safe to run any number of times.

    `apps` is a migration's historical registry, or None for the live one.
    """
    from django.apps import apps as live_apps

    SearchSpelling = (apps or live_apps).get_model("claims", "SearchSpelling")
    present = {tuple(group) for group in SearchSpelling.objects.values_list("spellings", flat=True)}
    SearchSpelling.objects.bulk_create(
        SearchSpelling(spellings=group) for group in SPELLINGS if tuple(group) not in present
    )
