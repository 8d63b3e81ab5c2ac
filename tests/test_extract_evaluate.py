from __future__ import annotations

import json

import pytest

import bilateral
from bilateral import Agreement, Claim, Dataset, Document, Relationship
from bilateral.extract import EvaluationReport, evaluate, extract
from bilateral.extract._cli import add_commands, evaluate_main, extract_main

TEXT = (
    "Russia and India signed an arms deal. "
    "China may supply Pakistan with jets, officials said. "
    "Lavrov said Russia and Iran held drills."
)
S1 = TEXT.index("Russia and India")
S2 = TEXT.index("China may")
S3 = TEXT.index("Lavrov")


def span(start: int, end_marker: str) -> tuple[int, int]:
    end = TEXT.index(end_marker, start) + len(end_marker)
    return start, end


def claim(cid: str, start: int, end: int, countries, *, certainty="certain", attribution=None):
    return Claim(
        id=cid,
        document="d",
        start=start,
        end=end,
        text=TEXT[start:end],
        countries=countries,
        sectors=["military"],
        certainty=certainty,
        attribution=attribution,
    )


def dataset(claims, agreements=(), relationships=(), doc_id="d"):
    return Dataset(
        documents=[Document(id=doc_id, text=TEXT)],
        claims=claims,
        agreements=agreements,
        relationships=relationships,
    )


def relationship(rid, parties, sector, evidence):
    return Relationship(
        id=rid, parties=parties, sector=sector, trend="unknown", description="x", evidence=evidence
    )


def agreement(aid, parties, sector, status, evidence, *, subject="arms deal"):
    return Agreement(
        id=aid, parties=parties, subject=subject, sector=sector, status=status, evidence=evidence
    )


def gold_dataset():
    c1 = claim("g1", *span(S1, "deal."), ["RUS", "IND"])
    c2 = claim(
        "g2", *span(S2, "said."), ["CHN", "PAK"], certainty="possible", attribution="officials"
    )
    c3 = claim("g3", *span(S3, "drills."), ["RUS", "IRN"], attribution="Lavrov")
    return dataset(
        [c1, c2, c3],
        agreements=[
            agreement("ga1", ["RUS", "IND"], "military", "signed", ["g1"]),
            agreement("ga2", ["CHN", "PAK"], "military", "proposed", ["g2"], subject="jets supply"),
        ],
        relationships=[
            relationship("gr1", ["RUS", "IND"], "military", ["g1"]),
            relationship("gr2", ["CHN", "PAK"], "military", ["g2"]),
            relationship("gr3", ["RUS", "IRN"], "military", ["g3"]),
        ],
    )


def test_identical_datasets_score_one():
    gold = gold_dataset()
    report = evaluate(gold, gold)
    assert isinstance(report, EvaluationReport)
    for score in report.scores:
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert report.agreement_status.value == 1.0
    assert report.documents == ("d",)


def test_counts_on_known_inputs():
    gold = gold_dataset()
    p1 = claim("p1", *span(S1, "deal."), ["RUS", "IND"])
    # Hedged but overlapping only a certain gold claim: a false positive.
    p1b = claim("p1b", S1, S1 + 10, ["RUS", "IND"], certainty="possible")
    p2 = claim("p2", S2, S2 + 12, ["CHN", "PAK", "USA"], certainty="probable")
    predicted = dataset(
        [p1, p1b, p2],
        agreements=[
            agreement("pa1", ["RUS", "IND"], "military", "in_force", ["p1"]),
            agreement("pa2", ["RUS", "IND"], "trade", "signed", ["p1"]),
        ],
        relationships=[
            relationship("pr1", ["RUS", "IND"], "military", ["p1"]),
            relationship("pr2", ["RUS", "IND"], "trade", ["p1"]),
            relationship("pr3", ["CHN", "USA"], "military", ["p2"]),
        ],
    )
    report = evaluate(predicted, gold)
    assert (report.countries.predicted, report.countries.gold, report.countries.correct_gold) == (
        5,
        5,
        4,
    )
    assert (report.pairs.predicted, report.pairs.gold, report.pairs.correct_gold) == (2, 3, 1)
    assert report.pair_sectors.correct_predicted == 1
    assert report.pair_sectors.predicted == 3
    assert (
        report.agreements.predicted,
        report.agreements.gold,
        report.agreements.correct_gold,
    ) == (
        2,
        2,
        1,
    )
    assert (report.agreement_status.correct, report.agreement_status.total) == (0, 1)
    # Gold flagged: g2 (hedged) and g3 (attributed); found: g2 only.
    assert (report.hedged.gold, report.hedged.correct_gold) == (2, 1)
    # Predicted flagged: p1b (false positive) and p2 (overlaps g2).
    assert (report.hedged.predicted, report.hedged.correct_predicted) == (2, 1)
    assert report.hedged.precision == pytest.approx(0.5)
    assert report.pairs.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_a_certain_attributed_claim_is_not_a_false_positive():
    gold = gold_dataset()
    stray = claim("p9", *span(S1, "deal."), ["RUS", "IND"], attribution="Reuters")
    found = claim("p3", S3, S3 + 6, ["RUS", "IRN"], attribution="Lavrov")
    report = evaluate(dataset([stray, found]), gold)
    assert (report.hedged.predicted, report.hedged.correct_predicted) == (1, 1)
    assert report.hedged.correct_gold == 1


def test_documents_match_by_text_when_ids_differ():
    gold = gold_dataset()
    renamed = Dataset(
        documents=[Document(id="other", text=TEXT)],
        claims=[
            Claim(
                id=c.id,
                document="other",
                start=c.start,
                end=c.end,
                text=c.text,
                countries=c.countries,
                sectors=c.sectors,
                certainty=c.certainty,
                attribution=c.attribution,
            )
            for c in gold.claims
        ],
        agreements=gold.agreements,
        relationships=gold.relationships,
    )
    assert evaluate(renamed, gold).pairs.f1 == 1.0


def test_missing_documents_count_as_nothing_found():
    gold = gold_dataset()
    report = evaluate(Dataset(), gold)
    assert report.missing == ("d",)
    assert report.pairs.recall == 0.0
    assert report.pairs.precision == 1.0
    assert report.pairs.f1 == 0.0


def test_render_and_to_dict():
    gold = gold_dataset()
    report = evaluate(gold, gold)
    table = report.render()
    for row in ("countries", "pairs", "(pair, sector)", "agreements", "status accuracy", "hedged"):
        assert row in table
    assert str(report) == table
    data = report.to_dict()
    assert data["pairs"]["f1"] == 1.0
    json.dumps(data)


def test_evaluate_cli_on_the_seeds(capsys):
    assert evaluate_main([]) == 0
    out = capsys.readouterr().out
    assert "(pair, sector)" in out
    assert "1 documents compared" in out


def test_evaluate_cli_with_files(tmp_path, capsys):
    gold = bilateral.load_seeds()
    predicted = Dataset.concat(extract(d.text, d.id) for d in gold.documents)
    path = tmp_path / "predicted.json"
    bilateral.write_json(predicted, path)
    gold_path = tmp_path / "gold.json"
    bilateral.write_json(gold, gold_path)
    assert evaluate_main(["--gold", str(gold_path), "--predicted", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == [gold.documents[0].id]
    assert evaluate_main(["--gold", str(tmp_path / "missing.json")]) == 2


def test_extract_cli(tmp_path, capsys):
    article = tmp_path / "my article.txt"
    article.write_text("Japan and India signed a defence pact, officials said.", encoding="utf-8")
    assert extract_main([str(article)]) == 0
    data = Dataset.from_json(capsys.readouterr().out)
    assert [d.id for d in data.documents] == ["my_article"]
    assert data.claims[0].attribution == "officials"
    assert extract_main([str(article), "--summary"]) == 0
    assert "JPN" in capsys.readouterr().out
    out = tmp_path / "out.jsonl"
    assert extract_main([str(article), "-o", str(out)]) == 0
    assert bilateral.read_jsonl(out).claims
    assert extract_main([str(tmp_path / "nope.txt")]) == 2


def test_add_commands_wires_subparsers(capsys):
    import argparse

    parser = argparse.ArgumentParser(prog="bilateral")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["evaluate"])
    assert args.run(args) == 0
    assert "countries" in capsys.readouterr().out
