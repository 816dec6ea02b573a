"""The command line as a user meets it: exit codes, one-line errors, what each command prints.

Everything runs in-process through `mlfit.cli.app.main` (the console-script entry point),
except the check that the fast paths never import spaCy, which needs a fresh interpreter.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import __version__, api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-06-01"
SEGMENTS = ("big_tech", "startup", "regulated", "defense")


def one_error_line(err: str, code: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"mlfit: error[{code}]: "), err
    return lines[0]


def segment_titles() -> dict[str, str]:
    return {sid: seg.title for sid, seg in api.load_rules().segments.items()}


# --- inputs that cannot be read: exit 3, one line ------------------------------------------------


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_missing_file(capsys, tmp_path, fmt):
    missing = tmp_path / "nope.pdf"
    code, out, err = run(capsys, "score", missing, "--format", fmt)
    assert code == 3
    assert out == ""  # nothing half-written on stdout for a `| jq` to choke on
    line = one_error_line(err, "file-missing")
    assert str(missing) in line


def test_directory(capsys, tmp_path):
    code, out, err = run(capsys, "score", tmp_path)
    assert code == 3
    assert out == ""
    one_error_line(err, "file-unreadable")


def test_random_bytes_named_pdf(capsys, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(random.Random(7).randbytes(4096))
    code, out, err = run(capsys, "score", cv)
    assert code == 3
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert re.match(r"mlfit: error\[(corrupt-file|unsupported-format)\]: ", err), err


def test_truncated_pdf(capsys, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes((EXAMPLES / "big_tech.pdf").read_bytes()[:2000])
    code, out, err = run(capsys, "extract", cv)
    assert code == 3
    assert out == ""
    one_error_line(err, "corrupt-file")


def test_empty_file(capsys, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_bytes(b"\n  \n")
    code, _, err = run(capsys, "score", cv)
    assert code == 3
    one_error_line(err, "empty-document")


# --- usage errors: exit 2 --------------------------------------------------------------------


def test_unknown_segment_lists_the_segments(capsys):
    code, out, err = run(capsys, "score", EXAMPLES / "big_tech.md", "--segment", "foo")
    assert code == 2
    assert out == ""
    line = one_error_line(err, "unknown-segment")
    assert "foo" in line
    for sid in SEGMENTS:
        assert sid in line


def test_as_of_not_a_date(capsys):
    code, out, err = run(capsys, "score", EXAMPLES / "big_tech.md", "--as-of", "notadate")
    assert code == 2
    assert out == ""
    line = one_error_line(err, "usage")
    assert "notadate" in line and "YYYY-MM-DD" in line


def test_unknown_rule_suggests_a_close_one(capsys):
    code, out, err = run(capsys, "rules", "show", "BT999")
    assert code == 2
    assert out == ""
    line = one_error_line(err, "unknown-rule")
    assert re.search(r"did you mean BT\d{3}\?", line), line


@pytest.mark.parametrize(
    "argv, says",
    [
        (["frobnicate"], "no such command 'frobnicate'"),
        (["score", str(EXAMPLES / "big_tech.md"), "--format", "xml"], "'xml' is not one of"),
        (["score", str(EXAMPLES / "big_tech.md"), "--fail-under", "170"], "--fail-under"),
        (["score", str(EXAMPLES / "big_tech.md"), "--no-such-option"], "no such option: --no-such-option"),
        (["score"], "missing argument"),
    ],
)
def test_a_bad_option_is_one_documented_line_not_a_usage_block(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("mlfit: error[usage]: ") and says in line and "--help" in line


# --- --fail-under: CI for your CV --------------------------------------------------------------


def test_fail_under_above_the_best_score_exits_1(capsys):
    code, out, err = run(capsys, "score", EXAMPLES / "weak_built_a_model.txt", "--fail-under", "99", "--format", "json")
    assert code == 1
    report = json.loads(out)  # the report is still printed in full
    best = report["segments"][0]["score"]
    assert best < 99
    assert err.splitlines() == [f"mlfit: best score {best:.0f} is below --fail-under 99"]


def test_fail_under_below_the_best_score_exits_0(capsys):
    code, out, err = run(capsys, "score", EXAMPLES / "weak_built_a_model.txt", "--fail-under", "1")
    assert code == 0
    assert err == ""
    assert "Top fixes" in out


# --- what the commands print -----------------------------------------------------------------


def test_segment_option_limits_the_report(capsys):
    code, out, _ = run(capsys, "score", EXAMPLES / "big_tech.md", "--segment", "startup", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    report = json.loads(out)
    assert [s["id"] for s in report["segments"]] == ["startup"]
    assert report["segments"][0]["rank"] == 1
    assert report["best_segment"] == "startup"


def test_stdin(capsys, monkeypatch):
    cv = EXAMPLES / "startup.md"
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(cv.read_bytes())))
    code, out, err = run(capsys, "score", "-", "--format", "json", "--as-of", AS_OF)
    assert code == 0, err
    assert err == ""
    from_stdin = json.loads(out)
    assert from_stdin["source"]["path"] == "-"
    assert from_stdin["source"]["format"] == "md"
    code, out, _ = run(capsys, "score", cv, "--format", "json", "--as-of", AS_OF)
    from_file = json.loads(out)
    assert from_stdin["source"]["sha256"] == from_file["source"]["sha256"]
    assert from_stdin["segments"] == from_file["segments"]


def test_version(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out == f"mlfit {__version__}\n"
    assert err == ""


def test_help_lists_the_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("score", "extract", "rules"):
        assert command in out


@pytest.mark.parametrize("columns", ["72", "120"])
@pytest.mark.parametrize("argv", [["score"], ["rewrite"], ["extract"], ["score", str(EXAMPLES / "startup.md")]])
def test_piped_output_honours_columns_and_has_no_trailing_spaces(capsys, monkeypatch, columns, argv):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(capsys, *argv, EXAMPLES / "big_tech.pdf", "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert [ln for ln in lines if ln != ln.rstrip()] == []
    assert max(len(ln) for ln in lines) <= int(columns)
    if columns == "120":
        assert max(len(ln) for ln in lines) > 100  # the width is used, not the old fixed 100


@pytest.mark.parametrize("cv", ["big_tech.pdf", "defense.pdf", "regulated.docx", "startup.md", "startup.docx"])
def test_the_default_report_fits_one_80x40_screen_and_verbose_has_the_rest(capsys, monkeypatch, cv):
    monkeypatch.setenv("COLUMNS", "80")
    code, short, _ = run(capsys, "score", EXAMPLES / cv, "--as-of", AS_OF)
    assert code == 0 and len(short.splitlines()) <= 40, short
    code, full, _ = run(capsys, "score", EXAMPLES / cv, "--as-of", AS_OF, "--verbose")
    assert code == 0 and "market note" in full and "market note" not in short
    assert len(full.splitlines()) > len(short.splitlines())
    assert "--verbose" in short.splitlines()[-1]


def test_human_report_best_first(capsys):
    code, out, err = run(capsys, "score", EXAMPLES / "big_tech.pdf", "--as-of", AS_OF)
    assert code == 0
    assert err == ""
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal
    code, js, _ = run(capsys, "score", EXAMPLES / "big_tech.pdf", "--as-of", AS_OF, "--format", "json")
    ranked = json.loads(js)["segments"]
    assert ranked[0]["id"] == "big_tech"
    titles = segment_titles()
    positions = [out.index(titles[s["id"]]) for s in ranked]
    assert positions == sorted(positions), "the table is not best fit first"
    for seg in ranked:  # "1  Big tech and hyperscalers   92  ████"
        pattern = rf"^\s*{seg['rank']}\s+{re.escape(seg['title'])}\s+{seg['score']:.0f}\s"
        assert re.search(pattern, out, re.M), f"no table row for {seg['title']}"
    assert "Top fixes" in out
    assert f"Why {titles['big_tech']} scores" in out


def test_human_extract(capsys):
    code, out, err = run(capsys, "extract", EXAMPLES / "regulated.docx")
    assert code == 0
    assert err == ""
    assert out.strip()


def test_extract_text_shows_every_line_as_the_reports_number_it(capsys):
    code, out, err = run(capsys, "extract", EXAMPLES / "big_tech.pdf", "--text")
    assert code == 0 and err == ""
    code, js, _ = run(capsys, "score", EXAMPLES / "big_tech.pdf", "-f", "json")
    evidence = [e for seg in json.loads(js)["segments"] for c in seg["contributions"] for e in c["evidence"]]
    numbered = dict(re.findall(r"^L(\d+)\s+(.*)$", out, re.M))
    assert evidence and all(e["text"].startswith(numbered[str(e["line"])]) for e in evidence)
    markers = re.findall(r"^\s+=== (\w+) ===$", out, re.M)
    assert markers[:3] == ["header", "summary", "experience"] and "skills" in markers
    code, js, _ = run(capsys, "extract", EXAMPLES / "big_tech.pdf", "-f", "json", "--redact")
    data = json.loads(js)
    from jsonschema import Draft202012Validator

    from mlfit import schemas

    assert not list(Draft202012Validator(schemas.load("extract")).iter_errors(data))
    lines = data["lines"]
    assert [ln["line"] for ln in lines] == list(range(1, len(lines) + 1))
    assert not any("@example.com" in ln["text"] for ln in lines)


def test_rules_list(capsys):
    code, out, err = run(capsys, "rules", "list")
    assert code == 0
    assert err == ""
    for sid, title in segment_titles().items():
        assert sid in out
        assert title.split()[0] in out
    for rule_id in api.load_rules().rules:
        assert rule_id in out


def test_rules_show(capsys):
    rule = api.load_rules().rule("SH001")
    code, out, err = run(capsys, "rules", "show", "sh001")  # ids are case-insensitive
    assert code == 0
    assert err == ""
    flat = " ".join(out.split())
    assert flat.startswith("SH001 ")
    assert "Why: " + " ".join(rule.why.split())[:60] in flat
    assert rule.source in flat
    good = [e for e in rule.examples if e.good]
    bad = [e for e in rule.examples if not e.good]
    assert good and bad
    assert " ".join(good[0].text.split())[:40] in flat
    assert " ".join(bad[0].text.split())[:40] in flat


def test_rules_check_builtin_packs(capsys):
    code, out, err = run(capsys, "rules", "check", ROOT / "rules")
    assert code == 0, err
    assert err == ""
    assert out.startswith("ok: ")


BROKEN_PACK = textwrap.dedent(
    """\
    schema: 1
    segment: mine
    title: Mine
    extends: [startup]
    rules:
      - id: MN001
        name: mine.thing
        kind: phrasez
        weight: 5
        message: Do the thing.
        why: Because.
        source: Nowhere
        terms: [thing]
        examples:
          good: ["Shipped the thing"]
          bad: ["Nothing here"]
      - id: MN002
        name: mine.other
        kind: phrases
        weight: -1
        message: Do the other thing.
        why: Because.
        source: Nowhere
        terms: [other]
        examples:
          good: ["Shipped the other"]
          bad: ["Nothing here"]
    """
)


def test_rules_check_broken_pack(capsys, tmp_path):
    pack = tmp_path / "mine.yml"
    pack.write_text(BROKEN_PACK, encoding="utf-8")
    code, out, err = run(capsys, "rules", "check", tmp_path)
    assert code == 2
    assert out == ""
    located = [ln for ln in err.splitlines() if ln.startswith(f"{pack}:")]
    assert len(located) >= 2, err
    for ln in located:
        assert re.match(rf"{re.escape(str(pack))}:\d+:\d+: \S", ln), ln
    assert any(ln.startswith(f"{pack}:8:") and "phrasez" in ln for ln in located), err  # the kind: line
    assert any(ln.startswith(f"{pack}:20:") and "weight" in ln for ln in located), err  # the weight: line
    assert err.splitlines()[-1].startswith("mlfit: ")


def test_score_with_a_broken_pack_is_one_line(capsys, tmp_path):
    (tmp_path / "mine.yml").write_text(BROKEN_PACK, encoding="utf-8")
    code, out, err = run(capsys, "score", EXAMPLES / "big_tech.md", "--rules", tmp_path)
    assert code == 2
    assert out == ""
    line = one_error_line(err, "rule-file")
    assert re.search(r"mine\.yml:\d+:\d+: ", line), line


# --- the fast paths never import spaCy -----------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["rules", "list"]], ids=" ".join)
def test_fast_paths_do_not_import_spacy(argv, tmp_path):
    code = textwrap.dedent(
        f"""\
        import sys
        from mlfit.cli.app import main
        try:
            main({argv!r})
        except SystemExit as exc:
            status = exc.code
        else:
            status = 0
        print("SPACY-LOADED", "spacy" in sys.modules, "STATUS", status, file=sys.stderr)
        """
    )
    env = {**os.environ, "MLFIT_CACHE_DIR": str(tmp_path / "cache")}
    for run_ in ("cold cache", "warm cache"):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert "SPACY-LOADED False STATUS 0" in proc.stderr, (
            f"`mlfit {' '.join(argv)}` ({run_}) imported spaCy; find the chain with "
            f"`python -X importtime -c 'from mlfit.cli.app import main; main({argv!r})'`\n{proc.stderr[-2000:]}"
        )


def test_a_reader_that_leaves_early_is_not_a_failure(tmp_path):
    """`mlfit score cv.pdf | head -1` exits 0: exit 1 means a score below --fail-under."""
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1"}
    for fmt in ("human", "json"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "mlfit", "score", str(EXAMPLES / "big_tech.pdf"), "-f", fmt],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        proc.stdout.close()  # the reader goes away before mlfit writes, as `head -1` does at its first line
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, (fmt, err)
        assert b"Traceback" not in err
