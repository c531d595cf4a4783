"""Reading documents from files: JSON, JSONL, CSV and Markdown.

- JSON: ``{"documents": [...]}`` or a list of documents (fields as the API's).
- JSONL: one document per line.
- CSV: columns ``id``, ``title``, ``text``, optional ``questions`` (separated by ``|``),
  ``language``, ``tags`` (``|``); or ``question``/``answer`` pairs (rows with the same
  answer become one document, tagged ``file:<its path>``: ``tandem ingest`` of the file again
  removes its documents that are no longer in it, an answer edited included). Saved by a spreadsheet as
  it is: UTF-8 with or without its byte-order mark, fields separated by commas, semicolons or tabs.
- Markdown: one document per file; the first ``# heading`` is the title, the id is the
  file name without its extension; a front matter (``---`` lines around ``id:``, ``title:``,
  ``language:``, ``tags:`` and ``questions:`` with ``- `` items) gives them and the phrasings.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from knowledge.base import DocumentIn


# a language as a code ("fr", "en", "pt-BR"), not a name ("français")
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _doc(d: dict[str, Any], language: str | None) -> DocumentIn:
    if not isinstance(d, dict) or not d.get("id") or not d.get("text"):
        raise ValueError(f"a document needs an id and a text: {str(d)[:80]}")
    said = d.get("language")
    if said and not (isinstance(said, str) and _LANGUAGE_CODE.match(said)):
        raise ValueError(f"document {d['id']}: language {said!r} is not a language code such as \"en\" or \"fr\"")
    questions = d.get("questions") or []
    if isinstance(questions, str):
        questions = [q for q in questions.split("|") if q.strip()]
    tags = d.get("tags") or []
    if isinstance(tags, str):
        tags = [t for t in tags.split("|") if t.strip()]
    return DocumentIn(
        id=str(d["id"]), title=str(d.get("title") or d["id"]), text=str(d["text"]),
        questions=tuple(q.strip() for q in questions), language=d.get("language") or language,
        tags=tuple(t.strip() for t in tags), translation_of=str(d["translation_of"]).strip() or None
        if d.get("translation_of") else None,
    )


def source_tag(path: Path) -> str:
    """The tag of the documents a question/answer file makes (their ids come from their answers): ``file:`` and the
    file's whole path (``fr/faq.csv`` and ``en/faq.csv`` are two files)."""
    return f"file:{path.resolve()}"


def csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV file's header and its rows with their line numbers, as a spreadsheet saves it (UTF-8 with or without its
    byte-order mark; commas, semicolons or tabs); ValueError naming the file and the line of a row whose fields do
    not match the header."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            head = f.readline()  # the header line says which separator the file uses
            f.seek(0)
            counts = {sep: head.count(sep) for sep in (",", ";", "\t")}
            delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
            reader = csv.DictReader(f, delimiter=delimiter)
            rows = []
            for r in reader:
                if None in r or None in r.values():
                    raise ValueError(f"{path}:{reader.line_num}: not as many fields as the header has (a field with "
                                     f"a {'comma' if delimiter == ',' else 'separator'} in it goes between double "
                                     "quotes)")
                rows.append((reader.line_num, r))
            return list(reader.fieldnames or []), rows
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text (save it as \"CSV UTF-8\")") from None


# the columns a spreadsheet may give in French or in other words ("titre", "réponse")
_ALIASES = {"titre": "title", "texte": "text", "contenu": "text", "content": "text", "body": "text",
            "langue": "language", "reponse": "answer", "réponse": "answer"}


def _from_csv(path: Path, language: str | None) -> list[DocumentIn]:
    header, rows = csv_rows(path)
    if not rows:
        return []
    named = {c: _ALIASES.get(c.strip().lower(), c.strip().lower()) for c in header}
    cols = set(named.values())
    if "text" in cols and "id" in cols:
        if "question" in cols and "questions" not in cols:  # one phrasing a row, or several with "|"
            named = {c: "questions" if n == "question" else n for c, n in named.items()}
        docs = []
        for line, r in rows:
            try:
                docs.append(_doc({named[k]: v for k, v in r.items()}, language))
            except ValueError as exc:
                raise ValueError(f"{path}:{line}: {exc}") from None
        return docs
    if not {"question", "answer"} <= cols:
        raise ValueError(f"{path}: CSV needs id,title,text or question,answer columns (found: {', '.join(header)})")
    grouped: dict[str, list[str]] = {}
    for _, r in rows:
        row = {named[k]: (v or "").strip() for k, v in r.items()}
        grouped.setdefault(row["answer"], []).append(row["question"])
    # named by its file and first question, not its answer: an answer edited in the spreadsheet replaces the document it
    # was (its citations stay good), rather than leaving the old answer beside the new one; two answers under the same
    # first question (or a sheet of another file asking it too) are two documents still
    docs, named = [], set()
    for answer, qs in grouped.items():
        if not answer:
            continue
        key = f"{path.name}\x00{' '.join(qs[0].lower().split())}"
        doc_id = "faq-" + hashlib.sha1(key.encode()).hexdigest()[:12]
        if doc_id in named:
            doc_id = "faq-" + hashlib.sha1(f"{key}\x00{answer}".encode()).hexdigest()[:12]
        named.add(doc_id)
        docs.append(DocumentIn(id=doc_id, title=qs[0], text=answer, questions=tuple(qs), language=language,
                               tags=(source_tag(path),)))
    return docs


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def _front_matter(path: Path, block: str) -> dict[str, Any]:
    """``key: value`` lines, and lists as ``- item`` lines under ``key:`` (or ``[a, b]``): the front matter's fields."""
    fields: dict[str, Any] = {}
    listing: str | None = None
    for n, line in enumerate(block.splitlines(), 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("- ") and listing is not None:
            fields[listing].append(line.lstrip()[2:].strip().strip("\"'"))
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in ("id", "title", "language", "tags", "questions", "translation_of"):
            raise ValueError(f"{path}:{n}: front matter takes id, title, language, tags, questions and translation_of, "
                             f"not {line!r}")
        value = value.strip()
        if key in ("tags", "questions"):
            # [a, b]; a list of "- " lines below; or one item on the line itself ("questions: Comment faire ?")
            items = value[1:-1].split(",") if value.startswith("[") and value.endswith("]") else [value] if value else []
            fields[key] = [i.strip().strip("\"'") for i in items if i.strip()]
            listing = key if not value else None
        else:
            fields[key], listing = value.strip("\"'"), None
    return fields


_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?\|?[ \t]*$")


def _tables_as_rows(body: str, colon: str) -> str:
    """A Markdown table as a line for each of its rows, said as a chat can show it: "| Poids | Point relais | Domicile
    |" over "| Jusqu'à 1 kg | 5,90 € | 7,90 € |" is "Jusqu'à 1 kg : Point relais 5,90 €, Domicile 7,90 €." (two
    columns: "Reste du monde : non couverts."), each row a sentence a short answer can keep alone."""
    lines = body.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (i + 1 < len(lines) and (head := _TABLE_ROW.match(lines[i])) is not None
                and _TABLE_RULE.match(lines[i + 1]) is not None):
            names = [c.strip() for c in head.group(1).split("|")]
            i += 2
            while i < len(lines) and (row := _TABLE_ROW.match(lines[i])) is not None:
                cells = [c.strip() for c in row.group(1).split("|")]
                cells = ["" if c in ("—", "–", "-", "--") else c for c in cells]  # a cell left blank with a dash
                first, rest = cells[0], [(n, c) for n, c in zip(names[1:], cells[1:]) if c]
                said = (", ".join(c for _, c in rest) if len(names) <= 2
                        else ", ".join(f"{n} {c}" if n else c for n, c in rest))
                line = f"{first}{colon} {said}" if first and said else first or said
                out.append(line if not line or line[-1] in ".!?…" else f"{line}.")
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _plain(body: str, language: str | None = None) -> str:
    """Markdown's marks taken out of an article's text, which a chat shows as it is: a section's heading is a line of
    its own leading into its section ("## Délais" → "Délais :", "## Insurance" → "Insurance:"), so that a short answer
    reads it with the section's first sentence ("Insurance: Every ride includes…") and never alone, nor bare at its
    end; bold is plain, a link is its text and address."""
    colon = " :" if language == "fr" else ":"
    body = _tables_as_rows(body, colon)
    body = _HEADING.sub(lambda m: m.group(1) if m.group(1)[-1] in ".:?!" else f"{m.group(1)}{colon}", body)
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1 (\2)", body))


def _from_markdown(path: Path, language: str | None) -> DocumentIn:
    text = path.read_text(encoding="utf-8-sig")
    front: dict[str, Any] = {}
    if (m := _FRONT.match(text)) is not None:
        front, text = _front_matter(path, m.group(1)), text[m.end():]
    m = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    title = front.get("title") or (m.group(1).strip() if m else path.stem.replace("-", " "))
    body = _plain((text[: m.start()] + text[m.end():]).strip() if m else text.strip(),
                  front.get("language") or language)
    if not body:
        raise ValueError(f"{path}: no text under its title")
    return _doc({"id": front.get("id") or path.stem, "title": title, "text": body,
                 "questions": front.get("questions") or [], "tags": front.get("tags") or [],
                 "language": front.get("language"), "translation_of": front.get("translation_of")}, language)


def read_file(path: Path, language: str | None = None) -> list[DocumentIn]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        items = data.get("documents") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ValueError(f'{path}: a JSON file holds {{"documents": [...]}} or a list of documents')
        return [_doc(d, language) for d in items]
    if suffix == ".jsonl":
        docs = []
        for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(_doc(json.loads(line), language))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg}, column {exc.colno})") from None
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: {exc}") from None
        return docs
    if suffix == ".csv":
        return _from_csv(path, language)
    if suffix in (".md", ".markdown"):
        return [_from_markdown(path, language)]
    raise ValueError(f"{path}: unsupported file type {suffix}")


READABLE = (".json", ".jsonl", ".csv", ".md", ".markdown")


def read_documents(paths: Iterable[Path], language: str | None = None,
                   skipped: list[Path] | None = None, empty: list[Path] | None = None) -> list[DocumentIn]:
    """Every document of the files and folders ``paths``; ValueError naming the file when one cannot be read. In a
    folder, files of another kind (a script, a README.txt, hidden files) are left out, listed in ``skipped``; files
    read that hold no document (a spreadsheet saved with its header only) are listed in ``empty``."""
    docs: list[DocumentIn] = []
    for path in paths:
        if not path.exists():
            raise ValueError(f"{path}: no such file or folder")
        files = [path]
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            files = [p for p in found if p.suffix.lower() in READABLE]
            if skipped is not None:
                skipped.extend(p for p in found if p.suffix.lower() not in READABLE)
        for f in files:
            try:
                found_in = read_file(f, language)
                if not found_in and empty is not None:
                    empty.append(f)
                docs.extend(found_in)
            except UnicodeDecodeError:
                raise ValueError(f"{f}: not UTF-8 text (save it as UTF-8)") from None
            except (KeyError, TypeError) as exc:
                raise ValueError(f"{f}: {exc.__class__.__name__}: {exc}") from exc
            except ValueError as exc:
                raise ValueError(str(exc) if str(f) in str(exc) else f"{f}: {exc}") from exc
    return docs
