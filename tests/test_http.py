"""The HTTP service: the API against its OpenAPI document, the token, the limits, the headers, the web form."""
from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest
from starlette.testclient import TestClient

from triage_bot.conversation import Engine
from triage_bot.kept import KeptSessions
from triage_bot.reports import ReportStore
from triage_bot.sessions import Sessions
from triage_bot.web.app import ROUTES, Service, build_app, openapi_document
from triage_bot.web.http import MAX_BODY_BYTES
from triage_bot.web.server import AccessLog, ServeError, check_bind, is_loopback

TOKEN = "a-long-random-test-secret"
AUTH = {"authorization": f"Bearer {TOKEN}"}
CALL = ["my wee has gone the colour of cola", "no that's all", "yes", "AB"]
DOC = openapi_document()


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager)


@pytest.fixture
def store(tmp_path):
    with ReportStore(tmp_path / "r.db") as opened:
        yield opened


def client_for(engine, store, token=TOKEN, log=None):
    app = build_app(Service(engine.triager, engine, store, KeptSessions(engine, store), token))
    return TestClient(AccessLog(app, log) if log is not None else app, base_url="http://127.0.0.1:8080")


@pytest.fixture
def client(engine, store):
    return client_for(engine, store)


def documented(method: str, template: str, status: int, body):
    """Check ``body`` against the OpenAPI document's schema for this answer."""
    operation = DOC["paths"][template][method.lower()]
    assert str(status) in operation["responses"], f"{method} {template} answered {status}, not documented"
    content = operation["responses"][str(status)]["content"]
    schema = content["application/json"]["schema"]
    jsonschema.validate(body, {**schema, "components": DOC["components"]})


# ---------------------------------------------------------------- the API and its document

def test_every_route_is_in_the_openapi_document_and_nothing_else(client):
    served = {(m.lower(), r.path) for r in ROUTES for m in r.methods - {"HEAD"} if r.path.startswith(("/v1", "/healthz"))}
    described = {(m, p) for p, ops in DOC["paths"].items() for m in ops}
    assert served == described
    assert client.get("/openapi.json").json() == DOC


def test_a_whole_call_over_http_answers_as_serve_stdio_and_as_documented(client, engine, store):
    created = client.post("/v1/conversations", json={"session": "call-9"}, headers=AUTH)
    documented("POST", "/v1/conversations", 201, created.json())
    stdio = Sessions(engine)
    expected = [stdio.handle({"session": "call-9", "text": text}) for text in CALL]
    answers = []
    for text in CALL:
        answer = client.post("/v1/conversations/call-9/messages", json={"text": text}, headers=AUTH)
        documented("POST", "/v1/conversations/{session}/messages", answer.status_code, answer.json())
        answers.append(answer.json())
    assert [a["replies"] for a in answers[1:]] == [e["replies"] for e in expected[1:]]
    assert answers[0]["replies"] == expected[0]["replies"][-len(answers[0]["replies"]):]  # greeting given at create
    shown = client.get("/v1/conversations/call-9", headers=AUTH)
    documented("GET", "/v1/conversations/{session}", 200, shown.json())
    ended = client.post("/v1/conversations/call-9/end", headers=AUTH)
    documented("POST", "/v1/conversations/{session}/end", 200, ended.json())
    report_id = ended.json()["report_id"]
    assert store.get(report_id)["patient"]["initials"] == "AB"
    gone = client.post("/v1/conversations/call-9/end", headers=AUTH)
    assert gone.status_code == 404 and "no open call" in gone.json()["error"]
    documented("POST", "/v1/conversations/{session}/end", 404, gone.json())


def test_one_message_triage_is_the_batch_contract(client, triager):
    answer = client.post("/v1/triage", json={"id": 7, "text": "cant stop noddin off"}, headers=AUTH)
    documented("POST", "/v1/triage", 200, answer.json())
    assert answer.json() == {"id": 7, **json.loads(json.dumps(triager.classify("cant stop noddin off").to_json()))}
    missing = client.post("/v1/triage", json={"id": 8}, headers=AUTH)
    assert missing.status_code == 400 and missing.json() == {"error": "text is missing", "id": 8}


def test_health_says_the_drug_and_the_store_without_a_token(client):
    answer = client.get("/healthz")
    documented("GET", "/healthz", 200, answer.json())
    assert answer.json()["drug"] == "baclofen" and answer.json()["store"] == "sqlite"


# ---------------------------------------------------------------- the token

def test_with_a_token_set_every_api_call_needs_it(client):
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": f"Basic {TOKEN}"}):
        refused = client.post("/v1/triage", json={"text": "dizzy"}, headers=headers)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        documented("POST", "/v1/triage", 401, refused.json())
    assert client.post("/v1/triage", json={"text": "dizzy"}, headers=AUTH).status_code == 200


def test_reports_are_never_served_without_a_token_even_on_loopback(engine, store):
    store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "so dizzy"}]})
    open_client = client_for(engine, store, token=None)
    assert open_client.post("/v1/triage", json={"text": "dizzy"}).status_code == 200  # loopback, no token
    for path in ("/v1/reports", "/v1/exports/csv"):
        refused = open_client.get(path)
        assert refused.status_code == 403 and "TRIAGE_BOT_TOKEN" in refused.json()["error"]


def test_reports_listed_shown_and_exported_with_the_reporters_choice_honoured(client, store):
    kept = store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "so dizzy"}],
                      "reporter": {"type": "patient", "contact": "555-0100", "share_with_manufacturer": False}})
    listed = client.get("/v1/reports", headers=AUTH)
    documented("GET", "/v1/reports", 200, listed.json())
    assert [r["id"] for r in listed.json()["reports"]] == [kept]
    shown = client.get(f"/v1/reports/{kept}", headers=AUTH)
    documented("GET", "/v1/reports/{report_id}", 200, shown.json())
    for name in ("jsonl", "csv", "e2b-xml", "fhir"):
        exported = client.get(f"/v1/exports/{name}", headers=AUTH)
        assert exported.status_code == 200 and "so dizzy" in exported.text and "555-0100" not in exported.text
        assert exported.headers["content-type"].split(";")[0] in DOC["paths"]["/v1/exports/{format}"]["get"][
            "responses"]["200"]["content"]
    assert client.get("/v1/exports/e2b", headers=AUTH).status_code == 404  # the retired JSON rendering
    assert client.get("/v1/reports/000000000000", headers=AUTH).status_code == 404
    assert client.get("/v1/reports?since=yesterday-ish", headers=AUTH).status_code == 400


# ---------------------------------------------------------------- bad input and limits

@pytest.mark.parametrize("body, said", [
    (b"\xff\xfe not utf-8", "UTF-8"), (b"[1, 2]", "object"), (b'{"text": NaN}', "NaN"), (b"{" * 5000, "JSON"),
])
def test_a_hostile_body_gets_a_clear_error_and_the_service_goes_on(client, body, said):
    answer = client.post("/v1/triage", content=body, headers={**AUTH, "content-type": "application/json"})
    assert answer.status_code == 400 and said.lower() in answer.json()["error"].lower()
    assert client.post("/v1/triage", json={"text": "dizzy"}, headers=AUTH).status_code == 200


def test_a_body_past_the_limit_is_refused_before_it_is_read(client):
    answer = client.post("/v1/triage", content=b"x" * (MAX_BODY_BYTES + 1), headers=AUTH)
    assert answer.status_code == 413 and f"{MAX_BODY_BYTES:,}" in answer.json()["error"]


def test_the_call_limits_of_serve_apply_over_http(engine, store):
    from triage_bot.sessions import Limits
    app = build_app(Service(engine.triager, engine, store, KeptSessions(engine, store, Limits(turns=2)), TOKEN))
    client = TestClient(app)
    for text in ("I feel dizzy", "and sick"):
        client.post("/v1/conversations/c/messages", json={"text": text}, headers=AUTH)
    refused = client.post("/v1/conversations/c/messages", json={"text": "and more"}, headers=AUTH)
    assert refused.status_code == 400 and "limit of 2 messages" in refused.json()["error"]


# ---------------------------------------------------------------- headers and logs

def test_every_answer_carries_the_security_headers_and_patient_pages_are_never_cached(client):
    for answer in (client.get("/"), client.post("/v1/triage", json={"text": "dizzy"}, headers=AUTH)):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert answer.headers["cache-control"] == "no-store" and answer.headers["x-content-type-options"] == "nosniff"
    script = client.get("/static/chat.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/openapi.json").status_code == 404  # only the page's own files


def test_the_access_log_names_routes_never_patient_words_or_ids(engine, store):
    log = io.StringIO()
    client = client_for(engine, store, log=log)
    client.post("/v1/conversations/call-secret-id/messages", json={"text": "my wee is the colour of cola"}, headers=AUTH)
    client.post("/", data={"message": "I keep nodding off at work", "action": "send"})
    written = log.getvalue()
    assert "POST /v1/conversations/{session}/messages 200" in written and "POST / 303" in written
    assert "cola" not in written and "nodding" not in written and "call-secret-id" not in written


def test_only_loopback_may_listen_without_a_token():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", TOKEN)
    with pytest.raises(ServeError, match="TRIAGE_BOT_TOKEN"):
        check_bind("0.0.0.0", None)


# ---------------------------------------------------------------- the web chat without JavaScript

def page_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_web_form_works_without_javascript(client, store):
    first = client.get("/")
    assert 'role="log"' in first.text and '<label for="message">' in first.text
    assert "Hello." in page_text(first.text)
    posted = client.post("/", data={"message": "I have a rash", "action": "send"}, follow_redirects=False)
    assert posted.status_code == 303 and posted.headers["location"] == "/#latest"
    cookie = posted.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    again = page_text(client.get("/").text)
    assert "I have a rash" in again and "a skin rash or itching" in again
    for text in ("no that's all", "yes", "AB"):
        client.post("/", data={"message": text, "action": "send"})
    finished = client.post("/", data={"action": "finish"})
    assert "summary" in page_text(finished.text).lower()
    assert len(list(store.iter_reports())) == 1
    assert "Hello." in page_text(client.get("/").text)  # a new conversation next time


def test_an_emergency_on_the_web_is_shown_first_and_stays_on_every_page(client):
    client.post("/", data={"message": "my husband swallowed twenty of my tablets", "action": "send"})
    for text in ("", "and he is very sleepy"):
        if text:
            client.post("/", data={"message": text, "action": "send"})
        html = client.get("/").text
        alarm = html.index('role="alert"')
        assert alarm < html.index("<main>") and "emergency services" in html[alarm:html.index("</section>")]
        assert " hidden" not in html[alarm - 120:alarm + 80]


def test_a_post_from_another_site_is_refused(client):
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        refused = client.post("/", data={"message": "I feel dizzy", "action": "send"}, headers=headers)
        assert refused.status_code == 403
    same = client.post("/", data={"message": "I feel dizzy", "action": "send"},
                       headers={"origin": "http://127.0.0.1:8080", "sec-fetch-site": "same-origin"})
    assert same.status_code == 200  # followed the redirect to the page


def test_the_web_form_answers_json_for_the_script(client):
    answer = client.post("/", data={"message": "I feel dizzy", "action": "send"}, headers={"accept": "application/json"})
    assert [e["role"] for e in answer.json()["log"]] == ["bot", "patient", "bot"]
    assert answer.json()["alarm"] == "" and answer.json()["done"] is False
