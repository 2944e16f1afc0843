"""API schemas of the Landeskonzept."""

import datetime

from ninja import Schema


class StateConceptItemOut(Schema):
    code: str
    kind: str
    title: str
    text: str
    obligation: str
    obligation_uncertain: bool
    responsible: str


class FundingAreaOut(Schema):
    code: str
    kind: str
    chapter: str
    title: str
    full_title: str
    current_state: str
    development_interest: str
    items: list[StateConceptItemOut]


class StateConceptOut(Schema):
    code: str
    title: str
    valid_from: datetime.date
    valid_until: datetime.date
    published_on: datetime.date | None
    status: str
    summary: str
    source: str
    funding_areas: list[FundingAreaOut]


class StateConceptSummaryOut(Schema):
    code: str
    title: str
    valid_from: datetime.date
    valid_until: datetime.date
    status: str
