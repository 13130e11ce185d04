from __future__ import annotations

from django.urls import path

from samfunnslab.core.placeholders import coming_soon

app_name = "municipalities"
urlpatterns = [
    path("norge-2040/", coming_soon("Norge 2040"), name="norway_2040"),
    path("kommune/", coming_soon("Min kommune"), name="search"),
]
