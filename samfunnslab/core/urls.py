from __future__ import annotations

from django.urls import path

from samfunnslab.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("om-dataene/", views.data_sources, name="data_sources"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("readyz", views.readyz, name="readyz"),
]
