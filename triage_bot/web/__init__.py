"""The HTTP service (``triage-bot serve --http``): a JSON API for nurse-line software and a patient web chat.

- `app`: the Starlette application: routes, security headers, the bearer token;
- `api`: the JSON endpoints (one-message triage, conversations, reports);
- `page`: the patient web chat at ``/``, a form that works without JavaScript;
- `server`: running it under uvicorn, with the idle sweep and the bind checks.

Every conversation is kept in the report store (triage_bot.kept), so several
server processes behind a load balancer answer the turns of one call.  Needs
the ``server`` extra: ``pip install 'triage-bot[server]'``.
"""
