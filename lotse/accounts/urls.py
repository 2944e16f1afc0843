from django.contrib.auth import views as auth_views
from django.urls import path

from lotse.accounts import views
from lotse.core.ratelimit import limit_posts

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zwei-faktor/", views.two_factor_view, name="two_factor"),
    path(
        "passwort-vergessen/",
        limit_posts("password_reset", "LOTSE_PASSWORD_RESETS_PER_HOUR")(
            views.PasswordResetView.as_view()
        ),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("protokoll/", views.audit_log, name="audit_log"),
]
