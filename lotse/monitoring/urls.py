"""Monitoring: /arbeitsbereich/…"""

from django.urls import path

from lotse.monitoring import nzfh_views, views

app_name = "monitoring"
urlpatterns = [
    path("landesweit/indikatoren/", views.catalogue, name="catalogue"),
    path("landesweit/indikatoren/<slug:code>/", views.indicator, name="indicator"),
    path("landesweit/indikatoren/<slug:code>/ziele/", views.targets, name="targets"),
    path("landesweit/erreichbarkeit/", views.reach_analysis, name="reach"),
    path("landesweit/erreichbarkeit.csv", views.reach_export, name="reach_export"),
    path("landesweit/statistik/", views.statistics, name="statistics"),
    path("landesweit/bericht.<str:file_format>", views.state_report, name="state_report"),
    path("landesweit/nzfh-bericht/", nzfh_views.report_list, name="nzfh_reports"),
    path("landesweit/nzfh-bericht/<int:year>/", nzfh_views.report, name="nzfh_report"),
    path(
        "landesweit/nzfh-bericht/<int:year>/bericht.pdf",
        nzfh_views.report_pdf,
        name="nzfh_report_pdf",
    ),
    path(
        "landesweit/nzfh-bericht/<int:year>/schritt/",
        nzfh_views.report_step,
        name="nzfh_report_step",
    ),
    path("<str:ags>/indikatoren/", views.district_indicators, name="district"),
]
