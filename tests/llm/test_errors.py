"""classify_openai_error: every SDK failure maps to a category and an action."""

import email.utils
import json
import time

import httpx2
import openai
import pydantic
import pytest

from batches.analysis import errors
from batches.analysis.errors import AnalyzerError, classify_openai_error, retry_after_seconds
from batches.analysis.schema import NoticeFacts

REQUEST = httpx2.Request("POST", "http://fake/v1/chat/completions")


def status_error(cls, status, *, code=None, headers=None, param=None):
    headers = {"x-request-id": "req_1", **(headers or {})}
    response = httpx2.Response(status, headers=headers, request=REQUEST)
    body = {"message": "Tenant Tenant M. Sample owes $1,500", "type": "x", "code": code, "param": param}
    return cls("Tenant Tenant M. Sample owes $1,500", response=response, body=body)


def test_timeout_is_checked_before_its_connection_error_parent():
    err = classify_openai_error(openai.APITimeoutError(request=REQUEST))
    assert (err.category, err.retryable, err.batch_fatal) == (errors.LLM_TIMEOUT, True, False)


def test_connection_error_is_retryable_unavailable():
    err = classify_openai_error(openai.APIConnectionError(request=REQUEST))
    assert (err.category, err.retryable) == (errors.LLM_UNAVAILABLE, True)


def test_rate_limit_reads_retry_after_ms_first():
    exc = status_error(openai.RateLimitError, 429, headers={"retry-after-ms": "250", "retry-after": "9"})
    err = classify_openai_error(exc)
    assert (err.category, err.retryable, err.retry_after, err.request_id) == (
        errors.LLM_RATE_LIMITED,
        True,
        0.25,
        "req_1",
    )


def test_insufficient_quota_is_batch_fatal_and_not_retried():
    err = classify_openai_error(status_error(openai.RateLimitError, 429, code="insufficient_quota"))
    assert (err.category, err.retryable, err.batch_fatal) == (errors.LLM_QUOTA, False, True)


@pytest.mark.parametrize(
    "cls,status,category,retryable,fatal",
    [
        (openai.InternalServerError, 500, errors.LLM_UNAVAILABLE, True, False),
        (openai.InternalServerError, 503, errors.LLM_UNAVAILABLE, True, False),
        (openai.APIStatusError, 408, errors.LLM_UNAVAILABLE, True, False),
        (openai.ConflictError, 409, errors.LLM_UNAVAILABLE, True, False),
        (openai.BadRequestError, 400, errors.LLM_BAD_REQUEST, False, False),
        (openai.UnprocessableEntityError, 422, errors.LLM_BAD_REQUEST, False, False),
        (openai.AuthenticationError, 401, errors.LLM_AUTH, False, True),
        (openai.PermissionDeniedError, 403, errors.LLM_AUTH, False, True),
        (openai.NotFoundError, 404, errors.LLM_BAD_REQUEST, False, True),
    ],
)
def test_status_errors(cls, status, category, retryable, fatal):
    err = classify_openai_error(status_error(cls, status))
    assert (err.category, err.retryable, err.batch_fatal) == (category, retryable, fatal)
    assert "Tenant M. Sample" not in err.message and "1,500" not in err.message  # provider text is not echoed


def test_x_should_retry_false_makes_a_5xx_permanent():
    err = classify_openai_error(status_error(openai.InternalServerError, 500, headers={"x-should-retry": "false"}))
    assert err.retryable is False


def test_rejected_response_format_pauses_the_batch():
    err = classify_openai_error(status_error(openai.BadRequestError, 400, param="response_format"))
    assert (err.category, err.batch_fatal) == (errors.LLM_BAD_REQUEST, True)


def test_output_failures_are_permanent_bad_output():
    completion = openai.types.chat.ChatCompletion.model_construct(choices=[], usage=None)
    with pytest.raises(pydantic.ValidationError) as info:
        NoticeFacts.model_validate_json('{"state": "Tenant M. Sample"}')
    cases = [
        openai.LengthFinishReasonError(completion=completion),
        openai.ContentFilterFinishReasonError(),
        info.value,
        json.JSONDecodeError("bad", "{", 0),
    ]
    for exc in cases:
        err = classify_openai_error(exc)
        assert (err.category, err.retryable, err.batch_fatal) == (errors.LLM_BAD_OUTPUT, False, False)
        assert "Tenant M. Sample" not in err.message


def test_unknown_exceptions_are_internal_and_analyzer_errors_pass_through():
    assert classify_openai_error(RuntimeError("boom")).category == errors.INTERNAL
    original = AnalyzerError(errors.LLM_TIMEOUT, "x", retryable=True)
    assert classify_openai_error(original) is original
    with pytest.raises(ValueError):
        AnalyzerError("NOPE", "x")


def test_retry_after_parsing():
    assert retry_after_seconds(httpx2.Headers({"retry-after": "1.5"})) == 1.5
    assert retry_after_seconds(httpx2.Headers({"retry-after": "soon"})) is None
    assert retry_after_seconds(httpx2.Headers({})) is None
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < retry_after_seconds(httpx2.Headers({"retry-after": future})) <= 30


def test_a_pool_wait_is_told_apart_from_a_slow_model():
    try:
        try:
            raise httpx2.PoolTimeout("pool")
        except httpx2.PoolTimeout as cause:
            raise openai.APITimeoutError(request=REQUEST) from cause
    except openai.APITimeoutError as exc:
        err = classify_openai_error(exc)
    assert err.category == errors.LLM_TIMEOUT and "free HTTP connection" in err.message
