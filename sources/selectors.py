"""Reads of sources that carry a rule."""

from django.db.models import Q

from .models import Source


def revision_family(source_id: int) -> set[int]:
    """The source and every source that revises it or that it revises, transitively.

    They are one text in its versions: none of them is independent of another.
    """
    family: set[int] = set()
    frontier = {source_id}
    while frontier:
        family |= frontier
        linked = Source.objects.filter(Q(pk__in=frontier) | Q(revises__in=frontier))
        reached = set()
        for pk, revises_id in linked.values_list("pk", "revises_id"):
            reached.add(pk)
            if revises_id is not None:
                reached.add(revises_id)
        frontier = reached - family
    return family
