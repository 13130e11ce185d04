from __future__ import annotations

from django.urls import path

from samfunnslab.core.placeholders import coming_soon

app_name = "workshops"
urlpatterns = [
    path("verksted/", coming_soon("Verkstedet"), name="index"),
]
