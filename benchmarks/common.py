"""Shared helpers for the benchmark scripts: child processes, clocks, memory, scores, reports.

Every measured part of a benchmark runs in a fresh child process (the script re-invoked with a
hidden ``--part`` flag), so the peak memory a child reports is its own. On Linux a child's
``ru_maxrss`` also counts the parent it was started from (the kernel folds the parent's
high-water mark in at ``exec``), so the parent must stay small: it imports nothing heavy and
leaves all reading, loading and analysing to its children. Each child also reports ``VmHWM``,
the high-water mark of its own address space alone, as a cross-check.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"  # ../shared/data beside the repository

RESULT_MARKER = "BENCHMARK-RESULT "
KIB_PER_MIB = 1024
SHINGLE_SIZE = 4  # the article-extraction-benchmark compares 4-word shingles
_WORD = re.compile(r"\w+")

# ---------------------------------------------------------------- header: command, date, machine


def command_line() -> str:
    """The command that started this process, as typed (interpreter, script, arguments)."""
    argv = getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv]
    return shlex.join(argv)


def cpu_model() -> str:
    """The processor's model name (Linux), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    """Cores, processor, memory, OS, Python and load of the machine running the benchmark."""
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable_cores(),
        "cpu": cpu_model(),
        "memory_mib": total_memory_mib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def header(name: str) -> dict[str, Any]:
    """What every benchmark report starts with: its name, command, directory, date, machine."""
    return {
        "benchmark": name,
        "command": command_line(),
        "cwd": os.getcwd(),
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
    }


def print_header(info: dict[str, Any], extra: dict[str, str] | None = None) -> None:
    """Print the header block of a report."""
    box = info["machine"]
    print(f"== benchmark: {info['benchmark']} ==")
    print(f"command:  {info['command']}")
    print(f"in:       {info['cwd']}")
    print(f"date:     {info['date']}")
    print(
        f"machine:  {box['cores']} cores ({box['usable_cores']} usable), {box['cpu']},"
        f" {box['memory_mib']:,} MiB RAM, {box['os']}"
    )
    print(f"python:   {box['implementation']} {box['python']}")
    print(f"load:     {' '.join(str(x) for x in box['load_average'])} (1, 5, 15 min at start)")
    for key, value in (extra or {}).items():
        print(f"{key + ':':<10}{value}")


# ------------------------------------------------------------------------- clocks and memory


@dataclass
class Stopwatch:
    """Wall-clock and CPU seconds of ``with`` blocks (added up when reused)."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    _start: tuple[float, float] = field(default=(0.0, 0.0), repr=False)

    def __enter__(self) -> Stopwatch:
        self._start = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start[0]
        self.cpu_seconds += time.process_time() - self._start[1]


def total_memory_mib() -> int:
    """Physical memory of the machine in MiB (0 when unknown)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (ValueError, OSError, AttributeError):
        return 0


def _proc_status_mib(key: str) -> float | None:
    """A ``kB`` figure from /proc/self/status in MiB (None off Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / KIB_PER_MIB
    except OSError:
        return None
    return None


def rss_mib() -> float | None:
    """The resident size of this process now, in MiB."""
    return _proc_status_mib("VmRSS")


def peak_rss_mib() -> float:
    """The peak resident size of this process (``ru_maxrss``), in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / KIB_PER_MIB  # bytes on macOS


def memory_figures(after_load: float | None) -> dict[str, float | None]:
    """Resident size after model load, the peak (two ways) and the increment over the load."""
    peak = peak_rss_mib()
    return {
        "rss_after_load_mib": after_load,
        "peak_rss_mib": peak,
        "peak_vmhwm_mib": _proc_status_mib("VmHWM"),
        "increment_mib": None if after_load is None else peak - after_load,
    }


# ------------------------------------------------------------------------------ child processes


def emit(result: dict[str, Any]) -> None:
    """Hand a child's result to its parent (one marked JSON line on stdout)."""
    print(RESULT_MARKER + json.dumps(result), flush=True)


def run_part(script: str, part: str, args: Sequence[str] = ()) -> dict[str, Any]:
    """Run ``script --part PART ARGS`` in a fresh interpreter and return what it emitted."""
    command = [sys.executable, script, "--part", part, *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    lines = [x for x in done.stdout.splitlines() if x.startswith(RESULT_MARKER)]
    if done.returncode != 0 or not lines:
        sys.stdout.write(done.stdout)
        raise RuntimeError(f"part {part!r} failed (exit code {done.returncode}): {command}")
    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_MARKER) :])
    return result


# ------------------------------------------------------------------------ extraction scoring


def bag_tokens(text: str) -> Counter[str]:
    """The bag of tokens of a text: lower-cased, split on whitespace, punctuation attached."""
    return Counter(text.lower().split())


def precision_recall(predicted: Counter[Any], truth: Counter[Any]) -> tuple[float, float]:
    """Precision and recall of one bag against another (multiset intersection)."""
    if not predicted:
        return (1.0, 1.0) if not truth else (0.0, 0.0)
    overlap = sum((predicted & truth).values())
    recall = overlap / sum(truth.values()) if truth else 0.0
    return overlap / sum(predicted.values()), recall


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def token_scores(predicted: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of one extracted text against the truth."""
    precision, recall = precision_recall(bag_tokens(predicted), bag_tokens(truth))
    return precision, recall, f1(precision, recall)


def summarize_scores(pages: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall, F1 of those means, and mean per-page F1."""
    if not pages:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "mean_page_f1": 0.0}
    precision = statistics.fmean(p for p, _, _ in pages)
    recall = statistics.fmean(r for _, r, _ in pages)
    mean_page = statistics.fmean(x for _, _, x in pages)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "mean_page_f1": mean_page,
    }


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Word shingles as the article-extraction-benchmark counts them (``\\w+`` words)."""
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def shingle_scores(predicted: str, truth: str) -> tuple[float | None, float | None]:
    """Per-page shingle precision and recall; None where the benchmark leaves the page out."""
    pred, true = shingles(predicted), shingles(truth)
    del pred[()], true[()]  # an empty text has one empty shingle, which the benchmark drops
    tp = sum((pred & true).values())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    return (tp / n_pred if n_pred else None), (tp / n_true if n_true else None)


def summarize_shingles(pages: Sequence[tuple[float | None, float | None]]) -> dict[str, float]:
    """The benchmark's figures: mean precision and recall over the pages that have them, F1."""
    precisions = [p for p, _ in pages if p is not None]
    recalls = [r for _, r in pages if r is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


# --------------------------------------------------------------------------------- output


def mib(value: float | None) -> str:
    """A memory figure for printing."""
    return "n/a" if value is None else f"{value:,.1f} MiB"


def write_json(path: str | Path, data: dict[str, Any]) -> None:
    """Write a report as indented JSON."""
    Path(path).write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- one stage's share of the pipeline


@dataclass
class StageTimes:
    """The fastest of several rounds: spaCy's pipeline, the other stages, one stage; and the
    Documents of the last round."""

    spacy_s: float
    others_s: float
    stage_s: float
    documents: list[Any]

    @property
    def added(self) -> float:
        """The stage's time over everything else (spaCy and the other stages)."""
        return self.stage_s / (self.spacy_s + self.others_s)


def time_stage(analyzer: Any, articles: Sequence[Any], name: str, rounds: int = 3) -> StageTimes:
    """Time the stage called ``name`` apart from the rest of the pipeline, on the same texts:
    spaCy's pipeline runs once per round (timed), then every stage in pipeline order, the
    named one timed alone; the fastest of ``rounds`` rounds of each."""
    from storyline.model import Document
    from storyline.nlp.pipeline import STAGES

    batch = analyzer.settings.batch_size
    spacy_s, others_s, stage_s = [], [], []
    documents: list[Any] = []
    for _ in range(rounds):
        docs = []
        started = time.perf_counter()
        for article in articles:
            doc = analyzer.nlp.make_doc(article.text)
            doc._.published = article.published
            doc._.gazetteer = analyzer.gazetteer
            docs.append(doc)
        parsed = list(analyzer.nlp.pipe(docs, batch_size=batch))
        spacy_s.append(time.perf_counter() - started)
        stage = others = 0.0
        documents = []
        for article, doc in zip(articles, parsed, strict=True):
            document = Document.from_article(article)
            for each in STAGES:
                started = time.perf_counter()
                each.extract(doc, document)
                if each.name == name:
                    stage += time.perf_counter() - started
                else:
                    others += time.perf_counter() - started
            documents.append(document)
        stage_s.append(stage)
        others_s.append(others)
    return StageTimes(min(spacy_s), min(others_s), min(stage_s), documents)
