from __future__ import annotations

from django.urls import path

from samfunnslab.core.placeholders import coming_soon

app_name = "community_models"
urlpatterns = [
    path("", coming_soon("Lokalsamfunnsmodeller"), name="index"),
]
