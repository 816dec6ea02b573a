"""LaTeX CV sources (``resume.tex``) read as text through pylatexenc.

pylatexenc's :class:`~pylatexenc.latexwalker.LatexWalker` parses the source into
nodes and :class:`~pylatexenc.latex2text.LatexNodes2Text` turns them into text:
comments vanish, escapes (``\\&``, ``\\%``, ``\\$``), ligature dashes (``--``,
``---``) and accents (``\\'e``, ``\\~n``, ``{\\"o}``) come out as the characters a
reader sees. On top of its default macro database this module adds a small
``latex_context`` of CV macros, each turned into the structure mlfit's section
detection understands:

* headings: ``\\section``, ``\\cvsection``, ``\\begin{rSection}{..}`` ... become
  heading lines (``HINT_HEADING``);
* bullets: ``\\item``, ``\\resumeItem{..}``, ``\\cvlistitem{..}`` ... become bullet
  lines (``HINT_BULLET``);
* entries: ``\\resumeSubheading{..}{..}{..}{..}``, ``\\cventry``, ``\\cvevent`` ...
  become one role line, ``Title, Company — Location | Jan 2021 – Present``, whose
  date range :data:`mlfit.sections.DATE_RANGE` finds wherever the template put it.

The document class and its packages are never loaded: a class file that is not
present (``\\documentclass{fancyresume}``) changes nothing. A macro nobody
defined keeps the text of its brace arguments (``\\highlight{Kubeflow}`` reads
"Kubeflow"); a macro the file defines with ``\\newcommand`` is expanded; layout
macros (``\\vspace``, ``\\color``, ``\\setlength`` ...) leave nothing behind.
``\\iffalse ... \\fi`` and ``comment`` environments are dropped like comments.
``\\input``/``\\include`` are not followed (flatten the source first).

Inside the text, single newlines are spaces and blank lines are paragraph
breaks, as in LaTeX, so a bullet wrapped over two source lines stays one line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mlfit.dates import DATE, RANGE_DASH
from mlfit.errors import CorruptFileError
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE

from .normalize import LineBuilder

__all__ = ["read_latex"]

# Markers put at the start of a line by the macro handlers, read back by read_latex().
_HEAD = "\x1d"
_BULLET = "\x1e"
_MARKERS = re.compile("[\x1c-\x1f]")

_MAX_GROUPS = 9  # brace groups taken by an unknown macro
_MAX_EXPANSIONS = 2_000  # \newcommand expansions per document
_MAX_DEPTH = 10  # \newcommand expansions inside expansions (a guard against recursion)

# A date or date range inside one macro argument ("Jan 2021 -- Present", "May 2020", "2019").
_DATEISH = re.compile(
    rf"^(?:(?:expected|since|from)\s+)?(?:{DATE}|present|current)"
    rf"(?:\s*{RANGE_DASH}\s*(?:{DATE}|present|current|now|today|to date|ongoing))?$",
    re.IGNORECASE,
)
# Arguments that are lengths or scale factors ("2pt", "0.5"), never text.
_DIMENSION = re.compile(r"^[-+]?(?:\d*\.\d+|\d+(?:\.\d*)?)\s*(?:pt|em|ex|cm|mm|in|bp|pc|sp|dd|mu)?$|^[-+]?\d*\.\d+$")
_SPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")
_PARAGRAPH = re.compile(r"[ \t\r]*\n(?:[ \t\r]*\n)+[ \t\r]*")

# Macros and environments that never carry CV text, whatever arguments they take.
_DISCARD_MACROS = {
    "documentclass": "[{",
    "usepackage": "[{",
    "RequirePackage": "[{",
    "LoadClass": "[{",
    "newcommand": "*{[[{",
    "renewcommand": "*{[[{",
    "providecommand": "*{[[{",
    "DeclareRobustCommand": "*{[[{",
    "newenvironment": "*{[[{{",
    "renewenvironment": "*{[[{{",
    "newlength": "{",
    "newcounter": "{",
    "setlength": "{{",
    "addtolength": "{{",
    "setcounter": "{{",
    "addtocounter": "{{",
    "stepcounter": "{",
    "vspace": "*{",
    "hspace": "*{",
    "vskip": "",
    "hskip": "",
    "rule": "[{{",
    "hrule": "",
    "vrule": "",
    "color": "[{",
    "pagecolor": "[{",
    "definecolor": "{{{",
    "colorlet": "{{",
    "fontsize": "{{",
    "geometry": "{",
    "hypersetup": "{",
    "pagestyle": "{",
    "thispagestyle": "{",
    "pagenumbering": "{",
    "titleformat": "*{[{{{{[",
    "titlespacing": "*{{{{",
    "titlerule": "[",
    "setlist": "[{",
    "label": "{",
    "ref": "{",
    "pageref": "{",
    "cite": "*[[{",
    "includegraphics": "*[[{",
    "photo": "[{",
    "faIcon": "[{",
    "linespread": "{",
    "selectfont": "",
    "enlargethispage": "*{",
    "input": "{",
    "include": "{",
    "bibliography": "{",
    "bibliographystyle": "{",
    "nocite": "{",
    "urlstyle": "{",
    "raggedright": "",
    "raggedleft": "",
    "centering": "",
    "noindent": "",
    "indent": "",
    "par": "",
    "smallskip": "",
    "medskip": "",
    "bigskip": "",
    "vfill": "",
    "vfil": "",
    "newpage": "",
    "clearpage": "",
    "pagebreak": "[",
    "nopagebreak": "[",
    "leavevmode": "",
    "relax": "",
    "protect": "",
    "strut": "",
    "null": "",
    "maketitle": "",
    "makecvtitle": "",
    "makecvheader": "*[",
    "makecvfooter": "{{{",
    "resumeItemListStart": "",
    "resumeItemListEnd": "",
    "resumeSubHeadingListStart": "",
    "resumeSubHeadingListEnd": "",
    "toprule": "",
    "midrule": "",
    "bottomrule": "",
    "hline": "",
    "cline": "{",
    "divider": "",
    "sectionbreak": "",
    "iffalse": "",
    "iftrue": "",
    "fi": "",
    "else": "",
    "moderncvstyle": "{",
    "moderncvcolor": "{",
    "moderncvtheme": "[{",
    "nopagenumbers": "",
    "colorName": "",
    "fontdir": "[",
    "acvHeaderSocialSep": "",
    "setmainfont": "[{",
    "setsansfont": "[{",
    "pdfgentounicode": "",
}
_SPACE_MACROS = {"hfill": "", "quad": "", "qquad": "", "enspace": "", "enskip": "", "thinspace": "", ",": "", "space": "", "hfil": "", "dotfill": ""}
_LINE_MACROS = {"newline": "", "linebreak": "[", "\\": "*[", "cr": "", "tabularnewline": ""}
# Font switches and sizes: no arguments, no text (``\small{...}`` keeps its group as text).
_SWITCHES = (
    "tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge bfseries mdseries itshape "
    "slshape scshape upshape rmfamily sffamily ttfamily normalfont em bf it sl sc tt rm sf boldmath"
).split()
_DISCARD_ENVIRONMENTS = ("comment", "thebibliography", "tikzpicture", "figure*", "filecontents", "filecontents*")
_LIST_ENVIRONMENTS = ("itemize", "enumerate", "description", "cvitems", "compactitem", "compactenum", "highlights", "onecolentry", "twocolentry")
# Personal details that CV classes (moderncv, Awesome-CV, AltaCV) take in the preamble;
# their arity differs between classes (\\name{Jane}{Doe} or \\name{Jane Doe}).
_PERSONAL = (
    "name firstname familyname lastname author title position tagline address location mobile phone email "
    "homepage github linkedin gitlab stackoverflow twitter social extrainfo quote personalinfo mailaddress"
).split()

# CV macros: name -> (walker argspec, handler kind). "groups" takes as many brace
# groups as follow (templates disagree on arity: \cventry has 5 or 6).
_CV_MACROS = {
    "section": ("*[{", "heading"),
    "subsection": ("*[{", "heading"),
    "cvsection": ("[{", "heading"),
    "cvsubsection": ("[{", "subheading"),
    "sectionTitle": ("{", "heading"),
    "resumeSection": ("{", "heading"),
    "cvheading": ("{", "heading"),
    "part": ("*[{", "heading"),
    "chapter": ("*[{", "heading"),
    "subsubsection": ("*[{", "subheading"),
    "paragraph": ("*[{", "subheading"),
    "item": ("[", "item"),
    "resumeItem": ("groups", "bullet"),
    "resumeSubItem": ("groups", "bullet"),
    "cvlistitem": ("[{", "bullet"),
    "cvachievement": ("groups", "achievement"),
    "resumeSubheading": ("groups", "entry"),
    "resumeSubSubheading": ("groups", "entry"),
    "resumeProjectHeading": ("groups", "entry"),
    "resumeHeading": ("groups", "entry"),
    "cventry": ("groups", "entry"),
    "cvevent": ("groups", "entry"),
    "cvhonor": ("groups", "entry"),
    "datedsubsection": ("groups", "entry"),
    "datedline": ("groups", "entry"),
    "entry": ("groups", "entry"),
    "cvitem": ("[{{", "labelled"),
    "cvskill": ("groups", "labelled"),
    "cvitemwithcomment": ("[{{{", "labelled"),
    "cvdoubleitem": ("[{{{{", "double"),
    "cvtag": ("{", "tag"),
    "cvcolumn": ("groups", "labelled"),
    "href": ("[{{", "href"),
    "url": ("{", "plain"),
    "hyperlink": ("{{", "second"),
    "hyperref": ("[{", "plain"),
    "texttt": ("{", "plain"),
    "textsf": ("{", "plain"),
    "textmd": ("{", "plain"),
    "textup": ("{", "plain"),
    "mbox": ("{", "plain"),
    "makebox": ("[[{", "plain"),
    "fbox": ("{", "plain"),
    "textnormal": ("{", "plain"),
    "textcolor": ("[{{", "second"),
    "colorbox": ("[{{", "second"),
    "underline": ("{", "plain"),
    "uline": ("{", "plain"),
    "textls": ("[{", "plain"),
    "footnote": ("[{", "paren"),
}
_ENTRY_ENVIRONMENTS = {"rSubsection": "{{{{", "cvsubentry": "{{{{", "entry": "{{{{"}
_HEADING_ENVIRONMENTS = {"rSection": "{", "cvsection": "{", "resumesection": "{"}


def read_latex(text: str, builder: LineBuilder) -> None:
    """Add the lines of a LaTeX CV to ``builder``, with heading and bullet hints."""
    text = _MARKERS.sub("", text)
    try:
        out = _Converter(text).convert()
    except (RecursionError, _latexwalker().LatexWalkerError) as e:
        raise CorruptFileError("the LaTeX source could not be parsed", hint="check that it compiles, or export a PDF and retry") from e
    pending = HINT_NONE  # an \item on a line of its own: its text follows
    for raw in out.split("\n"):
        line = raw.strip(" \t\u00a0")
        hint = HINT_NONE
        if line[:1] in (_HEAD, _BULLET):
            hint = HINT_HEADING if line[0] == _HEAD else HINT_BULLET
            line = line[1:]
        line = _MARKERS.sub("", line).strip(" \t\u00a0")
        line = _tidy(line)
        if not line or not any(c.isalnum() for c in line):
            if hint == HINT_BULLET:
                pending = HINT_BULLET
            continue
        if hint == HINT_NONE and pending == HINT_BULLET:
            hint = HINT_BULLET
        pending = HINT_NONE
        builder.add(line, hint=hint)


def _tidy(line: str) -> str:
    """Separators left dangling by empty fields (``Acme | ``, ``, Austin``)."""
    line = _SPACE_RUN.sub(" ", line)
    line = re.sub(r"\s+([,;:.])(?=\s|$)", r"\1", line)
    line = re.sub(r"(?:\s*[|·•,;]\s*)+$", "", line)
    line = re.sub(r"^(?:[|·,;]\s*)+", "", line)
    line = re.sub(r"(\s*\|\s*){2,}", " | ", line)
    return line.strip()


# --- pylatexenc (imported on first use) -------------------------------------------------


def _latexwalker():  # type: ignore[no-untyped-def]
    from pylatexenc import latexwalker

    return latexwalker


def _oneline(text: str) -> str:
    return _SPACE_RUN.sub(" ", _MARKERS.sub("", text)).strip()


def _is_dateish(text: str) -> bool:
    return bool(_DATEISH.match(text.strip(" .,()")))


def _entry_line(fields: list[str], *, two_rows: bool = False) -> str:
    """The fields of a CV entry -> ``Title, Company — Location | dates`` (+ a trailing description).

    ``two_rows``: Jake's ``\\resumeSubheading{a}{b}{c}{d}`` prints a and c on the
    left, b and d on the right (dates and location, in either order).
    """
    fields = list(fields)
    if two_rows and len(fields) == 4:
        fields = [fields[0], fields[2], fields[1], fields[3]]
    description = ""
    blocky = [i for i, f in enumerate(fields) if _BULLET in f]
    if blocky:  # Awesome-CV's \cventry{..}{..}{..}{..}{\begin{cvitems}\item ..}: the bullets follow the role
        i = blocky[-1]
        description = fields[i]
        fields = fields[:i] + fields[i + 1 :]
    elif len(fields) >= 5:  # \cventry: the last of 5 (Awesome-CV) or 6 (moderncv) is the description
        description = fields.pop()
    fields = [_oneline(f) for f in fields]
    dates = [f for f in fields if f and _is_dateish(f)]
    rest = [f for f in fields if f and f not in dates]
    head = ", ".join(rest[:2])
    if len(rest) > 2:
        head += " — " + ", ".join(rest[2:])
    line = head
    if dates:
        line = f"{head} | {' | '.join(dates)}" if head else " | ".join(dates)
    line = "\n" + line + "\n"
    if description.strip():
        line += description + "\n"
    return line


class _Converter:
    """One document: learns the file's own macros, then converts the body."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.expansions = 0
        self.depth = 0
        self.defined: dict[str, tuple[int, str | None, str]] = {}
        self.sectioned = False  # the file has \section: its \subsection is a level below

    def convert(self) -> str:
        lw = _latexwalker()
        wctx, tctx = _contexts()
        self.wctx = wctx

        def parse(text: str) -> list:
            return lw.LatexWalker(text, latex_context=wctx, tolerant_parsing=True).get_latex_nodes()[0]

        begin = _BEGIN_DOCUMENT.search(self.source)
        if begin is not None:
            # Preamble, body and each definition are parsed apart: a template macro that opens an
            # environment it does not close (\newcommand{\resumeListStart}{\begin{itemize}}) would
            # otherwise take the rest of the file into its definition, and the CV would read as empty.
            ends = list(_END_DOCUMENT.finditer(self.source, begin.end()))
            end = ends[-1].start() if ends else len(self.source)
            chunks = _DEFINITION_START.split(self.source[: begin.start(1)])
            preamble = [node for chunk in chunks if chunk.strip() for node in parse(chunk)]
            body = parse(self.source[begin.end(1) : end])
        else:
            body, preamble = _document_body(parse(self.source))
        # The file's own \newcommand macros: their calls were parsed with every brace
        # group that follows (see _groups_parser); the expansion takes as many as it needs.
        self.defined = {
            name: spec
            for name, spec in {**_definitions(preamble), **_definitions(body)}.items()
            if name not in _CV_MACROS and name not in _PERSONAL  # the template's layout of \resumeItem is not ours
        }
        self.sectioned = _SECTION.search(self.source) is not None
        personal = [n for n in preamble if n.isNodeType(lw.LatexMacroNode) and n.macroname in _PERSONAL]
        l2t = _to_text_class()(tctx, self)
        header = _personal_lines(personal, l2t)
        return header + "\n" + l2t.nodelist_to_text(body)

    def expand(self, node, l2tobj) -> str:  # type: ignore[no-untyped-def]
        """A call of a macro the file defines: its body with #1..#n replaced, as text."""
        nargs, default, body = self.defined[node.macroname]
        argd = node.nodeargd
        argnlist = list(argd.argnlist) if argd and argd.argnlist else []
        spec = (argd.argspec or "") if argd else ""
        optional = [a for i, a in enumerate(argnlist) if i < len(spec) and spec[i] == "[" and a is not None]
        groups = [a for i, a in enumerate(argnlist) if a is not None and not (i < len(spec) and spec[i] in "[*")]
        values: list[str] = []
        if default is not None and nargs:
            values.append(optional[0].latex_verbatim()[1:-1] if optional else default)
        take = max(0, nargs - len(values))
        values += [g.latex_verbatim() for g in groups[:take]]
        extra = " ".join(l2tobj._groupnodecontents_to_text(g) for g in groups[take:])  # groups after the call
        extra = " " + extra if extra.strip() else ""
        self.expansions += 1
        if self.expansions > _MAX_EXPANSIONS or self.depth >= _MAX_DEPTH:  # \newcommand{\a}{\a}: stop, keep the text
            return " ".join(l2tobj._groupnodecontents_to_text(g) for g in groups)
        code = re.sub(r"#([1-9])", lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values) else "", body)
        lw = _latexwalker()
        self.depth += 1
        try:
            nodes = lw.LatexWalker(code, latex_context=self.wctx, tolerant_parsing=True).get_latex_nodes()[0]
            return l2tobj.nodelist_to_text(nodes) + extra
        finally:
            self.depth -= 1


_SECTION = re.compile(r"^[^%\n]*\\section\*?\s*[\[{]", re.M)
_DEFINITION_START = re.compile(r"^(?=[ \t]*\\(?:newcommand|renewcommand|providecommand|DeclareRobustCommand)\b)", re.M)
_BEGIN_DOCUMENT = re.compile(r"^[^%\n]*?(\\begin\s*\{document\})", re.M)
_END_DOCUMENT = re.compile(r"\\end\s*\{document\}")


def _document_body(nodes):  # type: ignore[no-untyped-def]
    """(body nodes, preamble nodes): the ``document`` environment's, or everything."""
    lw = _latexwalker()
    for i, node in enumerate(nodes):
        if node.isNodeType(lw.LatexEnvironmentNode) and node.environmentname == "document":
            return node.nodelist, nodes[:i]
    return nodes, []


def _definitions(nodes) -> dict[str, tuple[int, str | None, str]]:  # type: ignore[no-untyped-def]
    """``\\newcommand{\\name}[n][default]{body}`` at any depth -> {name: (n, default or None, body)}."""
    lw = _latexwalker()
    found: dict[str, tuple[int, str | None, str]] = {}
    stack = list(nodes or ())
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if node.isNodeType(lw.LatexMacroNode) and node.macroname in ("newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"):
            args = node.nodeargd.argnlist if node.nodeargd else []
            if len(args) >= 5 and args[1] is not None and args[4] is not None:
                name = args[1].latex_verbatim().strip("{} \t\n").lstrip("\\")
                n = 0
                if args[2] is not None:
                    try:
                        n = int(args[2].latex_verbatim().strip("[] \t\n"))
                    except ValueError:
                        n = 0
                body = args[4].latex_verbatim()
                if body.startswith("{") and body.endswith("}"):
                    body = body[1:-1]
                default = args[3].latex_verbatim()[1:-1] if args[3] is not None else None
                if name and re.fullmatch(r"[A-Za-z@]+", name) and 0 <= n <= 9:
                    found[name] = (n, default, body)
            continue
        for attr in ("nodelist",):
            children = getattr(node, attr, None)
            if children:
                stack.extend(children)
    return found


def _personal_lines(macros, l2t) -> str:  # type: ignore[no-untyped-def]
    """moderncv / Awesome-CV preamble details (\\name, \\email, ...) as header lines."""
    if not macros:
        return ""
    lines: list[str] = []
    contact: list[str] = []
    for node in macros:
        args = [_tidy(_oneline(a)) for a in _args(node, l2t)]
        args = [a for a in args if a]
        if not args:
            continue
        name = node.macroname
        if name in ("name", "firstname", "familyname", "lastname", "author"):
            if name in ("familyname", "lastname") and lines:
                lines[0] = f"{lines[0]} {' '.join(args)}"
            else:
                lines.insert(0, " ".join(args))
        elif name in ("title", "position", "tagline", "quote"):
            lines.append(" ".join(args))
        else:
            contact.append(", ".join(args) if name == "address" else " ".join(args))
    if contact:
        lines.append(" | ".join(contact))
    return "\n".join(lines) + "\n"


def _groups_parser(max_groups: int, *, same_line: bool = False):  # type: ignore[no-untyped-def]
    """An argument parser taking an optional ``[...]`` and then every brace group that follows.

    TeX cannot say how many arguments a macro from a missing class takes; the
    groups written right after it (without a blank line in between, or on the
    same line with ``same_line``) are its arguments.
    """
    stop = "\n" if same_line else "\n\n"
    from pylatexenc import macrospec

    lw = _latexwalker()

    class GroupsParser(macrospec.MacroStandardArgsParser):
        def __init__(self) -> None:
            super().__init__(argspec="")

        def parse_args(self, w, pos, parsing_state=None):  # type: ignore[no-untyped-def]
            if parsing_state is None:
                parsing_state = w.make_parsing_state()
            argnlist = []
            p = pos
            opt = None
            if p < len(w.s) and w.s[p] == "[":
                found = w.get_latex_maybe_optional_arg(p, parsing_state=parsing_state)
                if found is not None:
                    opt, np_, nl = found
                    p = np_ + nl
            argnlist.append(opt)
            while len(argnlist) <= max_groups:
                try:
                    tok = w.get_token(p, parsing_state=parsing_state)
                except lw.LatexWalkerEndOfStream:
                    break
                if tok.tok == "comment" and stop not in (tok.pre_space or "") and not same_line:
                    p = tok.pos + tok.len
                    continue
                if tok.tok != "brace_open" or tok.arg != "{" or stop in (tok.pre_space or ""):
                    break
                node, np_, nl = w.get_latex_braced_group(tok.pos, parsing_state=parsing_state)
                argnlist.append(node)
                p = np_ + nl
            return macrospec.ParsedMacroArgs(argspec="[" + "{" * (len(argnlist) - 1), argnlist=argnlist), pos, p - pos

    return GroupsParser()


@lru_cache(maxsize=1)
def _contexts():  # type: ignore[no-untyped-def]
    """(walker context, text context): pylatexenc's defaults plus the CV macros above."""
    from pylatexenc import latex2text, macrospec
    from pylatexenc.latex2text import EnvironmentTextSpec, MacroTextSpec, SpecialsTextSpec
    from pylatexenc.latexwalker import get_default_latex_context_db

    wdefault = get_default_latex_context_db()
    tdefault = latex2text.get_default_latex_context_db()
    walker_known = {m.macroname for m in wdefault.iter_macro_specs()}
    text_known = {m.macroname for m in tdefault.iter_macro_specs()}
    walker_envs = {e.environmentname for e in wdefault.iter_environment_specs()}
    text_envs = {e.environmentname for e in tdefault.iter_environment_specs()}

    def std(name: str, spec: str):  # type: ignore[no-untyped-def]
        if spec == "groups":
            return macrospec.MacroSpec(name, args_parser=_groups_parser(_MAX_GROUPS))
        return macrospec.MacroSpec(name, args_parser=macrospec.MacroStandardArgsParser(spec))

    wmacros = []
    tmacros = []
    # Text macros pylatexenc knows how to render but its parser does not: no arguments.
    for name in text_known - walker_known:
        wmacros.append(std(name, ""))
    for name in (walker_known - text_known) - set(_CV_MACROS) - set(_PERSONAL):
        tmacros.append(MacroTextSpec(name, discard=True))  # \label, \color, \setlength ...
    for name, spec in _DISCARD_MACROS.items():
        wmacros.append(std(name, spec))
        tmacros.append(MacroTextSpec(name, discard=True))
    for name in _PERSONAL:
        wmacros.append(std(name, "groups"))
        tmacros.append(MacroTextSpec(name, simplify_repl=_personal))
    for name in _SWITCHES:
        wmacros.append(std(name, ""))
        tmacros.append(MacroTextSpec(name, discard=True))
    for name, spec in _SPACE_MACROS.items():
        wmacros.append(std(name, spec))
        tmacros.append(MacroTextSpec(name, simplify_repl=" "))
    for name, spec in _LINE_MACROS.items():
        wmacros.append(std(name, spec))
        tmacros.append(MacroTextSpec(name, simplify_repl="\n"))
    for name, (spec, kind) in _CV_MACROS.items():
        wmacros.append(std(name, spec))
        tmacros.append(MacroTextSpec(name, simplify_repl=_HANDLERS[kind]))
    tmacros.append(MacroTextSpec("textbar", simplify_repl="|"))
    tmacros.append(MacroTextSpec("textbullet", simplify_repl="•"))
    tmacros.append(MacroTextSpec("cdotp", simplify_repl="·"))

    wenvs = [macrospec.std_environment(name, "") for name in text_envs - walker_envs]  # center, flushleft ...
    wenvs += [macrospec.std_environment(name, spec) for name, spec in {**_ENTRY_ENVIRONMENTS, **_HEADING_ENVIRONMENTS}.items()]
    wenvs += [macrospec.std_environment(name, "[[{") for name in ("minipage",)]
    wenvs += [macrospec.std_environment(name, "{") for name in ("multicols", "multicols*", "paracol")]
    wenvs += [macrospec.std_environment(name, "{{") for name in ("adjustwidth",)]
    wenvs += [macrospec.std_environment(name, "[") for name in _LIST_ENVIRONMENTS]
    tenvs = [EnvironmentTextSpec(name, discard=True) for name in _DISCARD_ENVIRONMENTS]
    tenvs += [EnvironmentTextSpec(name, simplify_repl="\n%(body)s\n") for name in _LIST_ENVIRONMENTS]
    tenvs += [EnvironmentTextSpec(name, simplify_repl="\n%(body)s\n") for name in ("minipage", "multicols", "multicols*", "paracol", "adjustwidth")]
    tenvs += [EnvironmentTextSpec(name, simplify_repl=_entry_environment) for name in _ENTRY_ENVIRONMENTS]
    tenvs += [EnvironmentTextSpec(name, simplify_repl=_heading_environment) for name in _HEADING_ENVIRONMENTS]

    wctx = wdefault.filter_context()
    wctx.add_context_category("mlfit-cv", macros=wmacros, environments=wenvs, prepend=True)
    wctx.set_unknown_macro_spec(macrospec.MacroSpec("", args_parser=_groups_parser(_MAX_GROUPS)))
    wctx.set_unknown_environment_spec(macrospec.EnvironmentSpec("", args_parser=_groups_parser(4, same_line=True)))

    tctx = tdefault.filter_context()
    tctx.add_context_category(
        "mlfit-cv",
        macros=tmacros,
        environments=tenvs,
        specials=[SpecialsTextSpec("&", " | ")],  # table cells
        prepend=True,
    )
    tctx.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_keep_arguments))
    tctx.set_unknown_environment_spec(EnvironmentTextSpec("", simplify_repl=_unknown_environment))
    return wctx, tctx


@lru_cache(maxsize=1)
def _to_text_class():  # type: ignore[no-untyped-def]
    from pylatexenc import latex2text

    lw = _latexwalker()

    class CvLatexNodes2Text(latex2text.LatexNodes2Text):
        """LatexNodes2Text with LaTeX's own spacing and ``\\iffalse`` / ``\\def`` skipping."""

        def __init__(self, latex_context, converter: _Converter) -> None:
            super().__init__(latex_context=latex_context, math_mode="text", strict_latex_spaces=False)
            self.converter = converter

        def nodelist_to_text(self, nodelist):  # type: ignore[no-untyped-def]
            return super().nodelist_to_text(_skip_dead_code(nodelist or []))

        def chars_node_to_text(self, node, textcol=0):  # type: ignore[no-untyped-def]
            # One newline is a space in LaTeX; a blank line ends a paragraph.
            parts = _PARAGRAPH.split(node.chars)
            return "\n".join(_SPACE_RUN.sub(" ", part) for part in parts)

        def macro_node_to_text(self, node):  # type: ignore[no-untyped-def]
            if node.macroname in self.converter.defined:
                return self.converter.expand(node, self)
            return super().macro_node_to_text(node)

        def comment_node_to_text(self, node):  # type: ignore[no-untyped-def]
            return ""  # a comment also eats its end of line, as in TeX

        def group_node_to_text(self, node):  # type: ignore[no-untyped-def]
            return self._groupnodecontents_to_text(node)

    def _skip_dead_code(nodes):  # type: ignore[no-untyped-def]
        """Drop ``\\iffalse ... \\fi`` and ``\\def\\name...{...}`` at this level."""
        names = {n.macroname for n in nodes if n is not None and n.isNodeType(lw.LatexMacroNode)}
        if not names & {"iffalse", "def", "gdef", "edef", "xdef", "let"}:
            return nodes
        out = []
        depth = 0
        skip_def = 0
        for node in nodes:
            is_macro = node is not None and node.isNodeType(lw.LatexMacroNode)
            name = node.macroname if is_macro else None
            if depth:
                if name and name.startswith("if"):
                    depth += 1
                elif name == "fi":
                    depth -= 1
                elif name == "else" and depth == 1:
                    depth = 0
                continue
            if skip_def:
                if node is not None and node.isNodeType(lw.LatexGroupNode):
                    skip_def = 0
                continue
            if name == "iffalse":
                depth = 1
                continue
            if name in ("def", "gdef", "edef", "xdef"):
                skip_def = 1  # the name, the parameter text, then the body group
                continue
            if name == "let":
                continue
            out.append(node)
        return out

    return CvLatexNodes2Text


# --- macro handlers (simplify_repl callables; pylatexenc passes node and l2tobj) ---------


def _args(node, l2tobj) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every brace argument (the optional one and empty ones left out)."""
    argd = node.nodeargd
    if not argd or not argd.argnlist:
        return []
    spec = argd.argspec or ""
    out = []
    for i, arg in enumerate(argd.argnlist):
        if arg is None:
            continue
        kind = spec[i] if i < len(spec) else "{"
        if kind in "[*":
            continue
        out.append(l2tobj._groupnodecontents_to_text(arg))
    return out


def _optional(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    argd = node.nodeargd
    if not argd or not argd.argnlist:
        return ""
    spec = argd.argspec or ""
    for i, arg in enumerate(argd.argnlist):
        if arg is not None and i < len(spec) and spec[i] == "[":
            return _oneline(l2tobj._groupnodecontents_to_text(arg))
    return ""


def _heading(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [a for a in _args(node, l2tobj) if _oneline(a)]
    title = _oneline(args[-1]) if args else ""
    if title and getattr(node, "macroname", None) == "subsection" and l2tobj.converter.sectioned and not _names_a_section(title):
        # Under \section (Deedy and friends), a \subsection is an entry ("University of ...")
        # or a group label in a skills list, unless its words name a section.
        return f"\n{title}\n"
    return f"\n{_HEAD}{title}\n" if title else "\n"


def _names_a_section(title: str) -> bool:
    from mlfit.model import Line
    from mlfit.sections import heading_name

    return heading_name(Line(0, title)) not in (None, "other")


def _subheading(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj) if _oneline(a)]
    return "\n" + " ".join(args) + "\n" if args else "\n"


def _item(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    label = _optional(node, l2tobj)
    if label and any(c.isalnum() for c in label):
        return f"\n{_BULLET}{label.rstrip(':')}: "
    return f"\n{_BULLET}"


def _bullet(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    args = [a for a in args if a]
    if not args:
        return ""
    if len(args) == 1:
        return f"\n{_BULLET}{args[0]}\n"
    head, rest = args[0], " ".join(args[1:])  # sb2nov's \resumeItem{Title}{Description}
    return f"\n{_BULLET}{head.rstrip(':')}: {rest.lstrip(': ')}\n"


def _achievement(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    args = [a for a in args if a and any(c.isalnum() for c in a)]  # the first is an icon
    return f"\n{_BULLET}{': '.join(args)}\n" if args else ""


def _entry(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    return _entry_line(_args(node, l2tobj), two_rows=node.macroname in ("resumeSubheading", "resumeHeading"))


def _labelled(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [a for a in (_oneline(x) for x in _args(node, l2tobj))]
    if not any(args):
        return ""
    label, rest = args[0], [a for a in args[1:] if a]
    if not label:
        return "\n" + " ".join(rest) + "\n"
    if not rest:
        return "\n" + label + "\n"
    text = f"{label.rstrip(':')}: {rest[0].lstrip(': ')}"
    if len(rest) > 1:
        text += f" ({', '.join(rest[1:])})"
    return "\n" + text + "\n"


def _double(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    out = ""
    for label, text in zip(args[0::2], args[1::2], strict=False):
        if label or text:
            out += f"\n{label}: {text}" if label and text else f"\n{label or text}"
    return out + "\n"


def _tag(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    return f"{args[0]}, " if args and args[0] else ""


def _href(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = _args(node, l2tobj)
    if not args:
        return ""
    text = args[-1] if len(args) > 1 else args[0]
    if not _oneline(text):
        url = _oneline(args[0]) if len(args) > 1 else ""
        return url.removeprefix("mailto:").removeprefix("tel:")
    return text


def _plain(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    return "".join(_args(node, l2tobj))


def _second(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = _args(node, l2tobj)
    return args[-1] if args else ""


def _paren(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    return f" ({' '.join(args)})" if any(args) else ""


def _personal(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    """\\email{..} inside \\personalinfo{..}, or in the body: its text, then a separator."""
    args = [_oneline(a) for a in _args(node, l2tobj)]
    args = [a for a in args if a]
    return (" ".join(args) + " | ") if args else ""


def _keep_arguments(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    """An unknown macro: the text of its brace arguments, lengths and scale factors left out."""
    args = [a for a in _args(node, l2tobj)]
    kept = [a for a in args if a.strip() and not _DIMENSION.match(_oneline(a))]
    if len(kept) <= 1:
        return kept[0] if kept else ""
    return " ".join(a.strip() for a in kept)


def _unknown_environment(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    args = [_oneline(a) for a in _args(node, l2tobj)]
    args = [a for a in args if a and not _DIMENSION.match(a)]
    head = ("\n" + " ".join(args) + "\n") if args else ""
    return head + l2tobj.nodelist_to_text(node.nodelist)


def _entry_environment(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    return _entry_line(_args(node, l2tobj), two_rows=True) + "\n" + l2tobj.nodelist_to_text(node.nodelist) + "\n"


def _heading_environment(node, l2tobj) -> str:  # type: ignore[no-untyped-def]
    return _heading(node, l2tobj) + l2tobj.nodelist_to_text(node.nodelist) + "\n"


_HANDLERS = {
    "heading": _heading,
    "subheading": _subheading,
    "item": _item,
    "bullet": _bullet,
    "achievement": _achievement,
    "entry": _entry,
    "labelled": _labelled,
    "double": _double,
    "tag": _tag,
    "href": _href,
    "plain": _plain,
    "second": _second,
    "paren": _paren,
}
