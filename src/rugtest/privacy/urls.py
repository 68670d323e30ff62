from django.urls import path, re_path

from . import views
from .tokens import TOKEN_PATTERN

app_name = "privacy"
urlpatterns = [
    path("rugoefening/agenda/", views.agenda, name="agenda"),
    re_path(rf"^agenda/(?P<token>{TOKEN_PATTERN})\.ics$", views.feed, name="feed"),
    path("mijn-gegevens/", views.mine, name="mine"),
    path("mijn-gegevens/export.json", views.export_json, name="export_json"),
    path("mijn-gegevens/export.fhir.json", views.export_fhir, name="export_fhir"),
    path("mijn-gegevens/verwijderen/", views.delete, name="delete"),
    path("mijn-gegevens/verwijderd/", views.deleted, name="deleted"),
    path("privacy/", views.privacy, name="privacy"),
]
