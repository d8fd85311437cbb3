"""Analyzer failures as data: one category per failure kind, plus what the caller should do.

Every exception that leaves an analyzer is an `AnalyzerError`. The batch code stores
`category` and `message` on the item row and decides from `retryable`/`batch_fatal` whether
to retry the item, fail it, or pause the whole batch. Messages never carry notice text or
the provider's free-text message (which can quote input); they name status, code and type.
"""

from __future__ import annotations

import email.utils
import json
import time

import httpx2
import openai
import pydantic

LLM_RATE_LIMITED = "LLM_RATE_LIMITED"
LLM_TIMEOUT = "LLM_TIMEOUT"
LLM_UNAVAILABLE = "LLM_UNAVAILABLE"
LLM_AUTH = "LLM_AUTH"
LLM_QUOTA = "LLM_QUOTA"
LLM_BAD_OUTPUT = "LLM_BAD_OUTPUT"
LLM_BAD_REQUEST = "LLM_BAD_REQUEST"
INTERNAL = "INTERNAL"
CATEGORIES = (
    LLM_RATE_LIMITED,
    LLM_TIMEOUT,
    LLM_UNAVAILABLE,
    LLM_AUTH,
    LLM_QUOTA,
    LLM_BAD_OUTPUT,
    LLM_BAD_REQUEST,
    INTERNAL,
)


class AnalyzerError(Exception):
    """A classified analyzer failure; safe to store and show (no notice text, no PII)."""

    def __init__(
        self,
        category: str,
        message: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        batch_fatal: bool = False,
        request_id: str | None = None,
    ) -> None:
        if category not in CATEGORIES:
            raise ValueError(f"unknown analyzer error category {category!r}")
        super().__init__(message)
        self.category = category
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after
        self.batch_fatal = batch_fatal
        self.request_id = request_id

    def as_dict(self) -> dict:
        """The shape stored on an item row."""
        return {
            "category": self.category,
            "message": self.message,
            "retryable": self.retryable,
            "retryAfter": self.retry_after,
            "batchFatal": self.batch_fatal,
            "requestId": self.request_id,
        }

    def __repr__(self) -> str:
        return f"AnalyzerError({self.category}, {self.message!r}, retryable={self.retryable})"


def bad_output(message: str, *, request_id: str | None = None) -> AnalyzerError:
    """The model answered, but not with usable facts. Permanent: a retry costs the same again."""
    return AnalyzerError(LLM_BAD_OUTPUT, message, request_id=request_id)


def retry_after_seconds(headers) -> float | None:
    """Read `retry-after-ms`, then `retry-after` (seconds or HTTP date); None if absent/invalid."""
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            return max(0.0, float(raw_ms) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: openai.APIStatusError) -> str:
    # Status, code, type and param only: the provider's message may quote the input.
    parts = [f"HTTP {exc.status_code}"]
    parts += [f"{name}={value}" for name in ("code", "type", "param") if (value := getattr(exc, name, None))]
    return ", ".join(parts)


def _classify_status(exc: openai.APIStatusError) -> AnalyzerError:
    status, code, rid = exc.status_code, exc.code or "", exc.request_id
    detail = _describe(exc)
    if status == 429 and code == "insufficient_quota":
        return AnalyzerError(LLM_QUOTA, f"OpenAI quota exhausted ({detail})", batch_fatal=True, request_id=rid)
    if status == 429:
        wait = retry_after_seconds(exc.response.headers)
        msg = f"OpenAI rate limit ({detail})"
        return AnalyzerError(LLM_RATE_LIMITED, msg, retryable=True, retry_after=wait, request_id=rid)
    if status in (401, 403):
        return AnalyzerError(LLM_AUTH, f"OpenAI rejected the credentials ({detail})", batch_fatal=True, request_id=rid)
    if status == 404:
        msg = f"OpenAI model or endpoint not found ({detail})"
        return AnalyzerError(LLM_BAD_REQUEST, msg, batch_fatal=True, request_id=rid)
    if status >= 500 or status in (408, 409):
        retryable = exc.response.headers.get("x-should-retry", "true").lower() != "false"
        msg = f"OpenAI unavailable ({detail})"
        return AnalyzerError(LLM_UNAVAILABLE, msg, retryable=retryable, request_id=rid)
    return _classify_bad_request(exc, detail)


def _classify_bad_request(exc: openai.APIStatusError, detail: str) -> AnalyzerError:
    # A rejected response_format or an unknown model fails every item alike: pause the batch.
    config_error = exc.param == "response_format" or (exc.code or "") == "model_not_found"
    msg = f"OpenAI rejected the request ({detail})"
    return AnalyzerError(LLM_BAD_REQUEST, msg, batch_fatal=config_error, request_id=exc.request_id)


def classify_openai_error(exc: BaseException) -> AnalyzerError:
    """Map any exception raised around an OpenAI call onto an `AnalyzerError`."""
    if isinstance(exc, AnalyzerError):
        return exc
    if isinstance(exc, openai.APITimeoutError):  # before APIConnectionError: it is a subclass
        # A pool wait means our own concurrency exceeds the connection pool, not a slow model.
        waited_for_pool = isinstance(exc.__cause__, httpx2.PoolTimeout)
        message = "Timed out waiting for a free HTTP connection" if waited_for_pool else "OpenAI request timed out"
        return AnalyzerError(LLM_TIMEOUT, message, retryable=True)
    if isinstance(exc, openai.APIConnectionError):
        cause = type(exc.__cause__).__name__ if exc.__cause__ else "unknown"
        return AnalyzerError(LLM_UNAVAILABLE, f"Could not reach OpenAI ({cause})", retryable=True)
    if isinstance(exc, openai.APIStatusError):
        return _classify_status(exc)
    if isinstance(exc, openai.APIResponseValidationError):
        return bad_output("OpenAI response did not match the SDK's expected shape")
    if isinstance(exc, openai.LengthFinishReasonError):
        return bad_output("Model output was truncated at the token limit (finish_reason=length)")
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return bad_output("Model output was blocked by the content filter")
    if isinstance(exc, pydantic.ValidationError):
        return bad_output(f"Model output did not match the facts schema ({exc.error_count()} errors)")
    if isinstance(exc, json.JSONDecodeError):
        return bad_output("Model output was not valid JSON")
    return AnalyzerError(INTERNAL, f"Unexpected analyzer failure ({type(exc).__name__})")
