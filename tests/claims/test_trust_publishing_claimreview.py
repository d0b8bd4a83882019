"""ClaimReview as Google's Fact Check tools read it: the claim's page as `url`, a numeric
rating, the fact-checking organisation as author, an appearance with a URL; checked offline
against the schema.org vocabulary and Google's list of properties; embedded in the claim page
for published claims; and the Atom feed linking to pages."""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from claims.choices import PUBLISHED_STATUSES, ClaimStatus
from claims.models import Review

from ..factories import ClaimFactory, ClaimWithPartsFactory, EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
CLASSES = json.loads((DATA / "schemaorg" / "classes.json").read_text(encoding="utf-8"))
GOOGLE = json.loads((DATA / "google-claimreview-2026-12-01.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"


def claimreview(api, claim) -> dict:
    response = api().get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    return response.json()


# ---------------------------------------------------------------------------- the fields


def test_the_claimreview_url_is_the_claims_page_not_the_api(api):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    assert claimreview(api, claim)["url"] == f"http://testserver/claims/{claim.pk}/"


@pytest.mark.parametrize(
    ("status", "value", "word"),
    [
        (ClaimStatus.REFUTED, 1, "False"),
        (ClaimStatus.MISLEADING, 2, "Misleading"),
        (ClaimStatus.DISPUTED, 3, "Disputed"),
        (ClaimStatus.VERIFIED, 5, "True"),
    ],
)
def test_a_verdict_is_rated_from_1_false_to_5_true(api, status, value, word):
    rating = claimreview(api, ClaimWithPartsFactory(status=status))["reviewRating"]
    assert rating["ratingValue"] == value
    assert rating["bestRating"] == 5
    assert rating["worstRating"] == 1
    assert rating["alternateName"] == word
    assert rating["ratingExplanation"] == f"Decided {status} against the budget document."


def test_an_unverifiable_claim_has_its_word_and_no_number(api):
    rating = claimreview(api, ClaimWithPartsFactory(status=ClaimStatus.UNVERIFIABLE))[
        "reviewRating"
    ]
    assert rating["alternateName"] == "Unverifiable"
    assert not {"ratingValue", "bestRating", "worstRating"} & rating.keys()


def test_the_author_is_the_organisation_named_in_the_settings(api, settings):
    settings.CLAIMREVIEW_AUTHOR_NAME = "Example Fact Check"
    settings.CLAIMREVIEW_AUTHOR_URL = "https://factcheck.example.org/"
    data = claimreview(api, ClaimWithPartsFactory(status=ClaimStatus.REFUTED))
    assert data["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org/",
    }


def test_by_default_the_author_is_claimdesk_at_this_sites_home(api):
    data = claimreview(api, ClaimWithPartsFactory(status=ClaimStatus.VERIFIED))
    assert data["author"] == {
        "@type": "Organization",
        "name": "ClaimDesk",
        "url": "http://testserver/",
    }


def test_a_source_without_its_own_url_appears_at_its_page_here(api):
    source = SourceFactory(url="")
    item = claimreview(api, ClaimWithPartsFactory(status=ClaimStatus.VERIFIED, source=source))[
        "itemReviewed"
    ]
    assert item["appearance"][0]["url"] == f"http://testserver/sources/{source.pk}/"
    assert item["firstAppearance"]["url"] == f"http://testserver/sources/{source.pk}/"


def test_a_source_with_its_own_url_appears_there(api):
    source = SourceFactory(url="https://eng.chinamil.com.cn/article")
    item = claimreview(api, ClaimWithPartsFactory(status=ClaimStatus.VERIFIED, source=source))[
        "itemReviewed"
    ]
    assert item["appearance"][0]["url"] == "https://eng.chinamil.com.cn/article"


# ---------------------------------------------------------------------------- offline validation


def _ancestors(name: str) -> list[str]:
    seen, todo = [], [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.append(current)
            todo.extend(CLASSES[current]["subClassOf"])
    return seen


def _properties_of(name: str) -> set[str]:
    return {prop for cls in _ancestors(name) for prop in CLASSES[cls]["properties"]}


def schema_org_problems(node, path="$") -> list[str]:
    """Every @type a schema.org class, every property one of that class or its supertypes."""
    problems = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            problems += schema_org_problems(item, f"{path}[{i}]")
        return problems
    if not isinstance(node, dict):
        return problems
    kind = node.get("@type")
    if kind not in CLASSES:
        return [f"{path}: @type {kind!r} is not a schema.org class"]
    allowed = _properties_of(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in allowed:
            problems.append(f"{path}.{key}: not a property of {kind} or its supertypes")
        problems += schema_org_problems(value, f"{path}.{key}")
    return problems


def google_problems(data: dict) -> list[str]:
    """Google's required properties present at each level; the recommended ones too."""
    problems = []

    def need(node, spec, where, *, also_recommended=True):
        names = spec["required"] + (spec["recommended"] if also_recommended else [])
        problems.extend(f"{where}: no {name}" for name in names if not node.get(name))

    need(data, GOOGLE["ClaimReview"], "ClaimReview")
    author = data["author"]
    assert author["@type"] in GOOGLE["ClaimReview.author"]["types"]
    need(author, GOOGLE["ClaimReview.author"], "ClaimReview.author")
    rating = data["reviewRating"]
    # A rating without a number (unverifiable) carries its word only, as Google allows.
    need(rating, GOOGLE["Rating"], "Rating", also_recommended="ratingValue" in rating)
    need(data["itemReviewed"], GOOGLE["Claim"], "Claim")
    for appearance in (
        data["itemReviewed"]["appearance"][0],
        data["itemReviewed"]["firstAppearance"],
    ):
        if not appearance.get("url"):
            problems.append("Claim appearance: no url")
    return problems


def test_the_vendored_vocabulary_is_read_as_intended():
    """The checker itself: it refuses what schema.org does not have."""
    assert "claimReviewed" in _properties_of("ClaimReview")
    assert "url" in _properties_of("ClaimReview")  # from Thing
    assert schema_org_problems({"@type": "ClaimReview", "rating": 5})
    assert schema_org_problems({"@type": "FactCheck"})
    assert schema_org_problems({"@type": "Rating", "author": {"@type": "Person", "verdict": 1}})
    assert google_problems(
        {
            "author": {"@type": "Person"},
            "reviewRating": {"ratingValue": 1},
            "itemReviewed": {"appearance": [{}], "firstAppearance": {}},
        }
    )


@pytest.mark.parametrize("status", sorted(PUBLISHED_STATUSES))
@pytest.mark.parametrize("source_url", ["", "https://eng.chinamil.com.cn/article"])
@pytest.mark.parametrize("attributed", [False, True])
def test_every_claimreview_is_schema_org_and_has_what_google_asks_for(
    api, status, source_url, attributed
):
    cited = EntityFactory(name="Ministry of Foreign Affairs", kind="organization")
    claim = ClaimWithPartsFactory(
        status=status,
        source=SourceFactory(url=source_url, author="Li Hai"),
        attributed_to=cited if attributed else None,
    )
    data = claimreview(api, claim)
    assert data["@context"] == "https://schema.org"
    assert schema_org_problems(data) == []
    assert google_problems(data) == []


# ---------------------------------------------------------------------------- in the claim page


class _Scripts(HTMLParser):
    """The JSON-LD scripts of a page, as a browser's HTML parser splits them."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.script_tags = 0
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.script_tags += 1
            self._in = dict(attrs).get("type") == "application/ld+json"
            if self._in:
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data


def page_scripts(client, claim) -> _Scripts:
    response = client.get(reverse("claims:claim_detail", args=[claim.pk]))
    assert response.status_code == 200
    parser = _Scripts()
    parser.feed(response.content.decode())
    return parser


def test_a_published_claims_page_carries_its_claimreview(client, api):
    claim = ClaimWithPartsFactory(status=ClaimStatus.REFUTED)
    [script] = page_scripts(client, claim).scripts
    assert json.loads(script) == claimreview(api, claim)


def test_an_unpublished_claims_page_has_no_claimreview(client, analyst):
    client.force_login(analyst)
    for status in (ClaimStatus.UNREVIEWED, ClaimStatus.IN_REVIEW, ClaimStatus.NOT_CHECKABLE):
        claim = ClaimFactory(status=status)
        assert page_scripts(client, claim).scripts == []


def test_a_script_end_tag_in_the_text_stays_inside_the_json(client):
    hostile = '</script><script>alert("x")</script><!-- & </SCRIPT >'
    source = SourceFactory(title=f"Title {hostile}", body=f"Japan said {hostile} today.")
    start = source.body.index(hostile)
    claim = ClaimFactory(
        source=source,
        quote=hostile,
        start=start,
        end=start + len(hostile),
        statement=f"Statement {hostile}",
        status=ClaimStatus.VERIFIED,
    )
    Review.objects.create(
        claim=claim,
        reviewer=claim.created_by,
        from_status=ClaimStatus.IN_REVIEW,
        to_status=ClaimStatus.VERIFIED,
        rationale=f"Rationale {hostile}",
    )
    parsed = page_scripts(client, claim)
    [script] = parsed.scripts
    data = json.loads(script)
    assert data["claimReviewed"] == f"Statement {hostile}"
    assert data["reviewRating"]["ratingExplanation"] == f"Rationale {hostile}"
    assert data["itemReviewed"]["appearance"][0]["headline"] == f"Title {hostile}"
    assert "</" not in script and "<!--" not in script
    # The page's own scripts plus this one: none opened by the text.
    assert 'alert("x")' not in "".join(parsed.scripts[1:])
    assert parsed.script_tags == _script_tags_of_a_plain_page(client)


def _script_tags_of_a_plain_page(client) -> int:
    plain = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    return page_scripts(client, plain).script_tags


# ---------------------------------------------------------------------------- Atom


def test_atom_entries_link_to_the_claims_page(api):
    claim = ClaimWithPartsFactory(status=ClaimStatus.VERIFIED)
    feed = ET.fromstring(api().get("/api/v1/claims/verified.atom").content)  # noqa: S314
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/claims/{claim.pk}/"
    # The entry's identity is unchanged, so readers do not see it as new.
    assert entry.find(f"{ATOM}id").text == f"http://testserver/api/v1/claims/{claim.pk}/"
    alternate = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate[0].get("href") == "http://testserver/claims/?status=verified"
