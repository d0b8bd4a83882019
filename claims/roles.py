"""The three roles and their permissions, ensured by one idempotent function.

analyst  reads everything (staff, view-only admin)
editor   analyst + create and correct claims, attach evidence, annotate, flag, send to review
reviewer editor + decide statuses (claims.review_claim)

Called by a data migration and by the test fixtures (transactional tests flush the tables).
"""

ANALYST, EDITOR, REVIEWER = "analyst", "editor", "reviewer"
ROLES = (ANALYST, EDITOR, REVIEWER)

_MODELS = {
    "sources": ["publisher", "source"],
    "claims": [
        "entity",
        "claim",
        "claimmention",
        "quantity",
        "evidence",
        "annotation",
        "review",
        "claimrelation",
        "unsourcedflag",
        "candidate",
    ],
}
_EDITOR_WRITES = {
    "sources": {"publisher": ("add", "change"), "source": ("add", "change")},
    "claims": {
        "entity": ("add", "change"),
        "claim": ("add", "change"),
        "claimmention": ("add", "change", "delete"),
        "quantity": ("add", "change", "delete"),
        "evidence": ("add", "change", "delete"),
        "annotation": ("add", "change"),
        "unsourcedflag": ("change",),
        "candidate": ("change",),
        "claimrelation": ("add", "change", "delete"),
    },
}


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """(app_label, codename) pairs per role."""
    view = {(app, f"view_{model}") for app, models in _MODELS.items() for model in models}
    writes = {
        (app, f"{action}_{model}")
        for app, models in _EDITOR_WRITES.items()
        for model, actions in models.items()
        for action in actions
    }
    return {
        ANALYST: view,
        EDITOR: view | writes,
        REVIEWER: view | writes | {("claims", "review_claim")},
    }


def ensure_roles(apps=None) -> None:
    """Create the role groups with exactly their permissions; safe to run any number of times.

    `apps` is a migration's historical registry, or None for the live one.
    """
    from django.apps import apps as live_apps
    from django.contrib.auth.management import create_permissions

    registry = apps or live_apps
    for app_config in registry.get_app_configs():
        if getattr(app_config, "models_module", None) is None:  # a migration's registry
            app_config.models_module = True
        create_permissions(app_config, apps=registry, verbosity=0)
    Group = registry.get_model("auth", "Group")
    Permission = registry.get_model("auth", "Permission")
    for role, pairs in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        found = {
            (perm.content_type.app_label, perm.codename): perm
            for perm in Permission.objects.filter(
                codename__in=[codename for _, codename in pairs]
            ).select_related("content_type")
        }
        missing = sorted(
            f"{app}.{codename}" for app, codename in pairs if (app, codename) not in found
        )
        # A migration's registry may predate a model (its permissions come with a later one).
        if missing and apps is None:
            raise LookupError(f"Role {role}: no such permissions: {', '.join(missing)}")
        group.permissions.set([found[pair] for pair in sorted(pairs) if pair in found])


def system_account(username: str, role: str):
    """An account that acts for the system (the seed, the intake, the consistency checks) with
    `role`'s permissions; it cannot log in (unusable password). Created once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": f"ClaimDesk {username}"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache
