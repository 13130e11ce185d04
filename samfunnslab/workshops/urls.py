"""Workshop URLs: short Norwegian paths for participants (`/delta/`, `/d/<code>/`), and the
facilitator's pages under `/verksted/`."""

from __future__ import annotations

from django.urls import path

from samfunnslab.workshops import map_views
from samfunnslab.workshops import participant_views as p
from samfunnslab.workshops import views as v

app_name = "workshops"
urlpatterns = [
    # participants (no account)
    path("delta/", p.join_page, name="join"),
    path("d/<str:code>/", p.participant_page, name="participant"),
    path("d/<str:code>/bli-med/", p.participant_join_view, name="participant_join"),
    path("d/<str:code>/aktivitet/", p.participant_hx, name="participant_hx"),
    path("d/<str:code>/tilstand.json", p.participant_state, name="participant_state"),
    path("d/<str:code>/svar/", p.participant_submit, name="participant_submit"),
    path("d/<str:code>/bilde/", p.participant_photo, name="participant_photo"),
    path("d/<str:code>/om-meg/", p.participant_about, name="participant_about"),
    path(
        "d/<str:code>/om-meg/slett/",
        p.participant_about_withdraw,
        name="participant_about_withdraw",
    ),
    path("d/<str:code>/gruppe/", p.participant_group, name="participant_group"),
    # facilitators
    path("verksted/", v.index, name="index"),
    path("verksted/nytt/", v.workshop_create_view, name="create"),
    path("verksted/<int:pk>/", v.console, name="console"),
    path("verksted/<int:pk>/konsoll/", v.console_hx, name="console_hx"),
    path("verksted/<int:pk>/tilstand.json", v.staff_state, name="staff_state"),
    path("verksted/<int:pk>/aktivitet/ny/", v.activity_add_view, name="activity_add"),
    path("verksted/<int:pk>/apne/", v.workshop_open_view, name="open"),
    path("verksted/<int:pk>/avslutt/", v.workshop_close_view, name="close"),
    path("verksted/<int:pk>/vis/", v.workshop_show_view, name="show"),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/resultater/",
        v.activity_results_view,
        name="activity_results",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/las/",
        v.activity_lock_view,
        name="activity_lock",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/rediger/",
        v.activity_edit_view,
        name="activity_edit",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/flytt/",
        v.activity_move_view,
        name="activity_move",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/slett/",
        v.activity_delete_view,
        name="activity_delete",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/ord/",
        v.wordcloud_word_view,
        name="wordcloud_word",
    ),
    path(
        "verksted/<int:pk>/bidrag/<int:contribution_id>/",
        v.contribution_moderate_view,
        name="moderate",
    ),
    path("verksted/<int:pk>/bilde/<int:contribution_id>/", v.picture_view, name="picture"),
    path("verksted/<int:pk>/skjerm/", v.projector_control_view, name="projector_control"),
    path("verksted/<int:pk>/innstillinger/", v.workshop_edit_view, name="edit"),
    path("verksted/<int:pk>/nullstill/", v.workshop_reset_view, name="reset"),
    path("verksted/<int:pk>/slett/", v.workshop_delete_view, name="delete"),
    path("verksted/<int:pk>/kopier/", v.workshop_duplicate_view, name="duplicate"),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/kopier/",
        v.activity_duplicate_view,
        name="activity_duplicate",
    ),
    path(
        "verksted/<int:pk>/bidrag/<int:contribution_id>/forslag/",
        v.suggestion_accept_view,
        name="accept_suggestion",
    ),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/nytt-tema/",
        v.theme_from_group_view,
        name="theme_from_group",
    ),
    path("verksted/<int:pk>/godkjenn/", v.contributions_approve_view, name="approve_many"),
    path("verksted/<int:pk>/fjernkontroll/innhold/", v.remote_hx, name="remote_hx"),
    path("verksted/<int:pk>/forhandsvisning/mobil/", v.phone_preview, name="phone_preview"),
    path("kart/kommune/<str:code>.geojson", map_views.boundary_view, name="map_boundary"),
    path("verksted/<int:pk>/kartnaler.geojson", map_views.pins_geojson_view, name="map_pins"),
    path(
        "verksted/<int:pk>/aktivitet/<int:activity_id>/steder/",
        map_views.places_edit_view,
        name="map_places",
    ),
    path("verksted/<int:pk>/grupper/", v.group_add_view, name="group_add"),
    path("verksted/<int:pk>/papirsvar/", v.assisted_answer_view, name="assisted"),
    path("verksted/<int:pk>/presenter/", v.presenter, name="presenter"),
    path("verksted/<int:pk>/presenter/innhold/", v.presenter_hx, name="presenter_hx"),
    path("verksted/<int:pk>/fjernkontroll/", v.remote, name="remote"),
    path("verksted/<int:pk>/qr.svg", v.qr_code, name="qr"),
    path("verksted/<int:pk>/eksport.<str:fmt>", v.export_view, name="export"),
    path("verksted/<int:pk>/oppsummering.pdf", v.summary_pdf_view, name="summary_pdf"),
    path("verksted/<int:pk>/import/", v.import_view, name="import"),
]
