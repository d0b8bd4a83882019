"""Plain-text articles in the seed's layout, and the inputs that must be refused."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sources.parsers import ParsedArticle, UnreadableInput, parse

SEED = Path(__file__).resolve().parents[2] / "data" / "chinamil-2026-02-02-japan-alliances.txt"


def parse_text(text: str | bytes, **kwargs) -> ParsedArticle:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse(data, content_type="text/plain", filename=None, **kwargs)


def assert_refused(data: bytes, phrase: str, **kwargs) -> str:
    with pytest.raises(UnreadableInput) as refusal:
        parse(data, **{"content_type": "text/plain", "filename": None, **kwargs})
    message = str(refusal.value)
    assert phrase in message
    assert "\n" not in message
    return message


def seed_body() -> str:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Japan has placed growing emphasis")
    end = text.index("new Cold War.") + len("new Cold War.")
    return text[start:end]


def test_the_seed_header_becomes_metadata():
    article = parse(SEED.read_bytes(), content_type=None, filename=SEED.name)
    assert article.title == "Japan stirs regional security by leveraging its alliances"
    assert article.publisher_name == "China Military Online"
    assert article.editor == "Li Jiayao"
    assert article.author == "Li Hai"
    assert article.published_at == datetime(2026, 2, 2, 18, 39, 19)
    assert article.published_at.tzinfo is None
    assert article.published_at_zone_given is False
    assert (article.url, article.canonical_url, article.language) == ("", "", "")
    assert article.provenance == {
        "title": "title-line",
        "publisher_name": "header",
        "editor": "header",
        "published_at": "header",
        "author": "byline",
        "body": "text",
    }


def test_the_seed_body_runs_from_the_first_paragraph_to_the_last_exactly_as_written():
    article = parse(SEED.read_bytes(), content_type="text/plain", filename=None)
    assert article.body.startswith("Japan has placed growing emphasis")
    assert article.body.endswith("new Cold War.")
    assert "back" not in article.body.splitlines()
    assert article.body == seed_body()
    assert article.body.count("\n\n") == 6  # seven paragraphs, blank lines between them


def test_windows_line_endings_and_a_bom_give_the_same_article():
    plain = parse(SEED.read_bytes(), content_type="text/plain", filename=None)
    windows = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    assert parse(windows, content_type="text/plain", filename=None) == plain
    assert len({plain, parse(windows, content_type="text/plain")}) == 1  # hashable, equal


def test_the_url_argument_is_the_article_url():
    article = parse(SEED.read_bytes(), content_type="text/plain", url="https://eng.example/a.htm")
    assert article.url == "https://eng.example/a.htm"
    assert article.provenance["url"] == "argument"


def test_one_line_headers_several_to_a_line_with_a_zone():
    article = parse_text(
        "Tokyo widens its security ties\n"
        "Source: Harbour Wire  Editor: Ines Vidal\n"
        "Published: 2026-03-04T07:15:00+01:00\n"
        "Author: Mara Olsen\n"
        "Language: en_gb\n"
        "URL: https://harbourwire.example/a\n"
        "\n"
        "First paragraph.\n"
    )
    assert article.title == "Tokyo widens its security ties"
    assert (article.publisher_name, article.editor) == ("Harbour Wire", "Ines Vidal")
    assert article.author == "Mara Olsen"
    assert article.published_at == datetime(2026, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=1)))
    assert article.published_at_zone_given is True
    assert article.language == "en-GB"
    assert article.canonical_url == article.url == "https://harbourwire.example/a"
    assert article.body == "First paragraph."
    assert article.provenance["author"] == "header"


def test_bare_header_names_other_than_the_seeds():
    article = parse_text("A title\n\nAuthor\nPriya Nair\nDate\n15 January 2026\n\nThe text.\n")
    assert article.author == "Priya Nair"
    assert article.published_at == datetime(2026, 1, 15)
    assert article.published_at_zone_given is False
    assert article.body == "The text."


def test_a_sentence_starting_with_by_is_body_not_a_byline():
    article = parse_text("A title\n\nBy 2030, the port will need a third terminal.\n\nMore.\n")
    assert article.author == ""
    assert article.body == "By 2030, the port will need a third terminal.\n\nMore."


def test_a_text_without_header_is_a_title_and_a_body():
    article = parse_text("A title\n\nOnly a body.")
    assert (article.title, article.body) == ("A title", "Only a body.")
    assert article.published_at is None
    assert set(article.provenance) == {"title", "body"}


def test_trailing_navigation_and_editor_footers_are_left_out_of_the_body():
    article = parse_text(
        "A title\n\nFirst.\n\nLast paragraph.\n\n(Editor: Wang Wu)\n\nShare | Print\nBack to top\n"
    )
    assert article.body == "First.\n\nLast paragraph."
    assert article.editor == "Wang Wu"
    assert article.provenance["editor"] == "footer"


def test_a_header_editor_wins_over_a_footer_editor():
    article = parse_text("A title\nEditor: Li Jiayao\n\nText.\n\nEditor: Someone Else\n")
    assert (article.editor, article.provenance["editor"]) == ("Li Jiayao", "header")
    assert article.body == "Text."


def test_navigation_words_inside_the_body_are_kept():
    article = parse_text("A title\n\nPrint\n\nThe presses stopped.\n\nback\n")
    assert article.body == "Print\n\nThe presses stopped."


def test_the_body_keeps_its_own_spacing():
    body = "  An indented opening,  with two spaces.\nA second line.\n\n\n\tA tabbed paragraph."
    assert parse_text(f"A title\n\n{body}   \n\n").body == body


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty input"),
        (b" \n\t\n", "empty input"),
        (bytes(range(256)) * 4, "binary input: NUL byte at offset 0"),
        (b"%PDF-1.7\n1 0 obj", "binary input: a PDF document"),
        ("Caf\u00e9 news\n\nThe caf\u00e9 reopened.".encode("latin-1"), "not UTF-8 text"),
        ("A title\n\nText.".encode("utf-16"), "UTF-16"),
        (b"A title\n\nSome\x07thing.", "control character U+0007"),
        (b"Only a title line\n", "no article text after the title"),
        (b"Source: China Military Online\n\nText.", "no title line"),
        (("x" * 600 + "\n\nText.").encode(), "no title line: the first line is 600 characters"),
    ],
    ids=[
        "empty",
        "whitespace",
        "binary",
        "pdf",
        "latin-1",
        "utf-16",
        "control-character",
        "title-only",
        "header-first",
        "paragraph-first",
    ],
)
def test_unreadable_text_is_refused_with_one_clear_line(data, phrase):
    assert_refused(data, phrase)


def test_bytes_that_are_not_utf8_are_read_in_the_charset_the_caller_declares():
    data = "Caf\u00e9 news\n\nThe caf\u00e9 reopened \u201ctoday\u201d.".encode("cp1252")
    article = parse(data, content_type="text/plain; charset=windows-1252", filename=None)
    assert article.body == "The caf\u00e9 reopened \u201ctoday\u201d."


def test_an_unknown_declared_charset_is_refused():
    data = "Caf\u00e9\n\nText.".encode("latin-1")
    assert_refused(data, "unknown charset 'klingon'", content_type="text/plain; charset=klingon")


def test_the_parser_is_chosen_by_content_type_then_file_name_then_content():
    markup = b"A title\n\n<p>Markup read as text.</p>"
    assert parse(markup, content_type="text/plain", filename="a.html").body == markup[9:].decode()
    assert parse(SEED.read_bytes(), content_type=None, filename="seed.txt").author == "Li Hai"
    assert parse(SEED.read_bytes(), content_type=None, filename=None).author == "Li Hai"
    assert_refused(
        SEED.read_bytes(),
        "unsupported content type application/pdf",
        content_type="application/pdf",
    )
