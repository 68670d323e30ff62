from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The person's data rights: calendar link, export, erasure, retention, the privacy page."""

    name = "rugtest.privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signin  # noqa: F401  (connects the sign-in time for downloads)
