"""A company's own configuration files: what they leave out is the shipped one's, what is wrong is said at once."""
from pathlib import Path

import pytest

from assistant.config import SHIPPED_DIR, ConfigError, load_config
from assistant.tone import TonePolicy
from handoff.policy import EscalationPolicy, TurnSignals
from handoff.rules import RulesError, unknown_keys

SHIPPED_ESCALATION = SHIPPED_DIR / "escalation.toml"
SHIPPED_TONE = SHIPPED_DIR / "tone.toml"


def _request(text: str) -> TurnSignals:
    return TurnSignals(seq=1, text=text, human_request=True, sensitive_topic=None, in_scope=False, top_document=None,
                       top_score=0.0, sentiment=0.0, tier=None)


def test_an_escalation_file_that_changes_one_table_leaves_every_other_rule_on(tmp_path: Path) -> None:
    own = tmp_path / "escalation.toml"
    own.write_text('[premium_upset]\ntiers = ["gold"]\n', encoding="utf-8")
    policy = EscalationPolicy.load(own, defaults=SHIPPED_ESCALATION)
    decided = policy.decide(_request("je veux parler à un conseiller"))
    assert decided is not None and decided.reason == "human_request", decided
    assert policy.rules["premium_upset"]["tiers"] == ["gold"]
    assert policy.rules["out_of_scope"]["consecutive"] >= 1
    # read alone (no shipped file to stand on), the same file has no rule for a person asked for
    assert EscalationPolicy.load(own).decide(_request("je veux parler à un conseiller")) is None


@pytest.mark.parametrize("text, said", [
    ('[out_of_scope]\nconsecutive = "deux"\n', "out_of_scope.consecutive should be a number, not 'deux'"),
    ("[human_request]\nenabled = 1\n", "human_request.enabled should be true or false"),
    ("[out_of_scope\n", "not valid TOML"),
])
def test_a_value_of_the_wrong_kind_or_a_broken_file_is_said_with_the_file(tmp_path: Path, text: str,
                                                                          said: str) -> None:
    own = tmp_path / "escalation.toml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        EscalationPolicy.load(own, defaults=SHIPPED_ESCALATION)
    assert str(own) in str(caught.value) and said in str(caught.value), caught.value


def test_a_misspelt_key_is_named_and_a_map_s_own_keys_are_not() -> None:
    base = {"formality": {"informal_segments": ["student"]}, "priority": {"base": 1.0, "tier": {"premium": 2.0}},
            "words": {"fr": {"vous": {"greeting": "Bonjour"}}}}
    own = {"formalty": {}, "priority": {"tier": {"platinum": 3.0}, "bse": 2.0},
           "words": {"fr": {"vous": {"greting": "Salut"}, "familier": {"anything": "x"}}, "es": {"usted": {}}}}
    # a register or a language the policy never speaks is named too: "[words.fr.formal]" written for
    # "[words.fr.vous]" would leave the company's product names unsaid
    assert sorted(unknown_keys(own, base)) == ["formalty", "priority.bse", "words.es", "words.fr.familier",
                                               "words.fr.vous.greting"]


def test_the_company_s_own_words_win_over_the_house_words(tmp_path: Path) -> None:
    own = tmp_path / "tone.toml"
    own.write_text('[words.fr.vous]\ntopic_fraud = "Appelez le 3970."\n', encoding="utf-8")
    house = tmp_path / "house.toml"
    house.write_text('[words.fr.vous]\ntopic_fraud = "Appelez la banque."\nhandoff_wait = "Patientez."\n',
                     encoding="utf-8")
    policy = TonePolicy.load(own, defaults=SHIPPED_TONE)
    policy.speak_as_the_house(house)
    words = policy.rules["words"]["fr"]["vous"]
    assert words["topic_fraud"] == "Appelez le 3970." and words["handoff_wait"] == "Patientez."


def test_a_misspelt_setting_or_a_config_dir_not_there_stops_the_start(tmp_path: Path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text("deom = false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'deom'"):
        load_config(typo)
    missing = tmp_path / "missing.toml"
    missing.write_text(f'config_dir = "{tmp_path / "nope"}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(missing)


def test_the_company_s_default_toml_is_read_from_the_config_dir_its_file_names(tmp_path: Path) -> None:
    company = tmp_path / "company"
    company.mkdir()
    (company / "default.toml").write_text("port = 8139\ndemo = false\n", encoding="utf-8")
    settings = tmp_path / "tandem.toml"
    settings.write_text(f'config_dir = "{company}"\nhost = "0.0.0.0"\n', encoding="utf-8")
    config = load_config(settings)
    assert (config.port, config.demo, config.host, config.config_dir) == (8139, False, "0.0.0.0", company)


def test_a_company_s_words_for_a_topic_that_do_not_compile_stop_the_start() -> None:
    from assistant.nlu import Analyzer

    analyzer = Analyzer(None, None, None)  # type: ignore[arg-type]  # only its topics' words are read here
    with pytest.raises(RulesError, match=r"escalation.toml: sensitive_topic.words.fraud: 'sim \(swap'"):
        analyzer.own_topics({"fraud": ["sim (swap"]})
    analyzer.own_topics({"sim_swap": ["sim swap", "portabilit\\w* .{0,40}sans mon accord"]})
    assert analyzer._own_topic("quelqu'un a fait une portabilite de mon numero sans mon accord") == "sim_swap"
    assert analyzer._own_topic("comment faire une portabilite ?") is None


@pytest.mark.parametrize("name, text, said", [
    ("escalation.toml", '[priority]\ntopic = { sim_swap = "haute" }\n', "priority.topic.sim_swap should be a number"),
    ("tone.toml", "[words.fr.vous]\ntopic_sim_swap = 3\n", "words.fr.vous.topic_sim_swap should be text"),
])
def test_a_key_of_the_company_s_own_is_of_the_kind_its_table_holds(tmp_path: Path, name: str, text: str,
                                                                   said: str) -> None:
    own = tmp_path / name
    own.write_text(text, encoding="utf-8")
    load = EscalationPolicy.load if name == "escalation.toml" else TonePolicy.load
    with pytest.raises(RulesError, match=said):
        load(own, defaults=SHIPPED_DIR / name)  # type: ignore[operator]


def test_a_company_s_words_that_would_hand_over_every_message_or_are_no_list_stop_the_start() -> None:
    from assistant.nlu import Analyzer, _topic_of

    analyzer = Analyzer(None, None, None)  # type: ignore[arg-type]
    for words, said in (({"sim_swap": ["sim swap", ""]}, "matches every message"),
                        ({"sim_swap": "sim swap"}, "should be a list")):
        with pytest.raises(RulesError, match=said):
            analyzer.own_topics(words)  # type: ignore[arg-type]
    # the company's words before a built-in complaint or threat ("réclamation : une eSIM activée sans mon accord"),
    # never before a customer in danger
    assert _topic_of("formal_complaint", "sim_swap") == "sim_swap" and _topic_of("legal_threat", None) == "legal_threat"
    assert _topic_of("vulnerability", "sim_swap") == "vulnerability"


def test_a_setting_of_the_wrong_kind_is_said_in_one_line(tmp_path: Path) -> None:
    settings = tmp_path / "tandem.toml"
    settings.write_text('port = "huit"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tandem.toml \(or a TANDEM_\* variable\): port: .*'huit'"):
        load_config(settings)
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nowhere.toml")


def test_a_topic_of_the_company_s_own_is_named_to_the_advisors_as_the_company_names_it(tmp_path: Path) -> None:
    from handoff.models import Handoff
    from handoff.service import handoff_summary
    from handoff.summary import summarize

    own = tmp_path / "escalation.toml"
    own.write_text('[sensitive_topic]\ntopics = ["fraud", "stranded"]\nwords = { stranded = ["bloque a"] }\n'
                   'names = { stranded = { en = "Stranded traveller", fr = "Voyageur bloqué" } }\n', encoding="utf-8")
    policy = EscalationPolicy.load(own, defaults=SHIPPED_ESCALATION)
    events = [{"type": "customer_message", "seq": 1, "text": "je suis bloqué à Lisbonne",
               "sensitive_topic": "stranded"},
              {"type": "customer_message", "seq": 2, "text": "on m'a volé ma carte", "sensitive_topic": "fraud"}]
    assert "Signalé : Voyageur bloqué, fraude." in summarize(events, "waiting_agent", language="fr",
                                                            names=policy.topic_name)
    assert "Raised: Stranded traveller, fraud." in summarize(events, "waiting_agent", names=policy.topic_name)
    assert "Raised: stranded, fraud." in summarize(events, "waiting_agent")  # unnamed: its code
    h = Handoff(id="h1", conversation_id="c1", reason="sensitive_topic", topic="stranded")
    assert handoff_summary(h, policy)["topic_names"] == {"en": "Stranded traveller", "fr": "Voyageur bloqué"}
    assert "topic_names" not in handoff_summary(Handoff(id="h2", conversation_id="c2", reason="sensitive_topic",
                                                        topic="fraud"), policy)
    own.write_text('[sensitive_topic]\nnames = { stranded = 3 }\n', encoding="utf-8")
    with pytest.raises(RulesError, match="sensitive_topic.names.stranded should be text"):
        EscalationPolicy.load(own, defaults=SHIPPED_ESCALATION)
