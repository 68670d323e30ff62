from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("triage", views.triage, name="triage"),
    path("openapi.json", views.openapi, name="openapi"),
    path("fhir/Questionnaire/rugtest", views.fhir_questionnaire, name="fhir_questionnaire"),
    path("fhir/QuestionnaireResponse", views.fhir_questionnaire_response, name="fhir_questionnaire_response"),
    path("fhir/CodeSystem/<str:code_system_id>", views.fhir_code_system, name="fhir_code_system"),
]
