"""A scenario-driven fake of the OpenAI chat-completions API, for tests and benchmarks.

One handler (`FakeOpenAI.handle`) serves two front ends:
- `fake.transport()`: an `httpx2.MockTransport` for fast in-process tests (no socket);
- `fake.start()` / `with FakeOpenAI() as fake:`: a stdlib `ThreadingHTTPServer` on
  127.0.0.1, for fork, pool and timeout tests that need real sockets, and
  `python tests/fakes/openai_server.py --port 0 ...` for another process (prints its URL).

Outcomes come from a script (a queue consumed one per request), then a probabilistic 429
storm, then an optional requests-per-minute limit, else "ok". Script items: "ok",
"timeout", "disconnect", "malformed", "schema_invalid", "refusal", "length",
"content_filter", "auth", "insufficient_quota", an HTTP status int, or
("status", code, {headers}). Every request is journaled (body, headers, timestamps).
"""

from __future__ import annotations

import argparse
import collections
import copy
import json
import math
import random
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2

SAMPLE_NOTICE = """THREE DAY NOTICE TO PAY RENT OR QUIT
Date: March 2, 2026
To: Tenant M. Sample and all other occupants of 1200 Example Street, Apt 4, Austin, TX 78701
You are hereby notified that rent in the amount of $1,425.00 for March 2026 is past due,
plus a late fee of $75.00, for a total of $1,500.00. Pursuant to Tex. Prop. Code 24.005 you
must pay the full amount or vacate the premises within three (3) days.
Landlord: Owner O. Example LLC
"""
DEFAULT_FACTS = {
    "isEvictionNotice": True,
    "reason": "non-payment",
    "reasons": ["non-payment"],
    "noticeType": "3-day notice to pay rent or quit",
    "documentType": None,
    "state": "TX",
    "tenantNames": ["Tenant M. Sample"],
    "landlordName": "Owner O. Example LLC",
    "premisesAddress": "1200 Example Street, Apt 4, Austin, TX 78701",
    "noticeDate": "2026-03-02",
    "serviceDate": None,
    "serviceMethod": None,
    "noticeDays": 3,
    "dayCounting": "calendar",
    "deadlineDate": None,
    "tenancyStartDate": None,
    "amountDue": 1500.0,
    "rentAmount": 1425.0,
    "charges": [
        {"kind": "rent", "amount": 1425.0, "period": "March 2026"},
        {"kind": "late-fee", "amount": 75.0, "period": None},
    ],
    "cureOffered": True,
    "language": "en",
    "confidence": 0.9,
}
_ERRORS = {  # status -> (type, code), shaped like the real API's error bodies
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", "service_unavailable"),
}
_KNOBS = frozenset(
    "responder latency_ms latency_mean_ms latency_sigma tail_probability tail_factor rpm_limit "
    "hang_seconds model cache_min_tokens".split()
)


def default_responder(request_json: dict) -> dict:
    """Canned facts for `SAMPLE_NOTICE` (a valid Texas non-payment notice)."""
    return copy.deepcopy(DEFAULT_FACTS)


@dataclass
class Reply:
    """What the handler decided; `action` "timeout"/"disconnect" means no HTTP response."""

    status: int = 200
    body: dict | None = None
    headers: dict = field(default_factory=dict)
    action: str | None = None

    def encoded(self) -> bytes:
        return json.dumps(self.body).encode()


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)  # rough, like a 4-chars-per-token estimate


_NAMED_OUTCOMES = frozenset(
    "ok timeout disconnect malformed schema_invalid refusal length content_filter insufficient_quota".split()
)


def _normalize(outcome):
    """A script item as ("status", code, headers) or a named outcome; accepts test values,
    JSON lists and CLI strings ("429:retry-after-ms=50;x-should-retry=false")."""
    if isinstance(outcome, list):
        outcome = tuple(outcome)
    if isinstance(outcome, int):
        return ("status", outcome, {})
    if outcome == "auth":
        return ("status", 401, {})
    if isinstance(outcome, str) and outcome[:3].isdigit():
        code, _, rest = outcome.partition(":")
        return ("status", int(code), dict(kv.split("=", 1) for kv in rest.split(";") if "=" in kv))
    if isinstance(outcome, tuple) and outcome[:1] == ("status",) and len(outcome) in (2, 3):
        return ("status", int(outcome[1]), dict(outcome[2]) if len(outcome) == 3 else {})
    if outcome in _NAMED_OUTCOMES:
        return outcome
    raise ValueError(f"unknown fake OpenAI outcome: {outcome!r}")


class FakeOpenAI:
    """The fake server's state and behaviour; thread-safe, changeable while serving."""

    TRANSPORT_BASE_URL = "http://fake-openai.test/v1"

    def __init__(self, *, script=(), seed: int = 0, **knobs) -> None:
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._rng = random.Random(seed)
        self.responder = default_responder
        self.latency_ms, self.latency_mean_ms, self.latency_sigma = 0.0, None, 0.5
        self.tail_probability, self.tail_factor = 0.02, 6.0
        self.rpm_limit, self.hang_seconds = None, 30.0
        self.model, self.cache_min_tokens = "gpt-fake-2026-01-01", 1024
        self.configure(**knobs)
        self._script = collections.deque(_normalize(o) for o in script)
        self._storm: dict | None = None
        self._accepted: collections.deque[float] = collections.deque()
        self._seen_prompts: set[int] = set()
        self.reset()
        self._server: ThreadingHTTPServer | None = None

    # -- run-time knobs ---------------------------------------------------------------

    def configure(self, **knobs) -> None:
        unknown = set(knobs) - _KNOBS
        if unknown:
            raise TypeError(f"unknown FakeOpenAI knobs: {sorted(unknown)}")
        with self._lock:
            for name, value in knobs.items():
                setattr(self, name, value)

    def enqueue(self, *outcomes) -> None:
        with self._lock:
            self._script.extend(_normalize(o) for o in outcomes)

    def start_storm(self, *, probability: float, retry_after: float = 1.0, duration: float | None = None) -> None:
        """For `duration` seconds (or until stopped) answer `probability` of requests with 429."""
        until = None if duration is None else time.monotonic() + duration
        with self._lock:
            self._storm = {"probability": probability, "retry_after": retry_after, "until": until}

    def stop_storm(self) -> None:
        with self._lock:
            self._storm = None

    def reset(self) -> None:
        with self._lock:
            self._journal: list[dict] = []
            self.counters: collections.Counter = collections.Counter()

    @property
    def journal(self) -> list[dict]:
        with self._lock:
            return list(self._journal)

    def chat_requests(self) -> list[dict]:
        return [e for e in self.journal if e["path"].endswith("/chat/completions")]

    # -- the shared handler -----------------------------------------------------------

    def handle(self, method: str, path: str, headers: dict, body: bytes, *, peer: str | None = None) -> Reply:
        """Decide and journal one request; `peer` is the client's address (loopback only)."""
        path = path.split("?", 1)[0].rstrip("/")
        entry = self._record(method, path, headers, body)
        entry["peer"] = peer
        if path.endswith("/chat/completions") and method == "POST":
            reply = self._chat(entry)
        elif path.endswith("/models") and method == "GET":
            reply = Reply(body={"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "fake"}]})
        elif path.startswith("/_fake/"):
            reply = self._control(path, entry["body"])
        else:
            reply = self._error(404, "unknown_url")
        reply.headers.setdefault("x-request-id", entry["requestId"])
        reply.headers.setdefault("content-type", "application/json")
        with self._lock:
            entry["status"], entry["action"] = reply.status, reply.action
            self.counters[reply.action or str(reply.status)] += 1
        return reply

    def _record(self, method: str, path: str, headers: dict, body: bytes) -> dict:
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        entry = {
            "requestId": f"req_{uuid.uuid4().hex}",
            "method": method,
            "path": path,
            "headers": {k.lower(): v for k, v in headers.items()},
            "body": parsed,
            "ts": time.time(),
            "monotonic": time.monotonic(),
        }
        with self._lock:
            self._journal.append(entry)
            self.counters["requests"] += 1
        return entry

    def _next_outcome(self):
        now = time.monotonic()
        with self._lock:
            if self._script:
                return self._script.popleft()
            storm = self._storm
            if storm and (storm["until"] is None or now < storm["until"]):
                if self._rng.random() < storm["probability"]:
                    wait = storm["retry_after"]
                    return (
                        "status",
                        429,
                        {"retry-after": f"{wait:g}", "retry-after-ms": str(int(wait * 1000))},
                    )
            return self._rpm_outcome(now)

    def _rpm_outcome(self, now: float):
        if self.rpm_limit is None:
            return "ok"
        while self._accepted and self._accepted[0] <= now - 60:
            self._accepted.popleft()
        if len(self._accepted) >= self.rpm_limit:
            wait = max(0.001, self._accepted[0] + 60 - now)
            return (
                "status",
                429,
                {"retry-after": f"{math.ceil(wait)}", "retry-after-ms": str(int(wait * 1000))},
            )
        self._accepted.append(now)
        return "ok"

    def _latency(self) -> float:
        with self._lock:
            if self.latency_mean_ms is None:
                return self.latency_ms / 1000
            # Lognormal with the requested mean, plus a rare heavy tail (slow requests).
            sigma = self.latency_sigma
            value = self.latency_mean_ms * math.exp(self._rng.gauss(0, sigma) - sigma * sigma / 2)
            if self._rng.random() < self.tail_probability:
                value *= self.tail_factor
            # Rescale so the tail does not move the mean the caller asked for.
            return value / (1 + self.tail_probability * (self.tail_factor - 1)) / 1000

    def _chat(self, entry: dict) -> Reply:
        outcome = self._next_outcome()
        entry["outcome"] = outcome if isinstance(outcome, str) else f"{outcome[0]}:{outcome[1]}"
        delay = self._latency()
        entry["latencyMs"] = round(delay * 1000, 3)  # what this request was served with
        if delay > 0:
            self._stopping.wait(delay)
        if outcome in ("timeout", "disconnect"):
            return Reply(status=0, action=outcome)
        if outcome == "insufficient_quota":
            return self._error(429, "insufficient_quota", error_type="insufficient_quota")
        if isinstance(outcome, tuple):
            _, status, headers = outcome
            return self._error(status, _ERRORS.get(status, ("api_error", None))[1], headers=dict(headers))
        if entry["body"] is None:
            return self._error(400, None, message="We could not parse the JSON body of your request.")
        return Reply(body=self._completion(entry["body"], outcome))

    def _error(self, status: int, code, *, error_type=None, headers=None, message=None) -> Reply:
        kind = error_type or _ERRORS.get(status, ("api_error", None))[0]
        error = {
            "message": message or f"Fake OpenAI error {status}",
            "type": kind,
            "param": None,
            "code": code,
        }
        return Reply(status=status, body={"error": error}, headers=headers or {})

    def _content(self, request_json: dict, outcome: str) -> tuple[str | None, str | None, str]:
        """(content, refusal, finish_reason) for a 200 outcome."""
        if outcome == "refusal":
            return None, "I'm sorry, but I can't help with that request.", "stop"
        if outcome == "content_filter":
            return None, None, "content_filter"
        facts = self.responder(request_json)
        text = json.dumps(facts)
        if outcome == "schema_invalid":
            return json.dumps({k: v for i, (k, v) in enumerate(facts.items()) if i % 2}), None, "stop"
        if outcome == "malformed":
            return text[: len(text) // 3] + '"}}', None, "stop"
        if outcome == "length":
            return text[: len(text) // 2], None, "length"
        return text, None, "stop"

    def _completion(self, request_json: dict, outcome: str) -> dict:
        content, refusal, finish = self._content(request_json, outcome)
        messages = request_json.get("messages") or []
        system = "".join(str(m.get("content")) for m in messages if m.get("role") in ("system", "developer"))
        prompt_tokens = _tokens("".join(str(m.get("content")) for m in messages))
        completion_tokens = _tokens(content or refusal or "")
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request_json.get("model") or self.model,
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": content,
                        "refusal": refusal,
                        "annotations": [],
                    },
                    "logprobs": None,
                    "finish_reason": finish,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": self._cached(system), "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
            },
        }

    def _cached(self, system: str) -> int:
        # Like the real cache: a repeated prefix of >= cache_min_tokens, in 128-token steps.
        tokens, key = _tokens(system), hash(system)
        with self._lock:
            seen = key in self._seen_prompts
            self._seen_prompts.add(key)
        return (tokens // 128) * 128 if seen and tokens >= self.cache_min_tokens else 0

    def _control(self, path: str, body) -> Reply:
        """Cross-process control for a fake started as a script (benchmarks)."""
        if path == "/_fake/configure" and isinstance(body, dict):
            body = dict(body)
            script, storm = body.pop("script", None), body.pop("storm", None)
            self.configure(**body)
            self.enqueue(*(script or ()))
            if storm:
                self.start_storm(**storm)
            return Reply(body={"ok": True})
        if path == "/_fake/stats":
            return Reply(body={"counters": dict(self.counters), "journal": len(self.journal)})
        if path == "/_fake/journal":
            return Reply(body={"journal": self.journal})
        return self._error(404, "unknown_url")

    # -- front ends -------------------------------------------------------------------

    def transport(self) -> httpx2.MockTransport:
        """An in-process transport: `httpx2.Client(transport=fake.transport())`."""

        def handler(request: httpx2.Request) -> httpx2.Response:
            reply = self.handle(request.method, request.url.path, dict(request.headers), request.read())
            if reply.action == "timeout":
                raise httpx2.ReadTimeout("fake: no response before the read timeout", request=request)
            if reply.action == "disconnect":
                raise httpx2.RemoteProtocolError("fake: server closed the connection", request=request)
            return httpx2.Response(reply.status, headers=reply.headers, content=reply.encoded())

        return httpx2.MockTransport(handler)

    def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeOpenAI:
        self._stopping.clear()
        self._server = ThreadingHTTPServer((host, port), _Handler)
        self._server.fake = self
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in latency or "timeout"
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not serving; call start() or use transport()")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        return self if self._server is not None else self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API (fork tests depend on it)
    # TCP_NODELAY, as production HTTP servers set it. http.server sends the headers and the
    # body in two writes; with Nagle on, the body waited for the client's delayed ACK, and
    # every reply reached the client ~40 ms after its configured latency (measured: mean
    # 40.9 ms reply -> client, 600 requests; ~0 ms with this set).
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        fake: FakeOpenAI = self.server.fake
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        host, port = self.client_address[:2]
        peer = f"{host}:{port}"
        reply = fake.handle(self.command, self.path, dict(self.headers.items()), body, peer=peer)
        if reply.action == "timeout":
            fake._stopping.wait(fake.hang_seconds)
        if reply.action:
            self.close_connection = True  # drop the connection without any response
            return
        payload = reply.encoded()
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args) -> None:  # quiet: request lines are noise in tests
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Fake OpenAI-compatible server (prints its base URL).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="fixed latency")
    parser.add_argument("--latency-mean-ms", type=float, default=None, help="lognormal latency mean")
    parser.add_argument("--latency-sigma", type=float, default=0.5)
    parser.add_argument("--rpm", type=int, default=None, help="requests-per-minute limit (429 beyond)")
    parser.add_argument("--storm-probability", type=float, default=0.0)
    parser.add_argument("--storm-retry-after", type=float, default=1.0)
    parser.add_argument("--storm-seconds", type=float, default=None)
    parser.add_argument("--script", default="", help="comma-separated outcomes, e.g. ok,429:retry-after-ms=50,500")
    args = parser.parse_args(argv)
    fake = FakeOpenAI(
        script=[s for s in args.script.split(",") if s],
        seed=args.seed,
        latency_ms=args.latency_ms,
        latency_mean_ms=args.latency_mean_ms,
        latency_sigma=args.latency_sigma,
        rpm_limit=args.rpm,
    )
    if args.storm_probability:
        fake.start_storm(
            probability=args.storm_probability,
            retry_after=args.storm_retry_after,
            duration=args.storm_seconds,
        )
    fake.start(args.host, args.port)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    print(fake.base_url, flush=True)
    done.wait()
    fake.stop()


if __name__ == "__main__":
    main()
