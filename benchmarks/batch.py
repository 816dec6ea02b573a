"""Batch throughput: CVs per second at --jobs 1 and --jobs 2, the speed-up, and peak memory per worker.

Builds (once, then reuses) a corpus of N synthetic 2-page CVs: mostly PDF, some DOCX, some TXT and
Markdown, made from the example sources (examples/src/*.md) with new names and contacts, shuffled
bullets, changed numbers and an extra role borrowed from another CV, so that no two files are
alike. Each measurement runs in a fresh interpreter, as `mlfit score DIR -f FORMAT -o FILE -j N`
does (batch.score_many + the same writer), and reports:

* steady   CVs/s from the first worker being ready to the last row written (the batch itself),
* e2e      CVs/s including interpreter start, imports and worker start-up (what a user waits for),
* peak RSS per worker (each worker reports its own ru_maxrss; forked workers count the pages they
  share with the parent, so this is an upper bound of what each costs),
* CPU per CV in the workers and in the parent (robust to other load on the machine: on an idle
  2-core box the 2-worker ceiling is about 2000 / worker-CPU-ms CVs/s).

Targets on the 2-core box: >= 100 CVs/s with 2 workers (steady) on the synthetic corpus, >= 60 CVs/s
with full reports (jsonl) on copies of real 2-page PDFs (``--copies-of ../shared/realcv/docs``),
>= 1.8x from 1 to 2 workers, <= 150 MB peak per worker.

    python benchmarks/batch.py [-n 400] [--formats jsonl,csv] [--start-methods fork,spawn] [--repeat 3] [--corpus DIR | --copies-of DIR]

Each setting runs --repeat times and the best run is reported (on a shared machine, other load
only ever slows a run down); /proc/loadavg is printed before and after.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST = [
    "Ava",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonah",
    "Kira",
    "Luca",
    "Mina",
    "Noah",
    "Olga",
    "Priya",
    "Quinn",
    "Rafael",
    "Sana",
    "Tomas",
    "Uma",
    "Victor",
    "Wen",
    "Yusuf",
    "Zoe",
]
LAST = [
    "Abbott",
    "Brandt",
    "Castillo",
    "Dunmore",
    "Eriksen",
    "Fairweather",
    "Gallo",
    "Hargrove",
    "Ibarra",
    "Jansen",
    "Kowalski",
    "Lindgren",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rasmussen",
    "Sokolova",
    "Thorne",
    "Valdez",
    "Whitlock",
    "Yamamoto",
    "Zeller",
]
CITIES = ["Austin, TX", "Seattle, WA", "Boston, MA", "Denver, CO", "Chicago, IL", "Raleigh, NC", "San Diego, CA"]


def _build_module():
    spec = importlib.util.spec_from_file_location("mlfit_examples_build", ROOT / "examples" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _perturb(text: str, rng: random.Random) -> str:
    def number(m: re.Match) -> str:
        digits = m.group()
        if rng.random() < 0.5 or (len(digits) == 4 and digits.startswith(("19", "20"))):
            return digits  # keep years (dates drive seniority) and half of the rest
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1))

    return re.sub(r"\d+", number, text)


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """N synthetic CVs: 70% PDF (1 in 5 of them two-column), 15% DOCX, 10% TXT, 5% Markdown."""
    build = _build_module()
    sources = {p.stem: build.parse_markdown(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "src").glob("*.md"))}
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        base_name = rng.choice(sorted(sources))
        donor_name = rng.choice([k for k in sorted(sources) if k != base_name])
        import copy

        cv = copy.deepcopy(sources[base_name])
        donor = sources[donor_name]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cv.name = f"{first} {last}"
        cv.contact = (
            f"{rng.choice(CITIES)} · Hybrid | {first.lower()}.{last.lower()}@example.com | "
            f"{rng.randint(201, 989)}-555-{rng.randint(100, 199):04d} | github.com/{first.lower()}{last.lower()}-example"
        )
        for section in cv.sections:
            roles: list[list] = []
            for item in section.items:
                if item.kind == "role" or not roles:
                    roles.append([])
                roles[-1].append(item)
            for group in roles:
                head = [it for it in group if it.kind != "bullet"]
                bullets = [it for it in group if it.kind == "bullet"]
                rng.shuffle(bullets)
                for it in bullets:
                    it.text = _perturb(it.text, rng)
                group[:] = head + bullets
            section.items = [it for group in roles for it in group]
            # one earlier role from another CV keeps every file at two pages
            if section.title.lower() == "experience":
                extra = donor.section("Experience")
                if extra is not None:
                    donor_roles = [j for j, it in enumerate(extra.items) if it.kind == "role"]
                    if donor_roles:
                        start = donor_roles[-1]
                        borrowed = copy.deepcopy(extra.items[start : start + 4])
                        borrowed[0].dates = "Jun 2012 – May 2014"
                        section.items.extend(borrowed)
        stem = f"cv{i:05d}-{last.lower()}"
        roll = rng.random()
        if roll < 0.70:
            out = folder / f"{stem}.pdf"
            if rng.random() < 0.2 and base_name == "defense":
                build.build_two_column_pdf(cv, out, "synthetic CV")
            else:
                build.build_single_column_pdf(cv, out, "synthetic CV")
        elif roll < 0.85:
            out = folder / f"{stem}.docx"
            build.build_docx(cv, out, skills_table=rng.random() < 0.5)
        else:
            lines = [f"# {cv.name}" if roll >= 0.95 else cv.name.upper(), "", cv.contact, ""]
            for section in cv.sections:
                lines += [f"## {section.title}" if roll >= 0.95 else section.title.upper(), ""]
                for it in section.items:
                    if it.kind == "role":
                        lines.append(build.role_plain(it) if roll < 0.95 else f"**{it.title}**{it.rest} | {it.dates}")
                    elif it.kind == "bullet":
                        lines.append(("• " if roll < 0.95 else "- ") + build.plain(it.text))
                    elif it.kind == "skill":
                        lines.append(f"{it.label}: {it.values}")
                    else:
                        lines.append(build.plain(it.text))
                lines.append("")
            out = folder / f"{stem}.{'md' if roll >= 0.95 else 'txt'}"
            out.write_text("\n".join(lines), encoding="utf-8")
        paths.append(out)
    (folder / ".complete").write_text(str(n))
    return paths


def copies_of(source: Path, n: int) -> Path:
    """A corpus of ``n`` copies of the PDFs in ``source`` (round robin), in a temporary folder that
    nothing else reads: a stand-in for real CVs that are not ours to keep."""
    pdfs = sorted(p for p in source.iterdir() if p.suffix.lower() == ".pdf")
    if not pdfs:
        raise SystemExit(f"no PDFs in {source}")
    folder = Path(tempfile.mkdtemp(prefix="mlfit-bench-copies-"))
    for i in range(n):
        shutil.copyfile(pdfs[i % len(pdfs)], folder / f"cv{i:04d}.pdf")
    return folder


def corpus(n: int, folder: str | None) -> Path:
    path = Path(folder) if folder else Path(tempfile.gettempdir()) / f"mlfit-bench-corpus-{n}"
    marker = path / ".complete"
    if not (marker.exists() and marker.read_text() == str(n)):
        start = time.perf_counter()
        print(f"building {n} synthetic CVs in {path} ...", file=sys.stderr, flush=True)
        make_corpus(path, n)
        print(f"  built in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return path


# --- one measurement, in a fresh interpreter -------------------------------------------------

_CHILD = r"""
import json, os, sys, time, tempfile
t0 = time.monotonic()
from mlfit import batch
from mlfit.batch.store import BatchWriter
folder, jobs, fmt, method = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
found = batch.discover([folder])
with tempfile.TemporaryDirectory() as tmp:
    writer = BatchWriter(fmt, os.path.join(tmp, "out." + fmt), ["big_tech", "startup", "regulated", "defense"])
    first = []
    def on_result(r):
        writer.write(r.file, r.row, r.payload, r.error)
    import resource
    before = resource.getrusage(resource.RUSAGE_SELF)
    stats = batch.score_many(found.targets, jobs=jobs, on_result=on_result, full=fmt in ("jsonl", "json"), start_method=method)
    writer.close({})
    after = resource.getrusage(resource.RUSAGE_SELF)
    size = os.path.getsize(os.path.join(tmp, "out." + fmt))
t1 = time.monotonic()
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"n": stats.total, "failed": stats.failed, "elapsed": stats.elapsed, "startup": stats.startup,
                  "e2e": t1 - t0, "rss": sorted(stats.worker_peak_rss.values()), "bytes": size,
                  "parent_rss": after.ru_maxrss * 1024, "method": stats.start_method,
                  "worker_cpu": children.ru_utime + children.ru_stime,
                  "parent_cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}))
"""


def measure(folder: Path, jobs: int, fmt: str, method: str) -> dict:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(jobs), fmt, method], capture_output=True, text=True, cwd=ROOT)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["wall"] = wall  # including the interpreter's own start
    data["steady_rate"] = data["n"] / max(1e-9, data["elapsed"] - data["startup"])
    data["e2e_rate"] = data["n"] / wall
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="number of CVs in the corpus")
    parser.add_argument("--corpus", help="where to build (or find) the corpus")
    parser.add_argument("--copies-of", help="instead: n copies of the PDFs in this folder (e.g. ../shared/realcv/docs), deleted afterwards")
    parser.add_argument("--formats", default="jsonl,csv", help="output formats to measure (jsonl moves whole reports; csv only rows)")
    parser.add_argument("--start-methods", default="fork", help="fork, spawn, forkserver (comma-separated)")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting (the best is reported)")
    args = parser.parse_args()

    folder = copies_of(Path(args.copies_of), args.n) if args.copies_of else corpus(args.n, args.corpus)
    try:
        run_all(args, folder)
    finally:
        if args.copies_of:
            shutil.rmtree(folder, ignore_errors=True)


def run_all(args, folder: Path) -> None:
    load = Path("/proc/loadavg")
    if load.exists():
        print(f"load average before: {load.read_text().split()[0]}")
    files = [p for p in folder.iterdir() if not p.name.startswith(".")]
    kinds = {}
    for p in files:
        kinds[p.suffix] = kinds.get(p.suffix, 0) + 1
    print(
        f"corpus: {len(files)} CVs in {folder} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
        f"cores: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}"
    )
    print(
        f"{'format':6} {'start':10} {'jobs':>4} {'steady CVs/s':>13} {'e2e CVs/s':>10} {'start-up s':>10} "
        f"{'peak RSS/worker':>16} {'parent RSS':>10} {'output':>9} {'worker CPU/CV':>14} {'parent CPU/CV':>14}"
    )
    for method in args.start_methods.split(","):
        for fmt in args.formats.split(","):
            rates = {}
            for jobs in (int(j) for j in args.jobs.split(",")):
                runs = [measure(folder, jobs, fmt, method) for _ in range(args.repeat)]
                run = max(runs, key=lambda r: r["steady_rate"])  # best of: other load on the box only slows a run down
                rates[jobs] = run["steady_rate"]
                if run["failed"]:
                    print(f"  warning: {run['failed']} files failed", file=sys.stderr)
                print(
                    f"{fmt:6} {run['method']:10} {jobs:>4} {run['steady_rate']:>13.1f} {run['e2e_rate']:>10.1f} "
                    f"{run['startup']:>10.2f} {max(run['rss']) / 2**20:>13.0f} MB {run['parent_rss'] / 2**20:>7.0f} MB "
                    f"{run['bytes'] / 2**20:>6.1f} MB {run['worker_cpu'] / run['n'] * 1000:>11.1f} ms "
                    f"{run['parent_cpu'] / run['n'] * 1000:>11.1f} ms"
                )
            if 1 in rates and 2 in rates:
                print(
                    f"{fmt:6} {method:10} speed-up 1 -> 2 workers: {rates[2] / rates[1]:.2f}x   (targets: >= 100 CVs/s with 2 synthetic, >= 60 real, >= 1.8x, <= 150 MB)"
                )
    if load.exists():
        print(f"load average after: {load.read_text().split()[0]}")


if __name__ == "__main__":
    main()
