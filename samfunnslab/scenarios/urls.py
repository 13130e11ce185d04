from __future__ import annotations

from django.urls import path

from samfunnslab.scenarios import views

app_name = "scenarios"
urlpatterns = [
    path("", views.index, name="index"),
    path("kort/", views.card_hx, name="card_hx"),
    path("rapport.pdf", views.report, name="report"),
    path("kommune/<str:code>/", views.future, name="future"),
    path("kommune/<str:code>/framtid/", views.future_hx, name="future_hx"),
    path("kommune/<str:code>/arbeidskraft/", views.workforce_edit, name="workforce"),
    path("gruppe/", views.group_join, name="group_join"),
    path("gruppe/ny/", views.group_new, name="group_new"),
    path("gruppe/<str:code>/", views.group_answer, name="group_answer"),
    path("gruppe/<str:code>/resultat/", views.group_host, name="group_host"),
    path("gruppe/<str:code>/resultat/live/", views.group_results_hx, name="group_results_hx"),
    path("gruppe/<str:code>/bytt/", views.group_toggle, name="group_toggle"),
]
