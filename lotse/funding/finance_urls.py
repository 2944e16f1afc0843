"""Money pages: /arbeitsbereich/…"""

from django.urls import path

from lotse.funding import finance_views as views

app_name = "finance"
urlpatterns = [
    path("landesweit/finanzen/", views.fund_years, name="fund_years"),
    path("landesweit/finanzen/neu/", views.fund_year_edit, name="fund_year_create"),
    path("landesweit/finanzen/schluessel/neu/", views.key_edit, name="key_create"),
    path("landesweit/finanzen/schluessel/<int:key_id>/", views.key_edit, name="key_edit"),
    path("landesweit/finanzen/<int:year>/", views.fund_year, name="fund_year"),
    path("landesweit/finanzen/<int:year>/bearbeiten/", views.fund_year_edit, name="fund_year_edit"),
    path(
        "landesweit/finanzen/<int:year>/verteilen/",
        views.fund_year_allocate,
        name="fund_year_allocate",
    ),
    path(
        "landesweit/finanzen/<int:year>/uebersicht.<str:file_format>",
        views.fund_year_export,
        name="fund_year_export",
    ),
    path("<str:ags>/finanzen/", views.finances, name="finances"),
    path("<str:ags>/finanzen/<int:year>/massnahme/<int:pk>/", views.plan_edit, name="plan_edit"),
    path(
        "<str:ags>/finanzen/<int:year>/finanzplan.<str:file_format>",
        views.district_export,
        name="district_export",
    ),
    path("<str:ags>/fb3/<int:pk>/", views.fb3_proposal, name="fb3_proposal"),
    path("<str:ags>/fb3/<int:pk>/schritt/", views.fb3_step, name="fb3_step"),
    path("<str:ags>/fb3/<int:pk>/bescheid/", views.fb3_document, name="fb3_document"),
]
