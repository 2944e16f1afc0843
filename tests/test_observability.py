"""Request ids, JSON logs without query strings, and the operators' metrics endpoint."""

import json
import logging

import pytest

from lotse.core.observability import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_keeps_a_valid_one(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-abc-123")["X-Request-ID"]
    assert kept == "proxy-abc-123"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>"


def test_the_access_log_is_json_without_query_string_or_address(client, caplog, settings):
    logger = logging.getLogger("lotse.requests")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.INFO, logger="lotse.requests"):
            client.get("/angebote/?where=17489&age=12")
    finally:
        logger.setLevel(old_level)
    record = next(r for r in caplog.records if r.name == "lotse.requests")
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/angebote/" and line["status"] == 200
    assert "17489" not in json.dumps(line) and "127.0.0.1" not in json.dumps(line)
    assert line["request_id"] and line["duration_ms"] >= 0


def test_metrics_need_the_operators_token(client, settings):
    settings.LOTSE_METRICS_TOKEN = "s3cr3t-operator-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    client.get("/healthz")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cr3t-operator-token")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert 'lotse_offers{state="findable"} 0' in text
    assert 'lotse_http_requests_total{method="GET",status="2xx"}' in text
    assert "lotse_networks 8" in text


def test_metrics_are_off_without_a_token(client, settings):
    settings.LOTSE_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404
