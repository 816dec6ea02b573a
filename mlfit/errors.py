"""One exception tree with stable codes; the CLI maps each to an exit code and a one-line message.

Codes are part of the public contract (they appear in JSON/JSONL error objects and the README):
never rename one, only add.
"""

from __future__ import annotations

# The exit codes, all of them (README "Exit codes" documents the same table).
EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1  # the best score is below --fail-under
EXIT_USAGE = 2  # a bad option, an unknown segment or rule, an invalid rule file
EXIT_INPUT = 3  # an input could not be read (in a batch: at least one file)
EXIT_INTERNAL = 4  # a bug in mlfit
EXIT_OUTPUT = 5  # the results could not be written (a full disk, no permission)
EXIT_INTERRUPTED = 130

# The error code of a batch row for a bug or an exhausted resource on one file (exit 3 at
# the end of the batch, like any other file that could not be read).
INTERNAL_CODE = "internal"


class MlfitError(Exception):
    code = "error"
    exit_code = EXIT_INPUT
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        if hint is not None:
            self.hint = hint

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"mlfit: error[{self.code}]: {where}{self.message}{tail}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint, "path": self.path}


# --- usage and rules: exit 2 -------------------------------------------------


class UsageError(MlfitError):
    code = "usage"
    exit_code = EXIT_USAGE


class UnknownSegmentError(UsageError):
    code = "unknown-segment"


class UnknownRuleError(UsageError):
    code = "unknown-rule"


class RuleFileError(MlfitError):
    """A rule pack is invalid. ``message`` already starts with ``path:line:col``."""

    code = "rule-file"
    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, issues: list[str] | None = None):
        super().__init__(message, hint=hint)
        self.issues = list(issues) if issues else [message]

    @classmethod
    def from_issues(cls, issues: list[str]) -> RuleFileError:
        more = f" (and {len(issues) - 1} more problem{'s' if len(issues) > 2 else ''}; `mlfit rules check` lists them all)" if len(issues) > 1 else ""
        return cls(issues[0] + more, issues=issues)

    def one_line(self) -> str:
        tail = f" ({self.hint})" if self.hint else ""
        return f"mlfit: error[{self.code}]: {self.message}{tail}"


# --- inputs: exit 3 ----------------------------------------------------------


class InputError(MlfitError):
    code = "input"
    exit_code = EXIT_INPUT


class FileMissingError(InputError):
    code = "file-missing"
    hint = "check the path"


class FileUnreadableError(InputError):
    code = "file-unreadable"
    hint = "check the file's permissions"


class UnsupportedFormatError(InputError):
    code = "unsupported-format"
    hint = "mlfit reads PDF, DOCX, TXT, Markdown, LaTeX source and JSON Resume"


class EmptyDocumentError(InputError):
    code = "empty-document"
    hint = "the file has no readable text"


class ScannedPdfError(InputError):
    code = "scanned-pdf"
    hint = "the PDF has no text layer (a scan?); export a text PDF from your editor or run OCR first"


class EncryptedPdfError(InputError):
    code = "encrypted-pdf"
    hint = "remove the password (print to PDF again without one) and retry"


class CorruptFileError(InputError):
    code = "corrupt-file"
    hint = "the file is damaged or truncated; export it again"


class InputTooLargeError(InputError):
    code = "too-large"


class MisreadError(InputError):
    """``--strict``: the CV was read, but its warnings say the reading is probably wrong."""

    code = "misread"
    hint = "the warnings above say what to check; `mlfit extract --text` shows the text as read"


# --- batches (`mlfit score DIR`): per-file failures become error rows, exit 3 at the end ---


class FileTimeoutError(InputError):
    """Reading and scoring one file took longer than `--timeout`; its worker was stopped."""

    code = "timeout"
    hint = "the file may be pathological (huge, or built to be slow to parse); raise --timeout to try again"


class WorkerCrashedError(InputError):
    """The worker process died while reading this file (a crash in a parser, or killed from outside)."""

    code = "worker-crashed"
    hint = "the file may be damaged; export it again and score it on its own"


class OutputError(MlfitError):
    """The results file could not be written (a full disk, no permission)."""

    code = "output-write"
    exit_code = EXIT_OUTPUT  # not 3: the inputs were fine, a script must not retry them
    hint = "everything written before this point is complete; free space and rerun with --resume"
