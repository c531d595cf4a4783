"""Reading documents from files: JSON, JSONL, CSV and Markdown.

- JSON: ``{"documents": [...]}`` or a list of documents (fields as the API's).
- JSONL: one document per line.
- CSV: columns ``id``, ``title``, ``text``, optional ``questions`` (separated by ``|``),
  ``language``, ``tags`` (``|``); or ``question``/``answer`` pairs (rows with the same
  answer become one document, tagged ``file:<its path>``: ``tandem ingest`` of the file again
  removes its documents that are no longer in it, an answer edited included).
- Markdown: one document per file; the first ``# heading`` is the title, the id is the
  file name without its extension.
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


def _doc(d: dict[str, Any], language: str | None) -> DocumentIn:
    if not isinstance(d, dict) or not d.get("id") or not d.get("text"):
        raise ValueError(f"a document needs an id and a text: {str(d)[:80]}")
    questions = d.get("questions") or []
    if isinstance(questions, str):
        questions = [q for q in questions.split("|") if q.strip()]
    tags = d.get("tags") or []
    if isinstance(tags, str):
        tags = [t for t in tags.split("|") if t.strip()]
    return DocumentIn(
        id=str(d["id"]), title=str(d.get("title") or d["id"]), text=str(d["text"]),
        questions=tuple(q.strip() for q in questions), language=d.get("language") or language,
        tags=tuple(t.strip() for t in tags),
    )


def source_tag(path: Path) -> str:
    """The tag of the documents a question/answer file makes (their ids come from their answers): ``file:`` and the
    file's whole path (``fr/faq.csv`` and ``en/faq.csv`` are two files)."""
    return f"file:{path.resolve()}"


def _from_csv(path: Path, language: str | None) -> list[DocumentIn]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = []
        for r in reader:
            if None in r or None in r.values():
                raise ValueError(f"{path}, line {reader.line_num}: not as many fields as the header has "
                                 "(a field with a comma in it goes between double quotes)")
            rows.append(r)
    if not rows:
        return []
    cols = {c.lower(): c for c in rows[0]}
    if "text" in cols and "id" in cols:
        return [_doc({k.lower(): v for k, v in r.items()}, language) for r in rows]
    q, a = cols.get("question"), cols.get("answer")
    if not q or not a:
        raise ValueError(f"{path}: CSV needs id,title,text or question,answer columns")
    grouped: dict[str, list[str]] = {}
    for r in rows:
        grouped.setdefault(r[a].strip(), []).append(r[q].strip())
    return [
        DocumentIn(id="faq-" + hashlib.sha1(answer.encode()).hexdigest()[:12], title=qs[0], text=answer,
                   questions=tuple(qs), language=language, tags=(source_tag(path),))
        for answer, qs in grouped.items() if answer
    ]


def _from_markdown(path: Path, language: str | None) -> DocumentIn:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    title = m.group(1).strip() if m else path.stem.replace("-", " ")
    body = (text[: m.start()] + text[m.end():]).strip() if m else text.strip()
    return DocumentIn(id=path.stem, title=title, text=body or title, language=language)


def read_file(path: Path, language: str | None = None) -> list[DocumentIn]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["documents"] if isinstance(data, dict) else data
        return [_doc(d, language) for d in items]
    if suffix == ".jsonl":
        return [_doc(json.loads(line), language) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if suffix == ".csv":
        return _from_csv(path, language)
    if suffix in (".md", ".markdown"):
        return [_from_markdown(path, language)]
    raise ValueError(f"{path}: unsupported file type {suffix}")


def read_documents(paths: Iterable[Path], language: str | None = None) -> list[DocumentIn]:
    """Every document of the files and folders ``paths``; ValueError naming the file when one cannot be read."""
    docs: list[DocumentIn] = []
    for path in paths:
        if not path.exists():
            raise ValueError(f"{path}: no such file or folder")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                docs.extend(read_file(f, language))
            except (KeyError, TypeError, UnicodeDecodeError) as exc:
                raise ValueError(f"{f}: {exc.__class__.__name__}: {exc}") from exc
            except ValueError as exc:
                raise ValueError(str(exc) if str(f) in str(exc) else f"{f}: {exc}") from exc
    return docs
