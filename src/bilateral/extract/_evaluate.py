"""Comparing an extracted dataset with an annotated one.

Five measures, each with precision, recall and F1, pooled over the documents the
two datasets share (matched by id, or else by the SHA-256 of their text):

* **countries** — the countries each document's claims, agreements and relationships
  refer to;
* **pairs** — the country pairs whose relations a document describes (its
  relationships);
* **(pair, sector)** — the relationships' pairs with their sectors;
* **agreements** — matched one to one on parties and sector; the status accuracy is
  the share of matched agreements whose status agrees;
* **hedged or attributed claims** — a gold claim that is hedged (below certain) or
  attributed counts as found when an extracted claim that is hedged or attributed
  overlaps it; an extracted hedged claim that overlaps no such gold claim is a false
  positive, while an extracted claim that is certain and merely attributed to a
  speaker is not counted against precision.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

import attrs

from bilateral._dataset import Dataset
from bilateral._enums import Certainty
from bilateral._model import Agreement, Claim, Relationship

__all__ = ["Accuracy", "EvaluationReport", "Score", "evaluate"]


@attrs.frozen
class Score:
    """Precision, recall and F1 of one measure, with the counts behind them.

    Attributes:
        name: The measure.
        predicted: How many extracted items were judged.
        gold: How many gold items there are.
        correct_predicted: Extracted items that are right (precision's numerator).
        correct_gold: Gold items that were found (recall's numerator).
    """

    name: str
    predicted: int
    gold: int
    correct_predicted: int
    correct_gold: int

    @property
    def precision(self) -> float:
        """The share of extracted items that are right (1.0 when none were extracted)."""
        return self.correct_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """The share of gold items found (1.0 when there are none)."""
        return self.correct_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@attrs.frozen
class Accuracy:
    """A share of correct decisions.

    Attributes:
        name: What was decided.
        correct: How many were right.
        total: How many were made.
    """

    name: str
    correct: int
    total: int

    @property
    def value(self) -> float:
        """``correct / total`` (1.0 when nothing was decided)."""
        return self.correct / self.total if self.total else 1.0


@attrs.frozen
class EvaluationReport:
    """How close an extracted dataset comes to an annotated one.

    Attributes:
        countries: Countries referred to, per document.
        pairs: Pairs whose relations are described, per document.
        pair_sectors: (pair, sector) tags of the relationships, per document.
        agreements: Agreements, matched on parties and sector.
        agreement_status: Status accuracy over the matched agreements.
        hedged: Hedged or attributed claims, matched by overlapping spans.
        documents: The ids of the gold documents compared.
        missing: Gold documents the extracted dataset does not hold.
    """

    countries: Score
    pairs: Score
    pair_sectors: Score
    agreements: Score
    agreement_status: Accuracy
    hedged: Score
    documents: tuple[str, ...]
    missing: tuple[str, ...] = ()

    @property
    def scores(self) -> tuple[Score, ...]:
        """The five scored measures, in report order."""
        return (self.countries, self.pairs, self.pair_sectors, self.agreements, self.hedged)

    def to_dict(self) -> dict[str, object]:
        """The report as plain data (for JSON)."""
        table: dict[str, object] = {
            s.name: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "predicted": s.predicted,
                "gold": s.gold,
                "correct_predicted": s.correct_predicted,
                "correct_gold": s.correct_gold,
            }
            for s in self.scores
        }
        table["agreement status accuracy"] = {
            "accuracy": round(self.agreement_status.value, 4),
            "correct": self.agreement_status.correct,
            "total": self.agreement_status.total,
        }
        table["documents"] = list(self.documents)
        table["missing"] = list(self.missing)
        return table

    def render(self) -> str:
        """The report as a plain-text table."""
        header = f"{'measure':<28}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}"
        lines = [header, "-" * len(header)]
        for score in self.scores:
            lines.append(
                f"{score.name:<28}{score.precision:>7.2f}{score.recall:>7.2f}{score.f1:>7.2f}"
                f"{score.predicted:>7}{score.gold:>7}"
            )
            if score is self.agreements:
                status = self.agreement_status
                lines.append(
                    f"{'  status accuracy':<28}{status.value:>7.2f}"
                    f"{'':>14}{status.correct:>7}{status.total:>7}"
                )
        lines.append("")
        lines.append(f"{len(self.documents)} documents compared")
        if self.missing:
            lines.append("not extracted: " + ", ".join(self.missing))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


# --- gathering items per document --------------------------------------------------------


def _document_of(dataset: Dataset) -> dict[str, str]:
    return {c.id: c.document for c in dataset.claims}


def _linked_document(item_evidence: Sequence[str], claims: Mapping[str, str]) -> str | None:
    for ref in item_evidence:
        if ref in claims:
            return claims[ref]
    return None


def _country_items(dataset: Dataset, docs: Mapping[str, str]) -> set[tuple[str, ...]]:
    claims = _document_of(dataset)
    found: set[tuple[str, ...]] = set()
    for claim in dataset.claims:
        if claim.document in docs:
            found.update((docs[claim.document], code) for code in claim.countries)
    items: list[Agreement | Relationship] = [*dataset.agreements, *dataset.relationships]
    for item in items:
        doc = _linked_document(item.evidence, claims)
        if doc is not None and doc in docs:
            found.update((docs[doc], code) for code in item.parties)
    return found


def _pair_items(
    dataset: Dataset, docs: Mapping[str, str], *, sectors: bool
) -> set[tuple[str, ...]]:
    claims = _document_of(dataset)
    found: set[tuple[str, ...]] = set()
    for rel in dataset.relationships:
        doc = _linked_document(rel.evidence, claims)
        if doc is None or doc not in docs:
            continue
        pair = tuple(sorted(rel.parties))
        found.add((docs[doc], *pair, rel.sector.value) if sectors else (docs[doc], *pair))
    return found


def _set_score(name: str, predicted: set[tuple[str, ...]], gold: set[tuple[str, ...]]) -> Score:
    common = len(predicted & gold)
    return Score(name, len(predicted), len(gold), common, common)


def _words(text: str) -> set[str]:
    return {w for w in text.lower().replace("-", " ").split() if len(w) > 2}


def _agreements(
    predicted: Dataset, gold: Dataset, pred_docs: Mapping[str, str], gold_docs: Mapping[str, str]
) -> tuple[Score, Accuracy]:
    def by_key(
        dataset: Dataset, docs: Mapping[str, str]
    ) -> dict[tuple[object, ...], list[Agreement]]:
        claims = _document_of(dataset)
        table: dict[tuple[object, ...], list[Agreement]] = {}
        for agreement in dataset.agreements:
            doc = _linked_document(agreement.evidence, claims)
            if doc is not None and doc in docs:
                key = (docs[doc], frozenset(agreement.parties), agreement.sector)
                table.setdefault(key, []).append(agreement)
        return table

    pred_table = by_key(predicted, pred_docs)
    gold_table = by_key(gold, gold_docs)
    n_pred = sum(len(v) for v in pred_table.values())
    n_gold = sum(len(v) for v in gold_table.values())
    matched = 0
    same_status = 0
    for key, golds in gold_table.items():
        preds = pred_table.get(key, [])
        # One-to-one: pair the most similar subjects first.
        candidates = sorted(
            (
                (-len(_words(p.subject) & _words(g.subject)), p.status is not g.status, i, j)
                for i, p in enumerate(preds)
                for j, g in enumerate(golds)
            )
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, _, i, j in candidates:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            matched += 1
            same_status += preds[i].status is golds[j].status
    return (
        Score("agreements", n_pred, n_gold, matched, matched),
        Accuracy("agreement status", same_status, matched),
    )


def _flagged(claim: Claim) -> bool:
    return claim.certainty < Certainty.CERTAIN or claim.attribution is not None


class _Intervals:
    """A union of intervals that answers "does [start, end) overlap any of them?"."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end) - 1
        return at >= 0 and self.ends[at] > start


def _hedged(
    predicted: Dataset, gold: Dataset, pred_docs: Mapping[str, str], gold_docs: Mapping[str, str]
) -> Score:
    gold_claims: dict[str, list[Claim]] = {}
    for claim in gold.claims:
        if claim.document in gold_docs and _flagged(claim):
            gold_claims.setdefault(gold_docs[claim.document], []).append(claim)
    pred_claims: dict[str, list[Claim]] = {}
    for claim in predicted.claims:
        if claim.document in pred_docs and _flagged(claim):
            pred_claims.setdefault(pred_docs[claim.document], []).append(claim)
    n_gold = found = judged = right = 0
    for doc in set(gold_claims) | set(pred_claims):
        golds = gold_claims.get(doc, [])
        preds = pred_claims.get(doc, [])
        gold_spans = _Intervals((c.start, c.end) for c in golds)
        pred_spans = _Intervals((c.start, c.end) for c in preds)
        n_gold += len(golds)
        found += sum(pred_spans.overlaps(c.start, c.end) for c in golds)
        for claim in preds:
            if gold_spans.overlaps(claim.start, claim.end):
                judged += 1
                right += 1
            elif claim.certainty < Certainty.CERTAIN:
                judged += 1
    return Score("hedged/attributed claims", judged, n_gold, right, found)


def _match_documents(predicted: Dataset, gold: Dataset) -> tuple[dict[str, str], list[str]]:
    """Map each predicted document id to the gold id it stands for."""
    by_id = {d.id: d for d in predicted.documents}
    by_hash = {d.sha256: d.id for d in predicted.documents}
    mapping: dict[str, str] = {}
    missing: list[str] = []
    for doc in gold.documents:
        if doc.id in by_id and by_id[doc.id].sha256 == doc.sha256:
            mapping[doc.id] = doc.id
        elif doc.sha256 in by_hash:
            mapping[by_hash[doc.sha256]] = doc.id
        elif doc.id in by_id:
            mapping[doc.id] = doc.id
        else:
            missing.append(doc.id)
    return mapping, missing


def evaluate(predicted: Dataset, gold: Dataset) -> EvaluationReport:
    """Score an extracted dataset against an annotated one.

    Use it to measure extraction (or another annotator) on articles with a curated
    annotation: ``evaluate(extract(text, document_id=...), gold)``. Documents are
    matched by id, or by the SHA-256 of their text; extracted documents with no gold
    counterpart are ignored, and gold documents with no extracted counterpart count
    as extracted with nothing found.

    >>> import bilateral
    >>> gold = bilateral.load_seeds()
    >>> evaluate(gold, gold).pairs.f1
    1.0

    Args:
        predicted: The dataset to judge.
        gold: The reference annotation.

    Returns:
        An :class:`EvaluationReport`; ``print(report)`` shows the table.
    """
    pred_docs, missing = _match_documents(predicted, gold)
    gold_docs = {d.id: d.id for d in gold.documents}
    agreements, status = _agreements(predicted, gold, pred_docs, gold_docs)
    return EvaluationReport(
        countries=_set_score(
            "countries", _country_items(predicted, pred_docs), _country_items(gold, gold_docs)
        ),
        pairs=_set_score(
            "pairs",
            _pair_items(predicted, pred_docs, sectors=False),
            _pair_items(gold, gold_docs, sectors=False),
        ),
        pair_sectors=_set_score(
            "(pair, sector)",
            _pair_items(predicted, pred_docs, sectors=True),
            _pair_items(gold, gold_docs, sectors=True),
        ),
        agreements=agreements,
        agreement_status=status,
        hedged=_hedged(predicted, gold, pred_docs, gold_docs),
        documents=tuple(d.id for d in gold.documents),
        missing=tuple(missing),
    )
