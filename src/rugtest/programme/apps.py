from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rugtest.programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in handler)
