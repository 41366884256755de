"""The HTTP service under attack: slow clients, floods of web calls, cross-site and rebinding requests,
a store that fails at the end of a call, forged ids, weak tokens. Each test failed before its fix."""
from __future__ import annotations

import socket
import threading
import time

import pytest
from starlette.testclient import TestClient

from triage_bot.kept import KeptSessions
from triage_bot.reports import ReportStore, ReportStoreError
from triage_bot.sessions import Limits
from triage_bot.web import http as web_http
from triage_bot.web.app import Service, build_app, service_for
from triage_bot.web.server import ServeError, check_bind, http_server
from tests.test_http import AUTH, DOC, TOKEN, engine, store  # noqa: F401 - the same token and fixtures

SAME_SITE = {"origin": "http://127.0.0.1:8080", "sec-fetch-site": "same-origin"}


def client_for(engine, store, token=TOKEN, limits=Limits(), host="127.0.0.1:8080"):
    app = build_app(service_for(engine, store, token, limits))
    return TestClient(app, base_url=f"http://{host}")


# ---------------------------------------------------------------- slow clients

@pytest.fixture
def live(engine, store, monkeypatch):
    """A real uvicorn server in this process, on a free port, with short timeouts."""
    monkeypatch.setattr(web_http, "BODY_TIMEOUT_S", 0.6)
    server = http_server(build_app(Service(engine.triager, engine, store, KeptSessions(engine, store), None)),
                         "127.0.0.1", 0, head_timeout_s=0.6)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield port
    server.should_exit = True
    thread.join(10)


def closed_within(sock: socket.socket, seconds: float, dribble: bytes = b"") -> bytes:
    """What the server sends before it closes ``sock``; fails if it is still open after ``seconds``."""
    sock.settimeout(0.2)
    got, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        if dribble:
            try:
                sock.sendall(dribble)
            except OSError:
                return got
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        except OSError:
            return got
        if not chunk:
            return got
        got += chunk
    pytest.fail(f"the connection was still open after {seconds} s")


def test_a_connection_that_sends_nothing_is_closed(live):
    with socket.create_connection(("127.0.0.1", live)) as idle:
        closed_within(idle, 5)


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(live):
    with socket.create_connection(("127.0.0.1", live)) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed_within(slow, 5, dribble=b"X")


def test_a_body_that_never_arrives_gets_a_timeout_answer(live):
    with socket.create_connection(("127.0.0.1", live)) as slow:
        slow.sendall(b"POST /v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                     b"content-length: 100\r\n\r\n{\"te")
        answer = closed_within(slow, 5)
    assert answer.startswith(b"HTTP/1.1 408")


def test_a_prompt_client_is_still_answered(live):
    with socket.create_connection(("127.0.0.1", live)) as fine:
        fine.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        fine.settimeout(5)
        assert fine.recv(4096).startswith(b"HTTP/1.1 200")


# ---------------------------------------------------------------- floods of web calls

def test_an_empty_web_post_opens_no_call(engine, store):
    client = client_for(engine, store)
    for _ in range(5):
        client.post("/", data={"message": "", "action": "send"}, headers=SAME_SITE)
    assert store.count_conversations() == 0


def test_web_calls_cannot_use_up_the_nurse_lines_calls(engine, store):
    client = client_for(engine, store, limits=Limits(sessions=2))
    for _ in range(3):
        TestClient(client.app, base_url="http://127.0.0.1:8080").post(
            "/", data={"message": "hello", "action": "send"}, headers=SAME_SITE)
    opened = client.post("/v1/conversations", json={}, headers=AUTH)
    assert opened.status_code == 201


def test_a_full_web_chat_says_so_in_words_for_a_patient_with_status_503(engine, store):
    client = client_for(engine, store, limits=Limits(sessions=1))
    client.post("/", data={"message": "hello", "action": "send"}, headers=SAME_SITE)
    refused = TestClient(client.app, base_url="http://127.0.0.1:8080").post(
        "/", data={"message": "hello", "action": "send"}, headers=SAME_SITE)
    assert refused.status_code == 503
    assert "--max-sessions" not in refused.text and "busy" in refused.text.lower()


# ---------------------------------------------------------------- cross-site and rebinding

@pytest.mark.parametrize("headers", [
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"origin": "https://evil.example"},
], ids=["cross-site", "same-site", "foreign-origin"])
def test_a_browser_request_from_another_site_cannot_drive_the_api(engine, store, headers):
    for token in (TOKEN, None):
        client = client_for(engine, store, token=token)
        answer = client.post("/v1/conversations/call-17/messages", json={"text": "no that's all"},
                             headers={**(AUTH if token else {}), **headers})
        assert answer.status_code == 403, token
        assert "another site" in answer.json()["error"]


def test_a_body_that_is_not_sent_as_json_is_refused(engine, store):
    client = client_for(engine, store, token=None)
    answer = client.post("/v1/triage", content=b'{"text": "dizzy"}', headers={"content-type": "text/plain"})
    assert answer.status_code == 415 and "application/json" in answer.json()["error"]
    assert client.post("/v1/conversations", headers={"content-type": "text/plain"}).status_code == 201  # no body


def test_without_a_token_only_a_loopback_host_name_is_answered(engine, store):
    rebound = client_for(engine, store, token=None, host="rebind.evil.example:8080")
    for path in ("/", "/v1/conversations/call-17", "/healthz"):
        answer = rebound.get(path)
        assert answer.status_code == 421, path
    for host in ("localhost:8080", "127.0.0.1:8080", "[::1]:8080"):
        assert client_for(engine, store, token=None, host=host).get("/healthz").status_code == 200, host
    # With a token the service may be reached by any name (behind a load balancer).
    assert client_for(engine, store, host="triage.example").get("/healthz").status_code == 200


def test_the_web_form_from_its_own_page_behind_a_tls_proxy_is_accepted(engine, store):
    client = client_for(engine, store, host="triage.example")
    answer = client.post("/", data={"message": "I feel dizzy", "action": "send"},
                         headers={"origin": "https://triage.example", "sec-fetch-site": "same-origin"},
                         follow_redirects=False)
    assert answer.status_code == 303


# ---------------------------------------------------------------- ids and tokens

def test_the_api_cannot_open_or_drive_a_web_chat_id(engine, store):
    client = client_for(engine, store)
    assert client.post("/v1/conversations", json={"session": "web-fixated"}, headers=AUTH).status_code == 400
    answer = client.post("/v1/conversations/web-fixated/messages", json={"text": "hi"}, headers=AUTH)
    assert answer.status_code == 400 and "web chat" in answer.json()["error"]


@pytest.mark.parametrize("token", [" ", "short", "   padded-short   "])
def test_a_weak_token_does_not_open_the_service_to_the_network(token):
    with pytest.raises(ServeError, match="16 characters"):
        check_bind("0.0.0.0", token)


# ---------------------------------------------------------------- a store that fails

class FailingInserts(ReportStore):
    def _insert(self, report, skip_present=False):
        raise ReportStoreError("report database /home/nurse/x.db: database or disk is full")


def test_a_report_the_store_could_not_keep_at_finish_leaves_the_call_open_to_try_again(engine, tmp_path):
    with FailingInserts(tmp_path / "r.db") as store:
        client = client_for(engine, store)
        for text in ("my wee has gone the colour of cola", "no that's all", "yes", "AB"):
            client.post("/", data={"message": text, "action": "send"}, headers=SAME_SITE)
        cookie = client.cookies.get("triage_bot_call")
        finished = client.post("/", data={"action": "finish"}, headers=SAME_SITE)
        assert finished.status_code == 503
        assert "/home/nurse" not in finished.text and "try again" in finished.text.lower()
        assert client.cookies.get("triage_bot_call") == cookie and store.count_conversations() == 1


# ---------------------------------------------------------------- every answer as documented

def test_unknown_paths_and_methods_answer_json(engine, store):
    client = client_for(engine, store)
    missing = client.get("/v1/nothing-here", headers=AUTH)
    assert missing.status_code == 404 and "error" in missing.json()
    wrong = client.delete("/v1/triage", headers=AUTH)
    assert wrong.status_code == 405 and "error" in wrong.json()


@pytest.mark.parametrize("method,template,status", [
    ("post", "/v1/conversations", 413), ("get", "/v1/conversations/{session}", 400),
    ("get", "/v1/conversations/{session}", 503), ("post", "/v1/conversations/{session}/end", 400),
    ("post", "/v1/conversations/{session}/end", 503), ("get", "/v1/exports/{format}", 400),
    ("get", "/v1/exports/{format}", 503), ("get", "/v1/reports", 503), ("get", "/v1/reports/{report_id}", 503),
    ("post", "/v1/triage", 415), ("post", "/v1/conversations/{session}/messages", 403),
])
def test_each_error_the_service_gives_is_in_the_openapi_document(method, template, status):
    assert str(status) in DOC["paths"][template][method]["responses"]


def test_a_new_call_needs_one_pooled_postgresql_connection_not_two(engine, postgres_db):
    from triage_bot.reports.postgres import PostgresStore
    with PostgresStore(postgres_db, max_size=1, timeout_s=2) as store:
        calls = KeptSessions(engine, store)
        started = time.monotonic()
        assert calls.start("call-1")["replies"]
        assert time.monotonic() - started < 2


def test_a_body_that_names_a_key_twice_is_refused_not_read_by_its_last_value(engine, store):
    client = client_for(engine, store)
    body = b'{"text": "I took the whole bottle", "text": "a bit dizzy"}'
    answer = client.post("/v1/triage", content=body, headers={**AUTH, "content-type": "application/json"})
    assert answer.status_code == 400 and "'text' twice" in answer.json()["error"]
