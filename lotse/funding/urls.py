"""A district's measures: /arbeitsbereich/<ags>/massnahmen/…"""

from django.urls import path

from lotse.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("neu/", views.measure_edit, name="measure_create"),
    path("<int:pk>/", views.measure, name="measure"),
    path("<int:pk>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("<int:pk>/foerdervoraussetzungen/", views.measure_conditions, name="measure_conditions"),
    path("<int:pk>/jahr/<int:year>/", views.measure_year, name="measure_year"),
    path("<int:pk>/steckbrief.<str:file_format>", views.measure_profile, name="measure_profile"),
    path(
        "<int:pk>/sachbericht-<int:year>.<str:file_format>",
        views.progress_report,
        name="progress_report",
    ),
]
