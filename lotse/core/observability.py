"""Operators' view of the running app: a request id on every request and log line,
structured JSON logs, and Prometheus metrics at /metrics (behind a token, not public).

Request counters are kept per process (one gunicorn worker each); Prometheus adds the
workers up when it scrapes them, or the figures describe the worker that answered.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import threading
import time
import uuid
from collections import Counter

from django.http import HttpRequest, HttpResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
access_log = logging.getLogger("lotse.requests")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_lock = threading.Lock()
_requests: Counter[tuple[str, str]] = Counter()  # (method, status class) -> count
_duration_sum = 0.0
_duration_count = 0
STARTED = time.time()


def request_metrics() -> tuple[dict[tuple[str, str], int], float, int]:
    with _lock:
        return dict(_requests), _duration_sum, _duration_count


class RequestIdAndLog:
    """Takes the proxy's X-Request-ID (or makes one), returns it, logs one line per request.
    The log line has no query string and no client address: search parameters could
    describe a family, and the address is personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        global _duration_sum, _duration_count
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = offered if VALID_REQUEST_ID.match(offered) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        elapsed = time.perf_counter() - started
        response["X-Request-ID"] = request_id
        assert request.method is not None  # Django's handlers always set it
        with _lock:
            _requests[(request.method, f"{response.status_code // 100}xx")] += 1
            _duration_sum += elapsed
            _duration_count += 1
        access_log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 1),
                # "hit" or "miss" for public reads (lotse/public_cache.py), else absent.
                "cache": getattr(request, "public_cache", None),
            },
        )
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "method", "path", "status", "duration_ms", "cache")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
