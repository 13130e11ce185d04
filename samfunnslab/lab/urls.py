from __future__ import annotations

from django.urls import path

from samfunnslab.core.placeholders import coming_soon

app_name = "lab"
urlpatterns = [
    path("", coming_soon("Laben"), name="index"),
]
