"""A measure's Projektsteckbrief and Sachberichte: /rechenschaft/…

Not under /arbeitsbereich/<ags>/: the provider's editors, who see nothing else of the
district, write here; access.get_measure_for_user keeps every page to its scope.
"""

from django.urls import path

from lotse.accountability import views

app_name = "accountability"
M = "<str:ags>/<int:pk>/"
urlpatterns = [
    path("", views.to_do, name="to_do"),
    path(M, views.measure, name="measure"),
    path(M + "steckbrief/<int:number>/", views.profile, name="profile"),
    path(M + "steckbrief/neue-fassung/", views.profile_revision, name="profile_revision"),
    path(
        M + "steckbrief/<int:number>.<str:file_format>", views.profile_print, name="profile_print"
    ),
    path(M + "sachbericht/<int:year>/", views.report, name="report"),
    path(M + "sachbericht/<int:year>/pruefung/", views.check, name="check"),
    path(M + "sachbericht-<int:year>.<str:file_format>", views.report_print, name="report_print"),
    path(M + "dokument/<int:document_id>/schritt/", views.step, name="step"),
]
