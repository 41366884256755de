"""The JSON API: one-message triage (the batch contract), conversations (the stdio contract), reports.

Every answer is JSON; an error is ``{"error": "one line"}`` with a status
that says whose it is (400 the request, 401/403 the token, 404 no such call
or report, 413 too large, 503 the store).  The work itself runs in a worker
thread, so one slow turn does not hold up the others.
"""
from __future__ import annotations

import io
from datetime import date
from typing import Any, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..kept import TooManyCalls, UnknownCall, check_session_id, new_session_id
from ..reports import ExportNeedsError, ReportNotFoundError, ReportStoreError, write_export
from ..reports import without_unshared_contacts
from ..triager import InputError
from .http import WEB_CALL_PREFIX, bearer_ok, error, json_answer, read_json

# The export formats of `reports export`, with the media type and file suffix each is sent as.
EXPORTS: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "e2b-xml": ("application/xml", "xml"),
    "fhir": ("application/fhir+ndjson", "ndjson"),
}


def _service(request: Request) -> Any:
    return request.app.state.service


async def _guarded(request: Request, work: Callable[[], Any], status: int = 200,
                   failed: int | None = None) -> Response:
    """Run ``work`` in a worker thread and answer with its result (with status ``failed``, if given,
    when the result carries an error), or with the error it raised."""
    try:
        answer = await run_in_threadpool(work)
        return json_answer(answer, failed if failed and isinstance(answer, dict) and answer.get("error") else status)
    except UnknownCall as exc:
        return error(str(exc), 404)
    except TooManyCalls as exc:
        answer = error(str(exc), 503)
        answer.headers["retry-after"] = "60"
        return answer
    except InputError as exc:
        return error(str(exc), 400)
    except ReportNotFoundError as exc:
        return error(str(exc), 404)
    except ReportStoreError as exc:
        return error(str(exc), 503)


# ---------------------------------------------------------------- triage and conversations

def _api_session(session: Any) -> str:
    """A call id an API client may use: any but the web chat's own (so none can be planted in it)."""
    session = check_session_id(session)
    if session.startswith(WEB_CALL_PREFIX):
        raise InputError(f"ids starting {WEB_CALL_PREFIX!r} belong to the web chat: choose another")
    return session


async def triage(request: Request) -> Response:
    """POST /v1/triage {"text": ..., "context"?: {...}, "id"?: ...}: the batch line's answer."""
    req, problem = await read_json(request)
    if problem is not None:
        return problem
    if "text" not in req:
        return error("text is missing", 400, id=req.get("id"))
    triager = _service(request).triager

    def work() -> dict:
        return {"id": req.get("id"), **triager.classify(req["text"], req.get("context")).to_json()}
    return await _guarded(request, work)


async def create_conversation(request: Request) -> Response:
    """POST /v1/conversations {"session"?: "call-17"}: open a call; its greeting."""
    req, problem = await read_json(request)
    if problem is not None:
        return problem
    calls = _service(request).calls
    try:
        session = _api_session(req["session"]) if "session" in req else new_session_id("call-")
    except InputError as exc:
        return error(str(exc), 400)
    return await _guarded(request, lambda: calls.start(session), 201)


async def show_conversation(request: Request) -> Response:
    """GET /v1/conversations/{session}: the call's triage as it stands."""
    session = request.path_params["session"]
    calls = _service(request).calls

    def work() -> dict:
        answer = calls.view(_api_session(session))
        if answer is None:
            raise UnknownCall(f"no open call {session!r}")
        answer.pop("log", None)
        return answer
    return await _guarded(request, work)


async def send_message(request: Request) -> Response:
    """POST /v1/conversations/{session}/messages {"text": ..., "report"?: {...}}: one turn."""
    req, problem = await read_json(request)
    if problem is not None:
        return problem
    turn = {"session": request.path_params["session"], "text": req.get("text")}
    if "text" not in req:
        turn.pop("text")
    if "report" in req:
        turn["report"] = req["report"]
    calls = _service(request).calls
    return await _guarded(request, lambda: calls.handle({**turn, "session": _api_session(turn["session"])}))


async def end_conversation(request: Request) -> Response:
    """POST /v1/conversations/{session}/end: the summary, and the stored report's id."""
    calls = _service(request).calls
    session = request.path_params["session"]
    # A report that could not be stored is said with 503: the call stays open, to end again.
    return await _guarded(request, lambda: calls.handle({"session": _api_session(session), "end": True}),
                          failed=503)


# ---------------------------------------------------------------- reports (always behind the token)

def _reports_refused(request: Request) -> Response | None:
    token = _service(request).token
    if not token:
        return error("the reports endpoints need a bearer token: start the server with TRIAGE_BOT_TOKEN set", 403)
    if not bearer_ok(request, token):
        answer = error("a bearer token is needed (Authorization: Bearer ...)", 401)
        answer.headers["www-authenticate"] = "Bearer"
        return answer
    return None


def _since(request: Request) -> date | None:
    given = request.query_params.get("since")
    try:
        return date.fromisoformat(given) if given else None
    except ValueError:
        raise InputError(f"since must be a date such as 2026-12-01, not {given[:40]!r}") from None


async def list_reports(request: Request) -> Response:
    """GET /v1/reports[?since=YYYY-MM-DD]: one summary per stored report, oldest first."""
    refused = _reports_refused(request)
    if refused is not None:
        return refused
    store = _service(request).store

    def work() -> dict:
        return {"reports": [dict(s.__dict__, effects=list(s.effects)) for s in store.list(_since(request))]}
    return await _guarded(request, work)


async def show_report(request: Request) -> Response:
    """GET /v1/reports/{report_id}: one stored report, as `reports show` has it."""
    refused = _reports_refused(request)
    if refused is not None:
        return refused
    store = _service(request).store
    return await _guarded(request, lambda: store.get(request.path_params["report_id"]))


async def export_reports(request: Request) -> Response:
    """GET /v1/exports/{format}[?since=...]: every report in one of `reports export`'s formats,
    a contact the reporter did not agree to share left out."""
    refused = _reports_refused(request)
    if refused is not None:
        return refused
    name = request.path_params["format"]
    if name not in EXPORTS:
        return error(f"no export format {name[:40]!r}; the formats are {', '.join(EXPORTS)}", 404)
    media_type, suffix = EXPORTS[name]
    store = _service(request).store

    def work() -> tuple[str, int]:
        out = io.StringIO(newline="")
        _count, drafts = write_export(name, (without_unshared_contacts(r) for r in store.iter_reports(_since(request))),
                                      out)
        return out.getvalue(), drafts
    try:
        body, drafts = await run_in_threadpool(work)
    except InputError as exc:
        return error(str(exc), 400)
    except ReportStoreError as exc:
        return error(str(exc), 503)
    except ExportNeedsError as exc:
        return error(str(exc), 501)
    headers = {"content-disposition": f'attachment; filename="reports.{suffix}"'}
    if name == "e2b-xml":
        headers["x-drafts"] = str(drafts)  # cases whose reactions need MedDRA coding
    return Response(body, media_type=media_type, headers=headers)
