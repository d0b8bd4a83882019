"""Saved HTML pages: the article's text and metadata.

Metadata comes first from schema.org JSON-LD (a NewsArticle, Article or one of their kinds, also
inside `@graph`, lists or another node), then from the page's own tags (`<meta>`, `<link
rel="canonical">`, `<html lang>`), then from trafilatura for whatever is still missing. The main
text is trafilatura's (comments, navigation and link lists left out), rendered as the article's
paragraphs joined by blank lines; JSON-LD `articleBody` is used only when trafilatura finds none.
"""

import html
import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import trafilatura

from . import (
    TITLE_MAX_LENGTH,
    ParsedArticle,
    UnreadableInput,
    decode,
    language_tag,
    published_at_from,
)

# schema.org Article and the kinds of it that newsrooms publish.
_ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "AskPublicNewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
    }
)  # fmt: skip
# For each field, the <meta> names or properties that give it, best first.
_META_KEYS = {
    "title": ("og:title", "citation_title", "twitter:title", "dc.title", "dcterms.title"),
    "author": ("author", "citation_author", "article:author", "dc.creator", "dcterms.creator"),
    "publisher_name": ("og:site_name", "citation_publisher", "dc.publisher", "dcterms.publisher"),
    "published_at": (
        "article:published_time",
        "citation_publication_date",
        "citation_date",
        "datepublished",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "date",
        "pubdate",
    ),
    "language": ("content-language", "dc.language", "og:locale"),
}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CLOSING_TAG = re.compile(r"</(?:html|body)\s*>", re.I)
_BLOCKS = frozenset({"p", "head", "list", "table", "quote", "code"})


class _Found:
    """Field values with where each came from; the first source to give a field wins."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.provenance: dict[str, str] = {}

    def offer(self, name: str, value, origin: str) -> None:
        if isinstance(value, str):
            value = value.strip()
        if value and name not in self.values:
            self.values[name] = value
            self.provenance[name] = origin

    def get(self, name: str, default=""):
        return self.values.get(name, default)


def parse_html(data: bytes, *, charset: str = "", url: str | None = None) -> ParsedArticle:
    """Read a saved page; raises UnreadableInput when it holds no article or is cut short."""
    tree = _tree(_markup(data, charset))
    found = _Found()
    if url:
        found.offer("url", url, "argument")
    article = _json_ld_article(tree)
    _offer_json_ld(article, found)
    _offer_page_tags(tree, found)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        # Only dates the page states: an extensive search guesses from archive links.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is not None:
        _offer_trafilatura_metadata(document, found)
    body = _body(document, found.get("title"))
    if body:
        found.offer("body", body, "trafilatura")
    elif isinstance(article.get("articleBody"), str):
        paragraphs = [" ".join(p.split()) for p in article["articleBody"].splitlines()]
        found.offer("body", "\n\n".join(p for p in paragraphs if p), "json-ld")
    if not found.get("body"):
        raise UnreadableInput("no article text found in the HTML page")
    if not found.get("title"):
        raise UnreadableInput("no title found in the HTML page")
    if len(found.get("title")) > TITLE_MAX_LENGTH:
        raise UnreadableInput(f"the page's title is {len(found.get('title'))} characters long")
    return _article(found)


def _markup(data: bytes, charset: str) -> str:
    declared = charset
    if not declared and (meta := _META_CHARSET.search(data[:4096])):
        declared = meta.group(1).decode("ascii").lower()
    markup = _XML_DECLARATION.sub("", decode(data, declared=declared))
    if not _CLOSING_TAG.search(markup):
        raise UnreadableInput("truncated HTML: the page ends before </body> or </html>")
    return markup


def _tree(markup: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as error:
        raise UnreadableInput(f"unreadable HTML: {' '.join(str(error).split())}") from None


def _json_ld_article(tree: lxml.html.HtmlElement) -> dict:
    """The page's first JSON-LD article node with a headline (or {}), ids resolved later."""
    nodes = list(_json_ld_nodes(tree))
    index: dict[str, dict] = {}
    for node in nodes:
        # A bare {"@id": ...} is a reference to the node described elsewhere, not that node.
        if isinstance(node.get("@id"), str) and len(node) > 1:
            index.setdefault(node["@id"], node)
    for node in nodes:
        types = node.get("@type", [])
        types = [types] if isinstance(types, str) else types
        names = {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in types}
        if names & _ARTICLE_TYPES and (node.get("headline") or node.get("name")):
            return {**node, "@index": index}
    return {}


def _json_ld_nodes(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    for script in tree.iter("script"):
        if (script.get("type") or "").split(";")[0].strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("<![CDATA[").removesuffix("]]>").strip()
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # a broken block elsewhere on the page must not hide the others
        yield from _nodes_in(data, depth=0)


def _nodes_in(value, depth: int) -> Iterator[dict]:
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _nodes_in(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _nodes_in(item, depth + 1)


def _offer_json_ld(article: dict, found: _Found) -> None:
    if not article:
        return
    index = article["@index"]
    found.offer("title", _text(article.get("headline") or article.get("name")), "json-ld")
    found.offer("author", "; ".join(_names(article.get("author"), index)), "json-ld")
    found.offer("editor", "; ".join(_names(article.get("editor"), index)), "json-ld")
    found.offer(
        "publisher_name", next(iter(_names(article.get("publisher"), index)), ""), "json-ld"
    )
    published = article.get("datePublished") or article.get("dateCreated")
    if isinstance(published, str):
        found.offer("published_at", published_at_from(published), "json-ld")
    language = article.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    found.offer("json-ld-language", language_tag(_text(language)), "json-ld")
    page = article.get("mainEntityOfPage")
    page_url = page.get("@id") or page.get("url") if isinstance(page, dict) else page
    for candidate in (article.get("url"), page_url):
        if isinstance(candidate, str) and candidate.startswith(("http://", "https://")):
            found.offer("json-ld-url", candidate, "json-ld")


def _names(value, index: dict) -> list[str]:
    """Person or Organization names in a JSON-LD value: a string, a node, an @id or a list."""
    if isinstance(value, list):
        names = [name for item in value for name in _names(item, index)]
        return list(dict.fromkeys(names))
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = index.get(value["@id"], {})
        value = value.get("name")
    name = _text(value).removeprefix("By ").strip()
    return [name] if name else []


def _text(value) -> str:
    return " ".join(html.unescape(value).split()) if isinstance(value, str) else ""


def _offer_page_tags(tree: lxml.html.HtmlElement, found: _Found) -> None:
    meta = _meta_values(tree)
    for name, keys in _META_KEYS.items():
        for key in keys:
            values = [v for v in meta.get(key, []) if not v.startswith(("http://", "https://"))]
            if name == "published_at":
                values = [parsed for v in values if (parsed := published_at_from(v))]
            if values:
                value = "; ".join(dict.fromkeys(values)) if name == "author" else values[0]
                target = "meta-language" if name == "language" else name
                found.offer(target, language_tag(value) if name == "language" else value, "meta")
                break
    og_url = next((v for v in meta.get("og:url", []) if v.startswith(("http://", "https://"))), "")
    base = found.get("url") or _base_href(tree) or og_url or found.get("json-ld-url")
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = urljoin(base, link.get("href").strip()) if base else link.get("href")
            if canonical.startswith(("http://", "https://")):
                found.offer("canonical_url", canonical, "link")
                break
    found.offer("canonical_url", og_url, "meta")
    found.offer("canonical_url", found.get("json-ld-url"), "json-ld")
    found.offer("language", found.get("json-ld-language"), "json-ld")
    found.offer(
        "language", language_tag(tree.get("lang") or tree.get("xml:lang") or ""), "html-lang"
    )
    found.offer("language", found.get("meta-language"), "meta")


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Every <meta>'s content under its lower-cased property, name, itemprop or http-equiv."""
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and content:
                meta.setdefault(key, []).append(html.unescape(content))
    return meta


def _base_href(tree: lxml.html.HtmlElement) -> str:
    href = next((b.get("href") for b in tree.iter("base") if b.get("href")), "")
    return href if href.startswith(("http://", "https://")) else ""


def _offer_trafilatura_metadata(document, found: _Found) -> None:
    found.offer("title", _text(document.title), "trafilatura")
    found.offer("author", _text(document.author), "trafilatura")
    found.offer("publisher_name", _text(document.sitename), "trafilatura")
    found.offer("published_at", published_at_from(document.date or ""), "trafilatura")
    if (document.url or "").startswith(("http://", "https://")):
        found.offer("canonical_url", document.url, "trafilatura")
    found.offer("language", language_tag(document.language or ""), "trafilatura")


def _body(document, title: str) -> str:
    """trafilatura's main text as paragraphs joined by blank lines, without a repeated title."""
    if document is None:
        return ""
    paragraphs = list(_paragraphs(document.body))
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _paragraphs(container) -> Iterator[str]:
    """One string per block of trafilatura's output tree (`p`, `head`, `list`, `table`...)."""
    for block in container:
        if block.tag == "list":
            text = "\n".join(_inline(item) for item in block.iter("item"))
        elif block.tag == "table":
            rows = (" | ".join(_inline(cell) for cell in row.iter("cell")) for row in block)
            text = "\n".join(row for row in rows if row.strip(" |"))
        elif block.tag == "quote" and any(child.tag in _BLOCKS for child in block):
            yield from _paragraphs(block)
            continue
        elif block.tag == "graphic":
            continue
        else:
            text = _inline(block)
        if text:
            yield text


def _inline(element) -> str:
    """An element's text with line breaks (`lb`) kept and other whitespace collapsed."""
    lines = _raw_text(element).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _raw_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _article(found: _Found) -> ParsedArticle:
    # Without the address it came from, a page is known by the address it names for itself.
    found.offer("url", found.get("canonical_url"), found.provenance.get("canonical_url", ""))
    provenance = {
        name: origin
        for name, origin in found.provenance.items()
        if name in ParsedArticle.__dataclass_fields__
    }
    published_at = found.get("published_at", None)
    return ParsedArticle(
        title=found.get("title"),
        body=found.get("body"),
        author=found.get("author"),
        editor=found.get("editor"),
        publisher_name=found.get("publisher_name"),
        published_at=published_at,
        published_at_zone_given=published_at is not None and published_at.tzinfo is not None,
        url=found.get("url"),
        canonical_url=found.get("canonical_url"),
        language=found.get("language"),
        provenance=provenance,
    )
