from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("triage", views.triage, name="triage"),
    path("openapi.json", views.openapi, name="openapi"),
    path("fhir/Questionnaire/rugtest", views.fhir_questionnaire, name="fhir_questionnaire"),
]
