"""WSGI entry point for gunicorn: `gunicorn lotse.wsgi` (with `--preload`, see below)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
application = get_wsgi_application()

if not settings.TESTING:
    # The parents' search table is read before the first request, not during it (ADR 0006).
    # With `gunicorn --preload` this runs once in the master and the workers share the copy.
    from lotse.offers.search_freshness import warm_up

    warm_up()
