from django.urls import path

from lotse.concept import views

app_name = "concept"
urlpatterns = [
    path("", views.state_concept_current, name="state_concept"),
    path("<slug:code>/", views.state_concept_edition, name="state_concept_edition"),
]
