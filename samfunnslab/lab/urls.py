from __future__ import annotations

from django.urls import path

from samfunnslab.lab import views

app_name = "lab"
urlpatterns = [
    path("", views.index, name="index"),
    path("rammebetingelser/", views.register, name="register"),
    path("rammebetingelser/ny/", views.condition_create, name="condition_create"),
    path("rammebetingelser/<int:pk>/", views.condition_detail, name="condition_detail"),
    path("rammebetingelser/<int:pk>/kontroll/", views.condition_check, name="condition_check"),
    path("ovelse/ny/", views.exercise_create, name="exercise_create"),
    path("ovelse/<int:pk>/", views.exercise_detail, name="exercise"),
    path("ovelse/<int:pk>/funn/", views.finding_create, name="finding_create"),
    path("ovelse/<int:pk>/sammendrag/", views.summary, name="summary"),
    path("ovelse/<int:pk>/sammendrag.pdf", views.summary_pdf, name="summary_pdf"),
    path("ovelse/<int:pk>/funn.csv", views.findings_csv, name="findings_csv"),
    path("ovelse/<int:pk>/forsok/", views.forsok, name="forsok"),
    path("funn/<int:pk>/", views.finding_detail, name="finding"),
    path("funn/<int:pk>/vurdering/", views.rating_add, name="rating_add"),
    path("funn/<int:pk>/vurderinger/", views.ratings_hx, name="ratings_hx"),
    path("funn/<int:pk>/status/", views.finding_status, name="finding_status"),
    path("funn/<int:pk>/slett/", views.finding_delete, name="finding_delete"),
    path("hva-skal-til/", views.compare, name="compare"),
    path("alle-funn.csv", views.all_findings_csv, name="all_findings_csv"),
]
