from django.urls import path

from lotse.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.start, name="start"),
    path("<str:ags>/", views.district_home, name="district"),
]
