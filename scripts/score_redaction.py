"""Score the redactor on the planted sets and on real documents (issue 15).

    PYTHONPATH=src python scripts/score_redaction.py [--seeds ../shared/seeds] [--rules-only]
        [--sets tuning,held-out,fresh,fourth,fifth,sixth,seventh]

Prints recall by kind, the share of planted non-personal phrases damaged and of ordinary words
removed for each planted set (crimeplan/synthetic/planted_pii.py: tuning; planted_pii_heldout.py:
held-out, used for the second round of fixes; planted_pii_fresh.py: fresh, the independent
measurement, never to be tuned on; planted_pii_fourth.py: fourth, planted_pii_fifth.py: fifth,
planted_pii_sixth.py: sixth, and planted_pii_seventh.py: seventh, each written without sight of
the detector, never to be tuned on), and,
for each seed document (published consultation texts with many places, organisations and office
holders and no private person), the share of its words removed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from crimeplan.consult.consultation_file import LoadedConsultation, load_consultation
from crimeplan.consult.pii import Redactor
from crimeplan.synthetic.planted_pii import (
    PlantedSet,
    RedactionScore,
    generate_planted,
    planted_texts,
    probe_pattern,
    score,
)
from crimeplan.synthetic.planted_pii_fifth import generate_fifth
from crimeplan.synthetic.planted_pii_fourth import generate_fourth
from crimeplan.synthetic.planted_pii_fresh import generate_fresh
from crimeplan.synthetic.planted_pii_heldout import generate_heldout
from crimeplan.synthetic.planted_pii_seventh import generate_seventh
from crimeplan.synthetic.planted_pii_sixth import generate_sixth

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]+")
SETS = {
    "tuning": generate_planted,
    "held-out": generate_heldout,
    "fresh": generate_fresh,
    "fourth": generate_fourth,
    "fifth": generate_fifth,
    "sixth": generate_sixth,
    "seventh": generate_seventh,
}


def score_set(
    generate: Callable[[Path, object], PlantedSet],
    loaded: LoadedConsultation,
    redactor: Redactor,
) -> tuple[RedactionScore, dict[str, str], dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        planted = generate(folder, loaded.consultation)
        raw = planted_texts(folder, planted, loaded.consultation)
    keys = list(raw)
    out = redactor.redact_many([raw[k] for k in keys])
    redacted = {k: o.text for k, o in zip(keys, out, strict=True)}
    return score(planted, redacted, raw), raw, redacted


def words_removed(raw: str, redacted: str) -> tuple[int, int, Counter[str]]:
    """(words, words removed, which) comparing word counts before and after redaction."""
    before = Counter(WORD.findall(raw))
    after = Counter(w for w in WORD.findall(redacted))
    gone = Counter({w: c - after.get(w, 0) for w, c in before.items() if c > after.get(w, 0)})
    return sum(before.values()), sum(gone.values()), gone


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--show", type=int, default=15, help="misses and damage to print")
    parser.add_argument("--sets", default=",".join(SETS), help="planted sets to score")
    args = parser.parse_args()
    loaded = load_consultation(ROOT / "consultations" / "london-2017-draft-plan.yaml")
    redactor = Redactor(use_ner=not args.rules_only)
    for label in args.sets.split(","):
        generate = SETS[label]
        result, _, redacted = score_set(generate, loaded, redactor)  # type: ignore[arg-type]
        recall = ", ".join(f"{k} {v:.3f}" for k, v in result.recall.items())
        print(f"{label}: {result.items} items; recall {recall}")
        if result.unscoreable:
            lost = ", ".join(f"{i.kind} {i.where} {i.probes}" for i in result.unscoreable)
            print(f"  unscoreable (no probe in the raw text) {len(result.unscoreable)}: {lost}")
        print(
            f"  non-personal phrases damaged {result.kept_removed:.1%} "
            f"({len(result.damaged)}); other words removed {result.ordinary_removed:.2%}"
        )
        for item in result.missed[: args.show]:
            text = redacted[item.where]
            at = min(
                (m.start() for p in item.probes if (m := probe_pattern(p).search(text))), default=0
            )
            context = " ".join(text[max(0, at - 50) : at + 50].split())
            print("  missed", item.kind, item.where, item.probes, "|", context)
        for where, phrase in result.damaged[: args.show]:
            print("  damaged", where, phrase)
    seeds = Path(args.seeds)
    if not seeds.is_dir():
        print(f"no seeds at {seeds}", file=sys.stderr)
        return
    total = gone_all = 0
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words, gone, which = words_removed(text, redactor.redact(text).text)
        total, gone_all = total + words, gone_all + gone
        top = ", ".join(f"{w} {c}" for w, c in which.most_common(12))
        print(f"seed {path.name}: {gone}/{words} words removed ({gone / words:.2%}): {top}")
    print(f"seeds: {gone_all}/{total} words removed ({gone_all / max(total, 1):.2%})")


if __name__ == "__main__":
    main()
