"""Build the shipped lists of personal names (crimeplan/data/names/) from Faker's person providers.

Source: Faker 40.54.0 (PyPI `faker`, MIT licence, (c) Daniele Faraglia and contributors), the
`first_names*` and `last_names` lists (romanised lists for zh_CN) of the locales below. Faker is
not a run-time dependency: run this once where it is installed, or with `--wheel-dir` pointing at
an unpacked wheel (`pip download --no-deps faker==40.54.0` and unzip it):

    python scripts/build_name_lists.py [--wheel-dir DIR]

Only names in Latin script (letters, apostrophes, hyphens, spaces) of two letters or more are kept,
one a line, sorted, case as written. Multi-word entries are split into their words. A name that
is also an English word (GCIDE, `english-words`) or a stop word is kept only from the English
locales (en_GB, en_IE, en_US: Grace, Will, Baker, Hill), so that words such as "canal" or "forum"
from other locales' lists do not become names.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

LOCALES = (
    "en_GB",
    "en_IE",
    "en_US",
    "en_IN",
    "en_NG",
    "en_KE",
    "en_PK",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "zu_ZA",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "tr_TR",
    "vi_VN",
    "zh_CN",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "hr_HR",
    "pt_PT",
    "es_ES",
    "it_IT",
    "fr_FR",
    "de_DE",
)
ENGLISH_LOCALES = ("en_GB", "en_IE", "en_US")
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’\-]{2,}$")
OUT = Path(__file__).resolve().parents[1] / "src" / "crimeplan" / "data" / "names"
HEADER = (
    "# {what}: from Faker {version} (PyPI `faker`, MIT licence, (c) Daniele Faraglia and\n"
    "# contributors), person providers of {locales}.\n"
    "# Built by scripts/build_name_lists.py; see crimeplan/data/names/README.md.\n"
)


def _words(values: object) -> set[str]:
    out: set[str] = set()
    items = values.keys() if isinstance(values, dict) else values  # weighted lists are dicts
    for value in items:  # type: ignore[union-attr]
        for word in str(value).split():
            if LATIN.match(word):
                out.add(word)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel-dir", default=None)
    args = parser.parse_args()
    if args.wheel_dir:
        sys.path.insert(0, args.wheel_dir)
    import faker
    from english_words import get_english_words_set
    from spacy.lang.en.stop_words import STOP_WORDS

    english = get_english_words_set(["gcide"], lower=True, alpha=True)
    first: set[str] = set()
    last: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        if locale == "zh_CN":
            names = (_words(provider.first_romanized_names), _words(provider.last_romanized_names))
        else:
            names = (
                _words(
                    [
                        n
                        for attr in ("first_names", "first_names_male", "first_names_female")
                        for n in getattr(provider, attr, ())
                    ]
                ),
                _words(getattr(provider, "last_names", ())),
            )
        for out, found in zip((first, last), names, strict=True):
            for name in found:
                folded = name.casefold()
                if folded in STOP_WORDS:
                    continue
                if locale in ENGLISH_LOCALES or folded not in english:
                    out.add(name)
    last.discard("Doe")
    OUT.mkdir(parents=True, exist_ok=True)
    locales = ", ".join(LOCALES)
    for file, what, names in (
        ("first_names.txt", "First names", first),
        ("surnames.txt", "Surnames", last),
    ):
        head = HEADER.format(what=what, version=faker.VERSION, locales=locales)
        (OUT / file).write_text(head + "\n".join(sorted(names)) + "\n", encoding="utf-8")
        print(file, len(names))


if __name__ == "__main__":
    main()
