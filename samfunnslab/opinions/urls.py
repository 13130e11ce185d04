"""Live opinion map URLs, mounted at `/meningskart/`."""

from __future__ import annotations

from django.urls import path

from samfunnslab.opinions import views

app_name = "opinions"
urlpatterns = [
    path("<int:activity_id>/", views.map_page, name="map"),
    path("<int:activity_id>/innhold/", views.map_hx, name="map_hx"),
    path("<int:activity_id>/kart.json", views.map_json, name="map_json"),
    path("<int:activity_id>/neste/", views.next_statement, name="next_statement"),
    path("<int:activity_id>/modeller/", views.group_models, name="group_models"),
]
