from django.db import models


class PublisherKind(models.TextChoices):
    STATE_MEDIA = "state_media", "State media"
    GOVERNMENT = "government", "Government"
    NEWS = "news", "News"
    THINK_TANK = "think_tank", "Think tank"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental"
    OTHER = "other", "Other"


class SourceKind(models.TextChoices):
    ARTICLE = "article", "Article"
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    BUDGET_DOCUMENT = "budget_document", "Budget document"
    TREATY_TEXT = "treaty_text", "Treaty text"
    DATASET = "dataset", "Dataset"
    REPORT = "report", "Report"
