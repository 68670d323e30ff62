from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("rugoefening/delen/", views.manage, name="manage"),
    path("rugoefening/delen/<int:link_id>/intrekken/", views.revoke, name="revoke"),
    # Any text after gedeeld/ reaches the view, so that a malformed token gets the same 404
    # (and the same limit and headers) as an unknown, ended or revoked one.
    path("gedeeld/<str:token>/", views.shared, name="shared"),
    path("gedeeld/<str:token>/rapport.pdf", views.shared_pdf, name="shared_pdf"),
]
