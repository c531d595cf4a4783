"""The sentiment recipe's folding: one linear head over a pair's vector is the two encoders' heads averaged."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from assistant.sentiment import VADER_SCALE
from assistant.training import SentimentRecipe, _Tweets, fit_sentiment


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _pair(seed: int, n: int = 300) -> tuple[np.random.Generator, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                              np.ndarray, np.ndarray]:
    """Two encoders' unit vectors for ``n`` labelled texts, every other one English with VADER's scores; the
    generator goes on for what a test draws next. The pair's vector is what ConcatEncoder.encode gives."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    a = _unit(rng.normal(size=(n, 8)) + np.eye(3, 8)[y])
    b = _unit(rng.normal(size=(n, 6)) + 0.5 * np.eye(3, 6)[y])
    english = np.arange(n) % 2 == 0
    vader = np.where(english[:, None], rng.random((n, 4)), 0).astype(np.float32)
    return rng, y, a, b, english, vader, np.hstack([a, b]) / np.sqrt(2.0)


def _english_heads_mixed(parts: tuple[np.ndarray, ...], y: np.ndarray, fitted_on: np.ndarray, scored_on: np.ndarray,
                         c: float, weights: tuple[float, float] = (0.8, 0.2)) -> np.ndarray:
    """What the folded English head must give: each encoder's logistic regression over [its vector, the
    extra columns], their log-probabilities mixed by ``weights`` and renormalised."""
    lp = [LogisticRegression(C=c, max_iter=2000).fit(np.hstack([part, fitted_on]), y)
          .predict_log_proba(np.hstack([part, scored_on])) for part in parts]
    mixed = weights[0] * lp[0] + weights[1] * lp[1]
    expected = np.exp(mixed - mixed.max(1, keepdims=True))
    return expected / expected.sum(1, keepdims=True)


def test_a_pair_of_encoders_heads_fold_into_one_head_over_the_pair_vector() -> None:
    _, y, a, b, english, vader, pair = _pair(0)
    n = len(y)
    tweets = _Tweets([f"t{i}" for i in range(n)], english, y, pair, [a, b], vader)
    recipe = SentimentRecipe(part_weights=(1.0, 0.0), english_part_weights=(0.8, 0.2))
    model = fit_sentiment(tweets, recipe, words=False)

    extra = np.hstack([recipe.vader * vader, (~english)[:, None]])
    # an English message: the "not English" flag is 0
    expected = _english_heads_mixed((a, b), y, extra, np.hstack([recipe.vader * vader, np.zeros((n, 1))]),
                                    recipe.english_c)
    got = model.english.probabilities(np.hstack([pair, VADER_SCALE * vader]))
    np.testing.assert_allclose(got, expected, atol=1e-4)

    general = LogisticRegression(C=recipe.c, max_iter=2000).fit(a, y)  # French: the first encoder alone
    np.testing.assert_allclose(model.head.probabilities(pair), general.predict_proba(a), atol=1e-4)


def test_the_english_heads_style_columns_fold_at_the_scale_style_features_gives() -> None:
    from assistant.sentiment import STYLE_FEATURES, style_features

    rng, y, a, b, english, vader, pair = _pair(1)
    n = len(y)
    style = np.where(english[:, None], rng.random((n, STYLE_FEATURES)) + 0.3 * y[:, None], 0).astype(np.float32)
    tweets = _Tweets([f"t{i}" for i in range(n)], english, y, pair, [a, b], vader, style)
    recipe = SentimentRecipe(english_part_weights=(0.8, 0.2), style=2.0)
    model = fit_sentiment(tweets, recipe, words=False)

    extra = np.hstack([recipe.vader * vader, recipe.style * style, (~english)[:, None]])
    expected = _english_heads_mixed(
        (a, b), y, extra, np.hstack([recipe.vader * vader, recipe.style * style, np.zeros((n, 1))]), recipe.english_c)
    got = model.english.probabilities(np.hstack([pair, VADER_SCALE * vader, style]))
    np.testing.assert_allclose(got, expected, atol=1e-4)
    assert model.style is not None
    assert "style" not in fit_sentiment(tweets, SentimentRecipe(), words=False).text_models()
    assert list(style_features("WOW I can't wait!!! :) sooo")) == pytest.approx(
        [np.log1p(3), 0.0, 1 / 5, 1 / 3, 0.5, 0.0, 0.5])


def test_words_of_distress_weigh_a_turn_toward_negative() -> None:
    from assistant.config import load_config
    from assistant.sentiment import SentimentHead
    from assistant.training import head_path
    from knowledge.encoders import load_encoder

    encoder = load_encoder("use-m3")
    head = SentimentHead.load(head_path(load_config(None), "sentiment", encoder.name))
    text = "C'est une honte, je suis cliente depuis 10 ans"  # tweets taught the head little of this
    vector = encoder.encode([text], query=True)[0]
    plain, upset = head.classify(vector, text, "fr"), head.classify(vector, text, "fr", distress=True)
    assert upset.score < plain.score - 0.2 and upset.label == "negative", (plain, upset)
    calm = "merci beaucoup, super service"
    vector = encoder.encode([calm], query=True)[0]
    assert head.classify(vector, calm, "fr").label == "positive"
