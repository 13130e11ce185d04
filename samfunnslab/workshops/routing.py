"""WebSocket routes of the live workshops."""

from __future__ import annotations

from django.urls import URLPattern, path

from samfunnslab.workshops.consumers import ParticipantConsumer, StaffConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/d/<str:code>/", ParticipantConsumer.as_asgi()),
    path("ws/verksted/<int:workshop_id>/", StaffConsumer.as_asgi()),
]
