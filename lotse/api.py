"""The JSON API under /api/v1/: mounts the apps' routers; errors are JSON with a German `detail`
(lotse.core.api_errors)."""

from lotse.concept.api import router as concept_router
from lotse.core.api_errors import LotseAPI, install_error_handlers
from lotse.offers.api import router as offers_router
from lotse.regions.api import router as regions_router

api = LotseAPI(
    title="Lotse API",
    version="1",
    description="Offene Schnittstelle von Lotse – Frühe Hilfen Mecklenburg-Vorpommern.",
    urls_namespace="api",
    # The interactive docs page would load scripts from a CDN; the spec is at openapi.json.
    docs_url=None,
)
api.add_router("/regions", regions_router)
api.add_router("/landeskonzept", concept_router)
api.add_router("/offers", offers_router)

install_error_handlers(api)
