"""Saved HTML pages in the styles of different outlets, and pages that must be refused."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sources.parsers import ParsedArticle, UnreadableInput, parse

DATA = Path(__file__).resolve().parent / "data"
PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the report, long enough for the extractor to keep it as text.</p>"
    for n in range(1, 4)
)
PARAGRAPHS_TEXT = "\n\n".join(
    f"Paragraph {n} of the report, long enough for the extractor to keep it as text."
    for n in range(1, 4)
)


def page(name: str, **kwargs) -> ParsedArticle:
    return parse((DATA / name).read_bytes(), content_type=None, filename=name, **kwargs)


def html(markup: str, *, content_type: str = "text/html; charset=utf-8") -> ParsedArticle:
    return parse(markup.encode("utf-8"), content_type=content_type, filename=None)


def assert_refused(data: bytes, phrase: str, content_type: str | None = "text/html") -> None:
    with pytest.raises(UnreadableInput) as refusal:
        parse(data, content_type=content_type, filename=None)
    assert phrase in str(refusal.value)
    assert "\n" not in str(refusal.value)


def assert_no_page_furniture(body: str, *phrases: str) -> None:
    for phrase in phrases:
        assert phrase not in body


def test_a_json_ld_news_article_in_a_graph_gives_the_metadata():
    article = page("harbour-wire-jsonld.html")
    assert article.title == "Port board approves second container terminal"
    assert article.author == "Mara Olsen; Tomas Berg"  # one by @id reference, one inline
    assert article.editor == "Ines Vidal"
    assert article.publisher_name == "Harbour Wire"  # the Organization node, not og:site_name
    assert article.published_at == datetime(2026, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=1)))
    assert article.published_at_zone_given is True
    assert article.canonical_url == "https://www.harbourwire.example/business/2026/03/port-terminal"
    assert article.url == article.canonical_url
    assert article.language == "en-GB"
    assert article.provenance == {
        "title": "json-ld",
        "author": "json-ld",
        "editor": "json-ld",
        "publisher_name": "json-ld",
        "published_at": "json-ld",
        "language": "json-ld",
        "canonical_url": "link",
        "url": "link",
        "body": "trafilatura",
    }


def test_the_body_is_the_articles_paragraphs_without_navigation_or_related_links():
    body = page("harbour-wire-jsonld.html").body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The port authority's board voted on Tuesday")
    assert paragraphs[2].startswith('"We are running at 94 per cent')
    assert paragraphs[-1] == (
        "Construction could begin next spring if the permits are granted, the authority said."
    )
    assert_no_page_furniture(
        body, "Subscribe", "Related", "Ferry quay closure", "Share on", "More from Business",
        "Family bakery", "All rights reserved", "Privacy", "Port board approves",
    )  # fmt: skip


def test_meta_tags_alone_give_the_metadata():
    article = page("northern-gazette-meta.html")
    assert article.title == "Council delays vote on tram extension"
    assert article.author == "Priya Nair"  # article:author is a profile URL, not a name
    assert article.publisher_name == "The Northern Gazette"
    assert article.published_at == datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
    assert article.published_at_zone_given is True
    # The canonical link is relative: it is read against og:url.
    assert article.canonical_url == (
        "https://northerngazette.example/local/2026/01/15/tram-extension-vote"
    )
    assert article.language == "en"
    assert article.editor == ""
    assert article.provenance == {
        "title": "meta",
        "author": "meta",
        "publisher_name": "meta",
        "published_at": "meta",
        "canonical_url": "link",
        "url": "link",
        "language": "html-lang",
        "body": "trafilatura",
    }
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The city council has postponed its vote")
    assert paragraphs[-1] == "The committee expects the new estimate by the end of March. " + (
        "A vote could then take place in April."
    )
    assert_no_page_furniture(article.body, "Most read", "Library reopens", "Advertise", "Search")


def test_the_url_argument_is_the_url_and_the_base_of_a_relative_canonical_link():
    fetched_from = "https://northerngazette.example/local/2026/01/15/tram-extension-vote?ref=rss"
    article = page("northern-gazette-meta.html", url=fetched_from)
    assert (article.url, article.provenance["url"]) == (fetched_from, "argument")
    assert article.canonical_url == fetched_from.removesuffix("?ref=rss")


def test_a_messy_page_without_metadata_gives_its_text_and_title_only():
    article = page("valley-blog-messy.html")
    assert article.title == "Water rationing ends early in the valley"
    assert article.provenance == {"title": "trafilatura", "body": "trafilatura"}
    assert (article.author, article.publisher_name, article.language) == ("", "", "")
    # No date on the page: none is guessed from the archive links.
    assert article.published_at is None
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The regional water board lifted the rationing order")
    assert paragraphs[-1] == (
        "The board said it would keep the ban on filling private swimming pools until June."
    )
    assert_no_page_furniture(
        article.body, "cookies", "Log in", "Share", "Tags", "comments", "Finally!", "pepe77",
        "leaking pipes", "Recent posts", "Archive", "Powered by", "Back to top",
    )  # fmt: skip


def test_citation_meta_tags_of_a_report_give_its_metadata():
    article = page("institute-citation.html")
    assert article.title == "Coastal Shipping and Regional Ports: A Capacity Review"
    assert article.author == "Okafor, Adaeze; Lindqvist, Per"
    assert article.publisher_name == "Baltic Transport Institute"
    assert article.published_at == datetime(2025, 11, 3)
    assert article.published_at_zone_given is False
    assert article.language == "en-US"
    assert article.body.count("\n\n") == 2


def test_a_truncated_page_is_refused():
    data = (DATA / "northern-gazette-truncated.html").read_bytes()
    assert not data.rstrip().endswith(b">")  # cut off mid-sentence
    assert_refused(data, "truncated HTML: the page ends before </body> or </html>")


def test_json_ld_in_a_list_with_a_broken_block_beside_it():
    article = html(
        '<html><head><script type="application/ld+json">{"broken": </script>'
        '<script type="application/ld+json">[{"@type": "WebSite", "name": "Wire site"}, '
        '{"@type": "ReportageNewsArticle", "headline": "Tom &amp; Jerry reach the final", '
        '"author": "By Ann Lee", "publisher": {"@type": "NewsMediaOrganization", "name": "Wire"}, '
        '"datePublished": "2026-03-01T10:00:00", "url": "https://wire.example/final", '
        '"inLanguage": {"@type": "Language", "alternateName": "en"}}]</script>'
        f"</head><body>{PARAGRAPHS}</body></html>"
    )
    assert article.title == "Tom & Jerry reach the final"
    assert (article.author, article.publisher_name) == ("Ann Lee", "Wire")
    assert article.published_at == datetime(2026, 3, 1, 10, 0)
    assert article.published_at_zone_given is False
    assert article.canonical_url == "https://wire.example/final"
    assert article.language == "en"
    assert article.body == PARAGRAPHS_TEXT


def test_json_ld_article_body_is_used_only_when_the_page_has_no_text():
    article = html(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Short", "articleBody": "First line.\\nSecond  line."}</script>'
        "</head><body></body></html>"
    )
    assert article.body == "First line.\n\nSecond line."
    assert article.provenance["body"] == "json-ld"


def test_lists_tables_quotes_and_line_breaks_keep_their_shape():
    article = html(
        "<html><head><title>Budget</title></head><body><article><h1>Budget</h1>"
        "<p>The opening paragraph is long enough to be kept by the extractor as text.</p>"
        "<p>An address:<br>12 Quay Street<br>Harbour Town</p>"
        "<ul><li>Radar systems for the coast guard</li><li>Patrol vessels</li></ul>"
        "<table><tr><th>Year</th><th>Budget</th></tr><tr><td>2025</td><td>8.1</td></tr></table>"
        "<blockquote><p>A quoted paragraph.</p><p>And its second.</p></blockquote>"
        "<p>The closing paragraph is also long enough for the extractor to keep.</p>"
        "</article></body></html>"
    )
    assert article.body.split("\n\n") == [
        "The opening paragraph is long enough to be kept by the extractor as text.",
        "An address:\n12 Quay Street\nHarbour Town",
        "Radar systems for the coast guard\nPatrol vessels",
        "Year | Budget\n2025 | 8.1",
        "A quoted paragraph.",
        "And its second.",
        "The closing paragraph is also long enough for the extractor to keep.",
    ]


def test_xhtml_with_an_xml_declaration():
    article = html(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Le port</title>'
        f'<meta property="og:title" content="Le port s\u2019agrandit"/></head>'
        f"<body>{PARAGRAPHS}</body></html>",
        content_type="application/xhtml+xml",
    )
    assert article.title == "Le port s\u2019agrandit"
    assert (article.language, article.provenance["language"]) == ("fr", "html-lang")


def test_a_page_in_the_charset_its_meta_tag_declares():
    data = (
        "<html><head><meta charset='windows-1252'><meta property='og:title' "
        "content='Caf\u00e9 \u201cLe Port\u201d reopens'></head>"
        f"<body>{PARAGRAPHS}</body></html>"
    ).encode("cp1252")
    assert parse(data, content_type="text/html", filename=None).title == (
        "Caf\u00e9 \u201cLe Port\u201d reopens"
    )


def test_a_page_is_recognised_without_content_type_or_file_name():
    data = (DATA / "northern-gazette-meta.html").read_bytes()
    assert parse(data, content_type=None, filename=None).publisher_name == "The Northern Gazette"


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty input"),
        (b"<html><head></head><body></body></html>", "no article text found in the HTML page"),
        (f"<html><body>{PARAGRAPHS}</body></html>".encode(), "no title found in the HTML page"),
        (bytes(range(256)) * 16, "binary input"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary input: a PNG image"),
        ("<html><title>Caf\u00e9</title></html>".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
        (b"<html><head><title>Cut", "truncated HTML"),
    ],
    ids=["empty", "no-text", "no-title", "binary", "png", "latin-1-undeclared", "cut-short"],
)
def test_unreadable_pages_are_refused_with_one_clear_line(data, phrase):
    assert_refused(data, phrase)
