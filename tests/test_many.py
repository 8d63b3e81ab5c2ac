from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path

import pytest

import bilateral
from bilateral import Claim, Dataset, Document, ExtractionFailure, extract_many
from bilateral._many import configure_extract_command, run_extract_command


def fake_extract(text: str, *, document_id: str) -> Dataset:
    """Stands in for extraction: one claim quoting the first word, failing on demand."""
    if "FAIL" in text:
        raise ValueError(f"cannot read {document_id}")
    document = Document(id=document_id, text=text)
    words = text.split()
    word = words[0] if words else ""
    start = text.find(word)
    claim = Claim(
        id=f"{document_id}:c1",
        document=document_id,
        start=start,
        end=start + len(word),
        text=word,
        countries=["PAK", "RUS"],
        sectors=["energy"],
        certainty="possible",
    )
    return Dataset(documents=[document], claims=[claim])


def worker_pid(text: str, *, document_id: str) -> Dataset:
    """Records which process ran it, in the document's title."""
    return Dataset(documents=[Document(id=document_id, text=text, title=str(os.getpid()))])


def articles(count: int, *, failing: tuple[int, ...] = ()) -> list[tuple[str, str]]:
    return [
        (f"a{n}", f"Word{n} and more text {'FAIL' if n in failing else ''}") for n in range(count)
    ]


def test_results_come_in_input_order_with_failures_in_place():
    items = articles(12, failing=(3, 7))
    results = list(extract_many(items, workers=2, extractor=fake_extract, progress=False))
    assert len(results) == 12
    ids = [
        r.document_id if isinstance(r, ExtractionFailure) else r.documents[0].id for r in results
    ]
    assert ids == [document_id for document_id, _ in items]
    failures = [r for r in results if isinstance(r, ExtractionFailure)]
    assert [f.document_id for f in failures] == ["a3", "a7"]
    assert failures[0].error == "ValueError: cannot read a3"
    assert "Traceback" in failures[0].details
    good = [r for r in results if isinstance(r, Dataset)]
    assert good == [fake_extract(text, document_id=i) for i, text in items if "FAIL" not in text]


def test_work_runs_in_other_processes():
    results = list(extract_many(articles(4), workers=2, extractor=worker_pid, progress=False))
    pids = {r.documents[0].title for r in results}
    assert str(os.getpid()) not in pids
    inline = list(extract_many(articles(2), workers=1, extractor=worker_pid, progress=False))
    assert {r.documents[0].title for r in inline} == {str(os.getpid())}


def test_unordered_results_cover_every_document():
    items = articles(9, failing=(0,))
    results = list(
        extract_many(items, workers=2, ordered=False, chunksize=2, extractor=fake_extract)
    )
    ids = {
        r.document_id if isinstance(r, ExtractionFailure) else r.documents[0].id for r in results
    }
    assert ids == {i for i, _ in items}


@pytest.mark.parametrize("workers", [1, 2])
def test_input_is_consumed_only_a_bounded_way_ahead(workers):
    consumed = 0

    def source():
        nonlocal consumed
        for item in articles(40):
            consumed += 1
            yield item

    ahead = []
    for n, _ in enumerate(
        extract_many(source(), workers=workers, extractor=fake_extract, max_pending=3, chunksize=1),
        start=1,
    ):
        ahead.append(consumed - n)
    assert max(ahead) <= 3 + 1
    assert consumed == 40


def test_texts_paths_and_pairs(tmp_path):
    path = tmp_path / "my article.txt"
    path.write_text("Islamabad welcomed the offer.", encoding="utf-8")
    missing = tmp_path / "gone.txt"
    results = list(
        extract_many(
            ["Moscow spoke.", path, missing, ("given", "Delhi replied.")],
            workers=1,
            extractor=fake_extract,
        )
    )
    text_id = bilateral._model.sha256_text("Moscow spoke.")[:16]
    assert results[0].documents[0].id == text_id
    assert results[1].documents[0].id == "my_article"
    assert results[1].documents[0].text == "Islamabad welcomed the offer."
    assert isinstance(results[2], ExtractionFailure)
    assert results[2].document_id == "gone"
    assert results[2].source == str(missing)
    assert "FileNotFoundError" in results[2].error
    assert results[3].documents[0].id == "given"


def test_bad_arguments_are_refused():
    with pytest.raises(bilateral.DataError, match="workers"):
        list(extract_many(["x"], workers=0))
    with pytest.raises(bilateral.DataError, match="chunksize"):
        list(extract_many(["x"], chunksize=0))


def test_progress_bar_only_when_asked_or_on_a_terminal(capsys):
    list(extract_many(articles(3), workers=1, extractor=fake_extract))
    assert capsys.readouterr().err == ""
    list(extract_many(articles(3, failing=(1,)), workers=1, extractor=fake_extract, progress=True))
    err = capsys.readouterr().err
    assert "3/3" in err
    assert "docs/s" in err
    assert "1 failed" in err
    assert err.endswith("\n")


def test_streamed_outputs_read_back_as_one_dataset(tmp_path):
    items = articles(300, failing=(5,))  # more than one Parquet row group
    expected = Dataset.concat(fake_extract(t, document_id=i) for i, t in items if "FAIL" not in t)
    failures: list[ExtractionFailure] = []
    summary = bilateral.write_extraction(
        extract_many(items, workers=1, extractor=fake_extract),
        tmp_path / "out.jsonl",
        on_failure=failures.append,
    )
    assert (summary.documents, summary.claims, summary.failed) == (299, 299, 1)
    assert [f.document_id for f in failures] == ["a5"]
    assert bilateral.read_jsonl(tmp_path / "out.jsonl") == expected
    pytest.importorskip("pyarrow")
    summary = bilateral.write_extraction(
        extract_many(items, workers=1, extractor=fake_extract), tmp_path / "parquet"
    )
    assert summary.documents == 299
    assert bilateral.read_parquet(tmp_path / "parquet") == expected


def test_stream_to_an_open_file():
    buffer = io.StringIO()
    bilateral.write_extraction(extract_many(articles(2), workers=1, extractor=fake_extract), buffer)
    buffer.seek(0)
    assert len(bilateral.read_jsonl(buffer).documents) == 2


def test_read_articles(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("b", "a"):
        (folder / f"{name}.txt").write_text(name, encoding="utf-8")
    (folder / "notes.md").write_text("skip", encoding="utf-8")
    assert list(bilateral.read_articles(folder)) == [folder / "a.txt", folder / "b.txt"]
    lines = tmp_path / "articles.jsonl"
    lines.write_text(
        '{"id": 1, "text": "One.", "url": "x"}\n\n{"text": "Two."}\n', encoding="utf-8"
    )
    assert list(bilateral.read_articles(lines)) == [("1", "One."), "Two."]
    lines.write_text('{"id": "a", "text": "One."}\n{"id": "b", "body": 3}\n', encoding="utf-8")
    with pytest.raises(bilateral.DataError) as info:
        list(bilateral.read_articles(lines))
    assert (info.value.file, info.value.line, info.value.path) == (str(lines), 2, "text")
    single = folder / "a.txt"
    assert list(bilateral.read_articles(single)) == [single]


def _parse(argv):
    parser = argparse.ArgumentParser()
    configure_extract_command(parser)
    return parser.parse_args(argv)


def test_command_extracts_a_folder_and_reports_failures(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bilateral._many, "_default_extractor", lambda: fake_extract)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Pakistan signed.", encoding="utf-8")
    (folder / "bad.txt").write_text("FAIL here", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    args = _parse(
        [str(folder), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--errors", str(errors)]
    )
    out = io.StringIO()
    assert run_extract_command(args, out) == 1
    assert "1 documents, 1 claims" in out.getvalue()
    assert "1 failed" in out.getvalue()
    (failure,) = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert failure["document_id"] == "bad"
    assert failure["source"] == str(folder / "bad.txt")
    (folder / "bad.txt").unlink()
    args = _parse([str(folder), "-o", str(tmp_path / "pq"), "-j", "1", "--no-progress"])
    assert run_extract_command(args, io.StringIO()) == 0
    assert capsys.readouterr().err == ""


def test_command_reports_failures_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bilateral._many, "_default_extractor", lambda: fake_extract)
    source = tmp_path / "articles.jsonl"
    source.write_text('{"id": "x", "text": "FAIL"}\n', encoding="utf-8")
    args = _parse([str(source), "-o", str(tmp_path / "o.jsonl"), "-j", "1"])
    assert run_extract_command(args, io.StringIO()) == 1
    assert "bilateral extract: x: ValueError: cannot read x" in capsys.readouterr().err


def test_real_extraction_in_parallel_matches_one_by_one(seeds):
    extract = pytest.importorskip("bilateral.extract").extract
    text = seeds.documents[0].text
    items = [(f"doc{n}", text) for n in range(3)]
    results = list(extract_many(items, workers=2))
    assert results == [extract(t, document_id=i) for i, t in items]
    assert all(isinstance(r, Dataset) and r.claims for r in results)


def test_paths_are_picked_up_as_paths(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Moscow.", encoding="utf-8")
    (result,) = extract_many([Path(path)], workers=1, extractor=fake_extract)
    assert result.documents[0].id == "x"


def test_spark_batches_carry_one_table_in_plain_types():
    pa = pytest.importorskip("pyarrow")
    from bilateral.contrib.spark import SPARK_SCHEMAS, extract_batches

    batch = pa.record_batch({"id": ["a", "b"], "text": ["Moscow spoke.", "FAIL"]})
    (claims,) = extract_batches([batch], table="claims", extractor=fake_extract)
    assert claims.column("id").to_pylist() == ["a:c1"]
    assert claims.column("certainty").to_pylist() == ["possible"]
    assert claims.schema.field("sectors").type == pa.list_(pa.string())
    assert claims.schema.names == [part.split()[0] for part in SPARK_SCHEMAS["claims"].split(", ")]
    (documents,) = extract_batches([batch], table="documents", extractor=fake_extract)
    assert documents.schema.field("text").type == pa.string()
    (failures,) = extract_batches([batch], table="failures", extractor=fake_extract)
    assert failures.to_pylist() == [{"document_id": "b", "error": "ValueError: cannot read b"}]
    no_ids = pa.record_batch({"text": ["FAIL"]})
    (empty,) = extract_batches([no_ids], table="agreements", extractor=fake_extract)
    assert empty.num_rows == 0
    with pytest.raises(KeyError, match="countries"):
        list(extract_batches([batch], table="countries"))


def test_documents_are_grouped_by_amount_of_text(tmp_path):
    from bilateral._many import _chunks, _task

    big = [_task(("b" + str(n), "x" * 40_000)) for n in range(5)]
    assert [len(c) for c in _chunks(iter(big), None)] == [2, 2, 1]
    small = [_task(("s" + str(n), "x")) for n in range(600)]
    assert [len(c) for c in _chunks(iter(small), None)] == [256, 256, 88]
    assert [len(c) for c in _chunks(iter(small[:5]), 2)] == [2, 2, 1]
    path = tmp_path / "a.txt"
    path.write_text("y" * 70_000, encoding="utf-8")
    files = [_task(path), _task(tmp_path / "missing.txt"), _task(path)]
    assert [len(c) for c in _chunks(iter(files), None)] == [1, 2]


def test_lexicon_files_reach_the_workers(seeds, tmp_path):
    extract = pytest.importorskip("bilateral.extract").extract
    from bilateral._many import LexiconExtractor

    lexicon = tmp_path / "hedges.toml"
    lexicon.write_text("# no change to the packaged hedges\n", encoding="utf-8")
    text = seeds.documents[0].text
    items = [("one", text), ("two", text)]
    run = LexiconExtractor((str(lexicon),))
    results = list(extract_many(items, workers=2, extractor=run, chunksize=1))
    assert results == [extract(t, document_id=i) for i, t in items]


def test_command_writes_json_lines_to_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bilateral._many, "_default_extractor", lambda: fake_extract)
    (tmp_path / "a.txt").write_text("Pakistan signed.", encoding="utf-8")
    out = io.StringIO()
    assert run_extract_command(_parse([str(tmp_path / "a.txt"), "-j", "1"]), out) == 0
    out.seek(0)
    assert bilateral.read_jsonl(out) == fake_extract("Pakistan signed.", document_id="a")
    assert "written to standard output" in capsys.readouterr().err
