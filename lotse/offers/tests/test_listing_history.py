"""The listing history: which offers parents could find on a past day."""

import datetime

import pytest
from django.utils import timezone

from lotse.networks import key_figures
from lotse.offers import listing_history, search_index
from lotse.offers.hsds_import import import_services
from lotse.offers.models import ListingPeriod, Offer
from lotse.offers.tests.samples import hsds_service

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_findable_offer_opens_a_period_and_withdrawing_it_closes_it(world):
    import_services([hsds_service()])
    offer = Offer.objects.get()
    offer.approval = Offer.Approval.APPROVED
    offer.save()
    search_index.refresh([offer.pk])
    today = timezone.localdate()
    period = ListingPeriod.objects.get(offer=offer)
    assert (period.started_on, period.ended_on) == (today, None)
    assert period.fresh_until == listing_history.fresh_until(offer)
    assert list(listing_history.findable_on(today)) == [offer]
    assert not listing_history.findable_on(today - DAY).exists()

    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.INACTIVE)
    search_index.refresh([offer.pk])
    period.refresh_from_db()
    assert period.ended_on == today
    assert not listing_history.findable_on(today).exists()


def test_a_check_after_the_offer_went_stale_starts_a_new_period(world):
    import_services([hsds_service()])
    offer = Offer.objects.get()
    Offer.objects.filter(pk=offer.pk).update(approval=Offer.Approval.APPROVED)
    today = timezone.localdate()
    # Last checked 400 days ago: findable until 35 days ago, then stale without any write.
    ListingPeriod.objects.filter(offer=offer).delete()
    ListingPeriod.objects.create(
        offer=offer, started_on=today - 500 * DAY, fresh_until=today - 35 * DAY
    )
    Offer.objects.filter(pk=offer.pk).update(verified_at=timezone.now())
    search_index.refresh([offer.pk])

    old, new = ListingPeriod.objects.filter(offer=offer).order_by("started_on")
    assert old.ended_on == today - 34 * DAY
    assert (new.started_on, new.ended_on) == (today, None)
    assert listing_history.findable_on(today - 100 * DAY).exists()
    assert not listing_history.findable_on(today - 20 * DAY).exists()
    assert listing_history.findable_on(today).exists()


def test_an_offer_checked_again_in_time_keeps_its_period(world):
    import_services([hsds_service()])
    offer = Offer.objects.get()
    Offer.objects.filter(pk=offer.pk).update(approval=Offer.Approval.APPROVED)
    today = timezone.localdate()
    ListingPeriod.objects.filter(offer=offer).delete()
    ListingPeriod.objects.create(
        offer=offer, started_on=today - 200 * DAY, fresh_until=today + 100 * DAY
    )
    Offer.objects.filter(pk=offer.pk).update(verified_at=timezone.now())
    search_index.refresh([offer.pk])
    period = ListingPeriod.objects.get(offer=offer)
    assert period.started_on == today - 200 * DAY
    assert period.fresh_until == listing_history.fresh_until(Offer.objects.get(pk=offer.pk))


def test_a_past_year_counts_the_offers_findable_at_its_end(world):
    import_services([hsds_service(), hsds_service(name="Zweites Café")])
    Offer.objects.update(approval=Offer.Approval.APPROVED)
    search_index.refresh(Offer.objects.values_list("pk", flat=True))
    first, second = Offer.objects.order_by("name")
    district = first.district
    year = timezone.localdate().year
    last_year_end = datetime.date(year - 1, 12, 31)
    ListingPeriod.objects.all().delete()
    # The first was findable over the last year's end; the second only since spring.
    ListingPeriod.objects.create(
        offer=first, started_on=last_year_end - 300 * DAY, fresh_until=last_year_end + 60 * DAY
    )
    ListingPeriod.objects.create(
        offer=second, started_on=datetime.date(year, 4, 1), fresh_until=last_year_end + 400 * DAY
    )
    assert key_figures.offer_count(district, year - 1) == 1
    assert key_figures.offer_count(district, year - 2) == 0
    # This year: the directory as it is today.
    assert key_figures.offer_count(district, year) == Offer.objects.findable().count() == 2
