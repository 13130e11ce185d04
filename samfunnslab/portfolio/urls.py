from __future__ import annotations

from django.urls import path

from samfunnslab.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("element/ny/", views.node_create, name="node_create"),
    path("portefolje.pdf", views.portfolio_pdf, name="pdf"),
    path("initiativ/", views.initiatives, name="initiatives"),
    path("initiativ/ny/", views.initiative_create, name="initiative_create"),
    path("initiativ/import/", views.initiatives_import, name="initiatives_import"),
    path("initiativ/<int:pk>/", views.initiative_detail, name="initiative"),
    path("initiativ/<int:pk>/inspirasjon/", views.initiative_link, name="initiative_link"),
    path("piloter/ny/", views.pilot_create, name="pilot_create"),
    path("piloter/fra-funn/<int:finding_pk>/", views.pilot_from_finding, name="pilot_from_finding"),
    path("piloter/<int:pk>/", views.pilot_detail, name="pilot"),
    path("piloter/<int:pk>/slett/", views.pilot_delete, name="pilot_delete"),
    path("tre-horisonter/", views.horizons, name="horizons"),
    path("tilbakeskuing/<int:model_pk>/", views.backcasting, name="backcasting"),
]
