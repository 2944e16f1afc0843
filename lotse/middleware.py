"""Open data may be read from any web page: CORS for the HSDS API (GET only, no cookies).
And no address with a NUL character reaches a view."""

from django.http import Http404, HttpRequest, HttpResponse

OPEN_DATA_PREFIXES = ("/api/hsds/",)


class OpenDataCors:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_DATA_PREFIXES):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class NulIsNotFound:
    """No address of Lotse contains a NUL character, and PostgreSQL refuses one in a query
    (a 500 for /api/v1/landeskonzept/editions/%00 or /befragung/%00/): such a path is not
    found (404, JSON under the APIs), before any view looks it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)
