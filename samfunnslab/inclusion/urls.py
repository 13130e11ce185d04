"""Inclusion URLs, mounted at `/inkludering/`."""

from __future__ import annotations

from django.urls import path

from samfunnslab.inclusion import views

app_name = "inclusion"
urlpatterns = [
    path("verksted/<int:pk>/", views.workshop_inclusion, name="workshop"),
    path("verksted/<int:pk>/papir/", views.paper_sheet, name="paper"),
    path("lettlest/", views.easy_language_toggle, name="easy_language"),
]
