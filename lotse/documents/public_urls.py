"""The public addresses of the published regional concepts."""

from django.urls import path

from lotse.documents import public_views

urlpatterns = [
    path(
        "konzepte/<str:ags>/<slug:code>/",
        public_views.published_concept,
        name="published_concept",
    ),
]
