"""Batch scoring: `mlfit score DIR` in parallel, in input order, with error rows, timeouts, resume,
interruption, the cohort summary and --redact.

Most runs go through the real CLI entry point in-process: workers are forked from the test
process, which already holds the pipeline, so a batch of ten files takes a fraction of a second.
The interruption test needs a real process to send SIGINT to.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import api, batch
from mlfit.batch.rows import csv_header

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-06-01"
GOOD = ["big_tech.pdf", "defense.pdf", "regulated.docx", "startup.docx", "startup.md", "weak_built_a_model.txt"]
BAD = {"empty.pdf": "empty-document", "noise.pdf": None, "scanned.pdf": "scanned-pdf"}  # None: whatever the sniffer says
HEADER = csv_header(["big_tech", "startup", "regulated", "defense"])
PII = ["Ostrander", "Delaney", "Kendrick", "Lindqvist", "Brennan", "@example.com", "555-01", "github.com", "linkedin.com"]


def scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.rect(72, 72, 400, 600, fill=1)  # an image-only page: no text layer
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture()
def cohort(tmp_path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "noise.pdf").write_bytes(random.Random(3).randbytes(5000))
    (folder / "scanned.pdf").write_bytes(scanned_pdf())
    (folder / "notes.csv").write_text("not,a,cv\n")  # not a CV by its name: skipped, with a warning
    (folder / ".DS_Store").write_bytes(b"\0\0")
    return folder


def expected_order(folder: Path) -> list[str]:
    return sorted(str(folder / n) for n in GOOD + list(BAD))


def read_csv(text: str) -> list[dict]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == HEADER
    rows = [dict(zip(header, r)) for r in reader]
    assert all(len(r) == len(header) for r in rows)
    return rows


def jsonl_records(text: str) -> list[dict]:
    lines = text.splitlines()
    assert lines and all(line.strip() for line in lines)
    return [json.loads(line) for line in lines]


def file_of(record: dict) -> str:
    return record.get("file") or record["source"]["path"]


# --- the whole contract on one cohort ---------------------------------------------------------------


def test_csv_batch_scores_good_files_and_rows_the_bad_ones(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.csv"
    code, out, err = run(capsys, "score", cohort, "--format", "csv", "-o", out_file, "--as-of", AS_OF, "--jobs", "2")
    assert code == 3, err  # some files failed
    assert out == ""
    assert "notes.csv" not in out_file.read_text() and "skipped files that are not CVs" in err
    rows = read_csv(out_file.read_text(encoding="utf-8"))
    assert [r["file"] for r in rows] == expected_order(cohort)
    by_name = {Path(r["file"]).name: r for r in rows}
    for name in GOOD:
        r = by_name[name]
        assert r["status"] == "ok" and r["error_code"] == ""
        assert r["best_segment"] in ("big_tech", "startup", "regulated", "defense")
        assert float(r[r["best_segment"]]) == max(float(r[s]) for s in ("big_tech", "startup", "regulated", "defense"))
        assert r["years"] and r["seniority"] in ("early", "mid", "senior")
        assert r["top_gap_rule"] and r["top_gap_message"]
    for name, code_ in BAD.items():
        r = by_name[name]
        assert r["status"] == "error" and r["error_message"], r
        assert r["error_code"] == code_ if code_ else r["error_code"]
        assert r["big_tech"] == "" and r["best_segment"] == ""
        assert f"error[{r['error_code']}]" in err
    assert by_name["big_tech.pdf"]["best_segment"] == "big_tech"
    assert by_name["defense.pdf"]["best_segment"] == "defense"
    assert "3 of 9 files could not be read" in err


def test_jsonl_one_full_report_per_line_valid_against_the_schema(capsys, cohort):
    from jsonschema import Draft202012Validator

    from mlfit import schemas

    code, out, err = run(capsys, "score", cohort, "-f", "jsonl", "--as-of", AS_OF)
    assert code == 3, err
    records = jsonl_records(out)
    assert [file_of(r) for r in records] == expected_order(cohort)
    validator = Draft202012Validator(schemas.load("report"))
    for r in records:
        if r.get("status") == "error":
            assert set(r) == {"file", "status", "error"} and r["error"]["code"] and r["error"]["message"]
        else:
            assert r["status"] == "ok" and r["file"] == r["source"]["path"]  # every row says which file and how it went
            assert not list(validator.iter_errors(r)), file_of(r)


def test_order_is_the_same_whatever_the_parallelism(capsys, cohort):
    results = {}
    for jobs in ("1", "2"):
        code, out, _ = run(capsys, "score", cohort, "-f", "csv", "--jobs", jobs, "--as-of", AS_OF)
        assert code == 3
        results[jobs] = out
    assert results["1"] == results["2"]


def test_json_batch_is_one_document_with_a_summary(capsys, cohort):
    code, out, _ = run(capsys, "score", cohort, "-f", "json", "--as-of", AS_OF)
    assert code == 3
    doc = json.loads(out)
    assert set(doc) == {"schema_version", "tool", "results", "summary"}
    assert [file_of(r) for r in doc["results"]] == expected_order(cohort)
    assert doc["summary"]["scored"] == len(GOOD) and doc["summary"]["failed"] == len(BAD)


def test_human_batch_table_keeps_the_input_order_not_a_ranking(capsys, cohort):
    code, out, err = run(capsys, "score", cohort, "--as-of", AS_OF)
    assert code == 3
    assert "big_tech.pdf" in out and "scanned-pdf" in out
    table = out.split("Could not read")[0]
    scored = [name for name in expected_order(cohort) if not any(bad in name for bad in BAD)]
    positions = [table.index(os.path.basename(name)) for name in scored]
    assert positions == sorted(positions), "rows are in the order the files were found, whatever their scores"


def test_single_file_stays_the_single_report(capsys):
    code, out, _ = run(capsys, "score", EXAMPLES / "big_tech.pdf", "-f", "json", "--as-of", AS_OF)
    assert code == 0 and json.loads(out)["source"]["path"].endswith("big_tech.pdf")


def test_fail_under_in_a_batch_and_3_beats_1(capsys, tmp_path, cohort):
    good = tmp_path / "good"
    good.mkdir()
    for name in ("big_tech.pdf", "weak_built_a_model.txt"):
        shutil.copy(EXAMPLES / name, good / name)
    code, _, err = run(capsys, "score", good, "-f", "csv", "--fail-under", "50", "--as-of", AS_OF)
    assert code == 1 and "1 CV scored below --fail-under 50" in err
    code, _, _ = run(capsys, "score", good, "-f", "csv", "--fail-under", "5", "--as-of", AS_OF)
    assert code == 0
    code, _, _ = run(capsys, "score", cohort, "-f", "csv", "--fail-under", "50", "--as-of", AS_OF)
    assert code == 3


def test_empty_directory_and_stdin_in_a_batch(capsys, tmp_path):
    code, out, err = run(capsys, "score", tmp_path)
    assert code == 3 and out == "" and err.startswith("mlfit: error[file-unreadable]")
    code, _, err = run(capsys, "score", "-", EXAMPLES / "big_tech.pdf")
    assert code == 2 and "error[usage]" in err


# --- resume, interruption, timeouts, crashes ------------------------------------------------------


def test_resume_skips_files_already_done(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.csv"
    run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--as-of", AS_OF)
    full = out_file.read_text(encoding="utf-8")
    lines = full.splitlines(keepends=True)
    # as if killed after 4 rows, in the middle of the 5th
    out_file.write_text("".join(lines[:5]) + lines[5][:20], encoding="utf-8")
    done = [r["file"] for r in read_csv("".join(lines[:5]))]
    # a file already done now fails to read: --resume must not touch it
    Path(done[0]).write_bytes(b"")
    # a new client arrives
    shutil.copy(EXAMPLES / "big_tech.md", cohort / "zz_new.md")
    code, out, err = run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--resume", "--as-of", AS_OF)
    assert code == 3
    assert "4 files already in" in err
    rows = read_csv(out_file.read_text(encoding="utf-8"))
    assert len(rows) == len(GOOD) + len(BAD) + 1
    assert len({r["file"] for r in rows}) == len(rows)  # no file twice
    assert rows[0]["file"] == done[0] and rows[0]["status"] == "ok"  # skipped, not re-read
    assert rows[-1]["file"].endswith("zz_new.md") and rows[-1]["status"] == "ok"
    assert [r["file"] for r in rows] == sorted(r["file"] for r in rows)  # still in input order

    code, out, err = run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--resume", "--as-of", AS_OF)
    assert "0 to go" in err and len(read_csv(out_file.read_text(encoding="utf-8"))) == len(rows)


def test_resume_jsonl_cuts_a_torn_last_line(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.jsonl"
    run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--as-of", AS_OF)
    lines = out_file.read_text(encoding="utf-8").splitlines(keepends=True)
    out_file.write_text("".join(lines[:3]) + lines[3][:100], encoding="utf-8")
    code, _, err = run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--resume", "--as-of", AS_OF)
    assert code == 3 and "3 files already in" in err
    records = jsonl_records(out_file.read_text(encoding="utf-8"))
    assert [file_of(r) for r in records] == expected_order(cohort)


def test_resume_needs_a_streaming_output_file(capsys, cohort):
    code, _, err = run(capsys, "score", cohort, "--resume", "-f", "csv")
    assert code == 2 and "--resume needs" in err
    code, _, err = run(capsys, "score", cohort, "--resume", "-f", "json", "-o", "x.json")
    assert code == 2
    other = cohort.parent / "other.csv"
    other.write_text("name,score\nx,1\n")
    code, _, err = run(capsys, "score", cohort, "--resume", "-f", "csv", "-o", other)
    assert code == 2 and "not a CSV of this run's columns" in err
    code, _, err = run(capsys, "score", cohort, "--resume", "-f", "jsonl", "-o", other)
    assert code == 2 and "not a JSONL results file" in err
    assert other.read_text() == "name,score\nx,1\n"  # untouched


def test_timeout_kills_the_stuck_worker_and_the_batch_goes_on(capsys, cohort, monkeypatch):
    monkeypatch.setenv("MLFIT_TEST_SLOW_FILE", "defense.pdf")  # test-only hook: that worker sleeps
    start = time.monotonic()
    code, out, err = run(capsys, "score", cohort, "-f", "csv", "--timeout", "1", "--jobs", "2", "--as-of", AS_OF)
    assert time.monotonic() - start < 15
    assert code == 3
    rows = {Path(r["file"]).name: r for r in read_csv(out)}
    assert rows["defense.pdf"]["error_code"] == "timeout"
    assert "1 s" in rows["defense.pdf"]["error_message"]
    assert all(rows[n]["status"] == "ok" for n in GOOD if n != "defense.pdf")
    assert "error[timeout]" in err


def test_a_crashed_worker_costs_only_its_file(cohort, monkeypatch):
    monkeypatch.setenv("MLFIT_TEST_CRASH_FILE", "regulated.docx")  # test-only hook: that worker kills itself
    stats = api.score_many(batch.discover([str(cohort)]).targets, jobs=2, as_of=None)
    by_name = {Path(r.path).name: r for r in stats.results}
    assert by_name["regulated.docx"].error["code"] == "worker-crashed"
    assert "signal 9" in by_name["regulated.docx"].error["message"]
    assert all(by_name[n].ok for n in GOOD if n != "regulated.docx")
    assert [r.index for r in stats.results] == list(range(len(stats.results)))


def test_interrupted_batch_leaves_a_valid_file_and_resume_finishes_it(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    names = []
    for i in range(12):
        name = f"cv{i:02d}.md"
        shutil.copy(EXAMPLES / "startup.md", folder / name)
        names.append(name)
    out_file = tmp_path / "out.csv"
    env = dict(os.environ, MLFIT_TEST_SLOW_FILE="cv08.md")  # the batch hangs on the 9th file
    cmd = [sys.executable, "-m", "mlfit", "score", str(folder), "-f", "csv", "-o", str(out_file), "--jobs", "1", "--as-of", AS_OF]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out_file.exists() and out_file.read_text().count("\n") >= 9:  # header + 8 rows
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "rerun the same command with --resume" in err
    rows = read_csv(out_file.read_text(encoding="utf-8"))
    assert [Path(r["file"]).name for r in rows] == names[:8]
    assert all(r["status"] == "ok" for r in rows)

    done = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = read_csv(out_file.read_text(encoding="utf-8"))
    assert [Path(r["file"]).name for r in rows] == names


# --- the cohort view ------------------------------------------------------------------------------


def test_summary_command_on_jsonl(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.jsonl"
    run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--as-of", AS_OF)
    code, out, err = run(capsys, "summary", out_file)
    assert code == 0, err
    assert "Cohort feedback" in out and "not a ranking of people" in out
    assert "Score distribution per segment" in out
    assert "Most common top fix" in out and "Rules most often failed" in out
    assert "listed but never demonstrated" in out
    assert "scanned-pdf" in out

    code, out, _ = run(capsys, "summary", out_file, "--format", "json")
    data = json.loads(out)["summary"]
    assert data["scored"] == len(GOOD) and data["failed"] == len(BAD)
    assert [s["id"] for s in data["segments"]] == ["big_tech", "startup", "regulated", "defense"]
    for seg in data["segments"]:
        assert seg["min"] <= seg["median"] <= seg["max"] and sum(h["cvs"] for h in seg["histogram"]) == len(GOOD)
    assert sum(s["best_fit_for"] for s in data["segments"]) == len(GOOD)
    assert data["common_gaps"] and data["failed_rules"] and data["listed_not_demonstrated"]
    assert all(g["message"] for g in data["failed_rules"])


def test_summary_flag_and_summary_of_a_csv(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.csv"
    code, out, _ = run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--summary", "--as-of", AS_OF)
    assert code == 3 and "Score distribution per segment" in out  # rows in the file, the summary on stdout
    code, out, _ = run(capsys, "summary", out_file)
    assert code == 0 and "Most common top fix" in out and "need the full reports" in out


def test_summary_of_a_csv_keeps_the_score_distribution_of_every_segment(capsys, cohort, tmp_path):
    csv_file, jsonl_file = tmp_path / "cohort.csv", tmp_path / "cohort.jsonl"
    run(capsys, "score", cohort, "-f", "csv", "-o", csv_file, "--as-of", AS_OF)
    run(capsys, "score", cohort, "-f", "jsonl", "-o", jsonl_file, "--as-of", AS_OF)
    from_csv = json.loads(run(capsys, "summary", csv_file, "-f", "json")[1])["summary"]["segments"]
    from_jsonl = json.loads(run(capsys, "summary", jsonl_file, "-f", "json")[1])["summary"]["segments"]
    assert [s["id"] for s in from_csv] == ["big_tech", "startup", "regulated", "defense"]
    assert [(s["min"], s["median"], s["max"]) for s in from_csv] == [(s["min"], s["median"], s["max"]) for s in from_jsonl]
    # a resumed CSV run's summary covers the rows of the earlier run too
    code, out, _ = run(capsys, "score", cohort, "-f", "csv", "-o", csv_file, "--resume", "--summary", "--as-of", AS_OF)
    assert "Score distribution per segment" in out
    assert all(segment in out for segment in ("big_tech", "startup", "regulated", "defense"))


def test_summary_of_an_interrupted_jsonl_skips_the_torn_line(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.jsonl"
    run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--as-of", AS_OF)
    text = out_file.read_text(encoding="utf-8")
    out_file.write_text(text[: len(text) - 500], encoding="utf-8")
    code, out, err = run(capsys, "summary", out_file)
    assert code == 0 and "skipped 1 line" in err and "Cohort feedback" in out


# --- --redact in every format ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "human"])
def test_redact_every_batch_format(capsys, cohort, fmt):
    code, out, err = run(capsys, "score", cohort, "-f", fmt, "--redact", "--summary", "--as-of", AS_OF)
    assert code == 3
    text = out + err
    assert [p for p in PII if p.lower() in text.lower()] == []
    for name in GOOD + list(BAD):
        assert name not in text
    assert "cv-" in text


def test_redacted_ids_are_stable_and_resume_matches_them(capsys, cohort, tmp_path):
    out_file = tmp_path / "r.jsonl"
    run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--redact", "--as-of", AS_OF)
    first = [file_of(r) for r in jsonl_records(out_file.read_text(encoding="utf-8"))]
    assert all(Path(f).name.startswith("cv-") for f in first)
    assert len(set(first)) == len(first)
    code, _, err = run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--redact", "--resume", "--as-of", AS_OF)
    assert f"{len(first)} files already in" in err and "0 to go" in err


# --- the library -------------------------------------------------------------------------------------


def test_api_score_many_rows_and_discovery(cohort):
    found = batch.discover([str(cohort)])
    assert [t.path for t in found.targets] == expected_order(cohort)
    assert found.skipped == {".csv": 1}
    stats = api.score_many(found.targets, jobs=2, full=True)
    assert [r.path for r in stats.results] == expected_order(cohort)
    assert stats.failed == len(BAD) and stats.done == len(GOOD) + len(BAD)
    ok = [r for r in stats.results if r.ok]
    assert all(json.loads(r.payload)["best_segment"] == r.row["best_segment"] for r in ok)
    assert all(0 < rss < 400 * 2**20 for rss in stats.worker_peak_rss.values())


# --- a full disk ----------------------------------------------------------------------------------


def test_a_full_disk_stops_the_batch_with_whole_rows_only(capsys, cohort, tmp_path, monkeypatch):
    from mlfit.batch import store

    out_file = tmp_path / "cohort.csv"
    real_write, calls = store._os_write, []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) == 4:  # the header, two rows, then the disk fills up in the middle of a row
            real_write(fd, bytes(data)[:7])
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(store, "_os_write", write)
    code, out, err = run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--as-of", AS_OF, "--jobs", "1")
    assert code == 5  # the output failed, not an input: a script must not give up on the CVs
    assert err.strip().splitlines()[-1].startswith(f"mlfit: error[output-write]: {out_file}: could not write the results (No space")
    text = out_file.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert len(read_csv(text)) == 2  # the torn row was cut off
    monkeypatch.undo()
    code, _, err = run(capsys, "score", cohort, "-f", "csv", "-o", out_file, "--resume", "--as-of", AS_OF)
    assert code == 3 and "2 files already in" in err
    assert [r["file"] for r in read_csv(out_file.read_text(encoding="utf-8"))] == expected_order(cohort)


def test_an_unwritable_output_is_one_error_line(capsys, cohort, tmp_path):
    code, out, err = run(capsys, "score", cohort, "-f", "csv", "-o", tmp_path / "no" / "such" / "dir.csv")
    assert code == 5 and out == ""
    assert err.strip().splitlines()[-1].startswith("mlfit: error[output-write]:")


def test_rows_without_suggestions_match_the_full_report():
    """csv/human workers skip the rewrite suggestions; the row must not change."""
    import datetime as dt

    from mlfit.batch.rows import row_from_json, row_from_report
    from mlfit.render.jsonout import report_json

    as_of = dt.date(2026, 6, 1)
    for name in GOOD:
        document = api.read(EXAMPLES / name)
        full = api.analyze(document, as_of=as_of)
        rows_only = api.analyze(document, as_of=as_of, suggestions=False)
        assert not rows_only.suggestions
        assert row_from_report(rows_only) == row_from_report(full) == row_from_json(report_json(full)), name


def test_a_file_reached_twice_through_a_symlink_is_scored_once_and_reported(capsys, tmp_path):
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(EXAMPLES / "startup.md", folder / "ana.md")
    (folder / "ana-latest.md").symlink_to(folder / "ana.md")
    code, out, err = run(capsys, "score", folder, "-f", "csv", "--as-of", AS_OF)
    assert code == 0, err
    assert len(read_csv(out)) == 1
    assert "ana.md" in err and "same file" in err


def test_summary_says_which_clients_need_which_fix(capsys, cohort, tmp_path):
    out_file = tmp_path / "cohort.jsonl"
    run(capsys, "score", cohort, "-f", "jsonl", "-o", out_file, "--as-of", AS_OF)
    data = json.loads(run(capsys, "summary", out_file, "-f", "json")[1])["summary"]
    scored = [name for name in expected_order(cohort) if os.path.basename(name) in GOOD]
    # every scored CV is listed under exactly one top fix, and under each rule it fails
    assert sorted(f for gap in data["common_gaps"] for f in gap["files"]) == sorted(scored)
    assert all(len(gap["files"]) == gap["cvs"] for gap in data["common_gaps"] + data["failed_rules"])
    code, out, _ = run(capsys, "summary", out_file)
    assert code == 0 and "Who needs which fix" in out
    who = out.split("Who needs which fix")[1]
    assert all(os.path.basename(name) in who for name in scored)
