"""Every script in examples/ runs, prints a readable answer, and fails loudly on bad input.

The scripts run as a user runs them: in a fresh process, from a scratch folder, with
the Python running the tests. Optional libraries (networkx, pyarrow) are hidden from
some runs so that both the path with them and the path without them are exercised.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bilateral

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "data" / "sample_article.txt"

# What each script must print when run without arguments.
EXPECTED = {
    "quickstart.py": [
        "Pakistan (PAK) and Russia (RUS)",
        "proposed    S-350 air defence system (military, RUS → PAK)",
        "[some media reports] “Some media reports have highlighted",
        "5 of 6 agreements are only proposed",
    ],
    "proposed_deals.py": [
        "5 of 8 agreements are only proposed.",
        "S-350 air defence system (military): Pakistan and Russia, RUS → PAK",
        "probable, according to some media reports:",
        "Attributed to: reports, some media reports",
    ],
    "extract_article.py": [
        "sample_article.txt: 726 characters",
        "Claims:",
        "“Tashkent has not joined the Eurasian Economic Union",
        "Compared with the annotation sample_article.toml:",
        "1 documents compared",
    ],
    "export_tables.py": [
        "claims            36 rows",
        "agreements         8 rows",
        "relationships     11 rows",
    ],
    "relationship_graph.py": [
        "Russia (RUS)",
        "  - Ukraine         security    unknown",
    ],
}


def run(
    script: str, *args: str, cwd: Path, hide: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run an example in a fresh Python, optionally with some modules made unimportable."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    if hide:
        # A package whose import fails stands in for a library that is not installed.
        shims = cwd / "_hidden"
        for name in hide:
            (shims / name).mkdir(parents=True, exist_ok=True)
            (shims / name / "__init__.py").write_text(f"raise ImportError('{name} hidden')\n")
        env["PYTHONPATH"] = os.pathsep.join([str(shims), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def test_every_example_is_tested():
    assert {p.name for p in EXAMPLES.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs_and_answers(script, tmp_path):
    result = run(script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for line in EXPECTED[script]:
        assert line in result.stdout, f"{script} did not print {line!r}:\n{result.stdout}"


def test_examples_are_documented_scripts():
    for script in EXAMPLES.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        assert text.startswith('"""'), f"{script.name} has no docstring"
        assert "sys.exit(main(" in text, f"{script.name} does not exit with main()'s status"


# --- quickstart and proposed deals ---------------------------------------------------


def test_proposed_deals_reads_a_dataset_given_on_the_command_line(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("sample_article.txt", "sample_article.toml"):
        (folder / name).write_bytes((EXAMPLES / "data" / name).read_bytes())
    result = run("proposed_deals.py", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 of 3 agreements are only proposed." in result.stdout


def test_proposed_deals_fails_on_a_missing_dataset(tmp_path):
    result = run("proposed_deals.py", "no-such-folder", cwd=tmp_path)
    assert result.returncode == 1
    assert "no-such-folder" in result.stderr
    assert result.stdout == ""


# --- extraction ------------------------------------------------------------------------


def test_extract_article_reports_spans_that_match_the_text(tmp_path):
    article = tmp_path / "my article.txt"
    text = "Russia reportedly offered to supply Pakistan with gas. India did not comment.\n"
    article.write_text(text, encoding="utf-8")
    result = run("extract_article.py", str(article), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "my_article:" in result.stdout  # spaces in the file name never reach the id
    spans = [
        line.split("[", 1)[1].split("]", 1)[0]
        for line in result.stdout.splitlines()
        if line.startswith("  my_article:")
    ]
    assert spans
    printed = result.stdout.replace("\n     ", " ")  # undo the wrapping of quotes
    for span in spans:
        start, end = (int(part) for part in span.split(":"))
        assert text[start:end].strip()
        assert f"“{text[start:end]}”" in printed


def test_extract_article_reports_a_broken_annotation(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("Russia and India signed a defence deal.\n", encoding="utf-8")
    (tmp_path / "note.toml").write_text("format = 1\n[[claims]]\nid = 1\n", encoding="utf-8")
    result = run("extract_article.py", str(article), cwd=tmp_path)
    assert result.returncode == 1
    assert "note.toml" in result.stderr


def test_extract_article_fails_on_a_missing_file(tmp_path):
    result = run("extract_article.py", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot read" in result.stderr


def test_extract_article_fails_on_a_file_that_is_not_text(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    result = run("extract_article.py", str(binary), cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot read" in result.stderr


# --- tables ----------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_tables_writes_csv_that_round_trips_the_seeds(tmp_path):
    result = run("export_tables.py", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    seeds = bilateral.load_seeds()
    claims = read_csv(tmp_path / "out" / "claims.csv")
    assert [row["id"] for row in claims] == [c.id for c in seeds.claims]
    for row, claim in zip(claims, seeds.claims, strict=True):
        assert row["text"] == claim.text
        assert int(row["start"]) == claim.start
        assert row["countries"].split(";") == list(claim.countries)
        assert row["attribution"] == (claim.attribution or "")
    deals = read_csv(tmp_path / "out" / "agreements.csv")
    assert [(d["subject"], d["status"]) for d in deals] == [
        (a.subject, a.status.value) for a in seeds.agreements
    ]
    assert len(read_csv(tmp_path / "out" / "relationships.csv")) == len(seeds.relationships)
    assert (tmp_path / "out" / "claims.parquet").exists() == installed("pyarrow")


@pytest.mark.skipif(not installed("pyarrow"), reason="pyarrow is not installed")
def test_export_tables_writes_typed_parquet(tmp_path):
    import pyarrow.parquet as pq

    result = run("export_tables.py", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    table = pq.read_table(tmp_path / "out" / "claims.parquet").to_pylist()
    seeds = bilateral.load_seeds()
    assert [row["id"] for row in table] == [c.id for c in seeds.claims]
    assert table[0]["countries"] == list(seeds.claims[0].countries)
    assert isinstance(table[0]["start"], int)
    assert bilateral.read_parquet(tmp_path / "out") == seeds


def test_export_tables_without_pyarrow_writes_csv_only(tmp_path):
    result = run("export_tables.py", "out", cwd=tmp_path, hide=("pyarrow",))
    assert result.returncode == 0, result.stderr
    assert "pyarrow is not installed" in result.stdout
    assert (tmp_path / "out" / "claims.csv").exists()
    assert not list((tmp_path / "out").glob("*.parquet"))


def test_export_tables_fails_when_it_cannot_write(tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should go\n")
    result = run("export_tables.py", str(blocker), cwd=tmp_path)
    assert result.returncode == 1
    assert "export_tables:" in result.stderr


# --- the graph -------------------------------------------------------------------------


@pytest.mark.skipif(not installed("networkx"), reason="networkx is not installed")
def test_relationship_graph_with_networkx(tmp_path):
    result = run("relationship_graph.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "networkx graph: 5 countries, 11 relationships" in result.stdout
    assert "Most connected:" in result.stdout


def test_relationship_graph_without_networkx_prints_an_adjacency_list(tmp_path):
    result = run("relationship_graph.py", cwd=tmp_path, hide=("networkx",))
    assert result.returncode == 0, result.stderr
    assert "networkx is not installed" in result.stdout
    seeds = bilateral.load_seeds()
    for tie in seeds.relationships:
        a, b = (seeds.country(code).name for code in tie.pair)
        assert f"  - {b:15} {tie.sector.value:11} {tie.trend.value}" in result.stdout
        assert f"  - {a:15} {tie.sector.value:11} {tie.trend.value}" in result.stdout


def test_relationship_graph_writes_dot(tmp_path):
    result = run("relationship_graph.py", "--dot", "graph.dot", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    dot = (tmp_path / "graph.dot").read_text(encoding="utf-8")
    assert dot.startswith("graph relationships {")
    assert dot.count(" -- ") == len(bilateral.load_seeds().relationships)
    assert 'RUS -- UKR [label="security"' in dot


def test_relationship_graph_fails_on_a_missing_dataset(tmp_path):
    result = run("relationship_graph.py", "missing.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "missing.json" in result.stderr
