"""Mutation fuzzing of mlfit's readers: valid PDF, DOCX and text CVs, damaged at random.

Every mutant must either read (a Document) or be refused with one of mlfit's own
errors (``mlfit.errors.MlfitError``, a documented code); anything else (an
uncaught exception, or one input taking longer than ``--slow`` seconds) is a
finding. Some of the mutants that read are scored too, so the damage reaches the
extractors and the scorer.

    python tests/fuzz_harness.py --iterations 20000            # a long run, on demand
    python tests/fuzz_harness.py --iterations 500 --seed 7 -v  # reproduce a run
    python tests/fuzz_harness.py --iterations 5000 --save /tmp/findings

The test suite (tests/test_fuzz.py) runs a few hundred iterations with a fixed seed.
Mutations: bit flips, "interesting" bytes, deletions, insertions of format tokens
(PDF operators and keys, XML/entity markup), duplicated and spliced ranges,
truncation; for DOCX also mutations *inside* one archive member, re-zipped so that
the damage passes the ZIP checksums and reaches the XML parser; for PDF also
uncompressed files, so that the damage reaches the content streams.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PDF_TOKENS = [
    b"obj",
    b"endobj",
    b"stream\n",
    b"\nendstream",
    b"/Length 99999999",
    b"/Length -1",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"%%EOF",
    b"xref",
    b"trailer",
    b"startxref\n0\n",
    b"/Type /Page",
    b"/Type /Pages",
    b"/Count 2147483647",
    b"/Kids [1 0 R 1 0 R]",
    b"/Parent 1 0 R",
    b"/Filter /FlateDecode",
    b"/Filter /LZWDecode",
    b"/Encrypt 1 0 R",
    b"BT",
    b"ET",
    b"Tj",
    b"TJ",
    b"3 Tr",
    b"0.01 0 0 0.01 0 0 Tm",
    b"1 1 1 rg",
    b"0 Tf",
    b"q",
    b"Q",
    b"Do",
    b"/Rotate 90",
    b"/MediaBox [0 0 0 0]",
    b"/MediaBox [0 0 1e30 1e30]",
    b"(\\",
    b"<FEFF",
    b"/ToUnicode 9 0 R",
    b"9999999999 0 R",
    b"-0",
    b"1e308",
    b"\x00",
    b"\xff\xfe",
]
XML_TOKENS = [
    b"<",
    b">",
    b"</w:p>",
    b"<w:p>",
    b"<w:r><w:t>",
    b"</w:t></w:r>",
    b"<w:txbxContent>",
    b"<mc:AlternateContent>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b"&a;",
    b"&#0;",
    b"&#x110000;",
    b"&amp;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b'<?xml version="1.0"?>',
    b'xmlns:w="urn:x"',
    b'w:val=""',
    b'w:type="page"',
    b'<w:br w:type="page"/>',
    b'<w:sym w:char="FFFFFFFF"/>',
    b'<w:pStyle w:val="Heading1"/>',
    b"\x00",
    b"\xff",
]
TEXT_TOKENS = [
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\r",
    b"\n",
    b"\t",
    b"\x0b",
    b"\x0c",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b"\xe2\x80\x8b",
    b"\xef\xbf\xbe",
    b"\xee\x80\x80",
    b"# ",
    b"- ",
    b"* ",
    b"1. ",
    b"---\n",
    b"+++\n",
    b"```\n",
    b"[",
    b"](",
    b")",
    b"<!--",
    b"-->",
    b"<a href=",
    b"**",
    b"|",
    b"\\",
    b"&amp;",
    b"%",
    b"$",
    b"x",
    b"XX%",
    b"40%",
    b"$1.2M",
    b"Jan 2021 \xe2\x80\x93 Present",
    b"EXPERIENCE\n",
    b"SKILLS\n",
    b"\xe2\x80\xa2 ",
]
INTERESTING = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x0A, 0x0D, 0x25, 0x28, 0x29, 0x3C, 0x3E, 0x5C, 0x2F]


@dataclass
class Seed:
    name: str  # reported path; its suffix is only a name (formats are sniffed)
    data: bytes
    kind: str  # pdf | docx | text


@dataclass
class Finding:
    iteration: int
    seed: str
    what: str
    detail: str
    data: bytes = field(repr=False)


@dataclass
class Stats:
    iterations: int = 0
    read: int = 0
    analyzed: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    slowest: float = 0.0
    slowest_at: str = ""
    elapsed: float = 0.0

    def summary(self) -> str:
        codes = ", ".join(f"{k} {v}" for k, v in sorted(self.refused.items(), key=lambda kv: -kv[1]))
        return (
            f"{self.iterations} inputs in {self.elapsed:.1f} s: {self.read} read ({self.analyzed} scored), "
            f"refused: {codes or 'none'}; slowest {self.slowest * 1000:.0f} ms ({self.slowest_at}); findings: {len(self.findings)}"
        )


# --- seeds -----------------------------------------------------------------------------------


def _uncompressed_pdf() -> bytes:
    """A CV page with the features the reader treats specially: hidden text, a form, letter spacing."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792), pageCompression=0)
    c.setFont("Helvetica", 10)
    lines = (EXAMPLES / "weak_built_a_model.txt").read_text(encoding="utf-8").splitlines()
    y = 760
    for line in lines[:40]:
        c.drawString(40, y, line[:100])
        y -= 12
    c.setFillColorRGB(1, 1, 1)
    c.drawString(40, 200, "Kubernetes PyTorch MLflow drift detection")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 1)
    c.drawString(40, 190, "tiny stuffed keywords")
    c.beginForm("f")
    c.setFont("Helvetica", 10)
    c.drawString(10, 10, "Text inside a form XObject")
    c.endForm()
    c.doForm("f")
    for i, ch in enumerate("E X P E R I E N C E".split()):
        c.drawString(40 + i * 14, 150, ch)
    c.showPage()
    c.save()
    return buf.getvalue()


def seeds() -> list[Seed]:
    out = [
        Seed("big_tech.pdf", (EXAMPLES / "big_tech.pdf").read_bytes(), "pdf"),
        Seed("defense.pdf", (EXAMPLES / "defense.pdf").read_bytes(), "pdf"),
        Seed("plain.pdf", _uncompressed_pdf(), "pdf"),
        Seed("regulated.docx", (EXAMPLES / "regulated.docx").read_bytes(), "docx"),
        Seed("startup.docx", (EXAMPLES / "startup.docx").read_bytes(), "docx"),
        Seed("big_tech.md", (EXAMPLES / "big_tech.md").read_bytes(), "text"),
        Seed("weak.txt", (EXAMPLES / "weak_built_a_model.txt").read_bytes(), "text"),
    ]
    return out


# --- mutations ---------------------------------------------------------------------------------


def _tokens(kind: str) -> list[bytes]:
    return {"pdf": PDF_TOKENS, "docx": XML_TOKENS, "text": TEXT_TOKENS}[kind]


def mutate_bytes(data: bytes, rnd: random.Random, kind: str, others: list[bytes]) -> bytes:
    b = bytearray(data)
    if not b:
        return bytes(rnd.choice(_tokens(kind)))
    op = rnd.randrange(9)
    pos = rnd.randrange(len(b))
    if op == 0:  # flip bits
        for _ in range(rnd.randint(1, 8)):
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
    elif op == 1:  # interesting bytes
        for _ in range(rnd.randint(1, 4)):
            b[rnd.randrange(len(b))] = rnd.choice(INTERESTING)
    elif op == 2:  # delete a range
        n = rnd.choice((1, 2, 8, 64, max(1, len(b) // 10)))
        del b[pos : pos + n]
    elif op == 3:  # insert a format token
        b[pos:pos] = rnd.choice(_tokens(kind))
    elif op == 4:  # insert random bytes
        b[pos:pos] = rnd.randbytes(rnd.choice((1, 4, 32, 256)))
    elif op == 5:  # duplicate a range
        n = rnd.choice((16, 256, 4096))
        b[pos:pos] = b[pos : pos + n] * rnd.choice((1, 2, 16))
    elif op == 6:  # truncate
        del b[rnd.randrange(1, len(b) + 1) :]
    elif op == 7 and others:  # splice in a piece of another seed
        other = rnd.choice(others)
        if other:
            start = rnd.randrange(len(other))
            b[pos : pos + rnd.randrange(1, 512)] = other[start : start + rnd.randrange(1, 2048)]
    else:  # overwrite a range with one repeated byte
        n = rnd.choice((4, 64, 1024))
        b[pos : pos + n] = bytes([rnd.choice(INTERESTING)]) * n
    return bytes(b)


def mutate_docx_member(data: bytes, rnd: random.Random) -> bytes:
    """Damage one member of the archive and zip it again, so the ZIP layer does not catch it."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
    except Exception:
        return data
    xml = [i for i in infos if i.filename.endswith((".xml", ".rels"))] or infos
    target = rnd.choice(xml).filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in infos:
            try:
                body = src.read(info)
            except Exception:
                continue
            if info.filename == target:
                for _ in range(rnd.randint(1, 3)):
                    body = mutate_bytes(body, rnd, "docx", [])
            zf.writestr(info.filename, body)
    return out.getvalue()


def mutant(seed: Seed, rnd: random.Random, pool: list[Seed]) -> bytes:
    data = seed.data
    if seed.kind == "docx" and rnd.random() < 0.6:
        data = mutate_docx_member(data, rnd)
        if rnd.random() < 0.8:
            return data
    others = [s.data for s in pool if s is not seed]
    for _ in range(rnd.choice((1, 1, 1, 2, 3, 5))):
        data = mutate_bytes(data, rnd, seed.kind, others)
    return data


# --- the run ------------------------------------------------------------------------------------


def run(
    iterations: int,
    *,
    seed: int = 0,
    analyze_every: int = 10,
    slow: float = 10.0,
    save: Path | None = None,
    verbose: bool = False,
    log=print,
) -> Stats:
    from mlfit import api
    from mlfit.errors import MlfitError
    from mlfit.ingest import read_document

    rnd = random.Random(seed)
    pool = seeds()
    stats = Stats()
    started = time.perf_counter()
    for i in range(iterations):
        base = rnd.choice(pool)
        data = mutant(base, rnd, pool)
        start = time.perf_counter()
        what = detail = ""
        try:
            doc = read_document(data, name=base.name)
            stats.read += 1
            if analyze_every and stats.read % analyze_every == 0:
                api.analyze(doc)
                stats.analyzed += 1
        except MlfitError as e:
            stats.refused[e.code] = stats.refused.get(e.code, 0) + 1
            line = e.one_line()
            if "\n" in line or not line.startswith(f"mlfit: error[{e.code}]: "):
                what, detail = "bad error line", repr(line)
        except RecursionError as e:  # a stack overflow is a finding too; keep fuzzing
            what, detail = "RecursionError", "".join(traceback.format_exception(e)[-3:])
        except Exception as e:
            what, detail = type(e).__name__, "".join(traceback.format_exception(e))
        took = time.perf_counter() - start
        if took > stats.slowest:
            stats.slowest, stats.slowest_at = took, f"#{i}, {base.name}"
        if not what and took > slow:
            what, detail = "slow", f"{took:.1f} s"
        if what:
            finding = Finding(i, base.name, what, detail, data)
            stats.findings.append(finding)
            log(f"[{i}] {base.name}: {what}\n{detail}")
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"finding-{seed}-{i}-{base.name}").write_bytes(data)
        stats.iterations += 1
        if verbose and (i + 1) % 500 == 0:
            stats.elapsed = time.perf_counter() - started
            log(f"... {stats.summary()}")
    stats.elapsed = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--analyze-every", type=int, default=10, help="score every Nth input that reads (0: never)")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds after which one input is a finding")
    parser.add_argument("--save", type=Path, help="write each finding's input here")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    print(f"fuzzing {args.iterations} inputs, seed {args.seed}", flush=True)
    stats = run(args.iterations, seed=args.seed, analyze_every=args.analyze_every, slow=args.slow, save=args.save, verbose=args.verbose)
    print(stats.summary())
    return 1 if stats.findings else 0


if __name__ == "__main__":
    sys.exit(main())
