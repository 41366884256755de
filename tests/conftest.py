"""Shared fixtures: one Triager per test session (building the lexicon is the slow part)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage_bot.knowledge import load_knowledge
from triage_bot.triager import Triager

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"

pytest_plugins = ["tests.services"]


@pytest.fixture(scope="session")
def knowledge():
    return load_knowledge(KNOWLEDGE)


@pytest.fixture(scope="session")
def triager(knowledge):
    return Triager(knowledge)


def run_cli(*args: str, input: bytes | str | None = None, env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -m triage_bot ARGS`` as a user would, from the repository root."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    if isinstance(input, str):
        input = input.encode("utf-8")
    return subprocess.run([sys.executable, "-m", "triage_bot", *args], input=input, capture_output=True,
                          env=full_env, timeout=timeout, cwd=ROOT)
