"""Reading speed: how long mlfit takes to read a CV file and split it into sections.

For every bundled example and dev-set CV: the median wall time of ``read_document``
(ingest: PDF/DOCX/text layer, hidden-text pass, reading order, normalisation) and of
reading plus ``split_sections``, over interleaved runs after one warm-up. spaCy is not
involved. Target: the median over the dev-set PDFs of read + sections under 30 ms.
A PDF that hides white text is timed beside its clean twin: the hidden-text pass renders
the page to look under the white text, and the ratio shows what that costs.

    python benchmarks/reading.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mlfit.ingest import read_document
from mlfit.sections import split_sections

SUFFIXES = (".pdf", ".docx", ".md", ".txt", ".tex", ".json")


def _pdf(hidden: bool) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 10)
    for i in range(40):
        c.drawString(72, 760 - 16 * i, f"- Built ranking model number {i} serving 2M users with PyTorch")
    if hidden:
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, 60, "Kubernetes TensorFlow Spark Airflow MLflow Kubeflow " * 2)
    c.save()
    return buf.getvalue()


def timed(fn, data: bytes, name: str) -> float:
    start = time.perf_counter()
    fn(data, name)
    return time.perf_counter() - start


def read(data: bytes, name: str) -> None:
    read_document(data, name=name)


def read_and_split(data: bytes, name: str) -> None:
    split_sections(read_document(data, name=name).lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    files = sorted(p for folder in (ROOT / "examples", ROOT / "tests" / "data" / "devset") for p in folder.iterdir() if p.suffix in SUFFIXES)
    inputs = [(p.relative_to(ROOT).as_posix(), p.read_bytes(), p.name) for p in files]
    inputs += [("(synthetic) clean PDF", _pdf(False), "clean.pdf"), ("(synthetic) white-text PDF", _pdf(True), "hidden.pdf")]
    times: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label, _, _ in inputs}
    for _, data, name in inputs:  # warm-up: imports, the OS file cache
        read_and_split(data, name)
    for _ in range(args.runs):
        for label, data, name in inputs:
            times[label][0].append(timed(read, data, name))
            times[label][1].append(timed(read_and_split, data, name))
    print(f"runs: {args.runs} (interleaved, medians, ms)")
    print(f"{'file':<52} {'read':>7} {'+sections':>10}")
    for label, (reads, splits) in times.items():
        print(f"{label:<52} {statistics.median(reads) * 1000:7.1f} {statistics.median(splits) * 1000:10.1f}")
    devset_pdfs = [statistics.median(times[label][1]) for label in times if label.startswith("tests/") and label.endswith(".pdf")]
    print(f"median over dev-set PDFs, read + sections: {statistics.median(devset_pdfs) * 1000:.1f} ms (target < 30 ms)")
    clean = statistics.median(times["(synthetic) clean PDF"][0])
    hidden = statistics.median(times["(synthetic) white-text PDF"][0])
    print(f"hidden-text pass: white-text PDF / clean PDF read time = {hidden / clean:.1f}x")


if __name__ == "__main__":
    main()
