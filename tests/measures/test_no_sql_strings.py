"""Every measure computation is an Ibis expression (issue 18): no module of `measures/` runs
SQL itself, so the same code runs on DuckDB and on Spark. Raw SQL lives in `store/` only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import crimeplan.measures

MEASURES = Path(crimeplan.measures.__file__).parent
RUNS_SQL = {"execute", "executemany", "sql", "raw_sql", "fetchall", "fetchone", "df"}
SQL = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\b.*\bSET|DELETE\s+FROM|CREATE\s+(OR\s+REPLACE\s+)?"
    r"(TEMP\s+)?(TABLE|VIEW)|GROUP\s+BY|JOIN\b.*\bON)\b",
    re.DOTALL,
)


def sql_in(source: str) -> list[str]:
    """Where `source` runs SQL: a call such as `.execute(...)`, a use of the DuckDB connection
    (`.con`), or a string (docstrings aside) that reads as SQL."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (node.attr in RUNS_SQL or node.attr == "con"):
            found.append(f"line {node.lineno}: .{node.attr}")
            continue
        if isinstance(node, ast.JoinedStr):  # an f-string: its text with {} for each value
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = "" if id(node) in docstrings else node.value
        else:
            continue
        if SQL.search(text):
            found.append(f"line {node.lineno}: {text.strip()[:60]!r}")
    return found


def test_the_scan_finds_sql() -> None:
    assert sql_in('store.con.execute("SELECT count(*) FROM t WHERE a = ?", [1])')
    assert sql_in('q = f"""\n  SELECT {x} AS a\n  FROM police_uk_crimes\n"""')
    assert sql_in("t.sql('x')") and sql_in("frame = cur.df()")
    assert not sql_in('"""Select the rows from the table."""\nstore.run(t.group_by("a").count())')


def test_no_measure_module_runs_sql() -> None:
    found = {
        path.name: hits
        for path in sorted(MEASURES.glob("*.py"))
        if (hits := sql_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}
