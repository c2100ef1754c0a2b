"""Event accuracy: the three benchmarks of the events issue, with their baselines, in one run.

    .venv/bin/python benchmarks/events.py [--data ../shared/data] [--json FILE]
                                          [--only plover|timeline|coref ...]

- PLOVER gold records (``plover.py``): event type accuracy and macro-F1, source and target
  actor F1, for storyline and the majority-type baseline, on the development half (odd
  record numbers; the lexicon and rules were tuned on it), the held-out half (even numbers)
  and all 322 records.
- SemEval-2015 TimeLine, Track A (``semeval_timeline.py``): temporal-awareness F1 (full and
  ordering-only) on the three test corpora together, for storyline (undated events at 0, as
  the task allows), storyline with undated events anchored at the publication date
  (``storyline+dct``), and the baseline that dates every event at its publication date
  (``dct``); the trial corpus (Apple) is the development set.
- MEANTIME cross-document event coreference (``event_coref.py``): MUC, B³, CEAF-e and CoNLL
  F1 of event merging on the gold event mentions, for storyline, same-lemma and singletons.

:func:`gate_figures` gives the figures the regression gate (``tests/eval/
test_event_gate.py``) holds floors for.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from common import DEFAULT_DATA, command_line, header, print_header, write_json

PARTS = ("plover", "timeline", "coref")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    return parser.parse_args(argv)


def run(data: Path = DEFAULT_DATA, parts: tuple[str, ...] | list[str] = PARTS) -> dict[str, Any]:
    """Every part's figures, as the part's own ``run`` returns them."""
    found: dict[str, Any] = {}
    if "plover" in parts:
        import plover

        found["plover"] = plover.run(None, data, ("majority", "storyline"))
    if "timeline" in parts:
        import semeval_timeline

        found["timeline"] = semeval_timeline.run(
            "test", data, ("dct", "storyline", "storyline+dct")
        )
        found["timeline_trial"] = semeval_timeline.run(
            "trial", data, ("dct", "storyline", "storyline+dct")
        )
    if "coref" in parts:
        import event_coref

        found["coref"] = event_coref.run(data, ("singletons", "same-lemma", "storyline"))
    return found


def summary(found: dict[str, Any]) -> dict[str, float]:
    """The headline figures, flat: ``plover.heldout.storyline.accuracy`` and so on (0-1)."""
    flat: dict[str, float] = {}
    for split, systems in found.get("plover", {}).get("splits", {}).items():
        for name, figures in systems.items():
            flat[f"plover.{split}.{name}.accuracy"] = figures["type"]["accuracy"]
            flat[f"plover.{split}.{name}.macro_f1"] = figures["type"]["macro_f1"]
            flat[f"plover.{split}.{name}.source_f1"] = figures["source"]["f1"]
            flat[f"plover.{split}.{name}.target_f1"] = figures["target"]["f1"]
            flat[f"plover.{split}.{name}.context_accuracy"] = figures["context"]["accuracy"]
    for key in ("timeline", "timeline_trial"):
        split = "test" if key == "timeline" else "trial"
        for name, variants in found.get(key, {}).get("overall", {}).items():
            for variant, figures in variants.items():
                flat[f"timeline.{split}.{name}.{variant}.f1"] = figures["f1"]
    for setting, systems in found.get("coref", {}).get("settings", {}).items():
        for name, figures in systems.items():
            if "conll" in figures:
                flat[f"coref.{setting}.{name}.conll"] = figures["conll"]["f1"]
                for metric in ("muc", "b_cubed", "ceaf_e"):
                    flat[f"coref.{setting}.{name}.{metric}"] = figures[metric]["f1"]
    return flat


def gate_figures(data: Path = DEFAULT_DATA) -> dict[str, float]:
    """The figures the regression gate holds floors for: storyline's, on PLOVER (every split),
    the SemEval test corpora (storyline and storyline+dct) and MEANTIME coreference."""
    import semeval_timeline

    found = run(data, ("plover", "coref"))
    found["timeline"] = semeval_timeline.run("test", data, ("storyline", "storyline+dct"))
    flat = summary(found)
    return {k: v for k, v in flat.items() if ".storyline." in k or ".storyline+dct." in k}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = header("events")
    print_header(info, {"data": str(args.data), "parts": " ".join(args.only)})
    found = run(args.data, args.only)
    flat = summary(found)
    width = max((len(k) for k in flat), default=0)
    for key, value in flat.items():
        print(f"{key:<{width}}  {100 * value:6.1f}")
    if args.json:
        write_json(args.json, {**info, "command": command_line(), "summary": flat, **found})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
