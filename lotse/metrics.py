"""GET /metrics in the Prometheus text format, for the operators only (bearer token)."""

from __future__ import annotations

import hmac
import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from lotse.accounts.models import User
from lotse.core.observability import STARTED, request_metrics
from lotse.networks.models import Network
from lotse.offers.models import Offer, UnmetSearch


def _authorised(request: HttpRequest) -> bool:
    token = settings.LOTSE_METRICS_TOKEN
    offered = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(offered.encode(), token.encode())


def metrics(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        raise Http404  # the endpoint does not exist for anyone else
    today = timezone.localdate()
    offers = Offer.objects
    lines = [
        "# HELP lotse_offers Offers in the directory by state.",
        "# TYPE lotse_offers gauge",
        f'lotse_offers{{state="findable"}} {offers.findable().count()}',
        f'lotse_offers{{state="pending"}} {offers.filter(approval=Offer.Approval.PENDING).count()}',
        f'lotse_offers{{state="all"}} {offers.count()}',
        "# HELP lotse_unmet_searches_today Searches that found nothing nearby today.",
        "# TYPE lotse_unmet_searches_today gauge",
        f"lotse_unmet_searches_today {sum(UnmetSearch.objects.filter(day=today).values_list('count', flat=True))}",
        "# HELP lotse_staff_users Active staff accounts.",
        "# TYPE lotse_staff_users gauge",
        f"lotse_staff_users {User.objects.filter(is_active=True).count()}",
        "# HELP lotse_networks Networks and sub-networks.",
        "# TYPE lotse_networks gauge",
        f"lotse_networks {Network.objects.count()}",
        "# HELP lotse_process_uptime_seconds Seconds since this worker started.",
        "# TYPE lotse_process_uptime_seconds gauge",
        f"lotse_process_uptime_seconds {time.time() - STARTED:.0f}",
    ]
    counts, duration_sum, duration_count = request_metrics()
    lines += [
        "# HELP lotse_http_requests_total Requests answered by this worker.",
        "# TYPE lotse_http_requests_total counter",
    ]
    lines += [
        f'lotse_http_requests_total{{method="{method}",status="{status}"}} {count}'
        for (method, status), count in sorted(counts.items())
    ]
    lines += [
        "# HELP lotse_http_request_duration_seconds Time spent answering requests.",
        "# TYPE lotse_http_request_duration_seconds summary",
        f"lotse_http_request_duration_seconds_sum {duration_sum:.6f}",
        f"lotse_http_request_duration_seconds_count {duration_count}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4")
