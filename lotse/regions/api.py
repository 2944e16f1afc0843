"""Regions in the JSON API: the districts with their latest statistics, and the place lookup."""

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from lotse.core.api_errors import errors
from lotse.regions.models import District
from lotse.regions.queries import boundaries_feature_collection, latest_statistics, lookup_place
from lotse.regions.schemas import BoundariesOut, DistrictOut, PlaceMatchOut

router = Router(tags=["Regionen"])


@router.get(
    "/districts",
    response={200: list[DistrictOut], **errors()},
    summary="Die 8 Landkreise und kreisfreien Städte",
)
def list_districts(request: HttpRequest):
    districts = list(District.objects.without_boundaries())
    figures = latest_statistics(districts)
    return [
        {
            "ags": d.ags,
            "name": d.name,
            "kind": d.kind,
            "latitude": d.latitude,
            "longitude": d.longitude,
            "statistics": {
                kind: {
                    "value": float(s.value),
                    "year": s.year,
                    "source": s.source,
                    "is_invented": s.is_invented,
                }
                for kind, s in figures.get(d.pk, {}).items()
            },
        }
        for d in districts
    ]


@router.get(
    "/boundaries",
    summary="Grenzen der 8 Landkreise als GeoJSON (Grundkarte ohne Kachelserver)",
    url_name="district_boundaries",
    response={200: BoundariesOut, **errors()},
)
def district_boundaries(request: HttpRequest):
    response = JsonResponse(boundaries_feature_collection())
    response["Cache-Control"] = "public, max-age=86400"
    return response


class LookupQuery(Schema):
    q: str = Field(
        ..., min_length=1, max_length=80, description="PLZ, Gemeinde oder Ortsname in MV"
    )


@router.get(
    "/lookup",
    response={200: list[PlaceMatchOut], **errors(400)},
    summary="PLZ oder Ort in MV finden",
)
def lookup(request: HttpRequest, query: Query[LookupQuery]):
    text = query.q.strip()
    if len(text) < 2:
        raise HttpError(
            400, "Bitte geben Sie mindestens zwei Zeichen oder eine fünfstellige PLZ ein."
        )
    return [match.__dict__ for match in lookup_place(text)]
