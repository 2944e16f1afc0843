from django.urls import path

from lotse.networks import social_area_views as views

app_name = "social_areas"
urlpatterns = [
    path("", views.social_area_list, name="social_area_list"),
    path("neu/", views.social_area_create, name="social_area_create"),
    path("<int:pk>/", views.social_area_detail, name="social_area_detail"),
    path("<int:pk>/bearbeiten/", views.social_area_edit, name="social_area_edit"),
]
