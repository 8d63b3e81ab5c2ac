"""Extraction: claims, agreements and relationships from any English news text.

:func:`extract` turns an article into a validated :class:`~bilateral.Dataset`: every
:class:`~bilateral.Claim` quotes an exact span of one sentence with the certainty its
words allow (hedges such as "reportedly", "could", "expected to"), its polarity and
its source ("according to X", "officials said"); agreements carry a lifecycle status
read from the text ("offered" is proposed, "signed" signed, "began deliveries" in
force, "delayed" stalled); relationships are kept per country pair and sector only
where the text relates the pair, not where it merely names both.
:func:`evaluate` scores an extracted dataset against an annotated one.

Everything extraction looks for is package data: the alias table of countries, the
groups, and the cue lexicons in ``bilateral/data/lexicons/`` (hedges, attribution,
negation, lifecycle, agreements, trend, sectors, relations, traps, segmentation,
time, and a dated list of leaders), each a documented TOML file. :func:`load_lexicon`
extends or replaces them.

``bilateral.extract`` and ``bilateral.evaluate`` are also the package's own names;
import the rest of this subpackage with ``from bilateral.extract import ...``.

>>> from bilateral.extract import extract
>>> data = extract("India and Russia signed an arms deal, officials said.", "a1")
>>> [(a.parties, a.status.value) for a in data.agreements]
[(('IND', 'RUS'), 'signed')]
"""

from ._evaluate import Accuracy, EvaluationReport, Score, evaluate
from ._lexicon import Cue, CueKind, Lexicon, default_lexicon, load_lexicon
from ._mentions import CountryMention, GroupMention, find_groups, find_mentions
from ._pipeline import extract
from ._segment import RuleSegmenter, Segmenter, Sentence, split_sentences

__all__ = [
    "Accuracy",
    "CountryMention",
    "Cue",
    "CueKind",
    "EvaluationReport",
    "GroupMention",
    "Lexicon",
    "RuleSegmenter",
    "Score",
    "Segmenter",
    "Sentence",
    "default_lexicon",
    "evaluate",
    "extract",
    "find_groups",
    "find_mentions",
    "load_lexicon",
    "split_sentences",
]
