"""Properties of the query methods: indexed answers equal brute-force filters.

For generated datasets and generated filters, every ``find_*`` method must return
exactly the objects a plain scan with the documented semantics selects, in the
documented order.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral import (
    AgreementStatus,
    Certainty,
    QueryError,
    Sector,
    Trend,
    lookup_country,
)
from bilateral.testing import datasets

POOL = ("CHN", "IND", "PAK", "RUS", "UKR", "USA")
"""The codes bilateral.testing.datasets() draws from, plus one it never uses."""
CODES = (*POOL, "FRA")
GROUP_IDS = tuple(g.id for g in bilateral.all_groups())


# --- filter values, in every spelling the API accepts ------------------------------------


def one_or_many(values):
    """One value, or a tuple, list or set of one to three of them."""
    many = st.lists(values, min_size=1, max_size=3)
    return st.one_of(values, many.map(tuple), many.map(frozenset), many)


def spelled(code):
    country = lookup_country(code)
    return st.sampled_from([code, code.lower(), country, country.name, country.alpha2])


countries = st.sampled_from(CODES).flatmap(spelled)
pairs = st.lists(st.sampled_from(CODES), min_size=2, max_size=2, unique=True).flatmap(
    lambda p: st.tuples(spelled(p[0]), spelled(p[1]))
)
betweens = st.one_of(pairs, st.lists(pairs, min_size=1, max_size=3))
sectors = one_or_many(st.sampled_from([*Sector, *Sector.values(), "Energy", "TRADE"]))
statuses = one_or_many(st.sampled_from([*AgreementStatus, "in force", "In-Force", "signed"]))
trends = one_or_many(st.sampled_from([*Trend, *Trend.values()]))
certainties = st.sampled_from([*Certainty, *Certainty.values()])


def maybe(strategy):
    return st.none() | strategy


# --- the brute-force semantics, written from the documentation ---------------------------


def code_set(value):
    items = (value,) if isinstance(value, str | bilateral.Country) else tuple(value)
    return {lookup_country(v).code for v in items}


def pair_set(value):
    items = [value] if isinstance(value, tuple) else list(value)
    return [code_set(p) for p in items]


def enum_set(cls, value):
    items = (value,) if isinstance(value, str) else tuple(value)
    return {cls(re.sub(r"[\s-]+", "_", str(v).lower())) for v in items}


def is_word_char(ch):
    return ch.isalnum() or ch == "_" or bool(re.match(r"\w", ch))


def contains_phrase(text, phrase):
    """Whole-word, case-insensitive containment, by plain search (no look-arounds)."""
    folded, needle = text.casefold(), phrase.strip().casefold()
    at = folded.find(needle)
    while at != -1:
        end = at + len(needle)
        before_ok = at == 0 or not is_word_char(folded[at - 1])
        after_ok = end == len(folded) or not is_word_char(folded[end])
        if before_ok and after_ok:
            return True
        at = folded.find(needle, at + 1)
    return False


def matches_place(item_countries, item_sectors, country, between, sector):
    codes = set(item_countries)
    if country is not None and not code_set(country) & codes:
        return False
    if between is not None and not any(p <= codes for p in pair_set(between)):
        return False
    return sector is None or bool(enum_set(Sector, sector) & set(item_sectors))


def document_order(data):
    rank = {d.id: i for i, d in enumerate(data.documents)}
    return lambda c: (rank[c.document], c.start, c.end, c.id)


def brute_claims(
    data, *, country, between, sector, min_certainty, attributed, document, group, text
):
    def keep(c):
        if not matches_place(c.countries, c.sectors, country, between, sector):
            return False
        if min_certainty is not None:
            floor = Certainty(str(min_certainty).lower())
            if c.certainty.rank < floor.rank:
                return False
        if attributed is not None and (c.attribution is not None) != attributed:
            return False
        if document is not None:
            ids = {document} if isinstance(document, str) else set(document)
            if c.document not in ids:
                return False
        if group is not None:
            wanted = {group} if isinstance(group, str) else set(group)
            if not wanted & set(c.groups):
                return False
        if text is not None:
            phrases = [text] if isinstance(text, str) else list(text)
            if not any(contains_phrase(c.text, p) for p in phrases):
                return False
        return True

    return tuple(sorted((c for c in data.claims if keep(c)), key=document_order(data)))


# --- the properties ------------------------------------------------------------------------


@st.composite
def claim_queries(draw):
    """A dataset and several sets of claim filters to run on it, one after another."""
    data = draw(datasets())
    doc_ids = [d.id for d in data.documents]
    claim_words = sorted({w for c in data.claims for w in re.findall(r"\w+", c.text)})
    phrases = st.sampled_from([*claim_words, "Pakistan", "gas pipeline", "Russia’s"])
    filters = st.fixed_dictionaries(
        {
            "country": maybe(one_or_many(countries)),
            "between": maybe(betweens),
            "sector": maybe(sectors),
            "min_certainty": maybe(certainties),
            "attributed": maybe(st.booleans()),
            "document": maybe(one_or_many(st.sampled_from(doc_ids))) if doc_ids else st.none(),
            "group": maybe(one_or_many(st.sampled_from(GROUP_IDS))),
            "text": maybe(one_or_many(phrases)),
        }
    )
    return data, draw(st.lists(filters, min_size=1, max_size=4))


@given(claim_queries())
def test_find_claims_equals_brute_force(query):
    # Several queries on one dataset: later ones are answered from the cached indexes.
    data, queries = query
    for filters in queries:
        assert data.find_claims(**filters) == brute_claims(data, **filters)


def brute_agreements(data, *, party, between, sector, status):
    return tuple(
        a
        for a in data.agreements
        if matches_place(a.parties, (a.sector,), party, between, sector)
        and (status is None or a.status in enum_set(AgreementStatus, status))
    )


def brute_relationships(data, *, country, between, sector, trend):
    return tuple(
        r
        for r in data.relationships
        if matches_place(r.parties, (r.sector,), country, between, sector)
        and (trend is None or r.trend in enum_set(Trend, trend))
    )


agreement_filters = st.fixed_dictionaries(
    {
        "party": maybe(one_or_many(countries)),
        "between": maybe(betweens),
        "sector": maybe(sectors),
        "status": maybe(statuses),
    }
)
relationship_filters = st.fixed_dictionaries(
    {
        "country": maybe(one_or_many(countries)),
        "between": maybe(betweens),
        "sector": maybe(sectors),
        "trend": maybe(trends),
    }
)


@given(
    datasets(),
    st.lists(agreement_filters, min_size=1, max_size=4),
    st.lists(relationship_filters, min_size=1, max_size=4),
)
def test_find_agreements_and_relationships_equal_brute_force(data, deals, ties):
    for filters in deals:
        assert data.find_agreements(**filters) == brute_agreements(data, **filters)
    for filters in ties:
        assert data.find_relationships(**filters) == brute_relationships(data, **filters)


@given(
    datasets(), st.lists(st.sampled_from(POOL), min_size=2, max_size=2, unique=True), maybe(sectors)
)
def test_links_partners_and_profiles(data, pair, sector):
    claims = {c.id: c for c in data.claims}
    for item in (*data.agreements, *data.relationships):
        cited = sorted({claims[ref] for ref in item.evidence}, key=document_order(data))
        assert data.evidence(item) == tuple(cited)
    for country in data.countries:
        expected = sorted(
            {p for r in data.relationships if country.code in r.parties for p in r.parties}
            - {country.code}
        )
        assert [p.code for p in data.partners(country)] == expected

    a, b = pair
    profile = data.profile(a, b, sector=sector)
    assert profile.codes == tuple(sorted(pair))
    assert profile.relationships == data.find_relationships(between=pair, sector=sector)
    assert set(profile.agreements) == set(data.find_agreements(between=pair, sector=sector))
    levels = [level for level, _ in profile.claims_by_certainty]
    assert levels == sorted(levels, reverse=True)
    for _, group in profile.claims_by_certainty:
        assert list(group) == sorted(group, key=document_order(data))
    cited = {ref for item in (*profile.relationships, *profile.agreements) for ref in item.evidence}
    about = {c.id for c in data.find_claims(between=pair, sector=sector)}
    assert {c.id for c in profile.claims} == cited | about
    assert profile == data.profile(b, a, sector=sector)


# --- arbitrary strings never crash a query: they answer, or are rejected by name -----------


@given(st.text(max_size=12))
def test_any_sector_string_is_answered_or_rejected_by_name(text):
    data = bilateral.load_seeds()
    key = re.sub(r"[\s-]+", "_", text.strip().lower())
    if key in Sector.values():
        assert data.find_claims(sector=text) == data.find_claims(sector=Sector(key))
    else:
        with pytest.raises(QueryError) as caught:
            data.find_claims(sector=text)
        assert caught.value.parameter == "sector"
        assert caught.value.choices == Sector.values()


@given(st.text(max_size=12))
def test_any_country_string_is_answered_or_rejected_by_name(text):
    data = bilateral.load_seeds()
    try:
        code = lookup_country(text).code
    except bilateral.UnknownCountryError:
        with pytest.raises(bilateral.UnknownCountryError) as caught:
            data.find_claims(country=text)
        assert caught.value.path == "country"
    else:
        expected = tuple(c for c in data.claims if code in c.countries)
        assert data.find_claims(country=text) == expected


@given(st.text(max_size=20))
def test_any_text_phrase_is_answered_or_rejected_by_name(text):
    data = bilateral.load_seeds()
    if re.search(r"\w", text):
        expected = tuple(c for c in data.claims if contains_phrase(c.text, text))
        assert data.find_claims(text=text) == expected
    else:
        with pytest.raises(QueryError) as caught:
            data.find_claims(text=text)
        assert caught.value.parameter == "text"
