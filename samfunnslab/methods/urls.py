from __future__ import annotations

from django.urls import path

from samfunnslab.methods import views

app_name = "methods"
urlpatterns = [
    path("", views.index, name="index"),
    path("steg/<slug:slug>/", views.step_detail, name="step_detail"),
    path("prosesser/", views.process_list, name="process_list"),
    path("prosesser/ny/", views.process_new, name="process_new"),
    path("prosesser/<slug:slug>/", views.process_detail, name="process_detail"),
    path("prosesser/<slug:slug>/kopier/", views.process_copy, name="process_copy"),
    path("prosesser/<slug:slug>/innstillinger/", views.process_settings, name="process_settings"),
    path("prosesser/<slug:slug>/punkter/", views.item_add, name="item_add"),
    path("prosesser/<slug:slug>/punkter/<int:item_id>/flytt/", views.item_move, name="item_move"),
    path(
        "prosesser/<slug:slug>/punkter/<int:item_id>/fjern/", views.item_remove, name="item_remove"
    ),
    path(
        "prosesser/<slug:slug>/punkter/<int:item_id>/endre/", views.item_update, name="item_update"
    ),
    path("prosesser/<slug:slug>/punkter/<int:item_id>/start/", views.item_run, name="item_run"),
    path(
        "prosesser/<slug:slug>/punkter/<int:item_id>/aktivitet/<int:index>/start/",
        views.activity_start,
        name="activity_start",
    ),
    path("prosesser/<slug:slug>/evaluering/", views.process_evaluate, name="process_evaluate"),
    path("prosesser/<slug:slug>/verksteder/<int:run_id>/puls/", views.pulse_add, name="pulse_add"),
    path(
        "prosesser/<slug:slug>/verksteder/<int:run_id>/puls-igjen/",
        views.pulse_repeat,
        name="pulse_repeat",
    ),
    path("prosesser/<slug:slug>/veileder/", views.process_guide, name="process_guide"),
    path("prosesser/<slug:slug>/veileder.pdf", views.process_guide_pdf, name="process_guide_pdf"),
]
