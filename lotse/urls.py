from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from lotse import views
from lotse.api import api
from lotse.metrics import metrics
from lotse.networks.public_urls import calendar_patterns
from lotse.offers.hsds_api import api as hsds_api

if settings.LOTSE_REQUIRE_2FA:
    # The technical admin needs the second factor too.
    admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Lotse – Systemverwaltung"

handler400 = "lotse.views.bad_request"
handler403 = "lotse.views.forbidden"
handler404 = "lotse.views.not_found"
handler500 = "lotse.views.server_error"

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("", include(calendar_patterns)),
    path("systemverwaltung/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("konto/", include("lotse.accounts.urls")),
    path("angebote/", include("lotse.offers.urls")),
    path("angebotspflege/", include("lotse.offers.upkeep_urls")),
    path("landeskonzept/", include("lotse.concept.urls")),
    path("", include("lotse.networks.public_urls")),
    path("", include("lotse.documents.public_urls")),
    path("arbeitsbereich/", include("lotse.workspace.urls")),
    path("arbeitsbereich/", include("lotse.networks.urls")),
    path("arbeitsbereich/", include("lotse.statewide.urls")),
    path("arbeitsbereich/", include("lotse.documents.urls")),
    path("arbeitsbereich/", include("lotse.funding.finance_urls")),
    path("arbeitsbereich/", include("lotse.monitoring.urls")),
    path("arbeitsbereich/", include("lotse.grants.urls")),
    path("arbeitsbereich/<str:ags>/massnahmen/", include("lotse.funding.urls")),
    path("rechenschaft/", include("lotse.accountability.urls")),
    path("arbeitsbereich/<str:ags>/sozialraeume/", include("lotse.networks.social_area_urls")),
    prefix_default_language=False,
)
