from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelftestConfig(AppConfig):
    name = "rugtest.selftest"
    verbose_name = _("Rugtest")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The system check of the practice's phone numbers (rugtest.E001).
        from rugtest import practice  # noqa: F401
