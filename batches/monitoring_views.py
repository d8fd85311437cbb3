"""GET /metrics for Prometheus: allowed from METRICS_ALLOWED_CIDRS, or with a staff token."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from batches.monitoring import prometheus_text
from ingestion.tokens import api_token_user, bearer_token


def _address_allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(cidr, strict=False) for cidr in settings.METRICS_ALLOWED_CIDRS)


@require_GET
def metrics(request):
    # REMOTE_ADDR, not X-Forwarded-For: a client must not be able to claim an address.
    if not _address_allowed(request.META.get("REMOTE_ADDR", "")):
        user = api_token_user(bearer_token(request))
        if user is None:
            response = HttpResponse("A staff API token or an allowed network is required.\n", status=401)
            response["WWW-Authenticate"] = 'Bearer realm="tenantarmor"'
            return response
        if not user.is_staff:
            return HttpResponse("Staff only.\n", status=403)
    body, content_type = prometheus_text()
    return HttpResponse(body, content_type=content_type)
