"""The command line: one-shot triage, JSON Lines batches, nurse-line sessions, reports.

    triage-bot [chat] [--no-history] [--no-store] [--db FILE]   the terminal chat
    triage-bot triage - [--json]    (the message on standard input; TEXT also works)
    triage-bot batch [FILE|-]       JSON Lines in, JSON Lines out
    triage-bot serve --stdio        conversations for nurse-line software
    triage-bot replay FILE|-        run a scripted conversation
    triage-bot reports ...          stored adverse-event reports
    triage-bot --version

Exit status: 0 done; 1 the input or a file could not be read, a report store
error, or the reader closed standard output (``| head``); 2 a usage error.
Errors are one line on standard error. The parser is built in triage_bot.cli_args.
"""
from __future__ import annotations

import json
import os
import sys

from .cli_args import (  # noqa: F401
    PROG, SERVE_LIMITS, build_parser, chat_by_default, command_of, package_version, quick_args,
)
from .text import paint, safe_text, wants_colour

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, BinaryIO, TextIO

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
# The reader closed standard output (`| head -1`): stop quietly, with Python's status for EPIPE.
EXIT_CLOSED = 1
# `triage -` reads at most this much; the matcher's own limit is far lower.
MAX_STDIN_BYTES = 1 << 20


# The dialogue file's lines the one-shot result uses, besides the tier and disposition titles.
RESULT_LINES = ("result_because", "result_not_counted")


def titles(knowledge: Any, drug: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Tier and disposition titles and the result's own lines from the dialogue file for ``drug``,
    as the chat words them (read as they are: the one-shot path does not load the chat)."""
    script = knowledge.dialogue.get("dialogue", {})

    def table(found: Any) -> dict[str, str]:
        return {k: v.replace("{drug}", drug) for k, v in found.items() if isinstance(v, str)}
    lines = table({key: script.get(key) for key in RESULT_LINES})
    missing = [key for key in RESULT_LINES if key not in lines]
    if missing:
        from .knowledge import KnowledgeError
        raise KnowledgeError(f"{knowledge.folder}/dialogue.toml [dialogue]: {missing[0]!r} is missing; "
                             f"the one-shot result needs: {', '.join(RESULT_LINES)}")
    return table(script.get("tiers", {})), table(script.get("dispositions", {})), lines


def _first_up(title: str) -> str:
    return title[:1].upper() + title[1:]


def render_result(result: Any, colour: bool, names: tuple[dict[str, str], dict[str, str], dict[str, str]]) -> str:
    """A triage result as readable text: the disposition, findings by tier, advice."""
    tiers, dispositions, said = names
    lines = [paint(_first_up(dispositions.get(result.disposition, result.disposition)), result.disposition, colour)]
    for reason in result.reasons:
        lines.append("  " + said["result_because"].format(reason=reason))
    for tier in ("overdose", "withdrawal", "medical_attention", "if_bothersome"):
        found = [f for f in result.findings if f.tier == tier]
        if found:
            lines.append("")
            title = tiers.get(tier, tier)
            if tier == "overdose" and result.disposition != "emergency":
                # an overdose sign alone that waits on an overdose (blurred vision) is not called one
                title = dispositions.get(result.disposition, result.disposition)
            lines.append(paint(_first_up(title), tier, colour))
            for f in found:
                what = f.name or (f"{f.effect} ({f.sign})" if f.sign else f.effect)
                lines.append(f'  - {what}: "{safe_text(f.text)}"')
    if result.negated:
        lines.append("")
        lines.append(said["result_not_counted"])
        lines.extend(f'  - {f.name or f.sign or f.effect}: "{safe_text(f.text)}"' for f in result.negated)
    lines.append("")
    lines.append(result.advice)
    for p in result.precautions:
        lines.append(f"  * {p}")
    for q in result.questions:
        lines.append(f"? {q.text}")
    return "\n".join(lines)


# ---------------------------------------------------------------- batch

def run_batch(triager: Any, stream: BinaryIO, out: TextIO) -> int:
    """Answer each JSON Lines request in order, one line each, flushed at once."""
    from .jsonl import dump_line, iter_lines, parse_line  # batches only: a one-shot run does without
    from .triager import InputError

    for raw in iter_lines(stream):
        if raw is not None and not raw.strip():
            continue
        ident, req, error = parse_line(raw)
        if req is not None:
            try:
                if "text" not in req:
                    raise InputError("text is missing")
                result = triager.classify(req["text"], req.get("context"))
                answer = {"id": ident, **result.to_json()}
            except InputError as exc:
                error = str(exc)
        if error is not None:
            answer = {"id": ident, "error": error}
        out.write(dump_line(answer))
        out.flush()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``triage-bot`` command."""
    program = argv is None  # run as the command itself: the process ends when this returns
    argv = list(sys.argv[1:] if argv is None else argv)
    args, parser = quick_args(argv), None  # a plain one-shot line needs no parser
    if program:
        # The start-up (imports, the compiled lexicon) makes objects that all live on: the
        # collector would only walk them, several times over.  A one-shot run ends before it
        # would find garbage; a longer run turns it on again once started (_started).
        import gc
        gc.disable()
        _STARTING[0] = args is None
    if args is None:
        helping = "-h" in argv or "--help" in argv
        parser = build_parser(with_reports="reports" in argv or helping,
                              only=None if helping else command_of(argv))
    try:
        if args is None:
            args = parser.parse_args(chat_by_default(argv, parser))
        status = _dispatch(args, parser)
        sys.stdout.flush()  # a reader that has gone (`| head -1`) is met here, not in the exit's flush
        if program:
            # The interpreter's last collection would walk every object of the compiled
            # lexicon for garbage the exit frees anyway: a few ms of a one-shot run.
            import gc
            gc.freeze()
        return status
    except SystemExit:  # --help or --version printed, or a usage error
        if not _quiet_if_closed(sys.stdout):
            return EXIT_CLOSED
        raise
    except BrokenPipeError:
        _quiet_if_closed(sys.stdout)
        return EXIT_CLOSED
    except KeyboardInterrupt:
        return 130


_STARTING = [False]  # main() left the collector off for a command that runs on after its start


def _started() -> None:
    """The start-up is over: what it made is kept out of the collector's walks for good
    (it lives as long as the process) and the collector runs again for what the run makes."""
    if _STARTING[0]:
        import gc
        _STARTING[0] = False
        gc.freeze()
        gc.enable()


def _fail(message: str, code: int = EXIT_INPUT) -> int:
    sys.stderr.write(f"{PROG}: error: {safe_text(message)}\n")
    return code


def _dispatch(args: Any, parser: Any) -> int:
    from .knowledge import KnowledgeError
    from .triager import load_triager

    if args.command == "reports":
        from . import report_cli
        _started()
        return report_cli.run(args)
    try:
        triager = load_triager(args.knowledge, args.drug)
    except KnowledgeError as exc:
        return _fail(str(exc))

    if args.command == "triage":
        return _triage_one(args, triager)
    if args.command == "batch":
        _started()
        if args.file == "-":
            return run_batch(triager, sys.stdin.buffer, sys.stdout)
        try:
            with open(args.file, "rb") as stream:
                return run_batch(triager, stream, sys.stdout)
        except BrokenPipeError:
            raise  # standard output, not FILE: main stops quietly
        except OSError as exc:
            return _fail(f"cannot read {args.file}: {exc.strerror or exc}")

    if args.command in ("serve", "replay"):
        return _converse(args, triager)
    if args.command in (None, "chat"):
        _started()
        return _chat(args, triager)
    parser.print_help()
    return EXIT_USAGE


def _triage_one(args: Any, triager: Any) -> int:
    """`triage-bot triage`: one message, from the command line or standard input, triaged and printed."""
    from .triager import InputError

    context = {}
    if args.stopped_suddenly:
        context["stopped_suddenly"] = args.stopped_suddenly == "yes"
    if args.took_too_much:
        context["took_too_much"] = args.took_too_much == "yes"
    if args.text == ["-"]:
        # Patient words on standard input stay out of argv, which any local user can read in /proc.
        text = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
        if len(text) > MAX_STDIN_BYTES:
            return _fail(f"the message on standard input is longer than {MAX_STDIN_BYTES:,} bytes")
        try:
            message = text.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            return _fail(f"the message on standard input is not valid UTF-8 (byte {exc.start})")
    else:
        message = " ".join(args.text)
    try:
        result = triager.classify(message, context)
    except InputError as exc:
        return _fail(str(exc))
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2) + "\n")
    else:
        from .knowledge import KnowledgeError
        try:
            names = titles(triager.knowledge, triager.drug.name)
        except KnowledgeError as exc:
            return _fail(str(exc))
        sys.stdout.write(render_result(result, wants_colour(sys.stdout), names) + "\n")
    return EXIT_OK


def _chat(args: Any, triager: Any) -> int:
    from .chat import run_chat
    from .conversation import Engine
    from .knowledge import KnowledgeError
    from .reports import default_db_path

    try:
        engine = Engine(triager)
    except KnowledgeError as exc:
        return _fail(str(exc))
    # The database is opened only when a report is saved, so a chat never
    # fails to start because of it.
    store = None if args.no_store else (args.db or default_db_path())
    return run_chat(engine, history=not args.no_history, store=store)


def _open_store(args: Any) -> Any:
    """The report store the flags ask for, or None with --no-store; its notices go to stderr."""
    if args.no_store:
        return None
    from .reports import open_store
    store = open_store(args.db)
    for notice in store.notices:
        sys.stderr.write(f"{PROG}: {safe_text(notice)}\n")
    return store


def _recovery(store: Any) -> Any:
    """Where serve keeps reports the store refused: a new owner-only file beside the database
    (else in the user's data folder)."""
    from .reports import user_data_dir, write_recovery

    def recover(failed: list) -> str:
        try:
            # A PostgreSQL store has no folder of its own: the user's data folder.
            return str(write_recovery(failed, store.path.parent if store.path else user_data_dir()))
        except OSError:
            # The database's disk may be the full one: the user's data folder may be elsewhere.
            return str(write_recovery(failed, user_data_dir()))
    return recover


def _converse(args: Any, triager: Any) -> int:
    from .conversation import Engine
    from .knowledge import KnowledgeError

    if getattr(args, "http", False) and args.no_store:
        return _fail("serve --http keeps every call in the store, so it cannot run with --no-store")
    errors: tuple = (KnowledgeError,)
    if not args.no_store:  # the store's modules only for a run that keeps one
        from .reports import ReportStoreError
        errors += (ReportStoreError,)
    try:
        engine = Engine(triager)
        store = _open_store(args)
    except errors as exc:
        return _fail(str(exc))
    _started()
    try:
        if args.command == "serve" and args.http:
            return _serve_http(args, engine, store)
        if args.command == "serve":
            from .sessions import Limits
            limits = Limits(args.max_sessions, args.idle_timeout, args.max_turns, args.max_chars)
            from .jsonl import FdReader
            from .serve import run_serve
            # The reader thread reads standard input's descriptor itself: left waiting in a read
            # when a signal ends the run, it must not hold the lock of sys.stdin that the exit needs.
            status = run_serve(engine, FdReader(sys.stdin.fileno()), sys.stdout, store, limits=limits,
                               handle_signals=True, recover=_recovery(store) if store is not None else None)
            _quiet_if_closed(sys.stdout)
            return status
        # (replay's sessions keep a script that ends after the summary from printing it twice)
        from .replay import run_replay
        return run_replay(engine, args.file, sys.stdout, store)
    finally:
        if store is not None:
            store.close()


def _serve_http(args: Any, engine: Any, store: Any) -> int:
    try:
        from .web.server import ServeError, run_http
    except ImportError as exc:
        return _fail(f"serve --http needs the server extra ({exc.name} is not installed): "
                     "pip install 'triage-bot[server]'")
    from .sessions import Limits
    limits = Limits(args.max_sessions, args.idle_timeout, args.max_turns, args.max_chars)
    try:
        return run_http(engine, store, host=args.host, port=args.port, token=os.environ.get("TRIAGE_BOT_TOKEN"),
                        limits=limits, access_log=not args.no_access_log)
    except ServeError as exc:
        return _fail(str(exc))


def _quiet_if_closed(stream: Any) -> bool:
    """Flush ``stream``; if its reader has gone, return False and point it at the null device, so
    the exit's own flush prints no traceback (the Python docs' "Note on SIGPIPE")."""
    try:
        stream.flush()
        return True
    except (OSError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError):
            pass
        return False
