"""The `openai` analyzer: structured-output extraction of `NoticeFacts` through the OpenAI SDK.

Design (see DESIGN.md §4 and shared/reference/openai-sdk.md):
- one SDK client per *process*, built lazily on first use: django-q2 forks workers, and a
  client whose keep-alive sockets crossed a fork corrupts both processes' requests;
- the SDK never retries (`max_retries=0`); `call_with_retries` is the one retry owner, so
  attempts are counted once and stay inside the item's deadline;
- the notice is untrusted: it is fenced by `build_messages`, and every value the model
  returns is checked against the text by `crosscheck`;
- logs carry ids, counts, categories and request ids only, never notice text or names.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import threading
import time

import httpx2
import openai
import pydantic
from openai.lib._parsing._completions import type_to_response_format_param

from .crosscheck import crosscheck
from .errors import (
    LLM_AUTH,
    LLM_BAD_REQUEST,
    LLM_RATE_LIMITED,
    LLM_TIMEOUT,
    AnalyzerError,
    bad_output,
    classify_openai_error,
)
from .prompts import DEFAULT_PROMPT_VERSION, DEFAULT_SYSTEM_PROMPT, build_messages
from .retry import RatePause, call_with_retries
from .schema import RESULT_SCHEMA_VERSION, NoticeFacts

log = logging.getLogger(__name__)

POOL_SIZE = 64  # above BATCH_MAX_CONCURRENCY (50): a worker thread never waits for a connection
POOL_TIMEOUT = 2.0  # short, so a pool wait fails fast and differently from a slow model
MIN_ATTEMPT_SECONDS = 0.05
_SDK_ERRORS = (openai.OpenAIError, pydantic.ValidationError, json.JSONDecodeError)
# The strict JSON schema of NoticeFacts, built once. The SDK's `parse()` rebuilt it from the
# pydantic model on every request (a third of the SDK's CPU per call, docs/benchmarks.md);
# `create()` with this dict sends the same `response_format`, and `_facts` validates.
RESPONSE_FORMAT = type_to_response_format_param(NoticeFacts)

_OPTIONAL_SETTINGS = {
    "max_completion_tokens": "OPENAI_MAX_COMPLETION_TOKENS",
    "max_input_chars": "OPENAI_MAX_INPUT_CHARS",
    "retry_max_delay": "OPENAI_RETRY_MAX_DELAY_SECONDS",
}

_build_lock = threading.Lock()
# Clients inherited through fork. Kept referenced so no finalizer ever closes them in the
# child: closing would act on sockets the parent still uses (TLS close_notify).
_inherited_clients: list[openai.OpenAI] = []


def _reset_after_fork() -> None:
    # The lock may have been held by another parent thread at fork time; never inherit it.
    global _build_lock
    _build_lock = threading.Lock()


os.register_at_fork(after_in_child=_reset_after_fork)


def _call_factory(factory, **options) -> httpx2.Client:
    """Call `factory` with the options it accepts (`timeout`, `limits`); a bare
    `lambda: httpx2.Client(transport=...)` works too, then the SDK applies `timeout` per call."""
    try:
        params = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature: assume keywords
        return factory(**options)
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return factory(**options)
    accepted = {p.name for p in params}
    return factory(**{k: v for k, v in options.items() if k in accepted})


class OpenAIAnalyzer:
    """Extracts notice facts with an OpenAI (or compatible) chat model."""

    name = "openai"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None,
        model: str,
        timeout: float,
        max_attempts: int,
        http_client_factory=None,
        max_completion_tokens: int = 1500,
        max_input_chars: int = 60_000,
        retry_base_delay: float = 0.5,
        retry_max_delay: float = 20.0,
    ) -> None:
        if not timeout or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds (None disables timeouts)")
        self.api_key = api_key
        self.base_url = base_url or None
        self.model = model
        self.timeout = float(timeout)
        self.max_attempts = max_attempts
        self.max_completion_tokens = max_completion_tokens
        self.max_input_chars = max_input_chars
        self.retry_base_delay = retry_base_delay
        self.retry_max_delay = retry_max_delay
        # `factory(timeout=..., limits=...) -> httpx2.Client` (either keyword optional);
        # tests inject `httpx2.Client(transport=...)` here.
        self._http_client_factory = http_client_factory or openai.DefaultHttpx2Client
        self._client_state: tuple[int, openai.OpenAI] | None = None  # (pid, client)
        # One per process (get_analyzer builds one per process): a 429's Retry-After pauses
        # every thread of this process, not only the one that received it.
        self.rate_pause = RatePause()

    @classmethod
    def from_settings(cls, settings=None, **overrides) -> OpenAIAnalyzer:
        """An analyzer configured from Django settings (read at call time, not import time)."""
        if settings is None:
            from django.conf import settings
        options = {
            "api_key": settings.OPENAI_API_KEY,
            "base_url": settings.OPENAI_BASE_URL,
            "model": settings.OPENAI_MODEL,
            "timeout": settings.OPENAI_TIMEOUT_SECONDS,
            "max_attempts": settings.OPENAI_MAX_ATTEMPTS,
        }
        # Optional settings: absent until added to base.py, then they take over.
        for option, name in _OPTIONAL_SETTINGS.items():
            if hasattr(settings, name):
                options[option] = getattr(settings, name)
        return cls(**{**options, **overrides})

    # -- client lifecycle -------------------------------------------------------------

    def _build_client(self) -> openai.OpenAI:
        timeout = httpx2.Timeout(self.timeout, connect=min(5.0, self.timeout), pool=POOL_TIMEOUT)
        limits = httpx2.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE)
        http_client = _call_factory(self._http_client_factory, timeout=timeout, limits=limits)
        return openai.OpenAI(
            api_key=self.api_key,
            base_url=self.base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    def client(self) -> openai.OpenAI:
        """This process's SDK client; a client inherited from a parent process is dropped."""
        pid = os.getpid()
        state = self._client_state
        if state is not None and state[0] == pid:
            return state[1]
        with _build_lock:
            state = self._client_state
            if state is not None and state[0] != pid:
                _inherited_clients.append(state[1])  # dropped, deliberately not closed
                state = None
            if state is None:
                state = (pid, self._build_client())
                self._client_state = state
            return state[1]

    def close(self) -> None:
        """Close this process's client (tests, shutdown). Never closes an inherited one."""
        state, self._client_state = self._client_state, None
        if state is not None and state[0] == os.getpid():
            state[1].close()

    # -- extraction -------------------------------------------------------------------

    def extract_facts(
        self,
        text: str,
        *,
        state_hint: str | None,
        system_prompt: str | None = None,
        deadline: float | None = None,
        prompt_version: str | None = None,
    ) -> tuple[dict, dict]:
        """Return (facts validated as NoticeFacts, provenance) or raise AnalyzerError.

        `deadline` is a `time.monotonic()` value: no attempt or backoff runs past it.
        `prompt_version` identifies a staff-edited `system_prompt` in the provenance.
        """
        self._check_input(text)
        messages = build_messages(system_prompt or DEFAULT_SYSTEM_PROMPT, text, state_hint=state_hint)
        started = time.monotonic()
        (completion, parsed, request_id), attempts = self._complete_with_retries(messages, deadline)
        facts, issues = crosscheck(parsed.model_dump(), text)
        facts = NoticeFacts.model_validate(facts).model_dump()
        version = prompt_version or (DEFAULT_PROMPT_VERSION if system_prompt is None else "unversioned")
        provenance = self._provenance(completion, request_id, attempts, started, issues, version)
        log.info(
            "llm extract ok: request_id=%s attempts=%d tokens=%s issues=%d",
            provenance["requestId"],
            attempts,
            provenance["totalTokens"],
            len(issues),
        )
        return facts, provenance

    def _complete_with_retries(self, messages: list[dict], deadline: float | None):
        try:
            return call_with_retries(
                lambda: self._complete(messages, deadline),
                max_attempts=self.max_attempts,
                base_delay=self.retry_base_delay,
                max_delay=self.retry_max_delay,
                deadline=deadline,
            )
        except AnalyzerError as err:
            log.warning("llm extract failed: category=%s request_id=%s", err.category, err.request_id)
            raise

    def _check_input(self, text: str) -> None:
        if not self.api_key:
            raise AnalyzerError(LLM_AUTH, "No OpenAI API key is configured", batch_fatal=True)
        if not text or not text.strip():
            raise AnalyzerError(LLM_BAD_REQUEST, "Notice text is empty")
        if len(text) > self.max_input_chars:
            # Bounds the cost of one item (OWASP LLM10); no real notice is this long.
            raise AnalyzerError(LLM_BAD_REQUEST, f"Notice text exceeds {self.max_input_chars} characters")

    def _attempt_timeout(self, deadline: float | None):
        """This attempt's timeout: the configured one, shortened so it ends by the deadline."""
        if deadline is None:
            return openai.NOT_GIVEN
        remaining = deadline - time.monotonic()
        if remaining < MIN_ATTEMPT_SECONDS:
            raise AnalyzerError(LLM_TIMEOUT, "Item deadline reached before the OpenAI call")
        if remaining >= self.timeout:
            return openai.NOT_GIVEN
        return httpx2.Timeout(remaining, connect=min(5.0, remaining), pool=min(POOL_TIMEOUT, remaining))

    def _complete(self, messages: list[dict], deadline: float | None):
        """One attempt: (completion, NoticeFacts, request id), or an AnalyzerError."""
        self._attempt_timeout(deadline)  # a deadline already reached is a timeout, paused or not
        if self.rate_pause.until:
            self._wait_out_pause(deadline)
        timeout = self._attempt_timeout(deadline)
        request_id = None
        try:
            # The raw-response wrapper yields the request id before parsing, so even a
            # truncated or schema-invalid answer is traceable at OpenAI.
            raw = self.client().chat.completions.with_raw_response.create(
                model=self.model,
                messages=messages,
                response_format=RESPONSE_FORMAT,
                temperature=0,
                max_completion_tokens=self.max_completion_tokens,
                store=False,
                timeout=timeout,
            )
            request_id = raw.request_id
            completion = raw.parse()
        except _SDK_ERRORS as exc:
            # `from None`: the chained exception's text (e.g. a pydantic error) can quote
            # model output, i.e. tenant names, and django-q stores tracebacks.
            err = classify_openai_error(exc)
            err.request_id = err.request_id or request_id
            self._note_rate_limit(err)
            raise err from None
        return completion, _facts(completion, request_id), request_id

    def _wait_out_pause(self, deadline: float | None) -> None:
        """Sleep out a Retry-After another thread of this process received; if it ends past
        the item's deadline, give the item back as rate limited without calling."""
        remaining = self.rate_pause.wait(deadline=None if deadline is None else deadline - MIN_ATTEMPT_SECONDS)
        if remaining > 0:
            raise AnalyzerError(LLM_RATE_LIMITED, "OpenAI rate limit (paused)", retryable=True, retry_after=remaining)

    def _note_rate_limit(self, err: AnalyzerError) -> None:
        # Retry-After counts from when the answer was received (RFC 9110), i.e. now.
        if err.category == LLM_RATE_LIMITED and err.retry_after:
            self.rate_pause.extend(time.monotonic() + err.retry_after)

    def _provenance(
        self, completion, request_id: str | None, attempts: int, started: float, issues: list[dict], version: str
    ) -> dict:
        usage = completion.usage
        details = usage.prompt_tokens_details if usage else None
        return {
            "analyzer": self.name,
            "model": completion.model or self.model,
            "requestId": request_id,
            "attempts": attempts,
            "promptTokens": usage.prompt_tokens if usage else None,
            "completionTokens": usage.completion_tokens if usage else None,
            "totalTokens": usage.total_tokens if usage else None,
            "cachedTokens": (details.cached_tokens or 0) if details else 0,
            "latencyMs": round((time.monotonic() - started) * 1000),
            "promptVersion": version,
            "schemaVersion": RESULT_SCHEMA_VERSION,
            "crosscheckIssues": issues,
        }


def _facts(completion, request_id: str | None) -> NoticeFacts:
    """The completion's facts, validated; an unusable answer is LLM_BAD_OUTPUT with a
    readable reason (never the output itself: it can quote tenant names)."""
    if not completion.choices:
        raise bad_output("OpenAI returned no choices", request_id=request_id)
    choice = completion.choices[0]
    if choice.message.refusal:
        raise bad_output("Model refused to extract facts", request_id=request_id)
    if choice.finish_reason == "length":
        raise bad_output("Model output was truncated at the token limit (finish_reason=length)", request_id=request_id)
    if choice.finish_reason == "content_filter":
        raise bad_output("Model output was blocked by the content filter", request_id=request_id)
    if not choice.message.content:
        raise bad_output("Model returned no structured content", request_id=request_id)
    try:
        return NoticeFacts.model_validate_json(choice.message.content)
    except pydantic.ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors(include_input=False)):
            raise bad_output("Model output was not valid JSON", request_id=request_id) from None
        message = f"Model output did not match the facts schema ({exc.error_count()} errors)"
        raise bad_output(message, request_id=request_id) from None
