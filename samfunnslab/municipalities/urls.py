from __future__ import annotations

from django.urls import path

from samfunnslab.municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("norge-2040/", views.norway_2040, name="norway_2040"),
    path("norge-2040/kart-2040.geojson", views.norway_2040_map, name="norway_2040_map"),
    path("kommune/", views.search, name="search"),
    path("kommune/forslag/", views.search_hx, name="search_hx"),
    path("kommune/<str:code>/", views.detail, name="detail"),
    path("kommune/<str:code>/2040/", views.story_page, name="story"),
    path("kommune/<str:code>/2040.pdf", views.story_pdf, name="story_pdf"),
    path("kommune/<str:code>/okonomi/", views.economy_page, name="economy"),
    path("kommune/<str:code>/sammenlign/", views.compare_choose, name="compare_choose"),
    path("kommune/<str:code>/sammenlign/<str:other>/", views.compare, name="compare"),
    path("fylke/<str:code>/", views.county, name="county"),
    path("ba-region/<str:code>/", views.ba_region, name="ba_region"),
]
