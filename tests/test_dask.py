from __future__ import annotations

import json
import random

import pytest

import bilateral
from bilateral import Dataset

pytest.importorskip("dask")
pytest.importorskip("pyarrow")
extract = pytest.importorskip("bilateral.extract").extract

from bilateral.contrib.dask import extract_to_parquet  # noqa: E402 - after the skips

COUNTRIES = ["Pakistan", "Russia", "India", "China", "Iran", "Turkey", "Germany", "Brazil"]
SENTENCES = [
    "{a} and {b} signed an agreement on a gas pipeline.",
    "{a} reportedly offered to supply {b} with wheat.",
    "Relations between {a} and {b} have improved in recent years.",
    "Officials said {a} may buy air defence systems from {b}.",
    "{a} and {b} held talks on trade and investment.",
]


def corpus(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Small made-up articles naming pairs of countries in varied sentences."""
    rng = random.Random(seed)  # noqa: S311 - made-up articles, not secrets
    articles = []
    for n in range(count):
        lines = []
        for _ in range(rng.randint(1, 4)):
            a, b = rng.sample(COUNTRIES, 2)
            lines.append(rng.choice(SENTENCES).format(a=a, b=b))
        articles.append((f"art{n:03d}", " ".join(lines)))
    return articles


def expected(articles) -> Dataset:
    return Dataset.concat(extract(text, document_id=i) for i, text in articles)


def test_a_json_lines_corpus_becomes_parquet_partitions(tmp_path):
    articles = corpus(24)
    source = tmp_path / "articles.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for document_id, text in articles:
            handle.write(json.dumps({"id": document_id, "text": text, "lang": "en"}) + "\n")
        handle.write("{broken\n")
    out = tmp_path / "out"
    summary, failures = extract_to_parquet(source, out, blocksize="1KiB", scheduler="processes")
    parts = sorted(p.name for p in (out / "claims").iterdir())
    assert len(parts) > 1
    assert parts[0] == "part-00000.parquet"
    data = bilateral.read_parquet(out)
    assert data == expected(articles)
    assert summary.documents == 24
    assert summary.claims == len(data.claims) > 0
    assert summary.failed == 1
    assert "JSONDecodeError" in failures[0].error


def test_a_folder_of_texts_with_the_threaded_scheduler(tmp_path):
    articles = corpus(9, seed=3)
    folder = tmp_path / "texts"
    folder.mkdir()
    for document_id, text in articles:
        (folder / f"{document_id}.txt").write_text(text, encoding="utf-8")
    summary, failures = extract_to_parquet(
        folder, tmp_path / "out", partition_size=4, scheduler="threads"
    )
    assert failures == []
    assert summary.documents == 9
    assert len(list((tmp_path / "out" / "documents").iterdir())) == 3
    assert bilateral.read_parquet(tmp_path / "out") == expected(articles)


def test_failures_are_reported_and_the_rest_kept(tmp_path):
    articles = [*corpus(3), ("bad id", "Pakistan and Russia held talks.")]
    summary, failures = extract_to_parquet(
        articles, tmp_path / "out", partition_size=2, scheduler="synchronous"
    )
    assert summary.documents == 3
    assert [f.document_id for f in failures] == ["bad id"]
    assert bilateral.read_parquet(tmp_path / "out") == expected(articles[:3])
