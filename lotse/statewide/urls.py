from django.urls import path

from lotse.statewide import views

app_name = "statewide"
E = "landesweit/veranstaltungen/"
urlpatterns = [
    path(E, views.event_list, name="event_list"),
    path(E + "neu/", views.event_edit, name="event_create"),
    path(E + "<int:event_id>/", views.event, name="event"),
    path(E + "<int:event_id>/bearbeiten/", views.event_edit, name="event_edit"),
    path("landesweit/kompetenzen/", views.competences, name="competences"),
]
