"""Publishers and sources: public records, read-only here (editors write them in the admin)."""

from rest_framework import serializers

from config.api.fields import SelfLinkField

from ..models import Publisher, Source


class PublisherSerializer(serializers.ModelSerializer):
    url = SelfLinkField(view_name="api:publisher-detail")

    class Meta:
        model = Publisher
        fields = ["id", "url", "name", "kind", "country", "homepage", "wikidata_id"]


class PublisherRefSerializer(serializers.ModelSerializer):
    url = SelfLinkField(view_name="api:publisher-detail")

    class Meta:
        model = Publisher
        fields = ["id", "url", "name", "kind"]


class SourceRefSerializer(serializers.ModelSerializer):
    """A source as other resources cite it."""

    url = SelfLinkField(view_name="api:source-detail")
    web_url = serializers.CharField(source="url", help_text="Where it was published, if online.")
    publisher = PublisherRefSerializer()

    class Meta:
        model = Source
        fields = ["id", "url", "title", "web_url", "published_at", "kind", "publisher"]


class SourceSerializer(serializers.ModelSerializer):
    url = SelfLinkField(view_name="api:source-detail")
    web_url = serializers.CharField(source="url", help_text="Where it was published, if online.")
    publisher = PublisherRefSerializer()
    revises = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The earlier source this one replaces."
    )
    body_length = serializers.IntegerField(help_text="Characters in the body (0: reference only).")

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "web_url",
            "author",
            "editor",
            "published_at",
            "retrieved_at",
            "language",
            "kind",
            "publisher",
            "body_sha256",
            "body_length",
            "revises",
            "created_at",
        ]


class SourceDetailSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "body"]
