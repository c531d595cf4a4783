"""French as it is texted, spelled out before it is searched and read."""
import pytest

from knowledge.texting import spell_out


@pytest.mark.parametrize(("texted", "written"), [
    ("jai plus de data", "j'ai plus de data"),
    ("bjr on ma appelé en se faisant passer pr la banque", "bonjour on m'a appelé en se faisant passer pour la banque"),
    ("jai oublié mon mdp", "j'ai oublié mon mot de passe"),
    ("ma CB passe plus, cest normal ?", "ma carte passe plus, c'est normal ?"),
    ("pq jarrive pas a me connecter", "pourquoi j'arrive pas a me connecter"),
    ("je voudrais passer a lesim / c gratuit ?", "je voudrais passer a l'eSIM / c'est gratuit ?"),
    ("comment jen rachete, c combien", "comment j'en rachete, c'est combien"),
    ("ya des frais ?", "il y a des frais ?"), ("il ya un souci", "il y a un souci"),
    ("mon tel va marcher ?", "mon téléphone va marcher ?"), ("arnaqué au tel", "arnaqué au téléphone"),
    # "cb" asks how much where a price or a count is asked, and is the card elsewhere
    ("et ca coute cb la nouvelle", "et ca coute combien la nouvelle"), ("c cb", "c'est combien"),
    ("cb de temps pour la recevoir", "combien de temps pour la recevoir"), ("jai payé par cb", "j'ai payé par carte"),
    ("cb coute une esim ?", "combien coute une esim ?"), ("cb je dois payer", "combien je dois payer"),
    ("ma cb coute 3 euros par mois", "ma carte coute 3 euros par mois"),
    # breakfast as it is said (not "le petit chien", nor "dej" alone)
    ("et le petit dej c combien ?", "et le petit-déjeuner c'est combien ?"),
    ("pdj inclus ?", "petit-déjeuner inclus ?"),
    ("le ptit déj c a quelle heure", "le petit-déjeuner c a quelle heure"), ("le petit chien", "le petit chien"),
    # English, and words that only look texted, are left alone
    ("Jen and I", "Jen and I"), ("c u later", "c u later"),
    ("see ya", "see ya"), ("ma carte est bloquée", "ma carte est bloquée"), ("open main.jsp", "open main.jsp"),
    ("my IBAN please", "my IBAN please"), ("il ma carte", "il ma carte"),
    # "ma demande", "ma facture" are nouns; done to them only after the one who did it
    ("où en est ma demande ?", "où en est ma demande ?"), ("ma facture est de 87 euros", "ma facture est de 87 euros"),
    ("il ma demandé mon code", "il m'a demandé mon code"), ("on ma facturé 8 euros", "on m'a facturé 8 euros"),
    ("c est qui ma conseillere", "c est qui ma conseillere"), ("qui ma conseillé ça ?", "qui m'a conseillé ça ?"),
])
def test_french_as_texted_is_written_in_full(texted: str, written: str) -> None:
    assert spell_out(texted) == written


def test_je_fais_as_texted() -> None:
    assert spell_out("jfais quoi ??") == "je fais quoi ??"
