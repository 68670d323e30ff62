from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "rugtest.programme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import plans, signals  # noqa: F401  (connect the sign-in and sign-out handlers)
