"""Survey exports and written-response manifests: layouts, mapping files, and errors that name
the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.survey import SurveyMapping, load_mapping, read_survey
from crimeplan.consult.written import read_written
from crimeplan.errors import IngestError

FILES = Path(__file__).with_name("files")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_codes_and_labels_are_both_accepted(loaded: LoadedConsultation, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "s.csv",
        "respondent_id,category,q1_safer_city,q2_priorities,gender,"
        "q6_emphasis\nA1,,Strongly agree,YES,Female,More patrols\n"
        "A2,Organisation,tend_to_agree,,male,\n",
    )
    rows = read_survey(path, loaded.consultation)
    assert [r.codes for r in rows] == [
        {"q1_safer_city": "strongly_agree", "q2_priorities": "yes", "gender": "female"},
        {"q1_safer_city": "tend_to_agree", "gender": "male"},
    ]
    assert rows[0].texts == {"q6_emphasis": "More patrols"}
    assert [r.category for r in rows] == ["private_individual", "organisation"]
    assert [r.line for r in rows] == [2, 3]


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("respondent_id,q1_safer_city,colour\n1,agree,red\n", r"line 1: 'colour': unknown column"),
        ("q1_safer_city\nagree\n", r"line 1: 'respondent_id': no 'respondent_id' column"),
        (
            "respondent_id,q1_safer_city\n1,Strongly agree\n2,Quite\n",
            r"s\.csv line 3: 'q1_safer_city': 'Quite' is not an answer",
        ),
        (
            "respondent_id,q1_safer_city\n1,Strongly agree\n1,Tend to agree\n",
            r"line 3: 'respondent_id': respondent '1' is also on line 2",
        ),
        (
            "respondent_id,category\n1,Journalist\n",
            r"line 2: 'category': 'Journalist' is not a respondent category",
        ),
        (
            "respondent_id,submitted\n1,yesterday\n",
            r"line 2: 'submitted': 'yesterday' is not a date",
        ),
        (
            'respondent_id,q6_emphasis\n1,"multi\nline"\n2,x\n,y\n',
            r"line 5: 'respondent_id': empty respondent id",
        ),
    ],
)
def test_bad_exports_name_file_line_and_field(
    loaded: LoadedConsultation, tmp_path: Path, csv_text: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        read_survey(_write(tmp_path / "s.csv", csv_text), loaded.consultation)


def test_a_mapping_file_reads_another_layout_from_xlsx(
    loaded: LoadedConsultation, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Export"
    sheet.append(["Response ID", "IP address", "Q1 safer city", "Sex"])
    sheet.append([101, "10.0.0.1", "Agree strongly", "F"])
    sheet.append([102, "10.0.0.2", "Disagree", "M"])
    book.save(tmp_path / "export.xlsx")
    mapping = _write(
        tmp_path / "mapping.yaml",
        """\
sheet: Export
columns:
  "Response ID": respondent_id
  "Q1 safer city": q1_safer_city
  "Sex": gender
skip_columns: ["IP address"]
values:
  q1_safer_city: {"Agree strongly": strongly_agree, "Disagree": tend_to_disagree}
  gender: {F: female, M: male}
""",
    )
    rows = read_survey(tmp_path / "export.xlsx", loaded.consultation, load_mapping(mapping))
    assert [(r.respondent_id, r.codes) for r in rows] == [
        ("101", {"q1_safer_city": "strongly_agree", "gender": "female"}),
        ("102", {"q1_safer_city": "tend_to_disagree", "gender": "male"}),
    ]
    assert [r.line for r in rows] == [2, 3]
    with pytest.raises(IngestError, match="no sheet 'Other'"):
        read_survey(tmp_path / "export.xlsx", loaded.consultation, SurveyMapping(sheet="Other"))


def test_a_bad_mapping_file_names_its_field(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"mapping\.yaml: 'colums'"):
        load_mapping(_write(tmp_path / "mapping.yaml", "colums: {}\n"))


def _folder(tmp_path: Path, manifest: str, files: tuple[str, ...] = ("letter.txt",)) -> Path:
    folder = tmp_path / "written"
    folder.mkdir()
    for name in files:
        shutil.copy(FILES / name, folder / name)
    _write(folder / "manifest.csv", manifest)
    return folder


HEAD = "file,respondent_name,category,organisation,received\n"


def test_manifest_reads_each_file(loaded: LoadedConsultation, tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        HEAD + "letter.txt,Priya Example,private individual,,20/02/2017\n"
        "letter.pdf,,Safer Neighbourhood Board,Havering SNB,2017-02-21\n",
        ("letter.txt", "letter.pdf"),
    )
    items = read_written(folder, loaded.consultation)
    assert [
        (i.file, i.category, i.received.isoformat() if i.received else None) for i in items
    ] == [
        ("letter.txt", "private_individual", "2017-02-20"),
        ("letter.pdf", "safer_neighbourhood_board", "2017-02-21"),
    ]
    assert items[1].organisation == "Havering SNB"


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (HEAD + "missing.txt,A,organisation,,\n", r"line 2: 'file': 'missing.txt' is not a file"),
        (HEAD + "letter.txt,A,charity,,\n", r"line 2: 'category': 'charity' is not a respondent"),
        (HEAD + "letter.txt,A,organisation,,next week\n", r"line 2: 'received': 'next week'"),
        (
            HEAD + "letter.txt,A,organisation,,\nletter.txt,A,organisation,,\n",
            r"line 3: 'file': 'letter.txt' is also listed on line 2",
        ),
        ("name,category\nletter.txt,organisation\n", r"manifest\.csv line 1: 'file': missing"),
        (HEAD + "../letter.txt,A,organisation,,\n", r"'../letter.txt' is not a file"),
    ],
)
def test_bad_manifests_name_line_and_field(
    loaded: LoadedConsultation, tmp_path: Path, manifest: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        read_written(_folder(tmp_path, manifest), loaded.consultation)


def test_unlisted_files_are_an_error(loaded: LoadedConsultation, tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEAD + "letter.txt,A,organisation,,\n", ("letter.txt", "letter.md"))
    with pytest.raises(IngestError, match=r"1 file\(s\) in the folder are not listed: letter\.md"):
        read_written(folder, loaded.consultation)


def test_no_manifest_is_an_error(loaded: LoadedConsultation, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="no manifest in the folder"):
        read_written(tmp_path / "empty", loaded.consultation)
    with pytest.raises(IngestError, match=r"^nowhere: not a folder\. Give the folder"):
        read_written(tmp_path / "nowhere", loaded.consultation)
