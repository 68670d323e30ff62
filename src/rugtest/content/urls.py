from django.urls import path

from . import views

app_name = "content"
urlpatterns = [
    path("", views.home, name="home"),
    path("medicatie/", views.medicatie, name="medicatie"),
    path("informatie/", views.info_index, name="info"),
    # The two fixed pages come before the condition pages, so no slug can hide them.
    path("informatie/hoe-lang/", views.duration, name="duration"),
    path("informatie/oorzaken/", views.causes, name="causes"),
    path("informatie/<slug:slug>/", views.condition, name="condition"),
    path("over/", views.about, name="about"),
]
