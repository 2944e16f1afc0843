from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "lotse.offers"
    label = "offers"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from lotse.offers import search_index
        from lotse.offers.models import Offer

        # Deleting an offer (admin, cascades) bypasses the actions; the search must notice.
        post_delete.connect(
            search_index.offer_deleted, sender=Offer, dispatch_uid="offer-deleted-search-table"
        )
