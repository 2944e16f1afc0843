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


class ContactOut(Schema):
    """How to reach someone: the offer's own details, or its provider's (via_provider)."""

    phone: str
    email: str
    website: str
    via_provider: bool


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
    contact: ContactOut | None = None  # items stored before it: rebuild_search_index


class OfferListOut(Schema):
    count: int
    items: list[OfferItemOut]


class OfferDetailOut(OfferItemOut):
    description: str
    url: str
    email: str
    phone: str
    verified_at: str | None
