"""Synthetic Public Attitude Survey (PAS) style microdata, calibrated to published figures.

Real PAS microdata cannot be shipped, so the demo and tests use respondents drawn here. The
draw is seeded and reproducible, and its weighted figures reproduce the calibration targets:

- Sample: about `per_borough_year` interviews a year in each of the 32 boroughs the Met polices
  (PAS interviews about 400 a borough a year), spread over the months, whatever a borough's size.
- Demographics: age bands from Census 2021 TS007A (London, 16+); sex 51% female; ethnic group
  in three borough tiers approximating Census 2021 TS021 (London: White 54%, Asian 21%,
  Black 13%, Mixed 6%, Other 6%); disability 15%; sexual orientation 86% straight, 4% LGB+,
  10% not answered (Census 2021 TS077, London). The tiers and the last three are approximate.
- Non-response: Black and young respondents are under-represented in the sample (as in most
  face-to-face surveys), and design weights vary (log-normal, sd 0.35). The survey weight is
  population share / expected sample share of the respondent's borough x ethnic group x age
  cell, times the design weight, scaled to mean 1: a design effect of about 1.25.
- Answers: each respondent's chance of a positive answer depends on the calibrated group
  (`CALIBRATION`), plus a borough effect of up to +/-3 points that averages to zero over each
  group's population, so the weighted London figures match the targets in expectation.

`CALIBRATION` lists every target with its source; only the trust figures are quoted from a
seed document. The others are illustrative levels near published PAS / ONS figures, not
verified against the source tables on this machine: do not quote them as facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from crimeplan.ingest.survey import SurveyIngestSummary, ingest_survey_microdata
from crimeplan.store.analytic import Store

# (ONS code, name, residents aged 16+ from Census 2021 TS007A, rounded to 100; 16-19 taken as
# four fifths of the 15-19 band). The City of London is policed by the City of London Police.
BOROUGHS: tuple[tuple[str, str, int], ...] = (
    ("E09000002", "Barking and Dagenham", 162000),
    ("E09000003", "Barnet", 309900),
    ("E09000004", "Bexley", 196000),
    ("E09000005", "Brent", 275000),
    ("E09000006", "Bromley", 265500),
    ("E09000007", "Camden", 177100),
    ("E09000008", "Croydon", 310700),
    ("E09000009", "Ealing", 295300),
    ("E09000010", "Enfield", 257600),
    ("E09000011", "Greenwich", 229900),
    ("E09000012", "Hackney", 209600),
    ("E09000013", "Hammersmith and Fulham", 154600),
    ("E09000014", "Haringey", 216100),
    ("E09000015", "Harrow", 209900),
    ("E09000016", "Havering", 209900),
    ("E09000017", "Hillingdon", 241900),
    ("E09000018", "Hounslow", 229000),
    ("E09000019", "Islington", 183300),
    ("E09000020", "Kensington and Chelsea", 123000),
    ("E09000021", "Kingston upon Thames", 135500),
    ("E09000022", "Lambeth", 269000),
    ("E09000023", "Lewisham", 242500),
    ("E09000024", "Merton", 173100),
    ("E09000025", "Newham", 276100),
    ("E09000026", "Redbridge", 242000),
    ("E09000027", "Richmond upon Thames", 156100),
    ("E09000028", "Southwark", 255900),
    ("E09000029", "Sutton", 166000),
    ("E09000030", "Tower Hamlets", 252500),
    ("E09000031", "Waltham Forest", 222400),
    ("E09000032", "Wandsworth", 273600),
    ("E09000033", "Westminster", 177100),
)

ETHNIC_GROUPS = ("White", "Asian", "Black", "Mixed", "Other")
# Ethnic mix by tier (shares of residents 16+), approximating Census 2021 TS021.
ETHNIC_TIERS: dict[str, tuple[float, ...]] = {
    "high": (0.45, 0.14, 0.26, 0.07, 0.08),
    "middle": (0.54, 0.20, 0.13, 0.06, 0.07),
    "low": (0.62, 0.24, 0.05, 0.04, 0.05),
}
HIGH_BLACK = {"E09000002", "E09000008", "E09000010", "E09000011", "E09000012", "E09000014"}
HIGH_BLACK |= {"E09000022", "E09000023", "E09000028", "E09000005", "E09000025"}
LOW_BLACK = {"E09000004", "E09000006", "E09000015", "E09000016", "E09000018", "E09000020"}
LOW_BLACK |= {"E09000021", "E09000026", "E09000027", "E09000029", "E09000030"}
AGE_BANDS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
AGE_SHARES = (0.138, 0.224, 0.197, 0.164, 0.129, 0.147)  # Census 2021 TS007A, London 16+
# Non-response: relative chance of being interviewed (a face-to-face survey's usual pattern).
RESPONSE_ETHNIC = (1.1, 1.0, 0.8, 0.9, 0.9)
RESPONSE_AGE = (0.75, 0.85, 1.0, 1.05, 1.15, 1.25)
DESIGN_WEIGHT_SD = 0.35

AGREE: tuple[str, ...] = ("Strongly agree", "Tend to agree", "Neither agree nor disagree")
AGREE += ("Tend to disagree", "Strongly disagree", "Don't know")
GOOD_JOB = ("Excellent", "Good", "Fair", "Poor", "Very poor", "Don't know")
SAFE = ("Very safe", "Fairly safe", "A bit unsafe", "Very unsafe", "Don't know")


@dataclass(frozen=True)
class Question:
    """A question, its answers (the positive ones first), and the calibrated share positive."""

    name: str
    text: str
    answers: tuple[str, ...]
    positive: tuple[str, ...]
    by: str  # ethnic_group | sex: the characteristic the targets are given by
    targets: dict[str, float]  # group -> share positive (0-1); "*" for every other group
    source: str


CALIBRATION: tuple[Question, ...] = (
    Question(
        "trust_mps",
        "The Metropolitan Police Service is an organisation that I can trust",
        AGREE,
        AGREE[:2],
        "ethnic_group",
        {"Black": 0.56, "White": 0.82, "*": 0.76},
        "Draft Police and Crime Plan 2021-25, section 6.1: 56% of Black Londoners, 76% of other "
        "ethnic minorities and 82% of white Londoners trust the MPS (quoted).",
    ),
    Question(
        "treat_fairly",
        "The police in this area treat everyone fairly regardless of who they are",
        AGREE,
        AGREE[:2],
        "ethnic_group",
        {"Black": 0.52, "White": 0.71, "*": 0.66},
        "Illustrative, near MOPAC PAS dashboard levels of 2021-22 (about two thirds agree; lower "
        "among Black Londoners); not verified.",
    ),
    Question(
        "good_job_local",
        "Taking everything into account, how good a job do you think the police in this area "
        "are doing?",
        GOOD_JOB,
        GOOD_JOB[:2],
        "ethnic_group",
        {"Black": 0.42, "White": 0.52, "*": 0.50},
        "Illustrative, near MOPAC PAS 'good job in the local area' of about half of Londoners "
        "in 2021-22; not verified.",
    ),
    Question(
        "safe_during_day",
        "How safe do you feel walking alone in this area during the day?",
        SAFE,
        SAFE[:2],
        "sex",
        {"female": 0.93, "*": 0.96},
        "Illustrative, near ONS Opinions and Lifestyle Survey 2021 (few adults feel unsafe "
        "walking alone in the day); not verified.",
    ),
    Question(
        "safe_after_dark",
        "How safe do you feel walking alone in this area after dark?",
        SAFE,
        SAFE[:2],
        "sex",
        {"female": 0.64, "*": 0.84},
        "Illustrative, near ONS Opinions and Lifestyle Survey 2021 (about half of women and one "
        "in seven men felt unsafe after dark in some settings); not verified.",
    ),
)


def _tier(code: str) -> str:
    return "high" if code in HIGH_BLACK else "low" if code in LOW_BLACK else "middle"


def generate_pas(
    *,
    start: str = "2022-04",
    months: int = 24,
    per_borough_year: int = 400,
    seed: int = 2021,
    questions: tuple[Question, ...] = CALIBRATION,
) -> pd.DataFrame:
    """Draw synthetic PAS respondents in the standard microdata layout (docs/survey-data.md).

    Columns: respondent_id, interview_date, borough, age_band, sex, ethnic_group, disability,
    sexual_orientation, weight, then one column per question. Same arguments, same frame.
    """
    rng = np.random.default_rng(seed)
    month_starts = pd.period_range(start, periods=months, freq="M")
    per_month = per_borough_year / 12
    pop = np.array([b[2] for b in BOROUGHS], dtype=float)
    response = np.outer(RESPONSE_ETHNIC, RESPONSE_AGE)
    frames = []
    for i, (code, _name, _adults) in enumerate(BOROUGHS):
        mix = np.outer(ETHNIC_TIERS[_tier(code)], AGE_SHARES)  # population cells
        sample_mix = mix * response / (mix * response).sum()
        n = int(rng.poisson(per_month * months))
        cells = rng.choice(mix.size, n, p=sample_mix.ravel())
        eth, age = np.unravel_index(cells, mix.shape)
        # post-stratification weight: population share over expected sample share, scaled by
        # the borough's size so London-wide figures weight boroughs by their population
        weight = (mix.ravel()[cells] / sample_mix.ravel()[cells]) * pop[i] / pop.mean()
        weight *= rng.lognormal(-(DESIGN_WEIGHT_SD**2) / 2, DESIGN_WEIGHT_SD, n)
        month = rng.integers(0, months, n)
        day = rng.integers(0, 28, n)
        frames.append(
            pd.DataFrame(
                {
                    "borough": code,
                    "borough_index": i,
                    "interview_date": [
                        (month_starts[m].to_timestamp() + pd.Timedelta(days=int(d))).date()
                        for m, d in zip(month, day, strict=True)
                    ],
                    "age_band": np.array(AGE_BANDS)[age],
                    "sex": np.where(rng.random(n) < 0.51, "female", "male"),
                    "ethnic_group": np.array(ETHNIC_GROUPS)[eth],
                    "disability": np.where(rng.random(n) < 0.15, "disabled", "not disabled"),
                    "sexual_orientation": rng.choice(
                        ["straight", "LGB+", "not answered"], n, p=[0.86, 0.04, 0.10]
                    ),
                    "weight": weight,
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["weight"] = (frame["weight"] / frame["weight"].mean()).round(4)
    frame = frame.sort_values(["interview_date", "borough"], kind="stable").reset_index(drop=True)
    frame.insert(0, "respondent_id", [f"S{seed}-{i:07d}" for i in range(len(frame))])
    for q in questions:
        frame[q.name] = _answers(rng, frame, q)
    layout = ["respondent_id", "interview_date", "borough", "age_band", "sex", "ethnic_group"]
    layout += ["disability", "sexual_orientation", "weight", *(q.name for q in questions)]
    return frame[layout]


def _answers(rng: np.random.Generator, frame: pd.DataFrame, q: Question) -> np.ndarray:
    """Answers with P(positive) = target of the respondent's group + a zero-mean borough effect."""
    groups = frame[q.by].to_numpy()
    target = np.array([q.targets.get(g, q.targets["*"]) for g in groups])
    effects = rng.uniform(-0.03, 0.03, len(BOROUGHS))
    borough = frame["borough_index"].to_numpy()
    w = frame["weight"].to_numpy()
    # centre the effect within each group so its weighted mean is exactly zero
    effect = effects[borough]
    for g in np.unique(groups):
        sel = groups == g
        effect[sel] -= np.average(effect[sel], weights=w[sel])
    positive = rng.random(len(frame)) < np.clip(target + effect, 0, 1)
    n_pos, n_neg = len(q.positive), len(q.answers) - len(q.positive)
    pos_answer = rng.choice(n_pos, len(frame), p=[0.4, 0.6][:n_pos] if n_pos == 2 else None)
    neg_weights = np.linspace(1.6, 0.6, n_neg)
    neg_answer = rng.choice(n_neg, len(frame), p=neg_weights / neg_weights.sum())
    labels = np.array(q.answers, dtype=object)
    return np.where(positive, labels[pos_answer], labels[n_pos + neg_answer])


def write_pas_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write synthetic respondents as a standard survey microdata CSV."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, date_format="%Y-%m-%d")
    return path


def load_synthetic_pas(
    store: Store,
    directory: str | Path,
    *,
    months: int = 24,
    seed: int = 2021,
    end: str | None = None,
) -> SurveyIngestSummary:
    """Draw synthetic PAS microdata, write it to `directory`/synthetic-pas.csv and ingest it
    with the real loader (for the demo). `end` ('YYYY-MM') sets the last interview month, e.g.
    the latest month of the crime data; default: 24 months from April 2022."""
    start = "2022-04" if end is None else str(pd.Period(end, freq="M") - (months - 1))
    path = write_pas_csv(
        generate_pas(start=start, months=months, seed=seed), Path(directory) / "synthetic-pas.csv"
    )
    summary = ingest_survey_microdata(store, path)
    store.mark_synthetic(summary.file_id)
    return summary
