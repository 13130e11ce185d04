"""The participant's pages: join by code, answer on a phone, no account and no e-mail.

Every page works without JavaScript (plain forms, post-redirect-get). With JavaScript, forms are
sent with fetch and kept in the phone's outbox until the server says the answer is stored; the
server replies JSON when the request asks for it (`Accept: application/json`).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samfunnslab.inclusion.easy import wants_easy_language
from samfunnslab.workshops import answers, authorizers, limits, photos, selectors, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.forms import DescriptionForm, JoinForm
from samfunnslab.workshops.fragments import activity_context, render_phone_page
from samfunnslab.workshops.models import Activity, Participant, Workshop, WorkshopStatus


def client_ip(request: HttpRequest) -> str:
    """Return the address used for per-IP limits (the proxy must set REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR", "")


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") or (
        request.content_type == "application/json"
    )


DEVICE_COOKIE = "enhet"
DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365


class Ended(Refusal):
    """The code belongs to a workshop that has closed: not a wrong code, and said kindly."""


def _refused(
    request: HttpRequest,
    refusal: Refusal,
    *,
    template: str = "workshops/refused.html",
) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"ok": False, "error": refusal.message}, status=refusal.status)
    context = {"message": refusal.message, "form": JoinForm(), "ended": isinstance(refusal, Ended)}
    return render(request, template, context, status=refusal.status)


def _find(request: HttpRequest, code: str) -> tuple[Workshop, Participant | None]:
    """Return the workshop for a code and the phone's participant in it, if it has joined.

    A phone that has joined (its signed cookie) is never held back by the code limits, also
    after the workshop has closed (so it can still see the last words and withdraw its
    self-description). For everyone else wrong codes are counted per address against guessing;
    the code of a closed workshop is not a wrong code but says that the workshop has ended.
    """
    normalised = services.normalise_join_code(code)
    workshop = selectors.workshop_for_code(normalised) or selectors.ended_workshop_for_code(
        normalised
    )
    participant = authorizers.participant_for_request(request, workshop) if workshop else None
    if workshop is not None and participant is not None:
        return workshop, participant
    ip = client_ip(request)
    limits.check_code_guessing(ip=ip)
    if workshop is None:
        limits.record_code_failure(ip=ip)
        raise Refusal(
            _(
                "Vi finner ikke noe åpent verksted med koden «%(code)s». Sjekk koden på "
                "skjermen og prøv igjen."
            )
            % {"code": code[:16]},
            status=404,
        )
    if workshop.status != WorkshopStatus.OPEN:
        raise Ended(
            _("Verkstedet «%(title)s» er avsluttet. Takk til alle som var med!")
            % {"title": workshop.title},
            status=410,
        )
    return workshop, None


def _join(request: HttpRequest, workshop: Workshop) -> tuple[Participant, str]:
    """Make this phone a new participant; return it and the browser's device id."""
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    if not (len(device) == 32 and device.isalnum()):
        device = uuid.uuid4().hex
    limits.check_join_device(device=device, workshop_id=workshop.pk)
    limits.check_join(ip=client_ip(request))
    return services.participant_join(workshop=workshop), device


def _remember(
    request: HttpRequest, response: HttpResponse, participant: Participant, device: str
) -> None:
    authorizers.remember_participant(response, participant)
    if device and request.COOKIES.get(DEVICE_COOKIE) != device:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=DEVICE_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


@require_http_methods(["GET", "POST"])
def join_page(request: HttpRequest) -> HttpResponse:
    """`/delta/`: a single field for the code on the screen; one tap takes the phone in.

    Typing the code and pressing «Bli med» makes the phone a participant and opens the activity
    shown now: the self-description is offered later, between activities, never on the way in.
    """
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workshop, participant = _find(request, form.cleaned_data["code"])
            device = ""
            if participant is None:
                participant, device = _join(request, workshop)
        except Refusal as refusal:
            form.add_error("code", refusal.message)
            return render(request, "workshops/join.html", {"form": form}, status=refusal.status)
        response = redirect("workshops:participant", code=workshop.join_code)
        _remember(request, response, participant, device)
        return response
    return render(request, "workshops/join.html", {"form": form})


def _shown_activity(request: HttpRequest, workshop: Workshop) -> Activity | None:
    """The activity the facilitator shows, or (self-paced) the one the participant picked."""
    wanted = request.GET.get("aktivitet") or request.POST.get("activity")
    if wanted and workshop.open_until is not None and str(wanted).isdigit():
        picked = workshop.activities.filter(pk=int(wanted)).first()
        if picked is not None:
            return picked
    return workshop.current_activity


@require_GET
def participant_page(request: HttpRequest, code: str) -> HttpResponse:
    """`/d/<code>/`: the welcome page, then the activity shown right now."""
    try:
        workshop, participant = _find(request, code)
    except Refusal as refusal:
        return _refused(request, refusal)
    if participant is None:
        return render_phone_page(
            request,
            "workshops/welcome.html",
            {"workshop": workshop, "easy": wants_easy_language(request, workshop)},
            workshop=workshop,
        )
    return _activity_page(request, workshop, participant)


def _activity_page(
    request: HttpRequest,
    workshop: Workshop,
    participant: Participant,
    *,
    form_state: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The phone's page with the activity shown now; `form_state` refills a refused form."""
    easy = wants_easy_language(request, workshop)
    context = activity_context(workshop, participant, _shown_activity(request, workshop), easy=easy)
    activity = context["activity"]
    response = render_phone_page(
        request,
        "workshops/participant.html",
        {
            "workshop": workshop,
            "participant": participant,
            "activity": activity,
            "state": {"workshop": {"self_paced": context["state"]["workshop"]["self_paced"]}},
            "easy": easy,
        },
        workshop=workshop,
        slot=render_to_string(
            "workshops/_participant_activity.html", {**context, **(form_state or {})}, request
        ),
        variant=activity["id"] if activity else None,
    )
    response.status_code = status
    return response


@require_GET
def participant_hx(request: HttpRequest, code: str) -> HttpResponse:
    """The activity fragment (`?del=live` for only results and items); used for live updates."""
    try:
        workshop, participant = _find(request, code)
    except Refusal as refusal:
        return _refused(request, refusal)
    if participant is None:
        return HttpResponse(status=403)
    context = activity_context(
        workshop,
        participant,
        _shown_activity(request, workshop),
        easy=wants_easy_language(request, workshop),
    )
    template = (
        "workshops/_participant_live.html"
        if request.GET.get("del") == "live"
        else "workshops/_participant_activity.html"
    )
    return render(request, template, context)


@require_GET
def participant_state(request: HttpRequest, code: str) -> HttpResponse:
    """`/d/<code>/tilstand.json`: the same full state the WebSocket sends (the polling fallback)."""
    try:
        workshop, participant = _find(request, code)
    except Refusal as refusal:
        return JsonResponse({"ok": False, "error": refusal.message}, status=refusal.status)
    if participant is None:
        return JsonResponse({"ok": False, "error": _("Du er ikke med ennå.")}, status=403)
    return JsonResponse(
        selectors.workshop_state(
            workshop,
            audience="participant",
            participant=participant,
            activity=_shown_activity(request, workshop),
        )
    )


@require_POST
def participant_join_view(request: HttpRequest, code: str) -> HttpResponse:
    """Create an anonymous participant, remember them in a signed cookie, show the activity."""
    try:
        workshop, participant = _find(request, code)
        device = ""
        if participant is None:
            participant, device = _join(request, workshop)
    except Refusal as refusal:
        return _refused(request, refusal)
    if wants_json(request):
        response: HttpResponse = JsonResponse({"ok": True, "workshop": workshop.pk})
    else:
        response = redirect("workshops:participant", code=workshop.join_code)
    _remember(request, response, participant, device)
    return response


def _participant_or_refuse(request: HttpRequest, code: str) -> tuple[Workshop, Participant]:
    workshop, participant = _find(request, code)
    if participant is None:
        raise Refusal(
            _("Du er ikke med i verkstedet ennå. Last inn siden på nytt og trykk «Bli med»."),
            status=403,
        )
    return workshop, participant


@require_http_methods(["GET", "POST"])
def participant_about(request: HttpRequest, code: str) -> HttpResponse:
    """`/d/<code>/om-meg/`: the optional self-description; skipping is always fine."""
    try:
        workshop, participant = _participant_or_refuse(request, code)
    except Refusal as refusal:
        return _refused(request, refusal)
    form = DescriptionForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        services.participant_describe(
            participant=participant,
            **{field: form.cleaned_data.get(field) or "" for field in services.DESCRIPTION_FIELDS},
        )
        messages.success(request, _("Takk! Det du fortalte om deg selv, er lagret."))
        return redirect("workshops:participant", code=workshop.join_code)
    return render(
        request,
        "workshops/about_me.html",
        {
            "workshop": workshop,
            "participant": participant,
            "form": form,
            "first_time": request.GET.get("ny") == "1",
            "easy": wants_easy_language(request, workshop),
        },
    )


@require_POST
def participant_about_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """Delete the self-description (the answers stay, they were never linked to a name)."""
    try:
        workshop, participant = _participant_or_refuse(request, code)
    except Refusal as refusal:
        return _refused(request, refusal)
    services.participant_withdraw_description(participant=participant)
    messages.success(request, _("Det du fortalte om deg selv, er slettet."))
    return redirect("workshops:participant", code=workshop.join_code)


@require_POST
def participant_group(request: HttpRequest, code: str) -> HttpResponse:
    """Choose the breakout group (table) whose board the participant's idea cards go to."""
    try:
        workshop, participant = _participant_or_refuse(request, code)
        group = workshop.groups.filter(pk=answers.int_or_none(request.POST.get("group"))).first()
        services.participant_choose_group(participant=participant, group=group)
    except Refusal as refusal:
        return _refused(request, refusal)
    if wants_json(request):
        return JsonResponse({"ok": True, "message": _("Du er med i gruppen nå.")})
    messages.success(request, _("Du er med i gruppen nå."))
    return redirect("workshops:participant", code=workshop.join_code)


def _payload(request: HttpRequest) -> dict[str, Any]:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise Refusal(
                _("Vi forsto ikke svaret. Last inn siden på nytt og prøv igjen.")
            ) from None
        if not isinstance(data, dict):
            raise Refusal(_("Vi forsto ikke svaret. Last inn siden på nytt og prøv igjen."))
        return data
    return request.POST.dict()


@require_POST
def participant_submit(request: HttpRequest, code: str) -> HttpResponse:
    """`/d/<code>/svar/`: store one answer, vote or text; reply only after it is committed."""
    try:
        workshop, participant = _participant_or_refuse(request, code)
        data = _payload(request)
        limits.check_submit(
            participant_id=participant.pk, ip=client_ip(request), action=str(data.get("action"))
        )
        activity = answers.find_activity(participant, data.get("activity"), workshop=workshop)
        reply = answers.dispatch(
            participant, activity, data, from_form=not request.content_type.endswith("json")
        )
    except Refusal as refusal:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": refusal.message}, status=refusal.status)
        messages.error(request, refusal.message)
        return _back(workshop_code=code, data=request.POST)
    if wants_json(request):
        return JsonResponse({"ok": True, **reply})
    messages.success(request, reply["message"])
    return _back(workshop_code=workshop.join_code, data=request.POST)


@require_POST
def participant_photo(request: HttpRequest, code: str) -> HttpResponse:
    """`/d/<code>/bilde/`: a photo and its description (multipart); reply after it is stored.

    A refusal names the field it is about (`field`: `file` or `text`), so the phone shows the
    reason at that field and keeps the picture and the text the person gave.
    """
    try:
        workshop, participant = _participant_or_refuse(request, code)
        limits.check_submit(participant_id=participant.pk, ip=client_ip(request))
        activity = answers.find_activity(
            participant, request.POST.get("activity"), workshop=workshop
        )
        contribution, created = photos.photo_submit(
            participant=participant,
            activity=activity,
            file=request.FILES.get("file"),
            description=answers.clean_text(request.POST.get("text", "")),
            idempotency_key=request.POST.get("key", ""),
        )
    except Refusal as refusal:
        return _photo_refused(request, code, refusal)
    message = _(
        "Takk! Bildet er sendt. Det vises på skjermen når den som leder verkstedet, har sett på det."
    )
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "id": contribution.pk,
                "created": created,
                "status": contribution.status,
                "message": message,
            }
        )
    messages.success(request, message)
    return _back(workshop_code=workshop.join_code, data=request.POST)


def _photo_refused(request: HttpRequest, code: str, refusal: Refusal) -> HttpResponse:
    """Say why a photo was refused at its field; without JavaScript, the page comes back with
    the description as the person wrote it (a browser never refills a file field)."""
    field = getattr(refusal, "field", "")
    if wants_json(request):
        return JsonResponse(
            {"ok": False, "error": refusal.message, "field": field}, status=refusal.status
        )
    try:
        workshop, participant = _participant_or_refuse(request, code)
    except Refusal as not_in:
        return _refused(request, not_in)
    form_state = {
        "photo_error": refusal.message,
        "photo_field": field or "file",
        "photo_text": request.POST.get("text", "")[:1000],
    }
    return _activity_page(
        request, workshop, participant, form_state=form_state, status=refusal.status
    )


def _back(*, workshop_code: str, data: Any) -> HttpResponse:
    url = reverse("workshops:participant", args=[services.normalise_join_code(workshop_code)])
    activity = data.get("activity") if hasattr(data, "get") else None
    if activity and str(activity).isdigit():
        url += f"?aktivitet={activity}"
    return redirect(url + "#svar")
