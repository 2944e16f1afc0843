from django.urls import path

from lotse.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<str:offer_id>/", views.offer_detail, name="offer_detail"),
    path("<str:offer_id>/termine.ics", views.offer_calendar, name="offer_calendar"),
]
