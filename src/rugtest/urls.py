from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from . import views
from .api import views as api_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("start/", views.app_start, name="app_start"),
    path("api/v1/", include("rugtest.api.urls")),
    # D-10: the FHIR resources at their canonical addresses (<RUGTEST_PUBLIC_URL>/fhir/…).
    path("fhir/Questionnaire/rugtest", api_views.fhir_questionnaire, name="fhir_questionnaire"),
    path("fhir/Questionnaire/rugtest-measures", api_views.fhir_measures_questionnaire, name="fhir_measures_questionnaire"),
    path("fhir/CodeSystem/<str:code_system_id>", api_views.fhir_code_system, name="fhir_code_system"),
]

urlpatterns += i18n_patterns(
    # The rugtest first: its pages are the most asked for, and a URL is matched in this order.
    path("rugtest/", include("rugtest.selftest.urls")),
    # Before the programme's own paths: /rugoefening/agenda/ lives here.
    path("", include("rugtest.privacy.urls")),
    # Share links: /rugoefening/delen/ and /gedeeld/<token>/ (before the programme's own paths too).
    path("", include("rugtest.sharing.urls")),
    path("rugoefening/", include("rugtest.programme.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("rugtest.content.urls")),
    prefix_default_language=False,
)

handler400 = "rugtest.views.bad_request"  # Django's page, or 503 when the database broke a session's save
handler404 = "rugtest.views.page_not_found"
handler429 = "rugtest.views.too_many_requests"  # used by allauth's rate limits
handler500 = "rugtest.views.server_error"  # or 503 while the database cannot be reached
