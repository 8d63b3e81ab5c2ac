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
import importlib.machinery
import random
import re
import time
from collections.abc import Callable, Iterator

import bilateral
from bilateral.extract import _pipeline, extract, find_mentions, split_sentences
from bilateral.extract._lexicon import default_lexicon
from bilateral.extract._scan import compiled, fold

COUNTRIES = [
    # name, adjective, capital
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
    ("Kenya", "Kenyan", "Nairobi"),
    ("Chile", "Chilean", "Santiago"),
    ("Colombia", "Colombian", "Bogota"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Serbia", "Serbian", "Belgrade"),
    ("Greece", "Greek", "Athens"),
    ("Thailand", "Thai", "Bangkok"),
    ("Malaysia", "Malaysian", "Kuala Lumpur"),
    ("Bangladesh", "Bangladeshi", "Dhaka"),
    ("Canada", "Canadian", "Ottawa"),
    ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"),
    ("Britain", "British", "London"),
    ("Norway", "Norwegian", "Oslo"),
    ("Peru", "Peruvian", "Lima"),
    ("Ghana", "Ghanaian", "Accra"),
    ("Uzbekistan", "Uzbek", "Tashkent"),
    ("Iraq", "Iraqi", "Baghdad"),
    ("Sri Lanka", "Sri Lankan", "Colombo"),
    ("Hungary", "Hungarian", "Budapest"),
]

SUBJECTS = [
    "gas pipeline",
    "arms deal",
    "free trade agreement",
    "nuclear power plant",
    "currency swap line",
    "$2 billion loan",
    "joint military exercises",
    "railway corridor",
    "air defence system",
    "fighter jets",
    "wheat supplies",
    "LNG supply deal",
    "satellite launch programme",
    "deep-water port project",
    "investment package",
    "visa waiver agreement",
    "defence cooperation pact",
    "semiconductor partnership",
    "fisheries agreement",
    "power interconnector",
]

SECTOR_WORDS = [
    "energy",
    "trade",
    "defence",
    "security",
    "technology",
    "investment",
    "agriculture",
    "maritime",
    "counter-terrorism",
    "nuclear",
]

PEOPLE = [
    "Maria Lopez",
    "Ahmed Karim",
    "Li Wei",
    "Olena Petrenko",
    "James O'Connor",
    "Fatima Bello",
    "Hiroshi Tanaka",
    "Anna Nowak",
    "Carlos Mendes",
    "Priya Raman",
    "Yusuf Demir",
    "Sarah Cohen",
]

SOURCES = [
    "officials said",
    "two people familiar with the matter said",
    "the foreign ministry said in a statement",
    "a government spokesman told reporters",
    "according to a senior diplomat",
    "analysts said",
    "state media reported",
    "{person}, a researcher at the Institute for Strategic Studies, said",
    "a statement from the presidency said",
    "according to documents seen by Reuters",
]

TIMES = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "last week",
    "earlier this month",
    "in {month}",
    "in {year}",
    "since {year}",
    "this year",
    "next month",
]

MONTHS = ["January", "March", "May", "June", "September", "November"]

# Sentences that relate the pair {A} and {B} (a third country is {C}).
RELATIONAL = [
    "{A} and {B} signed a {S} {time}, {source}.",
    "{A} has reportedly offered {B} a {S}, {source}, although no decision has been made.",
    "Talks between {A} and {B} on a {S} stalled {time} over pricing and the terms of payment.",
    "{Aadj} officials said the {S} with {B} could be signed as early as {month}.",
    "{B} continues to supply {A} with crude oil and refined products despite Western sanctions.",
    "Relations between {A} and {B} have deteriorated sharply since the border clash {time}.",
    "The two countries are expected to expand {sector} and {sector2} cooperation, {source}.",
    "{Acap} and {Bcap} held joint naval drills in the region {time}, the defence ministry said.",
    "It is unclear whether {A} will go ahead with the {S} with {B} after the election.",
    "{Aposs} foreign minister visited {Bcap} {time} to discuss the {S} and regional security.",
    "Deliveries under the {S} began in {year}, {Badj} media reported.",
    "{A} may also buy more {S2} from {B}, a defence official told Reuters on condition of"
    " anonymity.",
    "{A}-{B} ties have warmed considerably in recent years as both seek new markets.",
    "Experts see the {S} as a sign of closer ties between {Acap} and {Bcap}.",
    "The deal, signed in {year}, has been delayed by financing disputes and rising costs.",
    "{A} did not rule out joining the {S}, the ministry said in a statement.",
    "Under the agreement, {B} would provide {A} with technical assistance and training.",
    "Countries such as {A}, {B} and {C} have criticised the new tariffs.",
    "{Bposs} president is expected to travel to {Acap} {time} for talks on {sector} and {sector2}.",
    "Bilateral trade between {A} and {B} rose {pct} percent to ${num} billion last year,"
    " customs data showed.",
    "{A} is {Bposs} largest trading partner, buying most of its {commodity} exports.",
    "{Acap} has accused {Bcap} of violating the ceasefire, a charge {Bcap} denies.",
    "The {S} would allow {A} to diversify away from {C}, analysts said.",
    "{A}, {B} and {C} held trilateral talks on {sector} {time} but reached no agreement.",
    "{Aadj} and {Badj} negotiators are due to meet again {time} to finalise the {S}.",
    "{A} has suspended the {S} with {B}, citing security concerns.",
    "The visit is the first by a {Aadj} leader to {B} in more than a decade.",
    "{B} has pledged to invest ${num} billion in {Aposs} {sector} sector over five years.",
    "Both countries insist the {S} is not aimed at any third party, including {C}.",
    "The {S}, first proposed in {year}, is likely to face opposition in {Aposs} parliament.",
]

# Sentences about one country of the article ({A}) or none: news that names no pair.
BACKGROUND = [
    "{Aposs} central bank kept interest rates unchanged {time}, citing sticky inflation.",
    "Inflation in {A} eased to {pct} percent in {month}, the statistics office said.",
    "{Aposs} economy grew {pct} percent last year, slower than the government had forecast.",
    "The opposition in {A} has called for early elections after a series of corruption scandals.",
    "Tourism in {A} has recovered to pre-pandemic levels, the tourism board said.",
    "{Aposs} parliament is expected to vote on the budget {time}.",
    "Protests over fuel prices spread to several cities in {A} {time}.",
    "{A} is one of the world's largest producers of {commodity}.",
    "{Aadj} officials have repeatedly denied that the country is facing a debt crisis.",
    "The government in {Acap} has promised to cut the fiscal deficit to {pct} percent of GDP.",
    "{person}, a former finance minister, said the reforms had come too late.",
    "Shares in {Aposs} largest carmaker rose {pct} percent in early trading.",
    "Heavy rain flooded parts of {Acap} {time}, disrupting traffic and flights.",
    "The {Aadj} navy said it had intercepted a boat carrying migrants off the coast.",
]

# Sentences with no country at all: markets, companies, science, sport, weather.
NEUTRAL = [
    "The central bank kept interest rates unchanged {time}.",
    "Heavy rain flooded parts of the capital, disrupting traffic for hours.",
    "Shares in the country's largest carmaker rose {pct} percent in early trading.",
    "The opposition leader called for early elections after the vote.",
    'Mr. {surname} told reporters the plan was "on track" and would be unveiled soon.',
    "Fans celebrated late into the night after the national team's victory.",
    "The weather service forecast temperatures of up to 45 degrees Celsius.",
    "A new metro line opened in the city {time} after years of delays.",
    "Critics said the budget did little to ease the cost of living.",
    "Oil prices rose {time} as traders weighed supply risks and weaker demand.",
    "The company said quarterly profit fell {pct} percent, hurt by higher costs.",
    "Analysts expect the merger to be approved by regulators before the end of the year.",
    "The minister said the talks with unions would continue next week.",
    "Scientists said the new vaccine could be available within two years.",
    "The court adjourned the hearing until {month}, lawyers for the defendants said.",
    "Officials said the deal would create about {num},000 jobs over the next decade.",
    "Investors are waiting for the latest inflation figures, due on Friday.",
    "The striker scored twice in the second half to secure a 3-1 win.",
    "The airline plans to add 20 new routes and take delivery of 12 aircraft next year.",
    "Police said at least {num} people were injured in the collision.",
    "The report, published {time}, found that emissions rose for a third straight year.",
    "Prices of rice and cooking oil have doubled since {month}, traders said.",
    "The software update will be rolled out to users over the coming weeks.",
    "Organisers said more than {num},000 people attended the festival.",
]

# Sentences of world news that name a second country in passing.
PASSING = [
    "{A} imports most of its {commodity} from {B}.",
    "The European Union said it was monitoring the situation in {A} closely.",
    "{Aposs} currency fell to a record low against the dollar as investors fled to {Badj} bonds.",
    "The storm is expected to reach {B} by the weekend.",
    "{person}, who studied in {B}, returned to {A} in {year}.",
    "The company also operates plants in {B} and {C}.",
]

# Openers and closing clauses that lengthen a sentence to the 20-30 words typical of news.
LEADS = [
    "Separately, ",
    "Meanwhile, ",
    "On Thursday, ",
    "In a statement, ",
    "At the same time, ",
    "For now, ",
    "Earlier this year, ",
    "By some estimates, ",
]
TAILS = [
    ", a move that could take months to complete",
    ", according to figures released by the statistics office",
    ", the latest sign of the pressure facing the government",
    ", though details of the plan were not made public",
    ", which critics say has done little to help ordinary families",
    ", in a decision welcomed by business groups",
    ", adding that further measures were under consideration",
    ", despite warnings from economists about the long-term costs",
    ", more than double the figure recorded a decade ago",
    ", as officials struggled to contain the fallout",
]

_COMMON_OPENERS = frozenset(
    [
        "The",
        "Talks",
        "Experts",
        "It",
        "Both",
        "Under",
        "Deliveries",
        "Relations",
        "Bilateral",
        "Countries",
        "Inflation",
        "Tourism",
        "Protests",
        "Heavy",
        "Shares",
        "Oil",
        "Critics",
        "Analysts",
        "Investors",
        "Officials",
        "Prices",
        "Police",
        "Scientists",
        "Organisers",
        "Fans",
    ]
)

COMMODITIES = ["copper", "wheat", "coffee", "palm oil", "natural gas", "rice", "cotton", "iron ore"]
SURNAMES = ["Khan", "Silva", "Okafor", "Novak", "Tan", "Haddad", "Moreno", "Ivanova"]


KINDS = (("relations", 0.40), ("world", 0.30), ("general", 0.30))
"""The kinds of article in the corpus, with their shares of the articles."""

# For each kind: how many sentences, and the chance of each sentence family.
_MIX = {
    "relations": ((6, 12), ((RELATIONAL, 0.55), (BACKGROUND, 0.25), (NEUTRAL, 0.20))),
    "world": ((5, 10), ((BACKGROUND, 0.50), (NEUTRAL, 0.32), (PASSING, 0.12), (RELATIONAL, 0.06))),
    "general": ((4, 9), ((NEUTRAL, 0.88), (BACKGROUND, 0.09), (PASSING, 0.03))),
}


def _possessive(name: str) -> str:
    return f"{name}'s"


def _fill(rng: random.Random, template: str, trio: tuple[int, int, int], swap: float) -> str:
    a, b, c = (COUNTRIES[i] for i in trio)
    if rng.random() < swap:  # either country of the pair may lead the sentence
        a, b = b, a
    subjects = rng.sample(SUBJECTS, 2)
    sectors = rng.sample(SECTOR_WORDS, 2)
    values = {
        "A": a[0],
        "B": b[0],
        "C": c[0],
        "Aadj": a[1],
        "Badj": b[1],
        "Acap": a[2],
        "Bcap": b[2],
        "Aposs": _possessive(a[0]),
        "Bposs": _possessive(b[0]),
        "S": subjects[0],
        "S2": subjects[1],
        "sector": sectors[0],
        "sector2": sectors[1],
        "commodity": rng.choice(COMMODITIES),
        "surname": rng.choice(SURNAMES),
        "month": rng.choice(MONTHS),
        "year": str(rng.randint(2005, 2024)),
        "pct": f"{rng.randint(1, 19)}.{rng.randint(0, 9)}",
        "num": str(rng.randint(2, 90)),
    }
    values["person"] = rng.choice(PEOPLE)
    values["time"] = rng.choice(TIMES).format(**values)
    values["source"] = rng.choice(SOURCES).format(**values)
    text = template.format(**values)
    first = text.split(" ", 1)[0]
    if rng.random() < 0.3 and first in _COMMON_OPENERS:
        text = rng.choice(LEADS) + text[0].lower() + text[1:]
    if rng.random() < 0.5 and text.endswith(".") and not text.endswith('".'):
        text = text[:-1] + rng.choice(TAILS) + "."
    return text[0].upper() + text[1:]


def _choose(rng: random.Random, families: tuple[tuple[list[str], float], ...]) -> list[str]:
    roll = rng.random()
    for family, share in families:
        if roll < share:
            return family
        roll -= share
    return families[-1][0]


def article(rng: random.Random, kind: str) -> str:
    """One article of the given kind, in paragraphs, sometimes with a dateline."""
    trio = tuple(rng.sample(range(len(COUNTRIES)), 3))
    (low, high), families = _MIX[kind]
    sentences = []
    for _ in range(rng.randint(low, high)):
        family = _choose(rng, families)
        # World news is about one country: the other is named only in passing.
        swap = 0.1 if family is BACKGROUND and kind != "relations" else 0.5
        sentences.append(_fill(rng, rng.choice(family), trio, swap))  # type: ignore[arg-type]
    if kind != "general" and rng.random() < 0.5:
        capital = COUNTRIES[trio[0]][2].upper()
        agency = rng.choice(["(Reuters) -", "(AFP) —", "(AP) —", "—"])
        sentences[0] = f"{capital} {agency} {sentences[0]}"
    paragraphs: list[str] = []
    at = 0
    while at < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[at : at + size]))
        at += size
    return "\n\n".join(paragraphs)


def labelled_articles(megabytes: float, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield (kind, article) until ``megabytes`` of UTF-8 text have been produced."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    produced = 0
    names = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    while produced < target:
        kind = rng.choices(names, weights)[0]
        text = article(rng, kind)
        produced += len(text.encode("utf-8"))
        yield kind, text


def articles(megabytes: float, seed: int = 7) -> Iterator[str]:
    """Yield news-like articles until ``megabytes`` of UTF-8 text have been produced."""
    for _, text in labelled_articles(megabytes, seed):
        yield text


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _regex_matcher() -> re.Pattern[str]:
    names = sorted({a.text for a in bilateral.all_aliases()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _statistics(sample: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the corpus is made of: kinds by bytes, sentence length, countries per sentence."""
    by_kind: dict[str, int] = {}
    sentences = two = one = 0
    for kind, text in sample:
        by_kind[kind] = by_kind.get(kind, 0) + len(text.encode("utf-8"))
        mentions = find_mentions(text)
        for sentence in split_sentences(text):
            codes = {m.code for m in mentions if sentence.start <= m.start < sentence.end}
            sentences += 1
            two += len(codes) >= 2
            one += len(codes) == 1
    total = sum(by_kind.values())
    shares = ", ".join(f"{k} {by_kind.get(k, 0) / total:.0%}" for k, _ in KINDS)
    return [
        ("  articles by bytes", shares),
        ("  sentences", f"{total / sentences:.0f} bytes on average"),
        (
            "  sentences naming 2+ / 1 / no countries",
            f"{two / sentences:.0%} / {one / sentences:.0%} / {1 - (two + one) / sentences:.0%}",
        ),
    ]


def build() -> str:
    """Which build of the extraction pipeline is installed: pure Python or native."""
    location = str(getattr(_pipeline, "__file__", "") or "")
    if location.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return "native (compiled with mypyc)"
    return "pure Python"


def bench(megabytes: float) -> list[tuple[str, str]]:
    labelled = list(labelled_articles(megabytes))
    corpus = [text for _, text in labelled]
    size = sum(len(t.encode("utf-8")) for t in corpus) / 1_000_000
    compiled(default_lexicon())  # build the automaton outside the timings
    extract(corpus[0], "warm-up")
    rows = [("build", build()), ("corpus", f"{size:.1f} MB in {len(corpus)} articles")]
    rows.extend(_statistics(labelled[: max(1, len(labelled) // 20)]))

    claims = 0
    seconds_by_kind: dict[str, float] = {}
    bytes_by_kind: dict[str, int] = {}
    clock = time.perf_counter
    for i, (kind, text) in enumerate(labelled):
        started = clock()
        claims += len(extract(text, f"a{i}").claims)
        seconds_by_kind[kind] = seconds_by_kind.get(kind, 0.0) + clock() - started
        bytes_by_kind[kind] = bytes_by_kind.get(kind, 0) + len(text.encode("utf-8"))
    seconds = sum(seconds_by_kind.values())
    rows.append(("extract (whole pipeline)", f"{size / seconds:.2f} MB/s"))
    rows.append(("  claims", f"{claims} ({claims / (size * 1000):.1f} per KB)"))
    for kind, _ in KINDS:
        if kind in seconds_by_kind:
            rate = bytes_by_kind[kind] / 1_000_000 / seconds_by_kind[kind]
            rows.append((f"  {kind} articles only", f"{rate:.2f} MB/s"))

    seconds = _timed(lambda: [find_mentions(t) for t in corpus])
    matcher_rate = size / seconds
    rows.append(("find_mentions (automaton + rules)", f"{matcher_rate:.2f} MB/s"))

    machine = compiled(default_lexicon())

    def raw_scan() -> None:
        for text in corpus:
            folded = fold(text)
            for automaton in (machine.names, machine.cues):
                for _ in automaton.iter(folded):
                    pass

    seconds = _timed(raw_scan)
    raw_rate = size / seconds
    rows.append(("automata alone (names and all cues)", f"{raw_rate:.2f} MB/s"))

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
