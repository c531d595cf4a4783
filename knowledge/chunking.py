"""Cutting article bodies into passages small enough to embed well."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# a paragraph that is a heading: short, one line, at most one sentence ("Délais de déclaration.", "Tempête et grêle")
_HEADING = re.compile(r"^[^.!?…]{1,80}[.:]?$")


def chunk_text(text: str, max_chars: int = 600) -> list[str]:
    """Paragraphs packed into chunks of at most ``max_chars``; long paragraphs split on sentences."""
    text = text.strip()
    if not text:
        return []
    if len(text) <= max_chars:
        return [text]
    paras = [p for p in (" ".join(para.split()) for para in re.split(r"\n\s*\n", text)) if p]
    pieces: list[tuple[str, bool]] = []  # (text, whether it opens a section)
    for i, para in enumerate(paras):
        # a heading: short, and followed by a paragraph that is not one (a list of short lines is no heading)
        if _HEADING.match(para) and i + 1 < len(paras) and not _HEADING.match(paras[i + 1]):
            continue  # it opens the paragraph after it, below
        heading = paras[i - 1] if i and _HEADING.match(paras[i - 1]) and not _HEADING.match(para) else ""
        # "If you smell gas" over "If you smell gas, act straight away…" is said once
        said = "" if para.lower().startswith(heading.rstrip(" .:").lower()) else heading
        joined = f"{said} {para}".strip()
        parts = [joined] if len(joined) <= max_chars else _split_long(joined, max_chars)
        pieces.extend((part, bool(heading) and n == 0) for n, part in enumerate(parts))
    chunks: list[str] = []
    current = ""
    for piece, opens in pieces:
        # a section opens a passage, unless what comes before is only a heading (the article's own, above the first)
        if current and (opens and not _HEADING.match(current) or len(current) + 1 + len(piece) > max_chars):
            chunks.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    if current:
        chunks.append(current)
    return chunks


def _split_long(para: str, max_chars: int) -> list[str]:
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(para):
        while len(sentence) > max_chars:  # a run-on sentence: cut on a word boundary
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > max_chars:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out


def snippet(text: str, max_chars: int = 240) -> str:
    head = " ".join(text[: max_chars * 4].split())  # a search makes one a hit: not the whole article
    text = head if len(head) > max_chars or len(text) <= max_chars * 4 else " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars - 1)
    return text[: cut if cut > 0 else max_chars - 1] + "…"
