from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Share links: a read-only view of a person's programme report for their GP or physiotherapist."""

    name = "rugtest.sharing"
    default_auto_field = "django.db.models.BigAutoField"
