"""@record: typed, frozen records that cost a one-shot run no typing import."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage_bot.record import record

ROOT = Path(__file__).resolve().parents[1]
RECORD_MODULES = ("triage_bot.knowledge.records", "triage_bot.results", "triage_bot.reading.lexicon",
                  "triage_bot.reading.mentions", "triage_bot.reading.patterns", "triage_bot.reading.tokens")


@record
class Dose:
    """A dose as a patient gave it."""
    amount: int
    unit: str = "mg"

    @property
    def text(self) -> str:
        return f"{self.amount} {self.unit}"


def test_fields_come_from_the_annotations_in_order_with_their_defaults():
    dose = Dose(10)
    assert Dose._fields == ("amount", "unit")
    assert dose == (10, "mg") and dose.text == "10 mg" and Dose(5, "ml").unit == "ml"
    assert Dose.__doc__ == "A dose as a patient gave it." and Dose.__qualname__ == "Dose"
    assert Dose.__annotations__ == {"amount": "int", "unit": "str"}


def test_a_record_cannot_be_changed():
    dose = Dose(10)
    with pytest.raises(AttributeError):
        dose.amount = 20
    with pytest.raises(AttributeError):
        dose.extra = 1


def test_a_field_without_a_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError, match="'unit' without a default"):
        @record
        class Bad:
            amount: int = 0
            unit: str


def test_every_record_of_the_one_shot_path_declares_a_type_for_each_field():
    for name in RECORD_MODULES:
        module = importlib.import_module(name)
        records = [v for v in vars(module).values()
                   if isinstance(v, type) and hasattr(v, "_fields") and v.__module__ == name]
        assert records, name
        for cls in records:
            assert tuple(cls.__annotations__) == cls._fields, f"{name}.{cls.__qualname__}"


def test_a_one_shot_run_imports_neither_typing_nor_dataclasses(tmp_path):
    code = ("import sys; from triage_bot import cli; cli.main(['triage', '--json', 'dizzy']); "
            "sys.stderr.write(str(['typing' in sys.modules, 'dataclasses' in sys.modules]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    for _ in range(2):  # the first run builds the lexicon cache; the second reads it
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, timeout=60)
    assert proc.stderr.strip().endswith("[False, False]"), proc.stderr
