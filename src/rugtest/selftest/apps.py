from django.apps import AppConfig


class SelftestConfig(AppConfig):
    name = "rugtest.selftest"
    default_auto_field = "django.db.models.BigAutoField"
