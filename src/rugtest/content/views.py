"""The information pages of the seed site: home, the walking programme, medication."""

from django.shortcuts import render


def home(request):
    return render(request, "content/home.html", {"section": "home"})


def rugoefening(request):
    return render(request, "content/rugoefening.html", {"section": "rugoefening"})


def medicatie(request):
    return render(request, "content/medicatie.html", {"section": "medicatie"})
