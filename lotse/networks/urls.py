from django.urls import path

from lotse.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.workspace_start, name="workspace_start"),
    path("<str:ags>/", views.workspace, name="workspace"),
]
