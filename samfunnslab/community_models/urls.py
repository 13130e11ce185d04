from __future__ import annotations

from django.urls import path

from samfunnslab.community_models import views

app_name = "community_models"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.model_create, name="create"),
    path("sammenlign/", views.compare, name="compare"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/rediger/", views.model_edit, name="edit"),
    path("<int:pk>/slett/", views.model_delete, name="delete"),
    path("<int:pk>/bygg/", views.builder, name="builder"),
    path("<int:pk>/bygg/<str:part>/", views.builder_add, name="builder_add"),
    path("<int:pk>/bygg/<str:part>/<int:item>/slett/", views.builder_remove, name="builder_remove"),
    path("<int:pk>/element/<int:item>/endre/", views.element_edit, name="element_edit"),
    path("<int:pk>/funksjon/<int:item>/kommuneversjon/", views.function_lens, name="function_lens"),
    path("<int:pk>/parametere/", views.parameters, name="parameters"),
    path("<int:pk>/ny-variant/", views.model_fork, name="fork"),
    path("<int:pk>/versjon/", views.version_save, name="version_save"),
    path("<int:pk>/bilder/", views.images, name="images"),
    path("<int:pk>/bilder/fra-verksted/", views.image_from_workshop, name="image_from_workshop"),
    path("<int:pk>/bilder/<int:image_id>/", views.image_file, name="image_file"),
    path("<int:pk>/bilder/<int:image_id>/fjern/", views.image_remove, name="image_remove"),
    path("<int:pk>/hent-innspill/", views.contributions, name="contributions"),
    path("<int:pk>/eksport/kumu.json", views.export_kumu, name="export_kumu"),
    path("<int:pk>/eksport/elementer.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/eksport/modellbeskrivelse.pdf", views.export_pdf, name="export_pdf"),
]
