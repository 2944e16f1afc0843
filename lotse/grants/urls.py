"""Pages of the grant procedure: /arbeitsbereich/…"""

from django.urls import path

from lotse.grants import views

app_name = "grants"
urlpatterns = [
    path("landesweit/zuwendungen/", views.overview, name="overview"),
    path("landesweit/zuwendungen/<int:year>/eroeffnen/", views.open_year, name="open_year"),
    path("<str:ags>/zuwendungen/", views.district, name="district"),
    path("<str:ags>/zuwendungen/<int:year>/<slug:slug>/", views.document, name="document"),
    path("<str:ags>/zuwendungen/<int:year>/<slug:slug>/schritt/", views.step, name="step"),
    path(
        "<str:ags>/zuwendungen/<int:year>/<slug:slug>/dokument.<str:file_format>",
        views.document_file,
        name="document_file",
    ),
]
