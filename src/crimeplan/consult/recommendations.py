"""Find the recommendations in a written response: numbered, bulleted, prose and headed ones.

A text is read line by line and each line classed as a heading, a "Recommendation N" heading, a
numbered item (`1.`, `1)`, `(1)`, `2.3.`), a lettered or roman sub-item (`a)`, `(b)`, `ii.`), a
bullet (`-`, `*`, `•`, `–`) at some indent, a response marker ("Response:", "Mayor's
response") or prose. Then:

- a "Recommendation N" heading opens one recommendation: its text is the prose up to the next
  heading or response marker, and the bullets and lettered items in it are its sub-points;
- a list (numbered items or bullets) after a lead-in sentence that asks ("... the Mayor
  should:", "We recommend that:", "We call on MOPAC to:") or under a heading that says
  "recommendations" gives one recommendation per item; deeper bullets and lettered items are
  kept as sub-points of the item above them; a numbered item that itself asks is one too;
- a prose sentence that asks (should, must, ought to, we recommend, call on, urge, we ask, needs
  to) is one, unless it is a question or looks back ("should have").

Each recommendation carries the number as written, its text, sub-points, addressee (the first
actor named before the verb in the item, else in its lead-in; "the plan" means the Mayor), a
theme (keyword mapping onto the plan's priorities, replaceable with `theme_of`) and the
character span in the text it was read from (the stored redacted text of a response).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

CUE = re.compile(
    r"\b(?:should|must|ought to|we recommend|recommends?\s+that|recommendations?\b|"
    r"call(?:s|ed)?\s+(?:on|upon)|urges?|we ask|asks?\s+that|"
    r"we would like|would like to see|propose that)\b",
    re.IGNORECASE,
)
# Looking back, or the writer's own resolve ("we must respond"): not a recommendation.
BACKWARD = re.compile(
    r"\b(?:should|must|ought to) have\b|\bshould be noted\b|\b(?:we|I) must\b|"
    r"\b(?:we|I) will\b",
    re.IGNORECASE,
)
RECOMMENDATION_HEADING = re.compile(
    r"^[\s#*_]*(?:Recommendation|Rec\.?)\s+(\d{1,3}[a-z]?)\b[\s*_:.\-–]*(.*)$", re.IGNORECASE
)
RESPONSE = re.compile(
    r"^[\s#*_]*(?:(?:the\s+)?(?:mayor|mopac|mps|commissioner|government|council|our)(?:'s|’s)?"
    r"\s+)?(?:response|reply)(?:\s+(?:from|by)\s+[\w ]{1,40})?[\s*_]*(?::.*|[\s*_.]*)$",
    re.IGNORECASE,
)
HEADING = re.compile(
    r"^\s*(?:#{1,6}\s+|\d{1,2}(?:\.\d{1,2})*\s+[A-Z][A-Z ,&'’\-]{3,}$|[A-Z][A-Z ,&'’\-]{4,}$)"
)
NUMBERED = re.compile(r"^(\s*)(?:[-*•]\s+)?(?:\((\d{1,2})\)|(\d{1,2}(?:\.\d{1,2})*)[.)])\s+(\S.*)$")
LETTERED = re.compile(r"^(\s*)(?:\(([a-h]|[ivx]{1,4})\)|([a-h]|[ivx]{1,4})[.)])\s+(\S.*)$")
BULLET = re.compile(r"^(\s*)[-*•–·▪‣]\s+(\S.*)$")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
ADDRESSEES: list[tuple[str, re.Pattern[str]]] = [
    ("MOPAC", re.compile(r"\bMOPAC\b|Mayor's Office for Policing", re.IGNORECASE)),
    (
        "the Mayor",
        re.compile(
            r"\bMayor\b|\bthe (?:final |draft |new )?(?:police and crime )?plan\b", re.IGNORECASE
        ),
    ),
    (
        "the MPS",
        re.compile(
            r"\bMPS\b|\bthe Met\b|Metropolitan Police|\bCommissioner\b|\bthe police\b",
            re.IGNORECASE,
        ),
    ),
    (
        "the Home Office",
        re.compile(
            r"Home Office|Home Secretary|\b(?:the )?Government\b|Policing Minister", re.IGNORECASE
        ),
    ),
    ("councils", re.compile(r"\bcouncils?\b|local authorit(?:y|ies)|\bboroughs\b", re.IGNORECASE)),
    ("the CPS", re.compile(r"\bCPS\b|Crown Prosecution", re.IGNORECASE)),
    ("the NHS", re.compile(r"\bNHS\b|health services?", re.IGNORECASE)),
    ("TfL", re.compile(r"\bTfL\b|Transport for London", re.IGNORECASE)),
]
# Keyword mapping onto the Police and Crime Plan's priorities (a stand-in for theme coding).
THEMES: dict[str, tuple[str, ...]] = {
    "Neighbourhood policing": (
        "ward",
        "neighbourhood",
        "local polic",
        "visib",
        "patrol",
        "community",
        "snb",
        "anti-social",
        "antisocial",
        "bikes",
    ),
    "Children and young people": (
        "young",
        "youth",
        "child",
        "school",
        "knife",
        "gang",
        "exclusion",
        "teen",
    ),
    "Violence against women and girls": (
        "women",
        "girls",
        "domestic",
        "sexual",
        "vawg",
        "rape",
        "stalking",
        "misogyn",
    ),
    "Hate crime and extremism": ("hate", "extremis", "radical", "terror", "intoleran"),
    "Criminal justice and victims": (
        "victim",
        "justice",
        "court",
        "prosecut",
        "probation",
        "offender",
        "prison",
        "devolution",
    ),
    "Trust, confidence and the Met": (
        "diversity",
        "confidence",
        "trust",
        "stop and search",
        "accountab",
        "complaint",
        "training",
        "undercover",
        "whistleblow",
        "recruit",
        "inequalit",
        "bame",
    ),
    "Fraud, cyber and vulnerable people": (
        "fraud",
        "scam",
        "cyber",
        "online",
        "mental health",
        "dementia",
        "vulnerab",
        "drug",
    ),
    "Safer streets and transport": (
        "transport",
        "cycl",
        "road",
        "bus ",
        "night time",
        "traffic",
        "street",
    ),
}
CSV_COLUMNS = (
    "id",
    "source_file",
    "number",
    "text",
    "subpoints",
    "addressee",
    "theme",
    "kind",
    "span_start",
    "span_end",
    "respondent_category",
    "organisation",
    "review",
)


@dataclass
class Recommendation:
    """One recommendation as written; `start`/`end` index the text it was read from."""

    number: str | None
    text: str
    subpoints: list[str]
    addressee: str | None
    theme: str | None
    kind: str  # heading | list | numbered | prose
    start: int
    end: int
    source_file: str = ""
    respondent_category: str | None = None
    organisation: str | None = None
    review: str = "unreviewed"  # accepted | rejected | corrected, set by an analyst

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def keyword_theme(text: str) -> str | None:
    """The priority whose keywords occur most often in `text` (ties: the first), else None."""
    low = text.casefold()
    best, hits = None, 0
    for theme, words in THEMES.items():
        n = sum(low.count(w) for w in words)
        if n > hits:
            best, hits = theme, n
    return best


def addressee_of(*texts: str) -> str | None:
    """The actor named first before the asking verb in the first text naming one."""
    for text in texts:
        if not text:
            continue
        cue = CUE.search(text)
        head = text[: cue.start()] if cue and cue.start() > 0 else text
        for window in (head, text):
            hits = [(m.start(), name) for name, rx in ADDRESSEES if (m := rx.search(window))]
            if hits:
                return min(hits)[1]
    return None


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str  # blank heading rec_heading response numbered lettered bullet prose
    indent: int = 0
    number: str | None = None
    body: str = ""


def _classify(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        end = start + len(line)
        stripped = line.strip().strip("*_").strip()
        if not stripped:
            lines.append(_Line(start, end, line, "blank"))
        elif m := RECOMMENDATION_HEADING.match(line):
            lines.append(
                _Line(
                    start, end, line, "rec_heading", number=m.group(1), body=m.group(2).strip(" *_")
                )
            )
        elif RESPONSE.match(line):
            lines.append(_Line(start, end, line, "response"))
        elif m := LETTERED.match(line):
            lines.append(
                _Line(
                    start,
                    end,
                    line,
                    "lettered",
                    len(m.group(1)),
                    m.group(2) or m.group(3),
                    m.group(4).strip(),
                )
            )
        elif m := NUMBERED.match(line):
            lines.append(
                _Line(
                    start,
                    end,
                    line,
                    "numbered",
                    len(m.group(1)),
                    m.group(2) or m.group(3),
                    m.group(4).strip(),
                )
            )
        elif m := BULLET.match(line):
            lines.append(
                _Line(
                    start,
                    end,
                    line,
                    "bullet",
                    len(m.group(1).expandtabs(4)),
                    body=m.group(2).strip(),
                )
            )
        elif HEADING.match(line) or (
            stripped.startswith("**") is False
            and line.strip().startswith("**")
            and line.strip().endswith("**")
        ):
            lines.append(_Line(start, end, line, "heading", body=stripped.strip("# ")))
        else:
            lines.append(_Line(start, end, line, "prose", body=stripped))
    return lines


def _asks(text: str) -> bool:
    return bool(CUE.search(text)) and not BACKWARD.search(text) and not text.rstrip().endswith("?")


def _prose(text: str, start: int, addressee_hint: str | None) -> list[Recommendation]:
    found = []
    for m in SENTENCE.finditer(text):
        sentence = " ".join(m.group().split())
        if len(sentence.split()) < 5 or not _asks(sentence) or sentence.endswith("?"):
            continue
        if re.match(r"(?i)if\b|for example\b|i (?:support|welcome)\b", sentence):
            continue
        s = start + m.start() + (len(m.group()) - len(m.group().lstrip()))
        e = start + m.start() + len(m.group().rstrip())
        found.append(
            Recommendation(
                None, sentence, [], addressee_of(sentence) or addressee_hint, None, "prose", s, e
            )
        )
    return found


def extract_recommendations(
    text: str,
    *,
    source_file: str = "",
    theme_of: Callable[[str], str | None] = keyword_theme,
    default_addressee: str | None = None,
) -> list[Recommendation]:
    """Every recommendation in `text`, in order of appearance."""
    lines = _classify(text)
    out: list[Recommendation] = []
    section = ""  # the last heading
    lead_in = ""  # the prose line before a list, when it asks
    current: Recommendation | None = None
    item_indent, item_kind = 0, ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "rec_heading":
            current = None
            body: list[str] = [line.body] if line.body else []
            subs: list[str] = []
            j = i + 1
            end = line.end
            while j < len(lines) and lines[j].kind not in ("rec_heading", "heading", "response"):
                nxt = lines[j]
                if nxt.kind in ("bullet", "lettered") or (nxt.kind == "numbered" and body):
                    subs.append(nxt.body)
                    end = nxt.end
                elif nxt.kind in ("prose", "numbered"):
                    if subs:  # prose after the sub-points ends the recommendation
                        break
                    body.append(nxt.body)
                    end = nxt.end
                j += 1
            joined = " ".join(body)
            out.append(
                Recommendation(
                    line.number,
                    joined,
                    subs,
                    addressee_of(joined, " ".join(subs)) or default_addressee,
                    None,
                    "heading",
                    line.start,
                    end,
                )
            )
            # skip the response below it
            while j < len(lines) and lines[j].kind not in ("rec_heading", "heading"):
                j += 1
            i = j
            continue
        if line.kind == "heading":
            section, lead_in, _in_list, current = line.body, "", False, None
        elif line.kind == "response":
            lead_in, _in_list, current = "", False, None
            # a response runs to the next heading
            while i + 1 < len(lines) and lines[i + 1].kind not in ("heading", "rec_heading"):
                i += 1
        elif line.kind in ("numbered", "bullet", "lettered"):
            asked = bool(lead_in) or "recommend" in section.casefold()
            deeper = current is not None and (
                line.indent > item_indent
                or (line.kind == "lettered" and item_kind != "lettered")
                or (
                    line.kind == "bullet"
                    and current.kind == "numbered"
                    and line.indent >= item_indent
                    and lines[i - 1].kind != "blank"
                    and current.number is not None
                )
            )
            if deeper and current is not None:
                current.subpoints.append(line.body)
                current.end = line.end
            elif asked or (line.kind == "numbered" and _asks(line.body)):
                kind = "list" if asked else "numbered"
                current = Recommendation(
                    line.number,
                    line.body,
                    [],
                    (addressee_of(lead_in, line.body) if lead_in else addressee_of(line.body))
                    or default_addressee,
                    None,
                    kind,
                    line.start,
                    line.end,
                )
                out.append(current)
                item_indent, item_kind = line.indent, line.kind
            elif line.kind == "numbered" or line.kind == "bullet":
                current = None
                out += (
                    _prose(line.body, line.start + line.text.find(line.body), default_addressee)
                    if line.kind == "numbered"
                    else []
                )
        elif line.kind == "prose":
            prev = lines[i - 1] if i else None
            if (
                current is not None
                and prev is not None
                and prev.kind in ("numbered", "bullet", "lettered")
                and not prev.body.rstrip().endswith((".", "!", "?", ":"))
            ):
                # a wrapped item: the line continues the item above it
                if current.subpoints:
                    current.subpoints[-1] += " " + line.body
                else:
                    current.text += " " + line.body
                current.end = line.end
                line.kind = prev.kind
                line.body = prev.body + " " + line.body
                i += 1
                continue
            j = i
            while j + 1 < len(lines) and lines[j + 1].kind == "prose":
                j += 1
            last = lines[j].body.rstrip()
            para_start, para_end = line.start, lines[j].end
            paragraph = text[para_start:para_end]
            current, _in_list = None, False
            if last.endswith(":") and (
                _asks(last) or re.search(r"(?i)recommend|\bask|\bcall|\burge|propose that", last)
            ):
                lead_in = " ".join(ln.body for ln in lines[i : j + 1])
                head = paragraph[: paragraph.rfind(last)] if j > i else ""
                out += _prose(head, para_start, default_addressee) if head.strip() else []
            else:
                lead_in = ""
                out += _prose(paragraph, para_start, default_addressee)
            i = j + 1
            continue
        i += 1
    for rec in out:
        whole = " ".join([rec.text, *rec.subpoints])
        rec.theme = theme_of(whole)
        rec.source_file = source_file
    return out


# ---- evaluation -----------------------------------------------------------------------------

LABELS = "labels.csv"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@dataclass
class Evaluation:
    gold: int
    predicted: int
    matched: int
    documents: int
    missed: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0


def _similar(gold: str, pred: str) -> float:
    from rapidfuzz import fuzz

    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return 0.0
    if g in p or p in g:
        return 100.0 * min(len(g), len(p)) / max(len(g), len(p)) + 50.0
    return float(fuzz.ratio(g, p))


def evaluate(predicted: dict[str, list[Recommendation]], gold: dict[str, list[str]]) -> Evaluation:
    """One-to-one greedy matching per file: a prediction matches a gold recommendation when one
    text contains the other (normalised) or their similarity ratio is 80 or more."""
    ev = Evaluation(
        gold=sum(map(len, gold.values())),
        predicted=sum(map(len, predicted.values())),
        matched=0,
        documents=len(set(gold) | set(predicted)),
    )
    for file in sorted(set(gold) | set(predicted)):
        golds = gold.get(file, [])
        preds = [r.text for r in predicted.get(file, [])]
        pairs = sorted(
            ((_similar(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for score, gi, pi in pairs:
            if score < 80 or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
        ev.matched += len(used_g)
        ev.missed += [(file, g) for gi, g in enumerate(golds) if gi not in used_g]
        ev.extra += [(file, p) for pi, p in enumerate(preds) if pi not in used_p]
    return ev


def read_labelled(folder: str | Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A labelled folder: documents (.txt .md .pdf .docx .eml) and `labels.csv` with columns
    `file,text` (one row per recommendation; sub-points are not rows of their own)."""
    import csv

    from crimeplan.consult.extract import SUPPORTED, extract_text
    from crimeplan.errors import IngestError

    folder = Path(folder)
    labels = folder / LABELS
    if not labels.is_file():
        raise IngestError(labels, "no labels.csv in the folder", hint="Columns: file,text")
    gold: dict[str, list[str]] = {}
    with labels.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not {"file", "text"} <= set(reader.fieldnames or []):
            raise IngestError(labels, "labels.csv needs the columns file and text", line=1)
        for row in reader:
            gold.setdefault(row["file"].strip(), []).append(row["text"].strip())
    texts = {
        p.name: extract_text(p).text
        for p in sorted(folder.iterdir())
        if p.suffix.lower() in SUPPORTED and p.name != LABELS
    }
    return texts, gold


def evaluate_folder(folder: str | Path) -> Evaluation:
    texts, gold = read_labelled(folder)
    predicted = {f: extract_recommendations(t, source_file=f) for f, t in texts.items()}
    return evaluate(predicted, gold)


def number_all(recs: Iterable[Recommendation]) -> list[dict[str, object]]:
    """Rows for CSV/JSON export with a stable id (position in the export, from 1)."""
    rows = []
    for n, rec in enumerate(recs, start=1):
        d = rec.as_dict()
        rows.append(
            {
                "id": n,
                "source_file": d["source_file"],
                "number": d["number"] or "",
                "text": d["text"],
                "subpoints": d["subpoints"],
                "addressee": d["addressee"] or "",
                "theme": d["theme"] or "",
                "kind": d["kind"],
                "span_start": d["start"],
                "span_end": d["end"],
                "respondent_category": d["respondent_category"] or "",
                "organisation": d["organisation"] or "",
                "review": d["review"],
            }
        )
    return rows
