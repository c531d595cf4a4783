"""Which documents an answer cites (the knowledge base's translations are a seam of ours: a stub here)."""
from __future__ import annotations

from types import SimpleNamespace

from assistant.dialogue import Dialogue
from knowledge.base import Hit

LANGUAGE = {"data-en": "en", "data-fr": "fr", "roaming-en": "en", "roaming-fr": "fr", "depot-fr": "fr"}
TWIN = {"data-en": "data-fr", "data-fr": "data-en", "roaming-en": "roaming-fr", "roaming-fr": "roaming-en"}


class _Knowledge:
    def translation(self, document_id: str, language: str | None) -> Hit | None:
        other = TWIN.get(document_id)
        return Hit(other, 0.0, other.upper(), "", language, "") if other and LANGUAGE[other] == language else None

    def translations(self, document_id: str) -> set[str]:
        return {TWIN[document_id]} if document_id in TWIN else set()


def _hit(document_id: str, score: float) -> Hit:
    return Hit(document_id, score, document_id.upper(), "", LANGUAGE[document_id], "")


def test_an_answer_cites_each_document_once_in_its_own_language_where_it_has_a_translation() -> None:
    dialogue = object.__new__(Dialogue)
    dialogue._kb, dialogue._cfg = _Knowledge(), SimpleNamespace(max_sources=4)  # type: ignore[attr-defined]
    hits = [_hit("data-en", 0.80), _hit("roaming-fr", 0.78), _hit("data-fr", 0.77), _hit("depot-fr", 0.76)]
    cited = [s["document_id"] for s in dialogue._cited(hits, "en")]
    # roaming in English; the data article's French twin not again; a French article with no English one as it is
    assert cited == ["data-en", "roaming-en", "depot-fr"]
    assert [s["document_id"] for s in dialogue._cited(hits)] == ["data-en", "roaming-fr", "depot-fr"]
    far = [_hit("data-en", 0.80), _hit("roaming-fr", 0.70)]  # not close behind the best: not cited
    assert [s["document_id"] for s in dialogue._cited(far, "en")] == ["data-en"]


def test_options_offered_are_one_topic_each_and_keep_a_topic_written_only_in_the_other_language() -> None:
    """"I want to cancel my electricity contract": the French article on it (written in French only) stays among the
    options beside the English ones; an article whose English twin is offered is not offered twice."""
    from assistant.dialogue import one_topic_each

    near = [Hit("depot-fr", 0.40, "Dépôt", "", "fr", ""), Hit("roaming-en", 0.37, "Roaming", "", "en", ""),
            Hit("roaming-fr", 0.36, "Itinérance", "", "fr", "")]
    kept = one_topic_each(near, "en", _Knowledge().translations)
    assert [h.document_id for h in kept] == ["depot-fr", "roaming-en"]
