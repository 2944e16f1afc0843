"""Every named URL, every persona: the expected status. A URL without a row fails."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS

# The technical admin (Django admin, superusers only) is not part of the product's roles;
# it is tested on its own in test_admin_is_for_superusers_only.
EXCLUDED_NAMESPACES = {"admin"}

# fmt: off
# GET status per persona: parent, provider_editor, area_coordinator, network_coordinator (13075),
# coordinator_elsewhere (13071), state_coordinator, ministry, grant_office (the state office's
# grant staff: the grant procedure only, every other staff page 403). All objects are in 13075.
EXPECTED = {
    "home":                              (200, 200, 200, 200, 200, 200, 200, 200),
    "imprint":                           (200, 200, 200, 200, 200, 200, 200, 200),
    "privacy":                           (200, 200, 200, 200, 200, 200, 200, 200),
    "accessibility":                     (200, 200, 200, 200, 200, 200, 200, 200),
    "healthz":                           (200, 200, 200, 200, 200, 200, 200, 200),
    "metrics":                           (404, 404, 404, 404, 404, 404, 404, 404),
    "accounts:login":                    (200, 302, 302, 302, 302, 302, 302, 302),
    "accounts:logout":                   (405, 405, 405, 405, 405, 405, 405, 405),
    "accounts:two_factor":               (302, 200, 200, 200, 200, 200, 200, 200),
    "accounts:profile":                  (302, 200, 200, 200, 200, 200, 200, 200),
    "accounts:audit_log":                (302, 403, 403, 403, 403, 200, 403, 403),
    "accounts:password_reset":           (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset_done":      (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset_confirm":   (200, 200, 200, 200, 200, 200, 200, 200),
    "accounts:password_reset_complete":  (200, 200, 200, 200, 200, 200, 200, 200),
    "offers:finder":                     (200, 200, 200, 200, 200, 200, 200, 200),
    "offers:offer_detail":               (404, 404, 404, 404, 404, 404, 404, 404),
    "offers:offer_calendar":             (404, 404, 404, 404, 404, 404, 404, 404),
    "upkeep:offers":                     (302, 200, 403, 200, 200, 200, 403, 403),
    "upkeep:offer_create":               (302, 200, 403, 200, 200, 200, 403, 403),
    "upkeep:import_upload":              (302, 403, 403, 200, 200, 200, 403, 403),
    "upkeep:import_preview":             (302, 403, 403, 404, 404, 404, 403, 403),
    "upkeep:export":                     (302, 200, 403, 200, 200, 200, 403, 403),
    "upkeep:offer":                      (302, 404, 404, 404, 404, 404, 404, 403),
    "upkeep:offer_edit":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "upkeep:offer_approve":              (405, 405, 405, 405, 405, 405, 405, 405),
    "upkeep:offer_change":               (302, 404, 404, 404, 404, 404, 404, 403),
    "upkeep:offer_confirm":              (405, 405, 405, 405, 405, 405, 405, 405),
    "upkeep:offer_translation":          (302, 404, 404, 404, 404, 404, 404, 403),
    "upkeep:contact_points":             (302, 403, 403, 200, 200, 200, 403, 403),
    "upkeep:contact_point":              (302, 404, 403, 200, 404, 200, 403, 403),
    "upkeep:helplines":                  (302, 403, 403, 403, 403, 200, 403, 403),
    "upkeep:helpline_create":            (302, 403, 403, 403, 403, 200, 403, 403),
    "upkeep:helpline":                   (302, 403, 403, 403, 403, 404, 403, 403),
    "upkeep:helpline_delete":            (405, 405, 405, 405, 405, 405, 405, 405),
    "concept:state_concept":             (200, 200, 200, 200, 200, 200, 200, 200),
    "concept:state_concept_edition":     (200, 200, 200, 200, 200, 200, 200, 200),
    "documents:state_documents":         (302, 403, 403, 403, 403, 200, 200, 403),
    "documents:state_documents_export":  (302, 403, 403, 403, 403, 200, 200, 403),
    "documents:checklist":               (302, 403, 403, 403, 403, 200, 403, 403),
    "documents:state_office_tasks":      (302, 403, 403, 403, 403, 200, 200, 403),
    "documents:editions":                (302, 403, 403, 403, 403, 200, 200, 403),
    "documents:edition":                 (302, 403, 403, 403, 403, 200, 200, 403),
    "documents:edition_step":            (302, 403, 403, 403, 403, 405, 403, 403),
    "published_concept":                 (404, 404, 404, 404, 404, 404, 404, 404),
    "documents:document_list":           (302, 404, 200, 200, 404, 200, 200, 403),
    "documents:document_create":         (302, 404, 405, 405, 404, 405, 405, 403),
    "documents:document":                (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:section_edit":            (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:module_statuses":         (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:review":                  (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:comment_create":          (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:comment_resolve":         (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:step":                    (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:version":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:compare":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:export":                  (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:attachment_create":       (302, 404, 404, 404, 404, 404, 404, 403),
    "documents:attachment":              (302, 404, 404, 404, 404, 404, 404, 403),
    "funding:measure_list":              (302, 404, 200, 200, 404, 200, 200, 403),
    "funding:measure_create":            (302, 404, 403, 200, 404, 403, 403, 403),
    "funding:measure":                   (302, 404, 404, 404, 404, 404, 404, 403),
    "funding:measure_edit":              (302, 404, 403, 404, 404, 403, 403, 403),
    "funding:measure_conditions":        (302, 404, 404, 404, 404, 404, 404, 403),
    "funding:measure_year":              (302, 404, 404, 404, 404, 404, 404, 403),
    "funding:measure_profile":           (302, 404, 404, 404, 404, 404, 404, 403),
    "funding:progress_report":           (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:to_do":              (302, 200, 200, 200, 200, 200, 200, 403),
    "accountability:measure":            (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:profile":            (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:profile_revision":   (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:profile_print":      (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:report":             (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:check":              (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:report_print":       (302, 404, 404, 404, 404, 404, 404, 403),
    "accountability:step":               (302, 404, 404, 404, 404, 404, 404, 403),
    "finance:fund_years":                (302, 403, 403, 403, 403, 200, 200, 403),
    "finance:fund_year_create":          (302, 403, 403, 403, 403, 200, 403, 403),
    "finance:key_create":                (302, 403, 403, 403, 403, 200, 403, 403),
    "finance:key_edit":                  (302, 403, 403, 403, 403, 404, 403, 403),
    "finance:fund_year":                 (302, 403, 403, 403, 403, 404, 404, 403),
    "finance:fund_year_edit":            (302, 403, 403, 403, 403, 404, 403, 403),
    "finance:fund_year_allocate":        (302, 403, 403, 403, 403, 405, 403, 403),
    "finance:fund_year_export":          (302, 403, 403, 403, 403, 404, 404, 403),
    "finance:finances":                  (302, 404, 200, 200, 404, 200, 200, 403),
    "finance:plan_edit":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "finance:district_export":           (302, 404, 404, 404, 404, 404, 404, 403),
    "finance:fb3_proposal":              (302, 404, 404, 404, 404, 404, 404, 403),
    "finance:fb3_step":                  (302, 404, 404, 404, 404, 404, 404, 403),
    "finance:fb3_document":              (302, 404, 404, 404, 404, 404, 404, 403),
    "monitoring:catalogue":              (302, 403, 200, 200, 200, 200, 200, 403),
    "monitoring:indicator":              (302, 403, 404, 404, 404, 404, 404, 403),
    "monitoring:targets":                (302, 403, 403, 403, 403, 404, 403, 403),
    "monitoring:reach":                  (302, 403, 200, 200, 200, 200, 200, 403),
    "monitoring:reach_export":           (302, 403, 200, 200, 200, 200, 200, 403),
    "monitoring:statistics":             (302, 403, 403, 403, 403, 200, 200, 403),
    "monitoring:state_report":           (302, 403, 404, 404, 404, 200, 200, 403),
    "monitoring:district":               (302, 404, 200, 200, 404, 200, 200, 403),
    "monitoring:nzfh_reports":           (302, 403, 403, 403, 403, 200, 200, 403),
    "monitoring:nzfh_report":            (302, 403, 403, 403, 403, 404, 404, 403),
    "monitoring:nzfh_report_pdf":        (302, 403, 403, 403, 403, 404, 404, 403),
    "monitoring:nzfh_report_step":       (302, 403, 403, 403, 403, 404, 404, 403),
    "workspace:start":          (302, 200, 302, 302, 302, 200, 200, 200),
    "workspace:district":                (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:state_overview":           (302, 403, 403, 403, 403, 200, 200, 403),
    "networks:sector_list":              (302, 403, 200, 200, 200, 200, 200, 403),
    "networks:sector_create":            (302, 403, 403, 403, 403, 200, 403, 403),
    "networks:sector_edit":              (302, 403, 403, 403, 403, 404, 403, 403),
    "networks:network_home":             (302, 404, 302, 302, 404, 302, 302, 403),
    "networks:network":                  (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:sub_network_create":       (302, 404, 403, 200, 404, 200, 403, 403),
    "networks:partner_list":             (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:partner_create":           (302, 404, 403, 200, 404, 200, 403, 403),
    "networks:partner_edit":             (302, 404, 403, 404, 404, 404, 403, 403),
    "networks:meeting_list":             (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:meeting_create":           (302, 404, 403, 200, 404, 200, 403, 403),
    "networks:meeting":                  (302, 404, 404, 404, 404, 404, 404, 403),
    "networks:meeting_edit":             (302, 404, 403, 404, 404, 404, 403, 403),
    "networks:standard_list":            (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:standard":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "statewide:event_list":              (302, 403, 403, 200, 200, 200, 200, 403),
    "statewide:event_create":            (302, 403, 403, 403, 403, 200, 403, 403),
    "statewide:event":                   (302, 403, 403, 404, 404, 404, 404, 403),
    "statewide:event_edit":              (302, 403, 403, 403, 403, 404, 403, 403),
    "statewide:competences":             (302, 403, 403, 403, 403, 200, 200, 403),
    "networks:coordination_create":      (302, 404, 403, 200, 404, 200, 403, 403),
    "networks:coordination_edit":        (302, 404, 403, 404, 404, 404, 403, 403),
    "networks:requirements":             (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:parent_topics":            (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:survey_list":              (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:volunteer_list":           (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:volunteer_create":         (302, 404, 403, 200, 404, 200, 403, 403),
    "networks:volunteer_edit":           (302, 404, 403, 404, 404, 404, 403, 403),
    "networks:survey":                   (302, 404, 404, 404, 404, 404, 404, 403),
    "networks:survey_export":            (302, 404, 404, 404, 404, 404, 404, 403),
    "survey_answer":                     (404, 404, 404, 404, 404, 404, 404, 404),
    "partner_topic":                     (302, 403, 200, 200, 200, 200, 403, 403),
    "networks:export":                   (302, 404, 200, 200, 404, 200, 200, 403),
    "networks:document":                 (302, 404, 404, 404, 404, 404, 404, 403),
    "network_calendar":                  (404, 404, 404, 404, 404, 404, 404, 404),
    "social_areas:social_area_list":          (302, 404, 200, 200, 404, 200, 200, 403),
    "social_areas:social_area_create":        (302, 404, 403, 200, 404, 200, 403, 403),
    "social_areas:social_area_detail":        (302, 404, 200, 200, 404, 200, 200, 403),
    "social_areas:social_area_edit":          (302, 404, 403, 200, 404, 200, 403, 403),
    "api:api-root":                      (404, 404, 404, 404, 404, 404, 404, 404),
    "api:openapi-json":                  (200, 200, 200, 200, 200, 200, 200, 200),
    "api:list_districts":                (200, 200, 200, 200, 200, 200, 200, 200),
    "api:lookup":                        (200, 200, 200, 200, 200, 200, 200, 200),
    "api:district_boundaries":           (200, 200, 200, 200, 200, 200, 200, 200),
    "api:current_state_concept":         (200, 200, 200, 200, 200, 200, 200, 200),
    "api:list_editions":                 (200, 200, 200, 200, 200, 200, 200, 200),
    "api:list_offers":                   (200, 200, 200, 200, 200, 200, 200, 200),
    "api:get_offer":                     (404, 404, 404, 404, 404, 404, 404, 404),
    "api:state_concept_edition":         (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:api-root":                     (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:root":                         (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:openapi-json":                 (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:profile":                      (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:list_services":                (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:get_service":                  (404, 404, 404, 404, 404, 404, 404, 404),
    "hsds:list_organizations":           (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:get_organization":             (404, 404, 404, 404, 404, 404, 404, 404),
    "hsds:list_service_at_locations":    (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:get_service_at_location":      (404, 404, 404, 404, 404, 404, 404, 404),
    "hsds:list_taxonomies":              (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:get_taxonomy":                 (404, 404, 404, 404, 404, 404, 404, 404),
    "hsds:list_taxonomy_terms":          (200, 200, 200, 200, 200, 200, 200, 200),
    "hsds:get_taxonomy_term":            (404, 404, 404, 404, 404, 404, 404, 404),
    "grants:overview":                   (302, 403, 403, 403, 403, 200, 200, 200),
    "grants:open_year":                  (302, 403, 403, 403, 403, 405, 403, 403),
    "grants:district":                   (302, 404, 403, 200, 404, 200, 200, 200),
    "grants:document":                   (302, 404, 403, 404, 404, 404, 404, 404),
    "grants:step":                       (302, 404, 403, 404, 404, 404, 404, 404),
    "grants:document_file":              (302, 404, 403, 404, 404, 404, 404, 404),
}
# fmt: on

QUERY_STRINGS = {
    "api:lookup": "?q=17489",
    "api:list_offers": "?postcode=17489",
    "offers:finder": "?where=17489&age=12",
}


def named_urls() -> dict[str, list[str]]:
    """Every named URL pattern as "namespace:name" with the keyword arguments it needs."""
    found: dict[str, list[str]] = {}

    def walk(patterns, namespace: str | None, outer: list[str]) -> None:
        for pattern in patterns:
            converters = outer + list(getattr(pattern.pattern, "converters", {}))
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                walk(pattern.url_patterns, inner, converters)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = converters

    walk(get_resolver().url_patterns, None, [])
    return found


def url_for(name: str, world) -> str:
    arguments = {
        "ags": world.district.ags,
        "pk": world.social_area.pk,
        "code": "2023-2025",
        "uidb64": "MQ",
        "token": "set-password",
        # An unknown offer: the offer scoping is tested in lotse/offers/tests.
        "offer_id": "00000000-0000-4000-8000-000000000000",
        "import_id": "00000000-0000-4000-8000-000000000000",
        "file_format": "csv",
        "network_id": world.network.pk,
        "what": "partner",
        "kind": "protokoll",
        "service_id": "00000000-0000-4000-8000-000000000000",
        "organization_id": "00000000-0000-4000-8000-000000000000",
        "link_id": "00000000-0000-4000-8000-000000000000",
        "taxonomy_id": "00000000-0000-4000-8000-000000000000",
        "term_id": "00000000-0000-4000-8000-000000000000",
        # Unknown documents and measures: their scoping is tested in lotse/concept/tests.
        "document_id": 999999,
        "helpline_id": 999999,  # an unknown helpline: the LKS gets 404, everyone else 403
        "section_id": 1,
        "number": 1,
        "year": 2025,
        "key_id": 999999,
        # A grant document of a fund year the world has not: the procedure is tested in
        # lotse/grants/tests.
        "slug": "antrag",
        # Unknown statewide events and standards: their scoping is tested in
        # lotse/statewide/tests and lotse/networks/tests.
        "event_id": 999999,
        "standard_id": 999999,
        "sector_id": 999999,  # an unknown sector: the LKS gets 404, everyone else 403
    }
    converters = named_urls()[name]
    kwargs = {key: arguments[key] for key in converters}
    return reverse(name, kwargs=kwargs or None) + QUERY_STRINGS.get(name, "")


def test_every_url_has_a_row():
    assert set(named_urls()) == set(EXPECTED)


@pytest.mark.parametrize("url_name", EXPECTED)
@pytest.mark.parametrize("column", range(len(PERSONAS)))
def test_permission_matrix(url_name, column, world, request):
    client = request.getfixturevalue(PERSONAS[column])
    response = client.get(url_for(url_name, world))
    assert response.status_code == EXPECTED[url_name][column], (PERSONAS[column], url_name)


def test_a_coordinator_of_13071_gets_404_on_everything_of_13075(world, coordinator_elsewhere):
    district_urls = [name for name, converters in named_urls().items() if "ags" in converters]
    assert len(district_urls) >= 5
    for name in district_urls:
        assert coordinator_elsewhere.get(url_for(name, world)).status_code == 404, name
        assert coordinator_elsewhere.post(url_for(name, world), {"name": "x"}).status_code == 404, (
            name
        )


def test_an_area_coordinator_sees_only_her_own_social_areas(world, area_coordinator):
    other = reverse(
        "social_areas:social_area_detail",
        kwargs={"ags": world.district.ags, "pk": world.other_social_area.pk},
    )
    assert area_coordinator.get(other).status_code == 404
    listing = area_coordinator.get(
        reverse("social_areas:social_area_list", kwargs={"ags": world.district.ags})
    )
    assert world.social_area.name in listing.content.decode()
    assert world.other_social_area.name not in listing.content.decode()


def test_a_social_area_of_another_district_is_not_found_under_this_district(
    world, network_coordinator
):
    url = reverse(
        "social_areas:social_area_detail",
        kwargs={"ags": world.district.ags, "pk": world.foreign_social_area.pk},
    )
    assert network_coordinator.get(url).status_code == 404


def test_admin_is_for_superusers_only(world, state_coordinator):
    response = state_coordinator.get("/systemverwaltung/")
    assert response.status_code == 302
    assert "/systemverwaltung/login/" in response["Location"]


@pytest.mark.parametrize("column", [0, 5])  # a parent and the LKS reach the most pages
def test_every_page_carries_the_strict_csp_and_security_headers(column, world, request):
    client = request.getfixturevalue(PERSONAS[column])
    checked = 0
    for name in EXPECTED:
        response = client.get(url_for(name, world))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, name
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert "<script>" not in response.content.decode(), name  # no inline script
        checked += 1
    assert checked >= 10
