"""Responses with planted campaigns, for measuring campaign detection and theme shares.

`generate_campaign_responses(n, campaign_share, seed)` returns ids, texts and the true campaign
of each response (None for an individual one). Individual responses are built from a bank of
sentences on the plan's themes, each different; campaign members copy one of three templates as
exact copies, with small edits, with paragraphs reordered, with a personal paragraph added, or
quoted inside a longer letter.
"""

from __future__ import annotations

import random

from crimeplan.consult.recommendations import THEMES

TEMPLATES = [
    [
        "We are writing as residents who are deeply worried about the closure of our local "
        "police station and front counter.",
        "The station is the only place many older people feel able to report a crime in person.",
        "Closing it will leave the whole town centre without a visible police presence after dark.",
        "We ask the Mayor to keep the front counter open at least four evenings a week.",
    ],
    [
        "As parents and carers we call on the Mayor to make youth services the heart of the plan.",
        "Every youth club that closes leaves young people with nowhere safe to go after school.",
        "Knife crime will not fall while the clubs, mentors and detached youth workers disappear.",
        "Please fund youth work in every borough for at least five years so it can plan ahead.",
    ],
    [
        "Cycling in London is still far too dangerous and close passes go unpunished.",
        "The Metropolitan Police should run a close pass operation in every borough this year.",
        "Footage sent by cyclists should be reviewed within a fortnight and acted upon.",
        "Road danger must be a priority in the final Police and Crime Plan, not an afterthought.",
    ],
]
WORDS = [
    "burglary",
    "street",
    "lighting",
    "patrols",
    "park",
    "estate",
    "station",
    "bus",
    "shop",
    "neighbour",
    "evening",
    "night",
    "weekend",
    "market",
    "school",
    "bridge",
    "canal",
    "alley",
    "garage",
    "parking",
    "corner",
    "flats",
    "dog",
    "noise",
    "graffiti",
    "bins",
    "traffic",
    "van",
    "scooter",
    "phone",
    "bag",
    "bike",
    "window",
    "door",
    "gate",
    "fence",
    "lift",
    "stairwell",
]
PERSONAL = [
    "My own bag was snatched outside the library last spring and nobody ever called me back.",
    "I have lived on this estate for thirty years and have never seen it so neglected.",
    "My grandson was stopped three times in one month on his way to college.",
    "Last winter someone tried every car door on our road at two in the morning.",
]


def _individual(rng: random.Random) -> str:
    theme = rng.choice(list(THEMES))
    key = rng.choice(THEMES[theme]).strip()
    sentences = []
    for _ in range(rng.randint(3, 6)):
        a, b, c = rng.sample(WORDS, 3)
        sentences.append(
            f"The {a} near the {b} is a worry for {key} reasons, {rng.randint(2, 99)} "
            f"people said so about the {c} in {rng.choice(['March', 'June', 'May', 'October'])}."
        )
    return " ".join(sentences)


def _variant(rng: random.Random, template: list[str], kind: int) -> str:
    paras = list(template)
    if kind == 1:  # small edits
        k = rng.randrange(len(paras))
        words = paras[k].split()
        words[rng.randrange(len(words))] = rng.choice(["really", "very", "also", "sadly"])
        paras[k] = " ".join(words)
    elif kind == 2:  # reordered paragraphs
        rng.shuffle(paras)
    elif kind == 3:  # personal paragraph added
        paras.insert(rng.randrange(len(paras) + 1), rng.choice(PERSONAL))
    elif kind == 4:  # quoted inside a longer letter
        before = _individual(rng)
        after = _individual(rng)
        return (
            f"{before}\n\nI agree with the letter below.\n\n" + "\n\n".join(paras) + f"\n\n{after}"
        )
    return "\n\n".join(paras)


def generate_campaign_responses(
    n_individual: int, campaign_share: float, *, seed: int = 15, templates: int = 3
) -> tuple[list[str], list[str], list[int | None]]:
    """`n_individual` individual responses (the same ones for a seed, whatever the share) and
    enough campaign members to make `campaign_share` of all responses."""
    rng_i, rng_c = random.Random(seed), random.Random(seed + 1)
    n_campaign = round(n_individual * campaign_share / (1 - campaign_share))
    texts: list[str] = [_individual(rng_i) for _ in range(n_individual)]
    truth: list[int | None] = [None] * n_individual
    for i in range(n_campaign):
        t = i % templates
        texts.append(_variant(rng_c, TEMPLATES[t % len(TEMPLATES)], rng_c.randrange(5)))
        truth.append(t)
    ids = [f"R{i + 1:06d}" for i in range(len(texts))]
    return ids, texts, truth


def pairwise(truth: list[int | None], groups: list[list[int]]) -> tuple[float, float]:
    """Pairwise recall and precision of found groups (indexes) against the true campaigns."""
    from collections import Counter

    true_pairs = sum(k * (k - 1) // 2 for k in Counter(t for t in truth if t is not None).values())
    found_pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    right = 0
    for g in groups:
        c = Counter(truth[i] for i in g if truth[i] is not None)
        right += sum(k * (k - 1) // 2 for k in c.values())
    return right / max(true_pairs, 1), right / max(found_pairs, 1)
