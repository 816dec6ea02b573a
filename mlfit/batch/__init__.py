"""Many CVs at once: discovery and the worker pool (pool.py), the row each CV becomes (rows.py),
results written and read back safely (store.py), and the cohort summary (cohort.py)."""

from .pool import (
    CV_SUFFIXES,
    BatchStats,
    Discovery,
    FileResult,
    Target,
    check_resumable,
    discover,
    done_files,
    output_name,
    remaining,
    resume,
    rows_in,
    score_many,
)

__all__ = [
    "CV_SUFFIXES",
    "BatchStats",
    "Discovery",
    "FileResult",
    "Target",
    "check_resumable",
    "discover",
    "done_files",
    "output_name",
    "remaining",
    "resume",
    "rows_in",
    "score_many",
]
