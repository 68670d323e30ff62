from django.urls import path

from .views import checkin, claim, home, log, measure, progress, report, start

app_name = "programme"
urlpatterns = [
    path("", home.home, name="home"),
    path("beginnen/", start.start, name="start"),
    path("wandeling/", log.log_walk, name="log"),
    path("wandeling/<int:entry_id>/", log.edit_walk, name="edit"),
    path("wandeling/<int:entry_id>/wissen/", log.delete_walk, name="delete"),
    path("pijn/", checkin.pain_check, name="pain_check"),
    path("meting/", measure.measure, name="measure"),
    path("voortgang/", progress.history, name="history"),
    path("uitslag-in-deze-browser/", claim.claim_result, name="claim"),
    path("rapport.pdf", report.report, name="report"),
    path("hoe-gaat-het/<int:programme_id>/", checkin.checkin, name="checkin"),
]
