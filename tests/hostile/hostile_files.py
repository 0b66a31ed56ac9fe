"""Hostile input files, built from the good test files: one `Case` per file, for every loader.

Each case names the loader it is for, the file's name and how to build it, and what should
happen: "refused" (one line naming the file), "loaded" (as the file says) or "either". The
kinds come from the security review in issue 17: encodings, truncation, ragged rows, huge
cells and numbers, months out of range, duplicated columns, zip slip and zip bombs (also in
.docx and .xlsx), damaged PDFs, e-mails and Office files, formula text.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INGEST_FILES = ROOT / "tests" / "ingest" / "files"
CONSULT_FILES = ROOT / "tests" / "consult" / "files"
FORMULA = '=HYPERLINK("http://example.com/x","click")'
BIG_CELL = "x" * 140_000  # over Python's csv field limit of 131,072 characters


@dataclass(frozen=True)
class Case:
    loader: str  # police-uk | mps | values | survey-micro | survey-published | consult-survey
    #              | consult-written
    name: str  # the file (or, for consult-written, the changed file) name
    build: Callable[[Path], Path]  # writes the file into a folder and returns its path
    expect: str = "refused"  # refused | loaded | either

    @property
    def id(self) -> str:
        return f"{self.loader}:{self.name}"


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _text(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


@cache
def _bomb_bytes() -> bytes:
    """50 MB of zeros: about 50 kB compressed, a ratio near 1,000."""
    return b"\0" * (50 << 20)


def zip_bytes(members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def symlink_member(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16
    return info, target.encode()


def _zip_variants(loader: str, name: str, good: bytes, inner: str) -> list[Case]:
    """The archive attacks, on the member a loader wants (`inner`)."""
    bomb = zip_bytes([(inner, _bomb_bytes())])
    dup = io.BytesIO()
    with zipfile.ZipFile(dup, "w") as z:
        z.writestr(inner, good)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr(inner, good)
    cases = {
        "absolute": zip_bytes([("/etc/" + inner, good)]),
        "dotdot": zip_bytes([("../../" + inner, good)]),
        "backslash-dotdot": zip_bytes([("..\\..\\" + inner, good)]),
        "drive-letter": zip_bytes([("C:/" + inner, good)]),
        "symlink": zip_bytes([symlink_member(inner, "/etc/passwd")]),
        "bomb": bomb,
        "duplicate-member": dup.getvalue(),
        "truncated-zip": zip_bytes([(inner, good)])[:200],
        "not-a-zip": b"PK\x03\x04 this is not really a zip archive",
        "empty-file": b"",
    }
    stem, suffix = name.rsplit(".", 1)
    return [
        Case(loader, f"{stem}-{k}.{suffix}", _write(f"{stem}-{k}.{suffix}", v))
        for k, v in cases.items()
    ]


# -- police.uk ---------------------------------------------------------------------------


def police_uk_cases() -> list[Case]:
    good = (INGEST_FILES / "police_uk_good.csv").read_text(encoding="utf-8")
    header, *rows = good.splitlines()
    row = rows[0]
    name = "2024-06-hostile-{}-street.csv"

    def case(kind: str, data: bytes, expect: str = "refused") -> Case:
        return Case("police-uk", name.format(kind), _write(name.format(kind), data), expect)

    def with_row(cells: dict[int, str]) -> str:
        parts = row.split(",")
        for i, v in cells.items():
            parts[i] = v
        return "\n".join([header, ",".join(parts), *rows[1:3]]) + "\n"

    short = "\n".join([header, *rows[:3]]) + "\n"
    out = [
        case("utf16", codecs.BOM_UTF16_LE + short.encode("utf-16-le")),
        case("utf16-nobom", short.encode("utf-16-le")),
        case("utf8-bom", codecs.BOM_UTF8 + short.encode(), "either"),
        case("latin1", with_row({6: "On or near Caf\xe9 Rd"}).encode("latin-1")),
        case("binary", bytes(range(256)) * 20),
        case("nul-in-row", with_row({6: "On or near\x00 Rd"}).encode(), "either"),
        case("empty", b""),
        case("bom-only", codecs.BOM_UTF8),
        case("header-only", (header + "\n").encode()),
        case("ragged-extra", (short + row + ",extra\n").encode()),
        case("ragged-short", (short + ",".join(row.split(",")[:5]) + "\n").encode()),
        case("unterminated-quote", (short + row.replace("On or near", '"On or near', 1)).encode()),
        case("huge-cell", with_row({6: BIG_CELL}).encode(), "either"),
        case("month-2099", with_row({1: "2099-12"}).encode()),
        case("month-1000", with_row({1: "1000-01"}).encode()),
        case("month-13", with_row({1: "2024-13"}).encode()),
        case("lsoa-formula", with_row({7: FORMULA.replace(",", ";")}).encode()),
        case("crime-type-formula", with_row({9: "=1+1"}).encode()),
        case("duplicated-column", (header + ",Month\n" + row + ",2024-06\n").encode()),
        case("crlf", short.replace("\n", "\r\n").encode(), "loaded"),
        case("no-final-newline", short.rstrip("\n").encode(), "loaded"),
        case(
            "location-formula",
            with_row({6: '"' + FORMULA.replace('"', '""') + '"'}).encode(),
            "loaded",
        ),
        case("quote-in-value", with_row({6: "On or near O'Brien's Yard"}).encode(), "loaded"),
        case(
            "header-reordered", (",".join(reversed(header.split(","))) + "\n" + row + "\n").encode()
        ),
        case("one-long-line", b"x" * 3_000_000),
    ]
    good_bytes = short.encode()
    out += _zip_variants(
        "police-uk",
        "police-uk-archive.zip",
        good_bytes,
        "2024-06/2024-06-city-of-london-street.csv",
    )
    nested = zip_bytes(
        [("2024-06/2024-06-nested-street.csv", good_bytes), ("readme.txt", b"hello")]
    )
    out.append(
        Case("police-uk", "police-uk-nested.zip", _write("police-uk-nested.zip", nested), "loaded")
    )
    return out


# -- MPS recorded crime ----------------------------------------------------------------


def mps_cases() -> list[Case]:
    good = (INGEST_FILES / "mps_borough_good.csv").read_text(encoding="utf-8")
    header, *rows = good.splitlines()

    def case(kind: str, text: str | bytes, expect: str = "refused") -> Case:
        data = text.encode() if isinstance(text, str) else text
        return Case("mps", f"mps-{kind}.csv", _write(f"mps-{kind}.csv", data), expect)

    def cell(value: str) -> str:
        first = rows[0].rsplit(",", 1)[0] + "," + value
        return "\n".join([header, first, *rows[1:]]) + "\n"

    body = "\n".join(rows) + "\n"
    return [
        case("month-2099", header.replace('"202403"', '"209912"') + "\n" + body),
        case("month-1999", header.replace('"202401"', '"199912"') + "\n" + body),
        case("month-13", header.replace('"202403"', '"202413"') + "\n" + body),
        case("count-exponent", cell("1e3")),
        case("count-2-63", cell("9223372036854775808")),
        case("count-huge", cell("9" * 40)),
        case("count-decimal", cell("1.5")),
        case("count-negative", cell("-3")),
        case("count-spaces", cell('" 12 "'), "loaded"),
        case("count-thousands", cell('"1,000"')),
        case("count-hex", cell("0x10")),
        case("count-fullwidth", cell("１２")),
        case("count-nbsp", cell("\xa012")),
        case("count-formula", cell("=1+1")),
        case("duplicated-month", header + ',"202403"\n' + body.replace("\n", ",1\n")),
        case(
            "duplicated-case",
            header.replace('"boroughname"', '"BoroughName"')
            + ',"boroughname"\n'
            + body.replace("\n", ",Havering\n"),
        ),
        case("utf16", codecs.BOM_UTF16_LE + good.encode("utf-16-le")),
        case("ragged", good + '"THEFT","OTHER THEFT","Havering",1,2\n'),
        case("unterminated-quote", good + '"THEFT,"OTHER\n'),
        case("huge-cell", good + f'"THEFT","{BIG_CELL}","Havering",1,2,3\n', "either"),
        case("empty", ""),
        case("binary", bytes(range(256)) * 10),
        case("nul-header", header.replace("majortext", "major\x00text") + "\n" + body),
        case(
            "offence-formula",
            good + f'"THEFT","{FORMULA.replace(chr(34), chr(34) * 2)}","Havering",1,2,3\n',
            "loaded",
        ),
        case("group-formula", good + '"@SUM(A1:A9)","OTHER THEFT","Havering",1,2,3\n', "loaded"),
        case("borough-formula", good + '"THEFT","OTHER","=cmd|\' /C calc\'!A0",1,2,3\n'),
        case(
            "no-month-columns",
            '"majortext","minortext","boroughname"\n"THEFT","OTHER","Havering"\n',
        ),
    ]


# -- measure values ----------------------------------------------------------------------


def values_cases() -> list[Case]:
    header = "area,period,measure,numerator,denominator\n"

    def case(kind: str, text: str | bytes, expect: str = "refused") -> Case:
        data = text.encode() if isinstance(text, str) else text
        return Case("values", f"values-{kind}.csv", _write(f"values-{kind}.csv", data), expect)

    row = "Havering,2016-12,marac_referrals,{},\n"
    return [
        case("numerator-exponent", header + row.format("1e3")),
        case("numerator-nan", header + row.format("nan")),
        case("numerator-inf", header + row.format("inf")),
        case("numerator-hex", header + row.format("0x10")),
        case("numerator-thousands", header + row.format('"1,234"'), "loaded"),
        case("ragged", header + "Havering,2016-12,marac_referrals,5\n"),
        case("unterminated-quote", header + 'Havering,2016-12,"marac_referrals,5,\n'),
        case("huge-cell", header + f"Havering,2016-12,{BIG_CELL},5,\n"),
        case("utf16", codecs.BOM_UTF16_LE + (header + row.format(5)).encode("utf-16-le")),
        case("latin1", (header + "Havering,2016-12,r\xe9f\xe9rals,5,\n").encode("latin-1")),
        case(
            "measure-formula",
            header + f'Havering,2016-12,"{FORMULA.replace(chr(34), chr(34) * 2)}",5,\n',
            "loaded",
        ),
        case("denominator-zero", header + "Havering,2016-12,rate,5,0\n"),
        case(
            "duplicated-column", "area,period,measure,numerator,numerator\nHavering,2016-12,m,5,6\n"
        ),
        case("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        case("empty", ""),
        case("area-formula", header + "=1+1,2016-12,m,5,\n"),
    ]


# -- survey microdata and published tables -----------------------------------------------


def survey_cases() -> list[Case]:
    standard = (INGEST_FILES / "survey" / "standard.csv").read_text(encoding="utf-8")
    published = (INGEST_FILES / "survey" / "published.csv").read_text(encoding="utf-8")
    header, *rows = standard.splitlines()

    def micro(kind: str, data: str | bytes, expect: str = "refused") -> Case:
        raw = data.encode() if isinstance(data, str) else data
        return Case("survey-micro", f"micro-{kind}.csv", _write(f"micro-{kind}.csv", raw), expect)

    def pub(kind: str, data: str | bytes, expect: str = "refused") -> Case:
        raw = data.encode() if isinstance(data, str) else data
        return Case("survey-published", f"pub-{kind}.csv", _write(f"pub-{kind}.csv", raw), expect)

    body = "\n".join(rows) + "\n"
    return [
        micro("utf16-bom", codecs.BOM_UTF16_LE + standard.encode("utf-16-le"), "loaded"),
        micro("utf16-nobom", standard.encode("utf-16-le"), "loaded"),
        micro("utf8-bom", codecs.BOM_UTF8 + standard.encode(), "loaded"),
        micro("latin1", standard.replace("Good", "Tr\xe8s bon").encode("latin-1")),
        micro("short-row", standard + "R99,2023-04-03,E09000022\n"),
        micro("long-row", standard + rows[0].replace("R1,", "R98,") + ",extra\n"),
        micro(
            "unterminated-quote", standard + 'R97,2023-04-03,E09000022,,16-24,female,White,"not\n'
        ),
        micro("duplicated-question", header + ",trust_mps\n" + body.replace("\n", ",Good\n")),
        micro(
            "huge-cell", standard + rows[0].replace("R1,", "R96,").replace("Good", BIG_CELL) + "\n"
        ),
        micro("binary", bytes(range(256)) * 4),
        micro("empty", ""),
        micro("nul-cell", standard.replace("Good", "Go\x00od")),
        micro("weight-inf", standard.replace(",1.2,", ",inf,")),
        pub("utf16", codecs.BOM_UTF16_LE + published.encode("utf-16-le"), "loaded"),
        pub("percentage-nan", published.replace(",56,", ",nan,")),
        pub("ragged", published + "E23000001,2021-22,trust_mps,56\n"),
        pub("binary", b"\xff\xd8\xff\xe0" + bytes(range(256))),
        pub("duplicated-column", published.replace("group\n", "group,group\n", 1)),
    ]


# -- consultation survey exports and written responses ---------------------------------


def consult_survey_cases(survey_csv: Path, survey_xlsx: Path) -> list[Case]:
    text = survey_csv.read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    small = "\n".join([header, *rows[:5]]) + "\n"
    xlsx = survey_xlsx.read_bytes()

    def case(kind: str, data: str | bytes, expect: str = "refused", suffix: str = "csv") -> Case:
        raw = data.encode() if isinstance(data, str) else data
        name = f"survey-{kind}.{suffix}"
        return Case("consult-survey", name, _write(name, raw), expect)

    org_row = rows[0].split(",")
    org_row[0], org_row[2], org_row[3], org_row[4] = (
        "R9999",
        FORMULA.replace(",", ";"),
        "organisation",
        "@Org",
    )
    inner = "xl/worksheets/sheet1.xml"
    return [
        case("utf16-bom", codecs.BOM_UTF16_LE + small.encode("utf-16-le"), "loaded"),
        case("utf16-be-bom", codecs.BOM_UTF16_BE + small.encode("utf-16-be"), "loaded"),
        case("utf16-nobom", small.encode("utf-16-le"), "loaded"),
        case("utf8-bom", codecs.BOM_UTF8 + small.encode(), "loaded"),
        case("crlf", small.replace("\n", "\r\n"), "loaded"),
        case("latin1", small.replace("Ward officers", "Caf\xe9 officers").encode("latin-1")),
        case(
            "cp1252", small.replace("Ward officers", "\u201cWard\u201d officers").encode("cp1252")
        ),
        case("truncated-row", small + ",".join(rows[5].split(",")[:7]) + "\n"),
        case("long-row", small + rows[5] + ",extra\n"),
        case("half-quoted", small + rows[5].replace(",", ',"', 8)),
        case(
            "duplicated-question",
            header + ",q1_safer_city\n" + "\n".join(r + ",yes" for r in rows[:5]) + "\n",
        ),
        case("huge-cell", header + "\n" + ",".join([*org_row[:2], BIG_CELL, *org_row[3:]]) + "\n"),
        case("binary", bytes(range(256)) * 8),
        case("empty", ""),
        case("nul-cell", small.replace("Ward officers", "Ward\x00officers")),
        case("formula-names", small + ",".join(org_row) + "\n", "loaded"),
        case("unknown-type", small, suffix="txt"),
        case("not-xlsx", b"this is text", suffix="xlsx"),
        case(
            "xlsx-bomb",
            zip_bytes([("[Content_Types].xml", b"<x/>"), (inner, _bomb_bytes())]),
            suffix="xlsx",
        ),
        case("xlsx-dotdot", zip_bytes([("../" + inner, b"<x/>")]), suffix="xlsx"),
        case("xlsx-symlink", zip_bytes([symlink_member(inner, "/etc/passwd")]), suffix="xlsx"),
        case("xlsx-no-parts", zip_bytes([("hello.txt", b"hello")]), suffix="xlsx"),
        case("xlsx-truncated", xlsx[: len(xlsx) // 2], suffix="xlsx"),
        case(
            "xlsx-bad-xml",
            _replace_member(xlsx, inner, b"<worksheet><sheetData><row>"),
            suffix="xlsx",
        ),
        case("xlsx-good", xlsx, "loaded", suffix="xlsx"),
    ]


def _replace_member(archive: bytes, name: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(archive))
    return zip_bytes(
        [(i.filename, data if i.filename == name else src.read(i.filename)) for i in src.infolist()]
    )


LETTER = (
    "Dear Commissioner,\n\nI am Joanna Fairweather of 27 Kingfisher Way, Romford RM7 0AB.\n"
    "Ring me on 07700 900123 or write to jo.fairweather@example.co.uk.\n\nJoanna Fairweather\n"
)


def _eml(body: bytes, headers: str) -> bytes:
    return (
        "From: Joanna <jo@example.org>\nTo: consult@example.org\nSubject: Plan\n" + headers + "\n"
    ).encode() + body


def written_cases() -> list[Case]:
    """Each case is one response file (listed in the manifest as `response.*`) or a manifest."""

    def resp(kind: str, suffix: str, data: bytes, expect: str = "refused") -> Case:
        return Case(
            "consult-written",
            f"response-{kind}{suffix}",
            _write(f"response-{kind}{suffix}", data),
            expect,
        )

    def manifest(kind: str, data: bytes, expect: str = "refused") -> Case:
        return Case("consult-written", f"manifest-{kind}", _write("manifest.csv", data), expect)

    docx = (CONSULT_FILES / "letter.docx").read_bytes()
    pdf = (CONSULT_FILES / "letter.pdf").read_bytes()
    m_header = "file,respondent_name,category,organisation,received\n"
    m_row = "letter.txt,Joanna Fairweather,private_individual,,2017-02-10\n"
    return [
        resp("utf16-notepad", ".txt", codecs.BOM_UTF16_LE + LETTER.encode("utf-16-le"), "loaded"),
        resp("utf16-nobom", ".txt", LETTER.encode("utf-16-le"), "loaded"),
        resp("utf16-be", ".txt", codecs.BOM_UTF16_BE + LETTER.encode("utf-16-be"), "loaded"),
        resp("utf8-bom", ".txt", codecs.BOM_UTF8 + LETTER.encode(), "loaded"),
        resp("latin1", ".txt", LETTER.replace("Dear", "Cher caf\xe9").encode("latin-1"), "loaded"),
        resp("markdown-bom", ".md", codecs.BOM_UTF8 + LETTER.encode(), "loaded"),
        resp("binary", ".txt", bytes(range(256)) * 4),
        resp("huge", ".txt", b"word " * 500_000),
        resp("pdf-garbage", ".pdf", b"%PDF-1.7\n" + bytes(range(256)) * 10),
        resp("pdf-truncated", ".pdf", pdf[: len(pdf) // 3], "either"),
        resp("pdf-encrypted", ".pdf", _encrypted_pdf(pdf)),
        resp("pdf-empty", ".pdf", b""),
        resp("docx-not-zip", ".docx", b"PK\x03\x04 not a docx"),
        resp(
            "docx-bomb",
            ".docx",
            zip_bytes([("[Content_Types].xml", b"<x/>"), ("word/document.xml", _bomb_bytes())]),
        ),
        resp("docx-dotdot", ".docx", zip_bytes([("../word/document.xml", b"<x/>")])),
        resp(
            "docx-symlink", ".docx", zip_bytes([symlink_member("word/document.xml", "/etc/passwd")])
        ),
        resp("docx-no-document", ".docx", zip_bytes([("hello.txt", b"hi")])),
        resp(
            "docx-bad-xml",
            ".docx",
            _replace_member(docx, "word/document.xml", b"<w:document><w:body>"),
        ),
        resp("docx-truncated", ".docx", docx[: len(docx) // 2]),
        resp(
            "eml-unknown-charset",
            ".eml",
            _eml(LETTER.encode(), "Content-Type: text/plain; charset=x-no-such-charset\n"),
        ),
        resp(
            "eml-bad-base64",
            ".eml",
            _eml(
                b"!!!! not base64 @@@@\n",
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n",
            ),
        ),
        resp("eml-no-body", ".eml", _eml(b"", "Content-Type: image/png\n")),
        resp(
            "eml-utf16-body",
            ".eml",
            _eml(LETTER.encode("utf-16"), "Content-Type: text/plain; charset=utf-16\n"),
            "loaded",
        ),
        resp("eml-binary", ".eml", bytes(range(256)) * 4, "either"),
        manifest("latin1", (m_header + m_row.replace("Joanna", "J\xf6anna")).encode("latin-1")),
        manifest("utf16", codecs.BOM_UTF16_LE + (m_header + m_row).encode("utf-16-le"), "loaded"),
        manifest("bom", codecs.BOM_UTF8 + (m_header + m_row).encode(), "loaded"),
        manifest("duplicated-column", (m_header.replace("received", "category") + m_row).encode()),
        manifest("ragged", (m_header + m_row.rstrip("\n") + ",extra\n").encode()),
        manifest("dotdot-file", (m_header + m_row.replace("letter.txt", "../letter.txt")).encode()),
        manifest("absolute-file", (m_header + m_row.replace("letter.txt", "/etc/passwd")).encode()),
        manifest(
            "unterminated-quote", (m_header + '"letter.txt,Jo,private_individual,,\n').encode()
        ),
        manifest("empty", b""),
        manifest("binary", bytes(range(256))),
    ]


def _encrypted_pdf(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
