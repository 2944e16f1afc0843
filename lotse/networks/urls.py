from django.urls import path

from lotse.networks import sector_views, standard_views, views

app_name = "networks"
N = "<str:ags>/netzwerke/<int:network_id>/"
urlpatterns = [
    path("landesweit/netzwerke/", views.state_overview, name="state_overview"),
    path("landesweit/sektoren/", sector_views.sector_list, name="sector_list"),
    path("landesweit/sektoren/neu/", sector_views.sector_edit, name="sector_create"),
    path("landesweit/sektoren/<int:sector_id>/", sector_views.sector_edit, name="sector_edit"),
    path("<str:ags>/netzwerk/", views.network_home, name="network_home"),
    path(N, views.network, name="network"),
    path(N + "teilnetzwerk/neu/", views.sub_network_create, name="sub_network_create"),
    path(N + "partner/", views.partner_list, name="partner_list"),
    path(N + "partner/neu/", views.partner_edit, name="partner_create"),
    path(N + "partner/<int:pk>/", views.partner_edit, name="partner_edit"),
    path(N + "treffen/", views.meeting_list, name="meeting_list"),
    path(N + "treffen/neu/", views.meeting_edit, name="meeting_create"),
    path(N + "treffen/<int:pk>/", views.meeting, name="meeting"),
    path(N + "treffen/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path(N + "qualitaetsstandards/", standard_views.standard_list, name="standard_list"),
    path(
        N + "qualitaetsstandards/<int:standard_id>/",
        standard_views.standard,
        name="standard",
    ),
    path(N + "koordination/neu/", views.coordination_edit, name="coordination_create"),
    path(N + "koordination/<int:pk>/", views.coordination_edit, name="coordination_edit"),
    path(N + "mindestanforderungen/", views.requirements, name="requirements"),
    path(N + "elternthemen/", views.parent_topics, name="parent_topics"),
    path(N + "ehrenamt/", views.volunteer_list, name="volunteer_list"),
    path(N + "ehrenamt/neu/", views.volunteer_edit, name="volunteer_create"),
    path(N + "ehrenamt/<int:pk>/", views.volunteer_edit, name="volunteer_edit"),
    path(N + "befragungen/", views.survey_list, name="survey_list"),
    path(N + "befragungen/<int:pk>/", views.survey, name="survey"),
    path(
        N + "befragungen/<int:pk>/export.<str:file_format>",
        views.survey_export,
        name="survey_export",
    ),
    path(N + "export/<str:what>.<str:file_format>", views.export, name="export"),
    path(N + "dateien/<str:kind>/<int:pk>/", views.document, name="document"),
]
