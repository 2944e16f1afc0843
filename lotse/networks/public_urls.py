"""The network's addresses outside the workspace: the secret calendar feed (outside the
language prefixes: calendar apps cannot choose a language), a survey's questionnaire and the
form where partner staff record a parents' topic."""

from django.urls import path

from lotse.networks import views

calendar_patterns = [
    # The secret address calendar apps subscribe to (they cannot sign in).
    path("netzwerk-kalender/<str:token>.ics", views.network_calendar, name="network_calendar"),
]
urlpatterns = [
    path("befragung/<str:token>/", views.survey_answer, name="survey_answer"),
    path("elternthemen/", views.partner_topic, name="partner_topic"),
]
