"""French articles said with "tu" (assistant/register.py): all or nothing."""
import pytest

from assistant.register import tutoyer


@pytest.mark.parametrize(("vous", "tu"), [
    ("Vous pouvez consulter votre code PIN dans l'application.", "Tu peux consulter ton code PIN dans l'application."),
    ("Pour faire un virement, allez dans Paiements > Nouveau virement, choisissez un bénéficiaire et validez.",
     "Pour faire un virement, va dans Paiements > Nouveau virement, choisis un bénéficiaire et valide."),
    ("Si vous êtes majeur et résidez en France, munissez-vous d'une pièce d'identité.",
     "Si tu es majeur et résides en France, munis-toi d'une pièce d'identité."),
    ("Nous vous répondons sous 10 jours ; un justificatif peut vous être demandé.",
     "Nous te répondons sous 10 jours ; un justificatif peut t'être demandé."),
    ("Vous n'avez rien à faire : vos relevés restent dans Comptes > sélectionnez le compte.",
     "Tu n'as rien à faire : tes relevés restent dans Comptes > sélectionne le compte."),
    ("Vous pouvez prendre rendez-vous en agence, ou rendez-vous sur le site.",
     "Tu peux prendre rendez-vous en agence, ou rends-toi sur le site."),
    ("Les billets sont comptés devant vous. Si vous avez été manipulé, prévenez-nous.",
     "Les billets sont comptés devant toi. Si tu as été manipulé, préviens-nous."),
    ("Pour une hausse, faites une demande ; vous recevrez une réponse.",
     "Pour une hausse, fais une demande ; tu recevras une réponse."),
    ("Vous conviendrez que c'est simple.", "Tu conviendras que c'est simple."),  # the future is regular
    ("Le virement est gratuit.", "Le virement est gratuit."),  # nothing to change
    ("Pour vous connecter, saisissez votre code.", "Pour te connecter, saisis ton code."),
    ("Nous vous en informerons ; votre code vous a été envoyé.", "Nous t'en informerons ; ton code t'a été envoyé."),
    ("Vous envoyez, vous levez, vous déclarez.", "Tu envoies, tu lèves, tu déclares."),
    ("Nordvik ne vous demandera jamais votre code. Allez-y.", "Nordvik ne te demandera jamais ton code. Vas-y."),
    ("Vous bénéficiez de 2 mois offerts ; vous pourriez recevoir un SMS.",
     "Tu bénéficies de 2 mois offerts ; tu pourrais recevoir un SMS."),
    ("Si vous avez égaré votre carte mais pensez la retrouver, gelez-la.",
     "Si tu as égaré ta carte mais penses la retrouver, gèle-la."),  # "mais" goes on with the subject
    ("Vous pouvez régler vous-même la plupart de ces situations.",
     "Tu peux régler toi-même la plupart de ces situations."),
    ("Si vous aviez un découvert, il reste dû.", "Si tu avais un découvert, il reste dû."),
    # a sentence of an article whose only second person is "faites" (a short answer's one sentence)
    ("Pour une hausse permanente, faites une demande au même endroit.",
     "Pour une hausse permanente, fais une demande au même endroit."),
    # "sur vous" before a determiner that ends as an infinitive does: "toi", not "te notre"
    ("Gardez sur vous notre numéro d'urgence.", "Garde sur toi notre numéro d'urgence."),
    # a landlord's words: "préavis" is masculine
    ("Pour une absence, donnez votre préavis ou gardez votre chambre.",
     "Pour une absence, donne ton préavis ou garde ta chambre."),
])
def test_an_article_is_said_with_tu(vous: str, tu: str) -> None:
    assert tutoyer(vous) == tu


def test_every_french_demo_article_can_be_said_with_tu() -> None:
    import json
    import re
    from pathlib import Path

    docs = json.loads((Path(__file__).parents[2] / "configs" / "demo" / "knowledge.json").read_text(encoding="utf-8"))
    stuck = [d["id"] for d in docs["documents"] if d["language"] == "fr"
             and re.search(r"\b(vous|votre|vos)\b", d["text"], re.IGNORECASE) and tutoyer(d["text"]) == d["text"]]
    assert stuck == []




@pytest.mark.parametrize("text", [
    "Votre bidule est prêt et vous pouvez le retirer.",  # a noun of unknown gender after "votre"
    "Vous convenez que c'est simple.",  # a verb outside the tables (-enez: venir's kin or mener's)
    "Amenez votre carte et vous serez servi.",
    # what the rules do not rewrite: pronominal verbs, inversions, negated imperatives, other tenses and
    # verbs whose stem changes ("si vous vous connectez" came out as "si te tu connectes")
    "Si vous vous connectez depuis un nouvel appareil, validez.", "Pouvez-vous confirmer ?",
    "Vous êtes-vous connecté ?", "Ne vous inquiétez pas.", "Il faut que vous puissiez payer.",
    "Accédez à l'application.", "Souscrivez en ligne.", "Inscrivez-vous ici.", "Vous sentez une gêne ?",
])
def test_a_form_it_does_not_know_leaves_the_article_as_written(text: str) -> None:
    assert tutoyer(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # a regular verb's subjunctive after "que": "-es", not the -ier verbs' "-ies"
    ("Avant que vous ne validiez, nous vous indiquons le taux.", "Avant que tu ne valides, nous t'indiquons le taux."),
    ("Je suis désolé que vous traversiez cela.", "Je suis désolé que tu traverses cela."),
    # an -ier verb's present after "que" stays one
    ("Je vois que vous vérifiez votre numéro.", "Je vois que tu vérifies ton numéro."),
    ("Si vous modifiez votre adresse, vous recevrez un mail.", "Si tu modifies ton adresse, tu recevras un mail."),
])
def test_a_subjunctive_after_que_is_said_with_tu(text: str, expected: str) -> None:
    assert tutoyer(text) == expected


@pytest.mark.parametrize("text", ["Il est possible que vous deviez patienter.", "Je crois que vous pouviez le faire."])
def test_an_irregular_verb_after_que_is_left_as_written(text: str) -> None:
    assert tutoyer(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # nouns outside the tables, by an ending of one gender: a record's sentence to a customer told "tu"
    ("Payez avec le solde de votre Porte-monnaie ou ouvrez votre dressing.",
     "Paie avec le solde de ton Porte-monnaie ou ouvre ton dressing."),
    ("Envoyez votre contrat, votre billet et votre bureau.", "Envoie ton contrat, ton billet et ton bureau."),
    ("Hydratez votre peau.", "Hydrate ta peau."),
])
def test_a_noun_of_an_ending_of_one_gender_takes_its_possessive(text: str, expected: str) -> None:
    assert tutoyer(text) == expected
