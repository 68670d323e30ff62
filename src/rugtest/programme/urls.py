from django.urls import path

from . import measure_views, views

app_name = "programme"
urlpatterns = [
    path("", views.home, name="home"),
    path("beginnen/", views.start, name="start"),
    path("wandeling/", views.log_walk, name="log"),
    path("wandeling/<int:entry_id>/", views.edit_walk, name="edit"),
    path("wandeling/<int:entry_id>/wissen/", views.delete_walk, name="delete"),
    path("pijn/", views.pain_check, name="pain_check"),
    path("meting/", measure_views.measure, name="measure"),
    path("voortgang/", views.history, name="history"),
    path("uitslag-in-deze-browser/", views.claim_result, name="claim"),
    path("rapport.pdf", views.report, name="report"),
    path("hoe-gaat-het/<int:programme_id>/", views.checkin, name="checkin"),
]
