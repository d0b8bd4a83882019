"""factory-boy factories: valid rows by default (the database constraints hold them to it)."""

from datetime import UTC, datetime

import factory
from django.contrib.auth import get_user_model

from claims.choices import ClaimKind, EntityKind
from claims.models import Claim, Entity, Evidence, Quantity
from sources.choices import PublisherKind, SourceKind
from sources.models import Publisher, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")
    is_staff = False


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Publisher {n}")
    kind = PublisherKind.NEWS


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    publisher = factory.SubFactory(PublisherFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    kind = SourceKind.ARTICLE
    body = "Japan raised its budget. The budget grew to 18.1 billion yen in 2026."
    published_at = datetime(2026, 2, 2, 10, 39, 19, tzinfo=UTC)


class ReferenceSourceFactory(SourceFactory):
    """A cited record we hold no text of."""

    body = ""
    url = factory.Sequence(lambda n: f"https://records.example.org/{n}")


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        django_get_or_create = ("name", "kind")

    name = factory.Sequence(lambda n: f"Entity {n}")
    kind = EntityKind.COUNTRY


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim quoting the second sentence of its source's default body."""

    class Meta:
        model = Claim

    source = factory.SubFactory(SourceFactory)
    quote = "The budget grew to 18.1 billion yen in 2026."
    start = factory.LazyAttribute(lambda o: o.source.body.index(o.quote))
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    statement = factory.Sequence(lambda n: f"The budget grew to 18.1 billion yen ({n}).")
    kind = ClaimKind.QUANTITY
    subject = factory.SubFactory(EntityFactory, name="Japan")
    predicate = "budget is"
    as_of = factory.LazyAttribute(lambda o: o.source.published_at.date())
    created_by = factory.SubFactory(UserFactory)


class QuantityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quantity

    claim = factory.SubFactory(ClaimFactory)
    value = "18.1"
    scale = "1000000000"
    unit = "JPY"
    period = "FY2026"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(ReferenceSourceFactory)
    stance = "supports"
    added_by = factory.SubFactory(UserFactory)
