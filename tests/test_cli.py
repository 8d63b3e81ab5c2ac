"""The command line, run as a real process: ``python -m bilateral`` and the console script."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bilateral
from bilateral._seeds import _packaged_seeds


def run(*args, cwd=None):
    """Run ``python -m bilateral ARGS`` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


def ok(*args):
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def fails(*args):
    done = run(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


# --- good input ----------------------------------------------------------------------------


def test_no_command_prints_the_seed_summary():
    out = ok()
    assert out.startswith("1 document, 36 claims, 8 agreements, 11 relationships")
    assert "Pakistan (PAK)" in out
    assert "Relationships by sector and trend:" in out
    assert "Agreements by status:" in out
    assert "Hedged (less than certain): 9; attributed to a source: 4" in out
    assert ok("summary") == out


def test_console_script_runs_from_the_install():
    script = Path(sys.executable).with_name("bilateral")
    if not script.exists():
        pytest.skip("the console script is not installed beside this interpreter")
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"bilateral {bilateral.__version__}"


@pytest.mark.parametrize(
    "command",
    ["summary", "countries", "claims", "agreements", "relationships", "profile", "export"],
)
def test_every_command_has_help(command):
    out = ok(command, "--help")
    assert out.startswith(f"usage: bilateral {command}")
    assert "--data PATH" in out
    assert "--format" in out


def test_claims_table_shows_certainty_attribution_and_quote():
    out = ok(
        "claims",
        "--between",
        "Pakistan",
        "Russia",
        "--sector",
        "energy",
        "--min-certainty",
        "possible",
    )
    lines = out.splitlines()
    assert lines[0].split() == ["CLAIM", "CERTAINTY", "SOURCE", "COUNTRIES", "SECTORS"]
    assert out.rstrip().endswith("10 claims")
    header = next(line for line in lines if line.startswith("000_337cd10feb08835e:c13"))
    assert header.split()[1:3] == ["possible", "reports"]
    quote = lines[lines.index(header) + 1]
    assert quote.startswith("    “Both nations are reportedly exploring")
    assert "(own voice)" in out


def test_claims_json_matches_the_python_api():
    out = ok("claims", "--between", "PAK", "RUS", "--sector", "energy", "--format", "json")
    expected = bilateral.load_seeds().find_claims(between=("PAK", "RUS"), sector="energy")
    assert [c["id"] for c in json.loads(out)] == [c.id for c in expected]


def test_who_claims_pakistan_wants_the_s350():
    out = ok("claims", "--text", "S-350", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["attribution"]) for r in records] == [("claim", "some media reports")]


def test_attributed_and_unattributed_are_exclusive_filters():
    named = json.loads(ok("claims", "--attributed", "--format", "json"))
    own = json.loads(ok("claims", "--unattributed", "--format", "json"))
    assert {c["attribution"] is None for c in named} == {False}
    assert {c["attribution"] is None for c in own} == {True}
    assert len(named) + len(own) == 36
    line = fails("claims", "--attributed", "--unattributed")
    assert "not allowed with" in line


def test_agreements_csv_for_scripts():
    out = ok("agreements", "--party", "Russia", "--status", "proposed", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["subject"] for r in rows] == [
        "gas pipeline",
        "petroleum products supply",
        "renewable energy projects",
        "agricultural goods exports",
        "S-350 air defence system",
    ]
    assert rows[0]["parties"] == "PAK;RUS"
    assert {r["status"] for r in rows} == {"proposed"}


def test_relationships_table_and_repeated_between():
    out = ok("relationships", "--between", "PAK", "USA", "--between", "IND", "USA")
    assert out.splitlines()[0].split() == [
        "RELATIONSHIP",
        "PARTIES",
        "SECTOR",
        "TREND",
        "DESCRIPTION",
    ]
    assert "PAK USA  military" in out
    assert "IND USA  diplomatic" in out
    assert out.rstrip().endswith("2 relationships")


def test_countries_lists_partners():
    rows = json.loads(ok("countries", "--format", "json"))
    russia = next(r for r in rows if r["code"] == "RUS")
    assert russia["partners"] == ["IND", "PAK", "UKR"]
    assert russia["name"] == "Russia"


def test_profile_table_and_json():
    out = ok("profile", "Islamabad", "Moscow", "--sector", "energy")
    assert out.startswith("Pakistan (PAK) and Russia (RUS): energy")
    assert "Claims: 7 certain, 3 possible" in out
    value = json.loads(ok("profile", "PAK", "RUS", "--sector", "energy", "--format", "json"))
    assert [c["code"] for c in value["countries"]] == ["PAK", "RUS"]
    assert list(value["claims_by_certainty"]) == ["certain", "possible"]
    assert [r["trend"] for r in value["relationships"]] == ["improving"]


def test_no_match_is_said_in_words():
    assert ok("claims", "--country", "France").strip() == "no claims match"
    assert json.loads(ok("claims", "--country", "France", "--format", "json")) == []


def test_export_round_trips_through_data(tmp_path):
    json_file = tmp_path / "seeds.json"
    jsonl_file = tmp_path / "seeds.jsonl"
    assert ok("export", "--output", json_file) == ""
    jsonl_file.write_text(ok("export", "--format", "jsonl"), encoding="utf-8")
    seeds = bilateral.load_seeds()
    assert bilateral.read_json(json_file) == seeds
    assert bilateral.read_jsonl(jsonl_file) == seeds
    expected = ok("claims", "--sector", "military", "--format", "csv")
    assert ok("claims", "--sector", "military", "--format", "csv", "--data", json_file) == expected
    assert ok("--data", jsonl_file, "claims", "--sector", "military", "--format", "csv") == expected


def test_export_csv_tables_into_a_folder(tmp_path):
    assert ok("export", "--format", "csv", "-o", tmp_path) == ""
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["agreements.csv", "claims.csv", "relationships.csv"]
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = list(csv.DictReader(handle))
    assert len(claims) == 36
    seeds = bilateral.load_seeds()
    assert all(
        seeds.get_document(c["document"]).text[int(c["start"]) : int(c["end"])] == c["text"]
        for c in claims
    )
    relationships = list(
        csv.DictReader(io.StringIO(ok("export", "--format", "csv", "--table", "relationships")))
    )
    assert len(relationships) == 11


def test_data_accepts_a_seed_folder(tmp_path):
    source = _packaged_seeds()
    for name in ("000_337cd10feb08835e.txt", "000_337cd10feb08835e.toml"):
        (tmp_path / name).write_bytes(source.joinpath(name).read_bytes())
    assert ok("--data", tmp_path, "summary") == ok("summary")


# --- bad input: exit status 2, one line on stderr, no traceback ----------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["claims", "--country", "Pakistn"],
            "--country: unknown country 'Pakistn'; did you mean 'Pakistan'",
        ),
        (["claims", "--sector", "enrgy"], "--sector: invalid value 'enrgy'"),
        (
            ["claims", "--min-certainty", "sure"],
            "valid choices: certain, probable, possible, unknown",
        ),
        (["claims", "--between", "Congo", "Russia"], "--between: 'Congo' is ambiguous"),
        (["claims", "--group", "westt"], "--group: unknown group 'westt'"),
        (["agreements", "--status", "done"], "--status: invalid value 'done'"),
        (["relationships", "--trend", "up"], "--trend: invalid value 'up'"),
        (["profile", "Pakistan", "Narnia"], "B: unknown country 'Narnia'"),
        (["profile", "Pakistan"], "the following arguments are required: B"),
        (["profile", "PAK", "Islamabad"], "B: invalid value 'Islamabad'"),
        (["claims", "--between", "PAK"], "expected 2 arguments"),
        (["claims", "--format", "xml"], "invalid choice: 'xml'"),
        (["export", "--format", "table"], "export writes json, jsonl or csv"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments(args, expected):
    line = fails(*args)
    assert expected in line
    assert line.startswith("bilateral")


def test_unreadable_or_invalid_data(tmp_path):
    assert "no such file or folder" in fails("--data", tmp_path / "missing.json")
    odd = tmp_path / "data.xml"
    odd.write_text("<data/>", encoding="utf-8")
    assert "expected a seed folder, a .json file or a .jsonl file" in fails("--data", odd)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert "not valid JSON" in fails("claims", "--data", broken)
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert str(binary) in fails("--data", binary)
    invalid = tmp_path / "invalid.json"
    value = json.loads(bilateral.load_seeds().to_json())
    value["claims"][0]["certainty"] = "sure"
    value["claims"][1]["sectors"] = ["nothing"]
    invalid.write_text(json.dumps(value), encoding="utf-8")
    line = fails("summary", "--data", invalid)
    assert "claims[0].certainty" in line
    assert "(and 1 more problem)" in line
    unwritable = tmp_path / "no" / "such" / "folder" / "out.json"
    assert "out.json" in fails("export", "--output", unwritable)


def test_extract_and_evaluate_commands(tmp_path):
    article = tmp_path / "gas.txt"
    article.write_text(
        "Russia and Pakistan signed an agreement on a gas pipeline on Monday. "
        "Officials said deliveries could begin next year.",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = run("extract", str(article), "-o", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    extracted = bilateral.read_jsonl(out)
    assert {c.code for c in extracted.countries} >= {"PAK", "RUS"}
    assert all(
        article.read_text(encoding="utf-8")[c.start : c.end] == c.text for c in extracted.claims
    )
    missing = run("extract", str(tmp_path / "nowhere.txt"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1
    assert "nowhere.txt" in missing.stderr
    report = run("evaluate")
    assert report.returncode == 0, report.stderr
    assert "countries" in report.stdout
    assert "status accuracy" in report.stdout
