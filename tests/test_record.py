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


def test_a_record_behaves_as_the_named_tuple_of_its_fields():
    import copy
    import pickle
    from collections import namedtuple

    twin = namedtuple("Dose", ["amount", "unit"], defaults=["mg"])
    for args, kwargs in [((10,), {}), ((5, "ml"), {}), ((), {"amount": 3}), ((2,), {"unit": "g"})]:
        ours, theirs = Dose(*args, **kwargs), twin(*args, **kwargs)
        assert tuple(ours) == tuple(theirs) and repr(ours) == repr(theirs)
        assert ours._asdict() == theirs._asdict() and ours._replace(unit="tab") == theirs._replace(unit="tab")
        assert pickle.loads(pickle.dumps(ours)) == ours and type(copy.deepcopy(ours)) is Dose
    assert Dose._field_defaults == twin._field_defaults and Dose._make([1, "x"]) == (1, "x")
    assert Dose.__match_args__ == ("amount", "unit") and hash(Dose(1)) == hash((1, "mg"))
    for bad_args, bad_kwargs in [((), {}), ((1, "mg", 3), {}), ((1,), {"amount": 2}), ((1,), {"dose": 2})]:
        with pytest.raises(TypeError):
            Dose(*bad_args, **bad_kwargs)
        with pytest.raises(TypeError):
            twin(*bad_args, **bad_kwargs)
    with pytest.raises(ValueError):
        Dose(1)._replace(dose=2)
