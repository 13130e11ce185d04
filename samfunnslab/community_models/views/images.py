"""Pictures on a model: the upload page (editors), the picture itself (anyone who may see the
model) and removing one. Phone pictures come over only after a facilitator approved them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samfunnslab.community_models import authorizers, pages, services, sources
from samfunnslab.community_models.image_forms import ImageForm
from samfunnslab.community_models.models import ModelImage
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import int_or_none
from samfunnslab.core.images import picture_response


@login_required
@require_http_methods(["GET", "POST"])
def images(request: HttpRequest, pk: int) -> HttpResponse:
    """`/modeller/<pk>/bilder/`: upload a picture of an artefact, and see the model's pictures."""
    model = authorizers.get_model_for_edit(request.user, pk)
    workshops = sources.workshops_for(request.user)
    form = ImageForm(workshops=workshops)
    status = 200
    if request.method == "POST":
        form = ImageForm(request.POST, request.FILES, workshops=workshops)
        if form.is_valid():
            try:
                services.image_add(
                    model=model,
                    user=request.user,
                    file=form.cleaned_data["file"],
                    alt_text=form.cleaned_data["alt_text"],
                    caption=form.cleaned_data["caption"],
                    workshop=form.workshop_ref(),
                )
            except Refusal as refusal:
                form.add_error("file", refusal.messages)
            else:
                messages.success(request, _("Bildet er lagt til i modellen."))
                return redirect("community_models:images", pk=model.pk)
        status = 400
    return render(
        request,
        "community_models/images.html",
        pages.images_context(model, request.user, form=form),
        status=status,
    )


@login_required
@require_POST
def image_from_workshop(request: HttpRequest, pk: int) -> HttpResponse:
    """`/modeller/<pk>/bilder/fra-verksted/`: put an approved photo from a workshop on the model."""
    model = authorizers.get_model_for_edit(request.user, pk)
    photo = sources.photo_get(request.user, int_or_none(request.POST.get("contribution")))
    if photo is None:
        raise Http404
    try:
        services.image_add_from_workshop(model=model, user=request.user, photo=photo)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Bildet er lagt til i modellen, med hvor det kom fra."))
    return redirect("community_models:images", pk=model.pk)


@login_required
@require_GET
def image_file(request: HttpRequest, pk: int, image_id: int) -> FileResponse:
    """`/modeller/<pk>/bilder/<id>/`: the cleaned picture, for anyone who may see the model."""
    model = authorizers.get_model_for_view(request.user, pk)
    picture = get_object_or_404(ModelImage, pk=image_id, model=model)
    return picture_response(picture.file, picture.content_type)


@login_required
@require_POST
def image_remove(request: HttpRequest, pk: int, image_id: int) -> HttpResponse:
    """`/modeller/<pk>/bilder/<id>/fjern/`: take a picture off the model."""
    model = authorizers.get_model_for_edit(request.user, pk)
    picture = get_object_or_404(ModelImage, pk=image_id, model=model)
    services.image_remove(model=model, image=picture)
    messages.success(request, _("Bildet er fjernet."))
    return redirect("community_models:images", pk=model.pk)
