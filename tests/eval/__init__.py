"""Shared by the accuracy tests: benchmark scripts imported as scripts, and gate floors."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.conftest import REPO

BENCHMARKS = str(REPO / "benchmarks")


@contextmanager
def benchmarks_on_path() -> Iterator[None]:
    """The benchmark scripts' folder on the import path, as when they run (they import each
    other by module name, some only while they run)."""
    sys.path.insert(0, BENCHMARKS)
    try:
        yield
    finally:
        sys.path.remove(BENCHMARKS)


def benchmark(name: str) -> ModuleType:
    """A benchmark script, imported as the scripts import each other."""
    with benchmarks_on_path():
        return importlib.import_module(name)


def baseline(name: str) -> dict[str, Any]:
    """A gate's record, ``tests/eval/<name>_baseline.json``: its floors and how they were
    measured."""
    found: dict[str, Any] = json.loads(
        Path(__file__).with_name(f"{name}_baseline.json").read_text()
    )
    return found
