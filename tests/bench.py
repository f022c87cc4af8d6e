"""`make bench`: Keikaku's speed and memory, measured side by side with bare tools on the same input.

Prints one table and appends it, with the machine's CPU count and Python version, to BENCHMARKS.md.
Every figure is the median of several runs; each ratio compares two things measured in one run.

    .venv/bin/python tests/bench.py [--docs 1000] [--runs 3] [--no-record]
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

BIN = Path(sys.executable).parent
KEIKAKU = str(BIN / "keikaku")
RAW = sorted((ROOT / "raw").glob("*.txt"))

# The same texts, each line through SudachiPy (mode C, normalized forms), in a fresh process.
BARE_SUDACHI = """
import sys
from sudachipy import Dictionary, SplitMode
tokenizer = Dictionary().tokenizer(SplitMode.C)
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        if line.strip():
            [m.normalized_form() for m in tokenizer.tokenize(line)]
"""

# Runs a command, passing its output through, and prints to stderr its peak resident memory in KB
# (of the largest process in its tree).
PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""

TOWN_KANJI = "青赤黄緑桜松竹梅杉森川山田野原島浜岡崎沢谷村本中上下東西南北大小新古"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_and_rerun(work: Path, runs: int) -> dict:
    cold, bare, rerun = [], [], []
    for run in range(runs):
        db = work / f"cold{run}.db"
        cold.append(timed([KEIKAKU, "ingest", *map(str, RAW), "--db", str(db)]))
        bare.append(timed([sys.executable, "-c", BARE_SUDACHI, *map(str, RAW)]))
        rerun.append(timed([KEIKAKU, "ingest", *map(str, RAW), "--db", str(db)]))
    return {"cold": statistics.median(cold), "bare": statistics.median(bare), "rerun": statistics.median(rerun)}


def town_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.sample(TOWN_KANJI, 2)) + rng.choice("町市村"))
    return sorted(names, key=lambda _: rng.random())


def synthesize(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` plan texts made from the supplied ones: another town's name, schedule rows dropped,
    cells changed, block order of measures kept; every seventh town also gets a revised copy."""
    from extractors.context import ExtractionContext
    from extractors.metadata import extract_metadata
    from pipeline import read_document

    rng = random.Random(seed)
    seeds = []
    for path in RAW:
        meta = extract_metadata(ExtractionContext(read_document(path))).records.metadata[0]
        seeds.append((path.read_text(encoding="utf-8"), meta.municipality))
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    towns = town_names(count, rng)
    made = 0
    for index in range(count):
        if made >= count:
            break
        text, town = seeds[index % len(seeds)]
        if town:
            text = text.replace(town, towns[index])
        versions = [_mutate(text, rng)]
        if index % 7 == 6 and made + 2 <= count:
            versions.append(_mutate(versions[0], rng))
        for number, version in enumerate(versions, start=1):
            path = folder / f"{index:04d}_{number}.txt"
            path.write_text(version, encoding="utf-8")
            files.append(path)
            made += 1
    return files


def _mutate(text: str, rng: random.Random) -> str:
    out = []
    for line in text.splitlines():
        if "\t" in line and rng.random() < 0.05:
            continue  # a schedule row dropped
        if "\t" in line and rng.random() < 0.2:
            line = line.replace("検討", "実施", 1)
        out.append(line)
    return "\n".join(out) + "\n"


def corpus_ingest(folder: Path, db: Path, jobs: int) -> dict:
    """Ingest the folder in a child process: documents per second, peak RSS, quarter timings."""
    start = time.perf_counter()
    stamps = []
    process = subprocess.Popen([sys.executable, "-c", PEAK_RSS, KEIKAKU, "ingest", str(folder), "--db", str(db),
                                "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if ": revision " in line or ": unchanged" in line:
            stamps.append(time.perf_counter() - start)
    peak = process.stderr.read().strip().splitlines()[-1]
    process.wait()
    elapsed = time.perf_counter() - start
    quarter = max(len(stamps) // 4, 1)
    first = stamps[quarter - 1] if stamps else 0.0
    last = stamps[-1] - stamps[-quarter - 1] if len(stamps) > quarter else elapsed
    return {"docs": len(stamps), "seconds": elapsed, "per_second": len(stamps) / elapsed,
            "first_quarter": first, "last_quarter": last, "peak_mb": int(peak) / 1024,
            "db_mb": db.stat().st_size / 1e6}


def pdf_pages(work: Path, runs: int) -> dict:
    import pdfplumber
    import render_pdf

    from pipeline import read_document

    pdfs = []
    for path in RAW:
        target = work / f"{path.stem}.pdf"
        render_pdf.render(path.read_text(encoding="utf-8"), target)
        pdfs.append(target)
    pages = sum(len(pdfplumber.open(p).pages) for p in pdfs)
    bare, ours = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for path in pdfs:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    page.close()
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in pdfs:
            read_document(path)
        ours.append(time.perf_counter() - start)
    return {"pages": pages, "bare": pages / statistics.median(bare), "ours": pages / statistics.median(ours)}


def search_latency(db: Path, runs: int) -> dict:
    """The canned `search` query of `keikaku serve`, as Datasette runs it, on the corpus database."""
    import sqlite3

    import yaml

    from keikaku.datasette_plugin import prepare_connection

    metadata = yaml.safe_load((ROOT / "keikaku" / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["keikaku"]["queries"]["search"]["sql"]
    queries = ["窓口", "防災", "教育", "取り組み", "手続", "マイナンバー", "オンライン申請", "デジタル人材",
               "キャッシュレス", "テレワーク", "情報セキュリティ", "オープンデータ", "子育て 支援", "ゾルゲヌプ"]
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    prepare_connection(conn)
    timings, rows = [], {}
    for _ in range(runs):
        for query in queries:
            start = time.perf_counter()
            rows[query] = len(conn.execute(sql, {"q": query}).fetchall())
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"p50": statistics.median(timings), "p95": timings[max(int(len(timings) * 0.95) - 1, 0)],
            "queries": len(queries), "rows": rows}


def table(results: dict) -> str:
    c, s = results["cold"], results["corpus"]
    rows = [
        ("cold ingest of raw/ (5 plans, whole process)", f"{c['cold']:.2f} s", ""),
        ("bare SudachiPy pass over the same texts", f"{c['bare']:.2f} s", ""),
        ("  ratio cold / bare", f"{c['cold'] / c['bare']:.2f}", "≤ 3.0"),
        ("rerun, nothing changed", f"{c['rerun']:.2f} s", ""),
        ("  ratio rerun / cold", f"{c['rerun'] / c['cold']:.0%}", "≤ 10%"),
    ]
    for jobs, r in s.items():
        rows += [
            (f"synthetic corpus, --jobs {jobs}: documents", f"{r['docs']} in {r['seconds']:.1f} s",
             ""),
            ("  documents per second", f"{r['per_second']:.1f}", ""),
            ("  first / last quarter of the documents", f"{r['first_quarter']:.1f} s / {r['last_quarter']:.1f} s",
             "linear: equal"),
            ("  peak RSS (largest process)", f"{r['peak_mb']:.0f} MB", "< 300 MB"),
            ("  database size", f"{r['db_mb']:.0f} MB", ""),
        ]
    p = results["pdf"]
    rows += [
        (f"PDF pages per second ({p['pages']} pages): Keikaku", f"{p['ours']:.1f}", ""),
        ("  bare pdfplumber (extract_text + extract_tables)", f"{p['bare']:.1f}", ""),
        ("  ratio of times, Keikaku / bare", f"{p['bare'] / p['ours']:.2f}", "≤ 1.3"),
    ]
    q = results["search"]
    rows += [(f"`search` query, {q['queries']} queries (窓口 {q['rows']['窓口']} rows): p50 / p95",
              f"{q['p50']:.1f} ms / {q['p95']:.1f} ms", "p95 < 100 ms")]
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure'.ljust(width)} | figure | goal |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {name.ljust(width)} | {figure} | {goal} |" for name, figure, goal in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only; do not append to BENCHMARKS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="keikaku-bench-") as tmp:
        work = Path(tmp)
        results = {"cold": cold_and_rerun(work, args.runs)}
        synthesize(work / "corpus", args.docs)
        results["corpus"] = {jobs: corpus_ingest(work / "corpus", work / f"corpus{jobs}.db", jobs) for jobs in (1, 2)}
        results["pdf"] = pdf_pages(work, args.runs)
        results["search"] = search_latency(work / "corpus1.db", args.runs)
    head = (f"## {datetime.date.today().isoformat()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{platform.machine()}; {args.docs} synthetic documents, medians of {args.runs} runs; "
            f"bench took {time.perf_counter() - started:.0f} s")
    text = f"{head}\n\n{table(results)}\n"
    print(text)
    if not args.no_record:
        with open(ROOT / "BENCHMARKS.md", "a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
