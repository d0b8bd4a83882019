"""Query parameters a GET understands; any other is refused (400), never silently ignored.

`?stauts=verified` used to answer every claim, as if the reader had asked for no filter. The
known names of an endpoint are its FilterSet's parameters (a date range's `_after`/`_before`
included), the ones every list shares (`COMMON`), and whatever the view itself reads
(`extra_query_params` on the view).
"""

from django_filters.widgets import SuffixedMultiWidget
from rest_framework.exceptions import ValidationError

# Read by the content negotiation, the keyset pager, the change feed and the source views.
COMMON = frozenset({"format", "cursor", "page_size", "ordering", "since", "lang"})


def filterset_params(filterset_class) -> set[str]:
    """Every query parameter a FilterSet class reads, with or without the request's user
    (a filter the user may not use is still a known name: its own refusal says why)."""
    names: set[str] = set()
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.field.widget
        if isinstance(widget, SuffixedMultiWidget):
            names.update(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        else:
            names.add(name)
    return names


def known_query_params(view) -> set[str]:
    names = set(COMMON) | set(getattr(view, "extra_query_params", ()))
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        names |= filterset_params(filterset_class)
    return names


class UnknownQueryParameters(ValidationError):
    """400 naming every unknown parameter, and the known ones in each message."""

    def __init__(self, unknown: list[str], known: set[str]):
        listed = ", ".join(sorted(known))
        super().__init__(
            {
                name: [f"Unknown query parameter {name!r}; this endpoint knows: {listed}."]
                for name in unknown
            }
        )
        self.domain_code = "unknown_parameter"
        self.unknown, self.known = sorted(unknown), sorted(known)

    def sentence(self) -> str:
        return (
            f"Unknown query parameter{'s' if len(self.unknown) > 1 else ''}: "
            f"{', '.join(self.unknown)}. This endpoint knows: {', '.join(self.known)}."
        )


def refuse_unknown_query_params(view, request) -> None:
    if request.method not in ("GET", "HEAD"):
        return
    known = known_query_params(view)
    unknown = [name for name in request.query_params if name not in known]
    if unknown:
        raise UnknownQueryParameters(unknown, known)
