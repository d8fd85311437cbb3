"""The fake server's own knobs: seeded latency, journal, models endpoint."""

import statistics
import threading

import httpx2
import pytest

from tests.fakes.openai_server import SAMPLE_NOTICE, FakeOpenAI

from .conftest import analyzer_for


def test_lognormal_latency_is_seeded_and_keeps_its_mean():
    def samples(seed):
        fake = FakeOpenAI(seed=seed, latency_mean_ms=300)
        return [fake._latency() for _ in range(4000)]

    first = samples(7)
    assert first == samples(7)
    assert 0.27 < statistics.fmean(first) < 0.33
    assert max(first) > 4 * statistics.median(first)  # a heavy tail


def test_models_endpoint_and_unknown_paths():
    fake = FakeOpenAI()
    with httpx2.Client(transport=fake.transport(), base_url=fake.TRANSPORT_BASE_URL) as client:
        assert client.get("/v1/models").json()["data"][0]["object"] == "model"
        response = client.post("/v1/nope")
        assert response.status_code == 404 and response.headers["x-request-id"].startswith("req_")


def test_concurrent_calls_share_one_client_without_mixups():
    def echo(request_json):
        user = request_json["messages"][1]["content"]
        tag = user.split("Tenant: ", 1)[1].split()[0]
        facts = FakeOpenAI().responder(request_json)
        return {**facts, "tenantNames": [tag]}

    with FakeOpenAI(responder=echo, latency_ms=50) as server:
        analyzer = analyzer_for(server, base_url=server.base_url)
        results, errors = {}, []

        def work(n):
            try:
                results[n] = analyzer.extract_facts(f"{SAMPLE_NOTICE}\nTenant: Person{n} x", state_hint="TX")[0]
            except Exception as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert errors == [] and {n: f["tenantNames"] for n, f in results.items()} == {
            n: [f"Person{n}"] for n in range(24)
        }
        analyzer.close()


def test_script_items_are_validated():
    fake = FakeOpenAI(script=[["status", 503], "503:retry-after=1", "auth"])
    assert list(fake._script) == [("status", 503, {}), ("status", 503, {"retry-after": "1"}), ("status", 401, {})]
    with pytest.raises(ValueError):
        fake.enqueue("sometimes")
