"""Pages of a list and the addresses between them, the same on every page that has a pager.

Every address is the current one with some query parameters changed, so whatever else the
reader chose (filters, sort, the source list's tab) survives a change of page.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 25


def url_with(path: str, data: QueryDict, **changes) -> str:
    """`path` with the query `data` changed: None removes a parameter, a list sets every value.

    A change that is not a page change starts again at the first page.
    """
    query = data.copy()
    if "page" not in changes:
        query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        elif isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def page_of(request: HttpRequest, items) -> Page:
    """The page `?page=` asks for (the last one when past the end, the first when unreadable)."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def page_notice(request: HttpRequest, page: Page) -> str:
    """What to tell the reader when the page shown is not the one `?page=` asked for; ""."""
    asked = request.GET.get("page", "").strip()
    if not asked or asked == str(page.number):
        return ""
    last = page.paginator.num_pages
    if not asked.isdigit():
        return f"“{asked}” is not a page number: showing page {page.number} of {last}."
    return (
        f"There is no page {asked}: showing page {page.number}, the last of {last}."
        if page.number == last
        else f"There is no page {asked}: showing page {page.number} of {last}."
    )


def pager_urls(request: HttpRequest, page: Page) -> dict[str, str]:
    """The previous and next pages' addresses for `partials/pager.html`; "" where there is none.
    `notice` says when the page shown is not the one asked for (`?page=999`)."""

    def to(number: int) -> str:
        return url_with(request.path, request.GET, page=number)

    return {
        "previous": to(page.previous_page_number()) if page.has_previous() else "",
        "next": to(page.next_page_number()) if page.has_next() else "",
        "notice": page_notice(request, page),
    }
