"""Account pages: sign-in, second factor, password reset, own profile, audit log."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.accounts import actions, throttling, two_factor
from lotse.accounts.access import (
    AuthenticatedHttpRequest,
    can_read_audit_log,
    professional_required,
    require,
    signed_in_required,
)
from lotse.accounts.forms import LoginForm, MailLanguageForm, TokenForm
from lotse.accounts.models import AuditEntry
from lotse.regions.models import District


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        refused_until = throttling.refused_until(self.request)
        if refused_until is None:
            return super().form_invalid(form)
        # Rounded up to the minute the page names, so that "from 14:32" is never too early.
        try_again_at = (refused_until + timedelta(seconds=59)).replace(second=0, microsecond=0)
        response = render(
            self.request, "accounts/locked_out.html", {"try_again_at": try_again_at}, status=429
        )
        response["Retry-After"] = str(max(1, int((try_again_at - timezone.now()).total_seconds())))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Not Django's form.save(): that sends the mail within the request, only for a known
        # address (the answer's timing tells which), with a link from the Host header.
        actions.request_password_reset(email=form.cleaned_data["email"])
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # Guesses at the old password say nothing about the new one: no wait for it.
        throttling.forget_account(form.user.get_username())
        return response


@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (first time) or enter its code (every sign-in)."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = two_factor.verify(request, user, form.cleaned_data["token"])
        if refusal is None:
            messages.success(request, _("Die Anmeldung ist bestätigt."))
            return redirect(next_url or "workspace:start")
        if refusal == two_factor.Refusal.THROTTLED:
            message = _(
                "Zu viele Versuche. Bitte warten Sie einige Sekunden und geben Sie dann den "
                "aktuellen Code ein."
            )
        elif refusal == two_factor.Refusal.STALE_SECRET:
            message = _(
                "Dieser QR-Code gilt nicht mehr: Die Einrichtung wurde in einer anderen "
                "Anmeldung, etwa in einem anderen Browser, neu begonnen oder abgeschlossen. "
                "Bitte folgen Sie den Hinweisen auf dieser Seite."
            )
        else:
            message = _("Dieser Code passt nicht. Bitte nehmen Sie den aktuellen Code aus der App.")
        form.add_error("token", message)
    # After a refusal too: another session may have finished the enrolment meanwhile.
    device = two_factor.confirmed_device(user)
    context = {"form": form, "enrolling": device is None, "next": next_url}
    if device is None:
        pending = two_factor.pending_device(request, user)
        context["qr_code"] = two_factor.qr_code_svg(pending)
        context["secret"] = pending.bin_key.hex()
    return render(request, "accounts/two_factor.html", context)


@signed_in_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who am I in Lotse: roles and scopes; the language of my mails."""
    form = MailLanguageForm(
        request.POST or None,
        initial={"language": request.user.language or settings.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        actions.choose_mail_language(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Die Sprache Ihrer E-Mails ist gespeichert."))
        return redirect("accounts:profile")
    memberships = request.user.memberships.select_related(
        "district", "social_area__district", "organization"
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "reads_audit_log": can_read_audit_log(request.user),
            "language_form": form,
        },
    )


AUDIT_PAGE_SIZE = 50


@professional_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every change by a person, newest first; filterable by district and kind of object."""
    require(can_read_audit_log(request.user))
    entries = AuditEntry.objects.select_related("content_type", "district").defer(
        "district__boundary"
    )
    district = District.objects.filter(ags=request.GET.get("bezirk", "")).first()
    if district:
        entries = entries.filter(district=district)
    content_types = ContentType.objects.filter(
        pk__in=AuditEntry.objects.values("content_type").distinct()
    ).order_by("model")
    kind = request.GET.get("art", "")
    if kind.isdigit():
        entries = entries.filter(content_type_id=int(kind))
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page": page,
            "districts": District.objects.all(),
            "selected_district": district,
            "content_types": content_types,
            "selected_kind": kind,
            "query": urlencode({"bezirk": district.ags if district else "", "art": kind}),
        },
    )
