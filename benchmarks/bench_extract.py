"""Extraction throughput, and the country matcher against a regular expression.

Generates a corpus of news-like articles in memory from varied sentence templates
(many country pairs, sectors, hedges, sources, statuses, traps and unrelated filler),
then reports:

* the whole extractor's throughput (``bilateral.extract.extract`` per article), in MB/s
  of UTF-8 text;
* the country matcher alone (``find_mentions``), next to a single compiled regular
  expression alternation of the same aliases, and the ratio between the two;
* optionally (``--segmenters``), the rule-based segmenter against sentencex on
  sentences with known boundaries, if sentencex is installed.

Usage::

    python benchmarks/bench_extract.py            # 50 MB corpus
    python benchmarks/bench_extract.py --mb 5     # a quick run
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable, Iterator

import bilateral
from bilateral.extract import extract, find_mentions, split_sentences
from bilateral.extract._lexicon import default_lexicon
from bilateral.extract._scan import compiled, fold

COUNTRIES = [
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Russia", "Russian", "Moscow"),
    ("India", "Indian", "New Delhi"),
    ("China", "Chinese", "Beijing"),
    ("the United States", "American", "Washington"),
    ("Turkey", "Turkish", "Ankara"),
    ("Iran", "Iranian", "Tehran"),
    ("Saudi Arabia", "Saudi", "Riyadh"),
    ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "South Korean", "Seoul"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("the Philippines", "Philippine", "Manila"),
    ("Australia", "Australian", "Canberra"),
    ("Israel", "Israeli", "Jerusalem"),
    ("the United Arab Emirates", "Emirati", "Abu Dhabi"),
    ("Qatar", "Qatari", "Doha"),
    ("Poland", "Polish", "Warsaw"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Argentina", "Argentine", "Buenos Aires"),
    ("South Africa", "South African", "Pretoria"),
    ("Algeria", "Algerian", "Algiers"),
]

SUBJECTS = [
    "gas pipeline",
    "arms deal",
    "free trade agreement",
    "nuclear power plant",
    "currency swap",
    "loan",
    "joint military exercises",
    "railway corridor",
    "S-400 air defence system",
    "fighter jets",
    "wheat supplies",
    "LNG supply deal",
    "satellite launch",
    "port project",
    "investment package",
]

RELATIONAL = [
    "{A} and {B} signed a {S} on {day}, officials said.",
    "{A} has reportedly offered {B} a {S}, according to people familiar with the matter.",
    "Talks between {A} and {B} on a {S} stalled last month over pricing.",
    "{Adj} officials said the {S} with {B} could be signed as early as {month}.",
    "{B} continues to supply {A} with crude oil despite Western sanctions.",
    "Relations between {A} and {B} have deteriorated sharply since the border clash.",
    "The two countries are expected to expand trade and energy cooperation, analysts say.",
    "{Cap} and {Cap2} held joint naval drills in the Arabian Sea this week.",
    "It is unclear whether {A} will go ahead with the {S} with {B}.",
    "{A}'s foreign minister visited {Cap2} to discuss the {S}.",
    "Deliveries under the {S} began in {year}, {Adj2} media reported.",
    "{A} may also buy more {S} from {B}, a defence official told Reuters.",
    "{A}-{B} ties have warmed considerably in recent years.",
    "Experts see the {S} as a sign of closer ties between {Cap} and {Cap2}.",
    "The deal, signed in {year}, has been delayed by financing disputes.",
    "{A} did not rule out joining the {S}, the ministry said in a statement.",
    "Under the agreement, {B} would provide {A} with technical assistance.",
    "Countries such as {A}, {B} and Brazil have criticised the tariffs.",
]

FILLER = [
    "The central bank kept interest rates unchanged on {day}.",
    "Heavy rain flooded parts of the capital, disrupting traffic for hours.",
    "Shares in the country's largest carmaker rose 3.5 percent in early trading.",
    "The opposition leader called for early elections after the vote.",
    "Inflation eased to 6.2 percent in {month}, the statistics office said.",
    'Mr. Khan told reporters the plan was "on track" and would be unveiled soon.',
    "Fans celebrated late into the night after the national team's victory.",
    "The weather service forecast temperatures of up to 45 degrees Celsius.",
    "A new metro line opened in the city on {day} after years of delays.",
    "Critics said the budget did little to ease the cost of living.",
    "{A}'s economy grew 4.1 percent last year, the finance ministry said.",
    "Tourism in {A} has recovered to pre-pandemic levels.",
    "The U.S. Federal Reserve is expected to cut rates in {month}.",
    "Oil prices rose on {day} as traders weighed supply risks in the South China Sea.",
]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["May", "June", "September", "November", "next month"]


def _sentence(rng: random.Random, pair: tuple[int, int], relational: bool) -> str:
    a, b = COUNTRIES[pair[0]], COUNTRIES[pair[1]]
    template = rng.choice(RELATIONAL if relational else FILLER)
    text = template.format(
        A=a[0],
        B=b[0],
        Adj=a[1],
        Adj2=b[1],
        Cap=a[2],
        Cap2=b[2],
        S=rng.choice(SUBJECTS),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        year=rng.randint(2005, 2024),
    )
    return text[0].upper() + text[1:]


def articles(megabytes: float, seed: int = 7) -> Iterator[str]:
    """Yield news-like articles until ``megabytes`` of UTF-8 text have been produced."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    produced = 0
    while produced < target:
        pair = tuple(rng.sample(range(len(COUNTRIES)), 2))
        lines = []
        for paragraph in range(rng.randint(3, 7)):
            sentences = [
                _sentence(rng, pair, rng.random() < 0.45)  # type: ignore[arg-type]
                for _ in range(rng.randint(2, 5))
            ]
            if paragraph == 0 and rng.random() < 0.5:
                sentences[0] = f"{COUNTRIES[pair[0]][2].upper()} (Reuters) - {sentences[0]}"
            lines.append(" ".join(sentences))
        text = "\n\n".join(lines)
        produced += len(text.encode("utf-8"))
        yield text


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _regex_matcher() -> re.Pattern[str]:
    names = sorted({a.text for a in bilateral.all_aliases()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def bench(megabytes: float) -> list[tuple[str, str]]:
    corpus = list(articles(megabytes))
    size = sum(len(t.encode("utf-8")) for t in corpus) / 1_000_000
    compiled(default_lexicon())  # build the automaton outside the timings
    extract(corpus[0], "warm-up")
    rows = [("corpus", f"{size:.1f} MB in {len(corpus)} articles")]

    claims = 0

    def run_extract() -> None:
        nonlocal claims
        for i, text in enumerate(corpus):
            claims += len(extract(text, f"a{i}").claims)

    seconds = _timed(run_extract)
    rows.append(("extract (whole pipeline)", f"{size / seconds:.2f} MB/s  ({claims} claims)"))

    seconds = _timed(lambda: [find_mentions(t) for t in corpus])
    matcher_rate = size / seconds
    rows.append(("find_mentions (automaton + rules)", f"{matcher_rate:.2f} MB/s"))

    automaton = compiled(default_lexicon()).automaton
    seconds = _timed(lambda: [sum(1 for _ in automaton.iter(fold(t))) for t in corpus])
    raw_rate = size / seconds
    rows.append(("automaton scan alone (all cues)", f"{raw_rate:.2f} MB/s"))

    pattern = _regex_matcher()
    seconds = _timed(lambda: [pattern.findall(t) for t in corpus])
    regex_rate = size / seconds
    rows.append(("regex alternation of the aliases", f"{regex_rate:.2f} MB/s"))
    rows.append(("find_mentions / regex", f"{matcher_rate / regex_rate:.1f}x"))
    rows.append(("automaton / regex", f"{raw_rate / regex_rate:.1f}x"))
    return rows


# --- segmenters ------------------------------------------------------------------------

GOLD_SENTENCES = [
    "The U.S. and India signed a deal on Friday.",
    "Mr. Khan met Gen. Asim Munir in Rawalpindi.",
    "Resolution No. 2231 was adopted in 2015.",
    "Growth slowed to 3.5 percent, the I.M.F. said.",
    'He said: "We will not sign."',
    '"Will they sign?" asked one diplomat.',
    "Talks resumed in Doha!",
    "John F. Kennedy visited West Berlin in 1963.",
    "Shares of Tata Motors Ltd. rose.",
    "The deal was signed in the U.S.",
    "It takes effect on Jan. 1 next year.",
    "Prices rose by 2.5% in the U.K. last month.",
]


def bench_segmenters(rounds: int = 2000) -> list[tuple[str, str]]:
    rng = random.Random(3)
    documents = []
    for _ in range(rounds):
        chosen = rng.sample(GOLD_SENTENCES, 6)
        documents.append(chosen)
    rows: list[tuple[str, str]] = []

    def score(split: Callable[[str], list[str]]) -> tuple[float, float]:
        exact = 0
        start = time.perf_counter()
        for chosen in documents:
            if split(" ".join(chosen)) == chosen:
                exact += 1
        return exact / len(documents), time.perf_counter() - start

    ours, seconds = score(lambda t: [s.text for s in split_sentences(t)])
    rows.append(("rule-based segmenter", f"{ours:.1%} documents split exactly, {seconds:.2f}s"))
    try:
        import sentencex  # type: ignore[import-untyped]  # ships no type information
    except ImportError:
        rows.append(("sentencex", "not installed"))
        return rows
    theirs, seconds = score(lambda t: [s.strip() for s in sentencex.segment("en", t)])
    rows.append(("sentencex", f"{theirs:.1%} documents split exactly, {seconds:.2f}s"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument(
        "--segmenters", action="store_true", help="also compare sentence segmenters"
    )
    args = parser.parse_args()
    rows = bench(args.mb)
    if args.segmenters:
        rows.extend(bench_segmenters())
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
