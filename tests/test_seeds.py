from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

import bilateral
from bilateral import AgreementStatus, Certainty, ValidationError
from bilateral._seeds import _packaged_seeds

SEED = "000_337cd10feb08835e"

GOOD = """format = 1

[document]
title = "Gas talks"

[[claims]]
id = "c1"
quote = "Russia may supply gas to Pakistan."
countries = ["Moscow", "PAK"]
sectors = ["energy"]
certainty = "possible"

[[claims]]
id = "c2"
quote = "India signed a deal"
countries = ["India", "Russia"]
sectors = ["military"]
certainty = "certain"
attribution = "officials"

[[agreements]]
id = "a1"
parties = ["RUS", "PAK"]
subject = "gas supply"
sector = "energy"
status = "proposed"
supplier = "RUS"
recipient = "PAK"
evidence = ["c1"]

[[relationships]]
id = "r1"
parties = ["IND", "RUS"]
sector = "military"
trend = "stable"
description = "arms deals"
evidence = ["c2"]
"""
TEXT = "Russia may supply gas to Pakistan. India signed a deal with Russia."


def write(tmp_path, text=TEXT, annotation=GOOD, name="article"):
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    if annotation is not None:
        (tmp_path / f"{name}.toml").write_text(annotation, encoding="utf-8")
    return tmp_path


def test_seed_text_ships_byte_for_byte(seeds):
    packaged = _packaged_seeds().joinpath(f"{SEED}.txt").read_bytes()
    assert seeds.documents[0].text.encode("utf-8") == packaged
    assert seeds.documents[0].sha256 == bilateral._model.sha256_text(packaged.decode("utf-8"))


def test_seed_annotation_is_complete(seeds):
    doc = seeds.documents[0]
    assert doc.title.startswith("Pakistan and Russia have strengthened relations")
    assert {c.code for c in seeds.countries} == {"IND", "PAK", "RUS", "UKR", "USA"}
    # Every sentence of the article is covered by at least one claim.
    sentences = [m for m in re.finditer(r"[^.\n]+(?:\.(?=\s|$)|$)", doc.text) if m.group(0).strip()]
    for sentence in sentences:
        assert any(c.start < sentence.end() and sentence.start() < c.end for c in seeds.claims), (
            sentence.group(0)
        )
    assert all(doc.text[c.start : c.end] == c.text for c in seeds.claims)


def test_seed_hedges_and_attributions(seeds):
    by_text = {c.text: c for c in seeds.claims}
    pipeline = next(c for t, c in by_text.items() if "potential gas pipeline" in t)
    assert pipeline.certainty <= Certainty.POSSIBLE
    s350 = next(c for t, c in by_text.items() if "S-350" in t and c.attribution)
    assert "media reports" in s350.attribution
    assert s350.certainty < Certainty.CERTAIN
    experts = [c for c in seeds.claims if c.attribution and "xperts" in c.attribution]
    assert experts
    west = [c for c in seeds.claims if "west" in c.groups]
    assert west
    assert all(not set(c.countries) & {"EU"} for c in west)
    metonym = next(c for c in seeds.claims if "Islamabad-Moscow" in c.text)
    assert set(metonym.countries) >= {"PAK", "RUS"}


def test_seed_agreements_and_relationships(seeds):
    statuses = Counter(a.status for a in seeds.agreements)
    assert statuses[AgreementStatus.PROPOSED] >= 4
    assert statuses[AgreementStatus.SIGNED] == 0
    s350 = next(a for a in seeds.agreements if "S-350" in a.subject)
    assert s350.status is AgreementStatus.PROPOSED
    assert s350.parties == ("PAK", "RUS")
    pairs = {(r.parties, r.sector.value) for r in seeds.relationships}
    assert (("PAK", "RUS"), "energy") in pairs
    assert any(p == ("IND", "RUS") for p, _ in pairs)
    assert any(p == ("IND", "PAK") for p, _ in pairs)
    claims = {c.id for c in seeds.claims}
    for item in (*seeds.agreements, *seeds.relationships):
        assert set(item.evidence) <= claims


def test_load_seeds_is_cached(seeds):
    assert bilateral.load_seeds() is seeds


def test_load_seed_dir(tmp_path):
    data = bilateral.load_seed_dir(write(tmp_path))
    assert [c.id for c in data.claims] == ["article:c1", "article:c2"]
    c1 = data.claims[0]
    assert c1.countries == ("PAK", "RUS")
    assert TEXT[c1.start : c1.end] == c1.text
    assert data.agreements[0].evidence == ("article:c1",)
    assert data.agreements[0].supplier == "RUS"
    assert data.documents[0].title == "Gas talks"


def test_copy_of_packaged_seeds_loads_the_same(tmp_path, seeds):
    source = _packaged_seeds()
    for name in (f"{SEED}.txt", f"{SEED}.toml"):
        (tmp_path / name).write_bytes(source.joinpath(name).read_bytes())
    assert bilateral.load_seed_dir(tmp_path) == seeds


def test_prefix_and_suffix_disambiguate(tmp_path):
    annotation = GOOD.replace(
        'quote = "India signed a deal"', 'quote = "India signed a deal"\nsuffix = " with"'
    )
    data = bilateral.load_seed_dir(
        write(tmp_path, text=TEXT + " India signed a deal.", annotation=annotation)
    )
    assert data.claims[1].start == TEXT.index("India signed a deal with")


def problems_of(tmp_path, annotation, text=TEXT):
    with pytest.raises(ValidationError) as info:
        bilateral.load_seed_dir(write(tmp_path, text=text, annotation=annotation))
    return info.value.problems


def line_of(annotation, needle):
    return next(i for i, line in enumerate(annotation.splitlines(), 1) if needle in line)


def test_quote_not_found(tmp_path):
    bad = GOOD.replace("Russia may supply gas", "Russia will supply gas")
    (p,) = problems_of(tmp_path, bad)
    assert p.path == "claims[0].quote"
    assert p.line == line_of(bad, "Russia will supply")
    assert p.file.endswith("article.toml")
    assert "not found" in p.reason


def test_quote_ambiguous(tmp_path):
    (p,) = problems_of(tmp_path, GOOD, text=TEXT + " India signed a deal.")
    assert p.path == "claims[1].quote"
    assert "2 times" in p.reason


def test_unknown_country_and_enum_values(tmp_path):
    bad = (
        GOOD.replace(
            'quote = "India signed a deal"', 'quote = "India signed a deal"\nsuffix = " with"'
        )
        .replace('countries = ["India", "Russia"]', 'countries = ["India", "Rusia"]')
        .replace('status = "proposed"', 'status = "agreed"')
        .replace('trend = "stable"', 'trend = "sideways"')
    )
    problems = problems_of(tmp_path, bad)
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {
        "claims[1].countries[1]",
        "agreements[0].status",
        "relationships[0].trend",
    }
    assert "Russia" in by_path["claims[1].countries[1]"].reason
    assert by_path["agreements[0].status"].line == line_of(bad, 'status = "agreed"')
    assert by_path["relationships[0].trend"].line == line_of(bad, "sideways")


def test_duplicate_ids_and_dangling_evidence(tmp_path):
    bad = (
        GOOD.replace(
            'quote = "India signed a deal"', 'quote = "India signed a deal"\nsuffix = " with"'
        )
        .replace('id = "c2"', 'id = "c1"')
        .replace('evidence = ["c2"]', 'evidence = ["c7"]')
    )
    problems = problems_of(tmp_path, bad)
    paths = {p.path for p in problems}
    assert "claims[1].id" in paths
    assert "relationships[0].evidence[0]" in paths


def test_not_utf8(tmp_path):
    (tmp_path / "article.txt").write_bytes("Pakistan \xe9".encode("latin-1"))
    (tmp_path / "article.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        bilateral.load_seed_dir(tmp_path)
    (p,) = info.value.problems
    assert p.file.endswith("article.txt")
    assert "UTF-8" in p.reason


def test_bad_toml_has_a_line(tmp_path):
    problems = problems_of(tmp_path, GOOD + "\n[[claims]\n")
    assert problems[0].line is not None


def test_every_file_is_reported_and_nothing_half_loaded(tmp_path):
    write(tmp_path, annotation=GOOD.replace('"possible"', '"perhaps"'), name="a")
    write(tmp_path, annotation=GOOD.replace('"energy"', '"farming"'), name="b")
    with pytest.raises(ValidationError) as info:
        bilateral.load_seed_dir(tmp_path)
    files_named = {p.file.rsplit("/", 1)[-1] for p in info.value.problems}
    assert files_named == {"a.toml", "b.toml"}


def test_unknown_fields_are_errors(tmp_path):
    bad = GOOD.replace('certainty = "possible"', 'certainty = "possible"\nconfidence = 0.4', 1)
    problems = problems_of(tmp_path, bad)
    assert any(p.path == "claims[0].confidence" for p in problems)


def test_not_a_folder(tmp_path):
    with pytest.raises(ValidationError):
        bilateral.load_seed_dir(tmp_path / "missing")


def test_errors_are_bilateral_errors(tmp_path):
    with pytest.raises(bilateral.BilateralError):
        bilateral.load_seed_dir(
            write(tmp_path, annotation=GOOD.replace("format = 1", "format = 2"))
        )


def test_seed_folder_from_repository_matches_package(seeds, tmp_path):
    # The repository's seeds/ is the source the wheel packages; a copy loads identically.
    source = _packaged_seeds()
    target = tmp_path / "copy"
    target.mkdir()
    for entry in source.iterdir():
        if entry.name.endswith((".txt", ".toml")):
            (target / entry.name).write_bytes(entry.read_bytes())
    assert bilateral.load_seed_dir(target).claims == seeds.claims
    shutil.rmtree(target)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (("[document]", "document = 3\n[ignored]"), "document"),
        (('title = "Gas talks"', 'title = "Gas talks"\nauthor = "x"'), "document.author"),
        (('title = "Gas talks"', 'title = "Gas talks"\npublished = "soon"'), "document.published"),
        (('id = "c1"\n', ""), "claims[0].id"),
        (('quote = "Russia may supply gas to Pakistan."', "quote = 3"), "claims[0].quote"),
        (
            (
                'quote = "Russia may supply gas to Pakistan."',
                'quote = "Russia may supply gas to Pakistan."\nprefix = 1',
            ),
            "claims[0].prefix",
        ),
        (('countries = ["Moscow", "PAK"]', 'countries = "PAK"'), "claims[0].countries"),
        (
            (
                'countries = ["Moscow", "PAK"]',
                'countries = ["Moscow", "PAK"]\ngroups = ["Warsaw Pact"]',
            ),
            "claims[0].groups[0]",
        ),
        (('sectors = ["energy"]\ncertainty = "possible"', 'sectors = ["energy"]'), "claims[0]"),
        (('attribution = "officials"', 'attribution = ""'), "claims[1].attribution"),
        (('id = "a1"', 'id = ""'), "agreements[0].id"),
        (('parties = ["RUS", "PAK"]', 'parties = ["RUS", "Atlantis"]'), "agreements[0].parties[1]"),
        (('supplier = "RUS"', 'supplier = "Atlantis"'), "agreements[0].supplier"),
        (('supplier = "RUS"', 'supplier = "IND"'), "agreements[0].supplier"),
        (('evidence = ["c1"]', 'evidence = "c1"'), "agreements[0].evidence"),
        (('subject = "gas supply"\n', ""), "agreements[0]"),
        (
            ('description = "arms deals"', 'description = "arms deals"\ncolour = "red"'),
            "relationships[0].colour",
        ),
        (("format = 1", 'format = 1\nauthor = "me"'), "author"),
    ],
)
def test_each_annotation_problem_is_located(tmp_path, change, path):
    old, new = change
    assert old in GOOD
    bad = GOOD.replace(old, new, 1)
    problems = problems_of(tmp_path, bad)
    assert path in {p.path for p in problems}, [str(p) for p in problems]
    assert all(p.file.endswith("article.toml") for p in problems)


def test_claims_must_be_an_array_of_tables(tmp_path):
    problems = problems_of(tmp_path, 'format = 1\nclaims = "none"\n')
    assert [p.path for p in problems] == ["claims"]


def test_apostrophe_mismatch_is_explained(tmp_path):
    text = "Russia’s gas may reach Pakistan."
    annotation = GOOD.replace(
        "Russia may supply gas to Pakistan.", "Russia's gas may reach Pakistan."
    )
    annotation = annotation.replace('quote = "India signed a deal"', 'quote = "gas"')
    problems = problems_of(tmp_path, annotation, text=text)
    assert any("apostrophes" in p.reason for p in problems)


def test_text_without_annotation_needs_an_extractor(tmp_path):
    write(tmp_path, annotation=None)
    with pytest.raises(ValidationError) as info:
        bilateral.load_seed_dir(tmp_path, extract_missing=False)
    assert "no annotation" in info.value.problems[0].reason


def test_parse_annotation_directly():
    data = bilateral.parse_annotation(TEXT, GOOD, document_id="gas")
    assert data.documents[0].id == "gas"
    assert data.claims[0].id == "gas:c1"
