"""Monitoring: /arbeitsbereich/…"""

from django.urls import path

from lotse.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("landesweit/indikatoren/", views.catalogue, name="catalogue"),
    path("landesweit/indikatoren/<slug:code>/", views.indicator, name="indicator"),
    path("landesweit/indikatoren/<slug:code>/ziele/", views.targets, name="targets"),
    path("landesweit/erreichbarkeit/", views.reach_analysis, name="reach"),
    path("landesweit/erreichbarkeit.csv", views.reach_export, name="reach_export"),
    path("landesweit/statistik/", views.statistics, name="statistics"),
    path("landesweit/bericht.<str:file_format>", views.state_report, name="state_report"),
    path("<str:ags>/indikatoren/", views.district_indicators, name="district"),
]
