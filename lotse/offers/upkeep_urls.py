from django.urls import path

from lotse.offers import contact_views
from lotse.offers import upkeep_views as views

app_name = "upkeep"
urlpatterns = [
    path("", views.offer_list, name="offers"),
    path("neu/", views.offer_create, name="offer_create"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<str:import_id>/", views.import_preview, name="import_preview"),
    path("export/<str:file_format>/", views.export, name="export"),
    path("anlaufstellen/", contact_views.contact_points, name="contact_points"),
    path("anlaufstellen/<str:ags>/", contact_views.contact_point_edit, name="contact_point"),
    path("hilfetelefone/", contact_views.helplines, name="helplines"),
    path("hilfetelefone/neu/", contact_views.helpline_edit, name="helpline_create"),
    path("hilfetelefone/<int:helpline_id>/", contact_views.helpline_edit, name="helpline"),
    path(
        "hilfetelefone/<int:helpline_id>/entfernen/",
        contact_views.helpline_delete,
        name="helpline_delete",
    ),
    path("<str:offer_id>/", views.offer_manage, name="offer"),
    path("<str:offer_id>/bearbeiten/", views.offer_edit, name="offer_edit"),
    path("<str:offer_id>/freigeben/", views.offer_approve, name="offer_approve"),
    path("<str:offer_id>/aenderung/", views.offer_change, name="offer_change"),
    path("<str:offer_id>/geprueft/", views.offer_confirm, name="offer_confirm"),
    path("<str:offer_id>/uebersetzung/", views.offer_translation, name="offer_translation"),
]
