"""The patient web chat at ``/``: one page, a form that works without JavaScript.

Each post answers one turn and redirects back to the page (so a reload does
not send the message again), which shows the whole conversation from the
store.  The call's id lives in an HttpOnly, SameSite=Strict cookie; a post
from another site is refused.  ``/static/chat.js`` makes the same form post
in the background and adds the answer to the log without a reload; the page
is whole without it.  The words around the conversation are the dialogue
file's ``[dialogue.web]``.
"""
from __future__ import annotations

from html import escape
from typing import Any, Iterable
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..kept import TooManyCalls, UnknownCall, new_session_id
from ..reports import ReportStoreError
from ..text import safe_text
from ..triager import InputError
from .http import WEB_CALL_PREFIX, TooLarge, TooSlow, from_another_site, json_answer, read_body

COOKIE = "triage_bot_call"
# A form post is a few sentences: far below the API's bound.
MAX_FORM_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 4000
ACTIONS = ("send", "finish", "new")


def _words(request: Request) -> Any:
    return request.app.state.service.engine.dialogue


def _call_id(request: Request) -> str | None:
    value = request.cookies.get(COOKIE, "")
    return value if value.startswith(WEB_CALL_PREFIX) and len(value) <= 64 and value.isascii() else None


# ---------------------------------------------------------------- rendering

def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lines_html(lines: Iterable[str]) -> str:
    """Reply lines as paragraphs, a run of "- " lines as one list."""
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        shown = escape(safe_text(line))
        if line.startswith("- "):
            items.append(f"<li>{shown[2:]}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{shown}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def _entry_html(entry: dict, words: Any, latest: bool) -> str:
    role = "patient" if entry.get("role") == "patient" else "bot"
    who = words.web["you"] if role == "patient" else words.web["bot"]
    anchor = ' id="latest"' if latest else ""
    return (f'<div class="entry {role}"{anchor}><h2 class="who">{escape(who)}</h2>'
            f'{_lines_html(entry.get("lines", []))}</div>')


def render(words: Any, log: list[dict], alarm: str = "", done: bool = False, notice: str = "") -> str:
    """The whole page: the emergency advice first (when there is one), the log, the form."""
    web = words.web
    entries = "".join(_entry_html(e, words, i == len(log) - 1) for i, e in enumerate(log))
    emergency = (f'<section id="emergency" class="emergency" role="alert" aria-labelledby="emergency-heading">'
                 f'<h2 id="emergency-heading">{escape(web["emergency_heading"])}</h2>'
                 f'<p id="alarm">{escape(safe_text(alarm))}</p></section>') if alarm else (
        '<section id="emergency" class="emergency" role="alert" aria-labelledby="emergency-heading" hidden>'
        f'<h2 id="emergency-heading">{escape(web["emergency_heading"])}</h2><p id="alarm"></p></section>')
    status = f'<p id="notice" class="notice">{escape(safe_text(notice))}</p>' if notice else ""
    ended = f'<p id="ended" class="notice">{escape(web["ended"])}</p>' if done else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(_first_up(web["title"]))}</title>
<link rel="stylesheet" href="/static/chat.css">
<script src="/static/chat.js" defer></script>
</head>
<body>
{emergency}
<main>
<h1>{escape(_first_up(web["heading"]))}</h1>
<p class="intro">{escape(web["intro"])}</p>
<p class="safety">{escape(words.say("not_for_emergencies"))}</p>
{status}
<div id="log" class="log" role="log" aria-live="polite" aria-labelledby="log-heading" tabindex="0">
<h2 id="log-heading" class="visually-hidden">{escape(web["log_label"])}</h2>
{entries}
</div>
{ended}
<form id="chat" method="post" action="/" novalidate data-you="{escape(web["you"])}" data-bot="{escape(web["bot"])}">
<label for="message">{escape(web["message_label"])}</label>
<p id="message-hint" class="hint">{escape(web["message_hint"])}</p>
<textarea id="message" name="message" rows="3" maxlength="{MAX_MESSAGE_CHARS}" aria-describedby="message-hint"></textarea>
<p id="status" class="status" role="status" aria-live="polite"></p>
<div class="buttons">
<button type="submit" name="action" value="send" data-sending="{escape(web["sending"])}">{escape(web["send"])}</button>
<button type="submit" name="action" value="finish" class="secondary">{escape(web["finish"])}</button>
<button type="submit" name="action" value="new" class="secondary">{escape(web["new_conversation"])}</button>
</div>
</form>
</main>
</body>
</html>
"""


def _greeting(request: Request) -> list[dict]:
    """The greeting a new visitor sees, worked out without opening a call (a visit stores nothing)."""
    _state, greeting = request.app.state.service.engine.start()
    return [{"role": "bot", "lines": greeting}]


def _page(request: Request, answer: dict | None, notice: str = "", status: int = 200) -> Response:
    words = _words(request)
    if answer is None:
        return HTMLResponse(render(words, _greeting(request), notice=notice), status)
    return HTMLResponse(render(words, answer.get("log", []), answer.get("alarm", ""), answer.get("done", False),
                               notice), status)


# ---------------------------------------------------------------- the routes

async def show(request: Request) -> Response:
    """GET /: the conversation so far, or the greeting."""
    session = _call_id(request)
    calls = request.app.state.service.calls
    try:
        answer = await run_in_threadpool(calls.view, session) if session else None
    except ReportStoreError:
        return _page(request, None, _words(request).web["error"].format(error="the service is unavailable"), 503)
    return _page(request, answer)


async def _form(request: Request) -> dict[str, str]:
    raw = await read_body(request, MAX_FORM_BYTES)
    fields = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=10)
    return {key: values[0] for key, values in fields.items()}


async def post(request: Request) -> Response:
    """POST /: one turn of the web chat (send, finish or start again)."""
    if from_another_site(request):
        return HTMLResponse("Refused: this form can only be sent from its own page.", 403)
    web = _words(request).web
    wants_json = "application/json" in request.headers.get("accept", "")
    try:
        form = await _form(request)
    except (TooLarge, TooSlow, ValueError):
        return _refused(request, wants_json, web["too_long"], 413)
    action = form.get("action", "send") if form.get("action") in ACTIONS else "send"
    message = form.get("message", "")[:MAX_MESSAGE_CHARS]
    session = _call_id(request)
    calls = request.app.state.service.calls
    try:
        answer, session = await run_in_threadpool(_turn, calls, session, action, message)
    except TooManyCalls as exc:
        calls.warn(f"web chat refused a new call: {exc}")
        return _refused(request, wants_json, web["busy"], 503)
    except ReportStoreError as exc:
        calls.warn(f"web chat: {exc}")
        return _refused(request, wants_json, web["unavailable"], 503)
    except (UnknownCall, InputError):
        return _refused(request, wants_json, web["limit"], 400)
    status, notice = 200, ""
    if action == "finish" and answer is not None and answer.get("error"):
        # The report could not be stored: the call stays open (and its cookie) to finish again.
        calls.warn(f"web chat: a report was not stored yet: {answer['error']}")
        status, notice, answer = 503, web["not_stored"], {**answer, "done": False}
    elif action == "finish":
        session = None
    if wants_json:
        response: Response = json_answer({"log": answer.get("log", []) if answer else [],
                                          "alarm": answer.get("alarm", "") if answer else "",
                                          "done": answer.get("done", False) if answer else False,
                                          **({"error": notice} if notice else {})}, status)
    elif action == "send" and answer is not None:
        response = RedirectResponse("/#latest", 303)
    else:  # a finished call is forgotten by the store: its summary is shown now, once
        response = _page(request, answer, notice, status)
    _set_cookie(request, response, session)
    return response


def _refused(request: Request, wants_json: bool, notice: str, status: int) -> Response:
    """A post that did nothing: the words for the patient, and the status that says whose it is."""
    if wants_json:
        return json_answer({"error": notice}, status)
    return _page(request, None, notice, status)


def _turn(calls: Any, session: str | None, action: str, message: str) -> tuple[dict | None, str | None]:
    """What one post does: (the answer with its log, the call's id from now on)."""
    if action == "new":
        if session and calls.view(session) is not None:
            calls.handle({"session": session, "end": True})
        return None, None
    if action == "finish":
        if not session or calls.view(session) is None:
            return None, None
        return calls.handle({"session": session, "end": True}, log=True), session
    if not message.strip():
        # Nothing said: nothing opened or stored (an empty post must not cost a call).
        shown = calls.view(session) if session else None
        return shown, session if shown is not None else None
    if not session or calls.view(session) is None:
        session = new_session_id(WEB_CALL_PREFIX)
        calls.start(session, log=True)
    return calls.handle({"session": session, "text": message}, log=True), session


def _set_cookie(request: Request, response: Response, session: str | None) -> None:
    if session is None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return
    response.set_cookie(COOKIE, session, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
