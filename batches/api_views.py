"""The ingestion API: plain Django views with staff bearer tokens (no sessions, so no
CSRF). POST /api/batches/ takes the same JSON as an upload; GET /api/batches/<id>/ reads
status and metrics from the one metrics selector. A refused upload (too large, malformed,
invalid rows, a repeated batchId) is recorded as an IngestRejection, as the SQS feed does;
a request without a valid token or permission is not an upload and is not recorded."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from batches.models import Batch
from batches.selectors import batch_metrics
from batches.services.feed import FeedDuplicate, feed_ingest
from batches.services.ingest import BatchRejected
from ingestion.services import rejection_create_from_api, rejection_reason
from ingestion.tokens import api_token_user, bearer_token


def _error(status: int, message: str, **extra) -> JsonResponse:
    response = JsonResponse({"error": message, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="tenantarmor"'
    return response


def staff_token_required(permission: str):
    """401 without a valid token; 403 when its user is not staff or lacks `permission`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = api_token_user(bearer_token(request))
            if user is None:
                return _error(401, "A valid API token is required (Authorization: Bearer <token>).")
            if not (user.is_staff and user.has_perm(permission)):
                return _error(403, f"The token's user lacks the {permission} permission.")
            request.user = user
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@csrf_exempt
@require_POST
@staff_token_required("batches.add_batch")
def batch_create(request):
    data = request.read(settings.UPLOAD_MAX_BYTES + 1)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        message = f"The body is larger than {settings.UPLOAD_MAX_BYTES} bytes."
        rejection_create_from_api(reason=message)
        return _error(413, message)
    try:
        batches = feed_ingest(data=data, filename="api.json", user=request.user)
    except BatchRejected as exc:
        rejection_create_from_api(reason=rejection_reason(message=exc.message, errors=exc.errors))
        errors = [{"row": e.row, "field": e.field, "message": e.message} for e in exc.errors]
        return _error(400, exc.message, errors=errors)
    except FeedDuplicate as exc:
        rejection_create_from_api(reason=f"duplicate: {exc}", duplicate=True, external_id=exc.external_id)
        return _error(409, str(exc), id=exc.batch_id, batchId=exc.external_id)
    launched = Batch.objects.filter(pk__in=[b.pk for b in batches]).order_by("pk")  # statuses after launch
    body = {"id": batches[0].pk, "batches": [_summary(b) for b in launched]}
    return JsonResponse(body, status=201)


@require_GET
@staff_token_required("batches.view_batch")
def batch_detail(request, batch_id: int):
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None:
        return _error(404, f"No batch #{batch_id}.")
    return JsonResponse({**_summary(batch), "batchMetrics": batch_metrics(batch)})


def _summary(batch: Batch) -> dict:
    return {
        "id": batch.pk,
        "batchId": batch.external_id,
        "name": batch.name,
        "status": batch.status,
        "statusMessage": batch.status_message,
        "createdAt": batch.created_at.isoformat() if batch.created_at else None,
        "queuedAt": batch.queued_at.isoformat() if batch.queued_at else None,
        "finishedAt": batch.finished_at.isoformat() if batch.finished_at else None,
    }
