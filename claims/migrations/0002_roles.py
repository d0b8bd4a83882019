from django.db import migrations


def forward(apps, schema_editor):
    from claims.roles import ensure_roles

    ensure_roles(apps)


def reverse(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["analyst", "editor", "reviewer"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
