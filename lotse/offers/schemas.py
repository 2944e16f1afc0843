"""API schemas of the offer directory."""

import uuid

from ninja import Schema


class LocationOut(Schema):
    id: uuid.UUID
    location_type: str
    name: str
    latitude: float | None
    longitude: float | None
    address: str
    postal_code: str
    city: str


class OfferItemOut(Schema):
    id: uuid.UUID
    name: str
    organization: str
    reach: str | None
    distance_km: float | None
    locations: list[LocationOut]
    topics: list[str]
    languages: list[str]
    free: bool
    age_min_months: int
    age_max_months: int | None
    pregnancy_eligible: bool


class OfferListOut(Schema):
    count: int
    items: list[OfferItemOut]


class OfferDetailOut(OfferItemOut):
    description: str
    url: str
    email: str
    phone: str
    verified_at: str | None
