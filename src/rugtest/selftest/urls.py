from django.urls import path

from . import views

app_name = "selftest"
urlpatterns = [
    path("", views.start, name="start"),
    path("stap/<str:page_id>/", views.step, name="step"),
    path("uitslag/", views.result, name="result"),
    path("uitslag.json", views.result_json, name="result_json"),
    path("uitslag.pdf", views.result_pdf, name="result_pdf"),
    path("uitslag.fhir.json", views.result_fhir, name="result_fhir"),
    path("opnieuw/", views.restart, name="restart"),
]
