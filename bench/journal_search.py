"""How long searching one person's journal takes, when every entry's words are kept encrypted.

A fresh SQLite file in a temporary folder (WAL mode, as ``make run`` serves it), one person with
3,000 entries of the lengths people write (a few lines to a few pages, with names and words that
carry accents), then each query searched many times exactly as the page and the API search: every
one of the person's rows opened and looked through, and the first page of what was found fetched.
Prints the median and 95th percentile for each query and for all of them, beside a reference in
the same run (reading the same rows without opening them), and writes the figures with the
machine's core count and load average to bench/results/.

    .venv/bin/python bench/journal_search.py
    .venv/bin/python bench/journal_search.py --entries 5000 --rounds 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

# What a journal holds, more or less: everyday words, feelings, the body, the two of them.
COMMON = [
    "i",
    "you",
    "we",
    "the",
    "a",
    "and",
    "to",
    "of",
    "it",
    "was",
    "in",
    "that",
    "felt",
    "feel",
    "when",
    "my",
    "me",
    "he",
    "she",
    "they",
    "this",
    "so",
    "but",
    "not",
    "just",
    "about",
    "again",
    "today",
    "tonight",
    "after",
    "before",
    "still",
    "really",
    "know",
    "think",
    "want",
    "wanted",
    "need",
    "needed",
    "said",
    "asked",
    "talk",
    "talked",
    "quiet",
    "quietly",
    "room",
    "door",
    "kitchen",
    "walk",
    "walked",
    "home",
    "work",
    "tired",
    "angry",
    "hurt",
    "scared",
    "lonely",
    "calm",
    "calmer",
    "breathe",
    "breathing",
    "chest",
    "jaw",
    "shoulders",
    "stomach",
    "tight",
    "heavy",
    "shaky",
    "slow",
    "space",
    "time",
    "break",
    "back",
    "together",
    "apart",
    "close",
    "closer",
    "far",
    "away",
    "sorry",
    "thank",
    "morning",
    "evening",
    "night",
    "week",
    "weekend",
    "phone",
    "message",
    "waited",
    "waiting",
    "minutes",
    "hour",
    "long",
    "short",
    "better",
    "worse",
    "small",
    "big",
    "again",
]
RARE = ("lighthouse", "cinnamon", "harbour", "violin", "orchard", "lantern")
ACCENTED = ("Zoë", "café", "naïve", "déjà", "Chloé", "fiancée", "Renée", "São", "Jürgen", "Müller")
QUERIES = {
    "a common word": "walk",
    "a rare word": "lighthouse",
    "an accent left out": "zoe",
    "three words": "felt lonely tonight",
    "nothing found": "xylophone",
}
PAGE_SIZE = 20


def entry_text(rng: random.Random) -> str:
    # Most entries are a paragraph or two, some a line, a few several pages: about 900 characters
    # at the middle, up to the 10,000 an entry may hold.
    length = int(min(10_000, max(60, rng.lognormvariate(6.8, 0.8))))
    words: list[str] = []
    size = 0
    while size < length:
        roll = rng.random()
        word = rng.choice(RARE) if roll < 0.002 else rng.choice(ACCENTED) if roll < 0.01 else rng.choice(COMMON)
        if rng.random() < 0.07:
            word += rng.choice(".,;?")
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    return text[0].upper() + text[1:length]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=30, help="how often each query is searched")
    args = parser.parse_args()
    if not 0 < args.entries <= 100_000 or not 0 < args.rounds <= 1000:
        parser.error("--entries must be between 1 and 100000, --rounds between 1 and 1000")

    var_dir = Path(tempfile.mkdtemp(prefix="breathingroom-journal-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="breathingroom.settings",
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'bench.sqlite3'}",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "PRODUCTION", "DEBUG", "ENCRYPTION_KEYS"):
        os.environ.pop(name, None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from breathingroom.accounts.models import Person
    from breathingroom.journal import search
    from breathingroom.journal.models import Entry
    from breathingroom.tests.load import couples as load

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    alex = Person.objects.create_user(email="alex@example.com", password=None, display_name="Alex")
    someone_else = Person.objects.create_user(email="sam@example.com", password=None, display_name="Sam")
    start = datetime(2023, 1, 1, tzinfo=UTC)
    print(f"Writing {args.entries} entries for one person (and as many for another) in {var_dir} …", flush=True)
    for person in (alex, someone_else):
        Entry.objects.bulk_create(
            [
                Entry(person=person, text=entry_text(rng), created_at=start + timedelta(hours=7 * i))
                for i in range(args.entries)
            ],
            batch_size=500,
        )
    lengths = sorted(len(text) for text in Entry.objects.filter(person=alex).values_list("text", flat=True))

    cpu: list[float] = []

    def timed(step) -> float:
        # The time a person waits, and apart from it this process's own CPU time: on a busy machine
        # the first grows with everything else running, the second hardly at all.
        began, began_cpu = time.perf_counter(), time.process_time()
        step()
        cpu.append((time.process_time() - began_cpu) * 1000)
        return (time.perf_counter() - began) * 1000

    def page_of(query: str) -> None:
        found = search.search(alex, query)
        len(found)
        found[:PAGE_SIZE]

    def reading_only() -> None:
        # The same rows and columns, left encrypted: what the database alone costs.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, text FROM journal_entry WHERE person_id = %s ORDER BY created_at DESC, id DESC", [alex.pk]
            )
            cursor.fetchall()

    page_of("warm-up")
    load_before = load.machine()
    measured: dict[str, dict[str, object]] = {}
    every: list[float] = []
    for label, query in QUERIES.items():
        times = [timed(lambda query=query: page_of(query)) for _ in range(args.rounds)]
        every += times
        measured[label] = {"query": query, "found": len(search.search(alex, query)), **summary(times)}
    searching_cpu = summary(cpu)
    reference = summary([timed(reading_only) for _ in range(args.rounds)])
    load_after = load.machine()

    result = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "entries": args.entries,
        "rounds": args.rounds,
        "characters": {"median": lengths[len(lengths) // 2], "p95": percentile(lengths, 95), "most": lengths[-1]},
        "machine": {
            "cores": load_before["cores"],
            "load_average_before": load_before["load_average"],
            "load_average_after": load_after["load_average"],
        },
        "queries": measured,
        "all_queries": summary(every),
        "all_queries_cpu": searching_cpu,
        "reading_rows_unopened": reference,
    }
    print_table(result)
    out = HERE / "results" / f"journal-search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(HERE.parent)}")
    return 0


def percentile(values: list[float] | list[int], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
    }


def print_table(result: dict) -> None:
    rows = [("search", "query", "found", "p50 ms", "p95 ms", "max ms")]
    for label, q in result["queries"].items():
        rows.append((label, repr(q["query"]), q["found"], q["p50_ms"], q["p95_ms"], q["max_ms"]))
    a, r, c = result["all_queries"], result["reading_rows_unopened"], result["all_queries_cpu"]
    rows.append(("all of them", "", "", a["p50_ms"], a["p95_ms"], a["max_ms"]))
    rows.append(("  their CPU time alone", "", "", c["p50_ms"], c["p95_ms"], c["max_ms"]))
    rows.append(("rows read, not opened", "", "", r["p50_ms"], r["p95_ms"], r["max_ms"]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    print()
    for row in rows:
        print(
            "  ".join(
                str(v).rjust(w) if i > 1 else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    n, m = result["characters"], result["machine"]
    print(
        f"\n{result['entries']} entries of one person (median {n['median']} characters, 95th percentile {n['p95']}), "
        f"each query {result['rounds']} times: median {a['p50_ms']} ms, 95th percentile {a['p95_ms']} ms "
        f"(CPU time {c['p50_ms']} ms and {c['p95_ms']} ms)"
    )
    print(f"Cores {m['cores']}, load average {m['load_average_before']} before, {m['load_average_after']} after")


if __name__ == "__main__":
    sys.exit(main())
