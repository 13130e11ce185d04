from __future__ import annotations

from django.urls import path

from samfunnslab.core.placeholders import coming_soon

app_name = "portfolio"
urlpatterns = [
    path("", coming_soon("Porteføljen"), name="index"),
]
