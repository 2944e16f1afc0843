"""Concepts and reports in the workspace: /arbeitsbereich/…"""

from django.urls import path

from lotse.documents import edition_views, state_views
from lotse.documents import views as views

app_name = "documents"
D = "<str:ags>/konzepte/<int:document_id>/"
urlpatterns = [
    path("landesweit/konzepte/", state_views.state_documents, name="state_documents"),
    path(
        "landesweit/konzepte/matrix.xlsx",
        state_views.state_documents_export,
        name="state_documents_export",
    ),
    path("landesweit/checkliste/", state_views.checklist, name="checklist"),
    path("landesweit/landeskonzept/", edition_views.edition_list, name="editions"),
    path("landesweit/landeskonzept/<slug:code>/", edition_views.edition, name="edition"),
    path(
        "landesweit/landeskonzept/<slug:code>/schritt/",
        edition_views.edition_step,
        name="edition_step",
    ),
    path("landesweit/zielkontrolle/", state_views.state_office_tasks, name="state_office_tasks"),
    path("<str:ags>/konzepte/", views.document_list, name="document_list"),
    path("<str:ags>/konzepte/neu/<str:kind>/", views.document_create, name="document_create"),
    path(D, views.document, name="document"),
    path(D + "abschnitt/<int:section_id>/", views.section_edit, name="section_edit"),
    path(D + "bausteine/", views.module_statuses, name="module_statuses"),
    path(D + "pruefung/", views.review, name="review"),
    path(D + "anmerkung/", views.comment_create, name="comment_create"),
    path(D + "anmerkung/<int:pk>/erledigt/", views.comment_resolve, name="comment_resolve"),
    path(D + "schritt/", views.step, name="step"),
    path(D + "fassung/<int:number>/", views.version, name="version"),
    path(D + "vergleich/", views.compare, name="compare"),
    path(D + "dokument.<str:file_format>", views.export, name="export"),
    path(D + "anhang/", views.attachment_create, name="attachment_create"),
    path(D + "anhang/<int:pk>/", views.attachment, name="attachment"),
]
