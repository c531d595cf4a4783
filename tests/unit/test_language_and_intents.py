from pathlib import Path

import numpy as np
import pytest

from assistant.intents import is_human_request, sensitive_topic, small_talk, topic_kind
from assistant.language import detect_language
from assistant.sentiment import SentimentHead


@pytest.mark.parametrize("text", [
    "je veux parler à un conseiller", "agent please", "get me a real person", "Je voudrais parler à un humain",
    "can I talk to someone", "I need to speak with a representative", "passez-moi un conseiller svp",
    "je veux parler à un opérateur", "operator please", "i need an operator",
    # in a language the bot does not speak, a person all the same
    "Olá, quero falar com uma pessoa", "Ich möchte mit einem Menschen sprechen", "quiero hablar con un agente",
])
def test_requests_for_a_human_are_recognised(text: str) -> None:
    assert is_human_request(text)


@pytest.mark.parametrize("text", [
    "I forgot my PIN", "how do I make a transfer", "comment faire un virement", "my card was declined",
    "what are your opening hours", "the agent at the branch was nice",
    # a person as the one money goes to, the nobody of "personne", a reminder that is no call back
    "How do I transfer money to someone in the UK?", "I need to send money to someone in Canada, what details do I need?",
    "Pouvez-vous me rappeler le code BIC de Nordvik ?",
    "Bonjour, je veux que personne d'autre ne puisse utiliser ma carte, comment la bloquer ?",
    "How do I transfer money to a person in Canada?", "rappelez-moi à quelle heure ferme l'agence",
    # a mobile operator, not a person
    "Je veux changer d'opérateur et garder mon numéro", "I want to switch to another operator",
    "je veux quitter mon opérateur actuel",
    # remembering, not a call back
    "je me rappelle plus de mes identifiants", "je ne me rappelle pas mon code",
])
def test_ordinary_questions_are_not(text: str) -> None:
    assert not is_human_request(text)


@pytest.mark.parametrize(("text", "declined"), [
    ("cancel the advisor request please", True), ("annulez ma demande de conseiller svp", True),
    ("forget the agent, how do I block my card?", True), ("I no longer need an agent", True),
    ("je n'ai plus besoin de conseiller", True), ("je ne veux plus parler à un conseiller", True),
    # not a change of mind about a person
    ("I want to cancel my card and talk to an agent", False), ("I don't want to wait for an agent, connect me now", False),
    ("je ne veux pas attendre un conseiller", False), ("I've been waiting without anyone answering", False),
    ("how do I cancel a payment to someone?", False), ("annulez le virement à cette personne, c'est une arnaque", False),
])
def test_what_takes_a_request_for_a_person_back(text: str, declined: bool) -> None:
    from assistant.intents import declines_a_human

    assert declines_a_human(text) is declined


@pytest.mark.parametrize("text, dropped", [
    ("never mind", True), ("forget it, I found it", True), ("en fait laisse tomber, pas besoin", True),
    ("ok never mind, how do I block my card?", True), ("pas besoin finalement", True),
    ("c'est bon, j'ai trouvé", True), ("it's ok, I managed", True), ("no need for an agent", True),
    ("never mind I want a person now", False), ("forget it, get me a human", False), ("ok", False),
    ("merci", False), ("forget my PIN, how do I reset it?", False), ("how do I find it?", False),
    # waiting, or a phrase that runs on, is no change of mind
    ("don't worry, I'll wait", False), ("c'est pas grave, j'attends", False), ("no need to hurry, I can wait", False),
    ("pas besoin de vous presser", False), ("bon, pas grave, je patiente", False), ("oublié mon code PIN aussi", False),
    ("I managed to log in but my card is still blocked", False),
    # typed in a hurry, without apostrophes; taken back in other words; thanked
    ("c est bon j ai trouvé", True), ("finalement non", True), ("plus besoin merci", True),
    ("cancel my request", True), ("annulez ma demande", True), ("annulez mon virement", False),
    ("cancel my card", False),
    # after "I think someone is using my card", these may mean the card: the request stands
    ("cancel that", False), ("annulez", False),
    # fine, after a word that takes it back; "c'est bon" alone acknowledges
    ("non en fait c'est bon", True), ("no its fine actually", True), ("c'est bon", False), ("it's fine", False),
    ("nah forget it", True),
    # after words that take it back, "it works now", "cancel that" take it back too; alone they do not
    ("actually nvm it works now, cancel that", True), ("nvm it works now", True), ("it works now", False),
])
def test_what_takes_back_a_request_that_waits(text: str, dropped: bool) -> None:
    from assistant.intents import drops_the_request

    assert drops_the_request(text) is dropped


@pytest.mark.parametrize(("text", "only"), [
    ("cancel my request", True), ("plus besoin merci", True), ("never mind", True), ("laisse tomber !", True),
    ("never mind, how do I block my card?", False), ("annulez mon virement", False), ("ok", False),
])
def test_a_taking_back_that_asks_nothing_more(text: str, only: bool) -> None:
    """"cancel my request" takes the request back and asks nothing ("cancel" is no question about cancelling
    a transfer); "never mind, how do I block my card?" asks something too."""
    from assistant.intents import only_drops_the_request

    assert only_drops_the_request(text) is only


@pytest.mark.parametrize("text", [
    "no need for an agent, thanks", "I don't need to speak to anyone, just tell me the fee",
    "pas besoin de conseiller, merci", "je ne veux parler à personne", "no thanks, no agent needed",
])
def test_a_declined_person_is_no_request(text: str, encoder) -> None:  # type: ignore[no-untyped-def]
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector
    from assistant.training import head_path

    detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
    assert not is_human_request(text)
    assert not detector.detect(text, encoder.encode([text], query=True)[0])


@pytest.mark.parametrize("text", [
    "my card keeps getting declined in japan and i cant log into the app, this is a nightmare. human please",
    "my card keeps getting declined at my hotel, i want an agent",
    "I want to talk to someone: my card was charged twice yesterday and nobody answers the phone at the branch",
    "ma carte est refusée partout depuis ce matin et je n'arrive plus à me connecter à l'appli. un conseiller svp",
])
def test_a_short_request_around_a_long_story_is_heard(text: str, encoder) -> None:  # type: ignore[no-untyped-def]
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector
    from assistant.training import head_path

    detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
    assert detector.detect(text, encoder.encode([text], query=True)[0])


@pytest.mark.parametrize("text", [
    "I don't want a bot, I want a person", "i dont need a rep but i want an agent",
    "je ne veux pas parler à un robot, passez-moi un conseiller", "I don't understand you, can I speak with a person?",
    # no comma between the refusal and the request
    "I don't want a robot give me a human", "don't want the bot get me a person",
    "i dont want to wait transfer me to an agent", "no need for the bot connect me to an agent",
    "je ne veux pas de robot passez-moi un humain", "je veux pas attendre passez moi un conseiller",
    "pas besoin de robot passez moi un conseiller",
])
def test_a_request_beside_a_negation_is_still_a_request(text: str) -> None:
    assert is_human_request(text)


@pytest.mark.parametrize(("text", "kind"), [
    ("hello", "greeting"), ("Bonjour !", "greeting"), ("hi there :)", "greeting"), ("merci beaucoup 🙏", "thanks"),
    ("Super, merci pour votre aide !", "thanks"), ("ok thanks, bye", "goodbye"), ("ok merci bonne journée", "goodbye"),
    ("good night!", "goodbye"), ("merci, bonne nuit", "goodbye"), ("thanks, have a good evening", "goodbye"),
    ("thanks for nothing", None), ("merci pour rien", None), ("ok", "acknowledgement"),
    ("hi, I need help", "help"), ("Bonjour, j'ai besoin d'aide svp", "help"), ("aidez-moi", "help"), ("HELP!!", "help"),
    ("I need help from an agent", None), ("help me block my card", None), ("thanks for your help", "thanks"),
    ("please", None), ("yes please", None), ("merci svp", "thanks"), ("Bonjour, j'ai un problème", "help"),
    ("I have a question", "help"), ("I have a problem with my card", None),
    ("d'accord, parfait", "acknowledgement"), ("yes", None), ("oui", None), ("ok so what now", None),
    ("Are you a bot?", "identity"), ("es-tu un robot ?", "identity"), ("t'es un robot ?", "identity"), ("are you a bot? I want a human", None),
    ("no thanks", "goodbye"), ("non c'est tout, merci", "goodbye"), ("that's all", "goodbye"), ("no", None),
    ("ok?", None), ("c'est bon ?", None), ("understood?", None),
    ("bonjour, comment je change mon code ?", None), ("salut, je veux un conseiller", None),
    ("d accord merci", "thanks"), ("merci c est parfait", "thanks"), ("ok thanks, that helps", "thanks"),
    ("merci t le meilleur", "thanks"), ("thx ur the best", "thanks"), ("super merci, trop bien", "thanks"),
    ("great, that answers my question", "acknowledgement"), ("that's all, bye", "goodbye"),
    ("how are you today?", "greeting"), ("Bonjour, comment allez-vous ?", "greeting"),
    ("ça va prendre combien de temps ?", None),
    # thanks said at length, as customers say them
    ("Thanks a lot, that was really useful!", "thanks"), ("Thank you, that's very helpful.", "thanks"),
    ("ok cool merci frero", "thanks"), ("merci beaucoup, c'est très clair", "thanks"), ("that was fast", None),
    ("that was really useful, how do I close my account?", None), ("is it useful?", None),
    # a step done; the customer going to look
    ("ok i turned it on", "done"), ("c'est fait", "done"), ("done, thanks", "done"), ("i turned it on and", "done"),
    ("ok i'll check, thanks", "thanks"), ("jvais voir merci", "thanks"), ("ok cool ill have a look thx", "thanks"),
    ("ok je vais regarder merci", "thanks"), ("i'll try that", "acknowledgement"), ("i'll check my card", None),
    # a step reported in the customer's own words; not what went wrong, nor a step with its object (searched)
    ("cest bon jai rechargé merci", "done"), ("ok i topped up thanks", "done"), ("i've reset it", "done"),
    ("ok je l'ai réinitialisé", "done"), ("j'ai essayé", None), ("i tried", None), ("i lost it", None),
    ("j'ai perdu ma carte", None), ("j'ai rechargé mon forfait", None), ("i was charged twice", None),
    ("j'ai une question", "help"), ("ok j'ai vu merci", "thanks"),
    # the trouble gone
    ("it works now, thanks!", "solved"), ("ça remarche merci", "solved"), ("c'est réglé merci", "solved"),
    ("ça y est !", "solved"), ("ça marche merci", "thanks"), ("how it works", None),
    # praise thanks
    ("thank you so much, you've been very helpful", "thanks"), ("merci t'es au top", "thanks"),
    ("merci c'est gentil", "thanks"), ("you're the best", "thanks"), ("great thanks thats really helpful", "thanks"),
    ("merci t top", "thanks"), ("nickel merci", "thanks"), ("ok did that", "done"), ("cest bon jai fait ca", "done"),
    ("ok done, its activated", "done"),
    # closings said at length; "that's it" alone is a yes to options offered, not a goodbye
    ("great thanks that's all i needed", "goodbye"), ("no that's it, bye", "goodbye"),
    ("Thank you, that is very helpful. Have a lovely evening.", "goodbye"), ("non c tout bonne journee", "goodbye"),
    ("yes that's it", None),
    # typed without apostrophes, and "I'm good" to "anything else?"
    ("thanks thats all", "goodbye"), ("nope thats it", "goodbye"), ("no thanks im good", "goodbye"),
    ("cest tout merci", "goodbye"), ("im good thanks", "goodbye"), ("all good", "acknowledgement"),
    ("yes thats it", None), ("ok thats it", None),
])
def test_courtesy_alone_is_small_talk(text: str, kind: str | None) -> None:
    assert small_talk(text) == kind


def test_the_patterns_take_linear_time_on_hostile_text() -> None:
    import time

    from assistant.intents import declines_a_human, distress

    for text in ("agent" + "!" * 5000 + "x", "bye " * 1000 + "x", "no " * 2000 + "agent", "ne " * 2000 + "personne",
                 "still " * 3000 + "x", "A" * 10000, "not " * 3000 + "complain", "my mum " * 2000 + "died",
                 "rappelez-moi " * 2000, "transfer me " * 2000 + "someone"):
        started = time.perf_counter()
        is_human_request(text), declines_a_human(text), small_talk(text), sensitive_topic(text), distress(text)
        assert time.perf_counter() - started < 0.5, text[:20]


@pytest.mark.parametrize(("text", "topic"), [
    ("I think this is a scam, someone took money", "fraud"),
    # credentials handed over, someone posing as the bank: fraud without the word
    ("J'ai cliqué dessus et j'ai donné mon numéro de carte...", "fraud"),
    ("someone called me saying they're from Nordvik and asked for my secure code, I gave it to them", "fraud"),
    ("jai donné mon code", "fraud"), ("I gave my code to a man on the phone", "fraud"),
    ("Un faux conseiller m'a appelé", "fraud"), ("quelqu'un s'est fait passer pour ma banque", "fraud"),
    ("a man pretending to be from the bank asked for my PIN", "fraud"),
    ("I gave my card to my son", None), ("I entered my PIN at the ATM", None), ("j'ai saisi mon code", None),
    # the thief already spending with it, told after the theft
    ("they already used my card at a shop nearby, 300 euros", "fraud"), ("the thief used my card", "fraud"),
    ("they used my card to book the room", None),
    ("j'ai donné mon RIB à mon employeur", None), ("I told you my card was lost", None),
    ("a man from your security team asked me to move my money to a safe account", "fraud"),
    ("someone called me pretending to be from your company and asked for my bank details, I gave them", "fraud"),
    ("someone stole my identity and opened an electricity contract in my name", "fraud"),
    ("quelqu'un a usurpé mon identité", "fraud"), ("what ID do I need to prove my identity", None),
    ("mon identité a été usurpée", "fraud"), ("I had my identity stolen", "fraud"),
    ("bonjour jai recu un appel de qqn qui dit etre de la banque et il me demande mon code secure", "fraud"),
    ("jlui ai donné le code en fait... il a fait un virement de 1500€", "fraud"),
    ("the guy on the phone is asking for my secure code", "fraud"), ("the app asks for my code every time", None),
    ("le site me demande mon code secure pour payer", None),
    ("The hotel took my identity card at check-in, is that normal?", None),
    ("J'ai utilisé mon identité numérique La Poste pour ouvrir mon compte", None),
    ("I have to log in to the secure account but it keeps failing", None),
    ("I told you I can't log in to the secure account", None),
    ("Il faut que je mette mes papiers dans mon compte sécurisé ?", None),
    ("Le conseiller m'a dit d'envoyer les pièces par le compte sécurisé", None),
    ("on m'a demandé de virer mon argent sur un compte sécurisé", "fraud"),
    ("I clicked a link in an SMS and entered my card number", "fraud"), ("is my account secure?", None),
    ("I clicked the link in your email to reset my password and entered my new password", None),
    ("Comment créer un compte sur l'application ?", None), ("Je compte sur vous pour régler ça", None),
    ("I told you my PIN doesn't work", None), ("I sent my friend the referral code", None),
    ("J'ai fourni mon code postal", None), ("j'ai dit que j'avais oublié mon code", None),
    ("Do you offer a safe account for my kids?", None), ("my advisor called me and said she was at the branch", None),
    ("how do I make my account more secure", None), ("can I put money in a secure savings account", None),
    ("I clicked the link in your app and entered my card number to add it to Apple Pay", None),
    ("I gave my code to someone on the phone", "fraud"),
    ("I got a text, clicked the link and entered my card details", "fraud"),
    ("jai cliqué et rentré mon mdp...", "fraud"), ("I clicked on the link in the email and typed my password", "fraud"),
    ("j'ai cliqué sur mot de passe oublié et rentré mon code mais ça marche pas", None),
    ("I opened the app and entered my pin", None),
    ("J'ai reçu un SMS, j'ai cliqué sur le lien et j'ai saisi mon numéro de carte", "fraud"),
    # card details typed in or given where a text, a link or a fake asked (not a site alone, nor the company's own)
    ("I got a text saying my carte Vitale expires and I need to pay 2€ on a website. I already entered my card "
     "details. What should I do?", "fraud"), ("I gave my card details to a fake Railo text message", "fraud"),
    ("jai donné mes coordonnées bancaires sur un faux site railo", "fraud"),
    ("jai cliqué sur le lien du faux sms railo et jai mis ma carte, ils mont deja pris 300 euros", "fraud"),
    ("j'ai mis mon numéro de carte sur le site et le paiement est refusé", None),
    ("I entered my card number on your website and it was declined", None),
    ("I gave my card number to book the hotel and got a confirmation email, when will I be charged?", None),
    ("I entered my card details on Amazon and got an email saying the payment failed", None),
    ("j'ai donné mon numéro de carte par mail au loueur pour la caution", None),
    ("I typed my card number in the text box", None),
    ("J'ai donné mon code à un inconnu", "fraud"), ("J'ai transmis mon code de validation", "fraud"),
    ("I told him my PIN", "fraud"), ("he asked me to install AnyDesk to check my account", "fraud"),
    ("someone called and asked me to read the code from the SMS", "fraud"),
    ("The branch called me and asked me to bring my card", None),
    ("ma fille m'a appelé et m'a demandé de l'argent", None),
    ("My employer called me and asked for my bank details", None), ("I sent my card number to the hotel", None),
    ("J'ai communiqué mes coordonnées bancaires à mon employeur", None),
    ("Can I put my savings in a secure account?", None), ("placer mon argent sur un compte sécurisé", None),
    # another company's customers: someone posing as it by its name and given the bank details, a line opened in their
    # name, their number ported without asking
    ("someone phoned pretending to be from Volta and I gave them my bank details", "fraud"),
    ("someone opened a mobile line in my name, i never signed anything", "fraud"),
    ("quelqu un a ouvert une ligne a mon nom", "fraud"),
    # a claim made in the customer's name; a card lost, then used by someone else
    ("quelqu'un a declaré un sinistre à mon nom, je n'ai jamais eu d'accident !", "fraud"),
    ("someone filed a claim in my name", "fraud"), ("i made a claim in my name for my son", None),
    ("I lost my card and someone used it", "fraud"), ("j'ai perdu ma carte et quelqu'un l'a utilisée", "fraud"),
    ("I lost my card, they said I should order a new one", None),
    ("jai perdu ma carte et quelquun a fait des achats avec", "fraud"),
    ("i lost my password and they made me wait 2 hours", None),
    ("j ai perdu ma carte et on m a fait payer 15€ pour la nouvelle", None),
    ("someone made a reservation in my name, can you check it", None), ("someone made a claim in my name", "fraud"),
    # a SIM swapped without the customer
    ("mon tel affiche SOS et j'ai reçu un mail de changement de carte SIM que j'ai jamais demandé", "fraud"),
    ("I got an email about a SIM change I never asked for", "fraud"),
    ("comment faire un changement de carte sim ?", None),
    ("quelqu un a utilisé ma carte bancaire sur votre site pour commander un lave linge, c pas moi !!", "fraud"),
    ("une commande de 1200 € a été passée chez vous avec ma carte bancaire sans mon accord", "fraud"),
    ("can I pay with my card without my pin?", None),
    # and what those words are not: a contract set up by the customer, a claim, a letter, the company's own change
    ("I moved in on Monday and set up the electricity in my name", None),
    ("I made a claim from my home insurance and sent them my bank details, when will I be paid?", None),
    ("You changed the tariff on my account without my consent", None),
    ("The number transfer failed and the shop didn't ask for my PAC code", None),
    ("Who is in charge here? I am taking this to the ombudsman", "legal_threat"),
    ("i cant pay my bill online, it says no money was taken", None),
    ("ma sim marche plus d un coup et j ai recu un sms de portabilite que j ai pas demandé", "fraud"),
    ("how do I open a line in my name?", None), ("the porting of my number was requested, how long does it take?", None),
    ("ma mère est décédée, que faire du compte ?", "bereavement"),
    ("my mum died on Sunday. can funeral costs be paid from her account?", "bereavement"),
    ("mon père est mort la semaine dernière", "bereavement"),
    ("I will contact my lawyer", "legal_threat"), ("I'll take you to court", "legal_threat"),
    # the press or the public called on (not a press office, a button, a newspaper's delivery)
    ("im going to the newspapers and posting everywhere on twitter", "legal_threat"),
    ("je contacte le Parisien et 60 millions de consommateurs", "legal_threat"),
    ("j'appelle les journalistes de BFM et je balance tout sur les réseaux", "legal_threat"),
    ("BBC Watchdog will love this story", "legal_threat"), ("how do I contact the press office?", None),
    ("press the button", None), ("delete call newspaper from my vacation list", None),
    # the company itself called a scam: anger, not fraud (someone posing as it still is fraud)
    ("your company is a scam", None), ("votre boite c'est une arnaque", None),
    ("A guy claiming to be from your bank wants me to move my savings, this is a scam right?", "fraud"),
    ("Which watchdog regulates you?", None), ("Can I share my referral link all over Instagram?", None),
    ("I'm calling the papers to cancel my newspaper delivery", None), ("je voudrais aller voir capital garanti", None),
    ("je vais porter plainte", "legal_threat"), ("I want to make a formal complaint", "formal_complaint"),
    # the ombudsman asked about is a way an article gives; named as a threat, or beside one, it is a threat
    ("who is the energy ombudsman", None), ("c qui le médiateur pour le mobile", None),
    ("comment saisir le médiateur ?", None), ("je vais saisir le médiateur", "legal_threat"),
    ("I will take this to the ombudsman", "legal_threat"),
    ("qui est le médiateur ? je vais porter plainte", "legal_threat"),
    ("je veux faire une réclamation", "formal_complaint"), ("je veux en finir avec la vie", "vulnerability"),
    ("how do I change my address", None),
    # ordinary words that looked like a topic
    ("Ma carte a disparu, que faire ?", None), ("My phone died while I was paying, was the payment taken?", None),
    ("Mon téléphone est mort, comment recevoir le code de validation ?", None),
    ("Je veux en finir avec mon forfait mobile, comment résilier ?", None),
    ("Est-ce que vous faites des prêts à court terme ?", None),
    ("I'm not complaining, I just want to understand the €3 monthly fee", None),
    ("I can't complain, but the fee is high", None), ("je n'ai pas à me plaindre", None),
    ("je veux en finir.", "vulnerability"), ("je veux en finir !", "vulnerability"),
    ("son téléphone est mort", None), ("j'ai un grand problème, ma carte est morte", None),
    ("my wife's card is dead", None), ("I sent money to a friend but the app died", None),
    # despair and abuse said without the usual words
    ("I don't see the point in living anymore", "vulnerability"), ("Je n'ai plus envie de vivre", "vulnerability"),
    ("My husband controls all my money and threatens me", "vulnerability"),
    ("Je suis victime de violences conjugales, mon mari a accès à mon compte", "vulnerability"),
    ("is there a point in living abroad with this card?", None), ("I want to die laughing at your fees", None),
    ("I don't want to live in debt", None), ("what's the best reason to live in France", None),
    ("my husband wants to open a joint account", None),
    ("je ne veux plus vivre", "vulnerability"), ("mon conjoint est violent", "vulnerability"),
    ("What's the point of going on holiday if my card doesn't work abroad?", None),
    ("There's no point in going on hold for an hour", None), ("I don't want to live on my overdraft anymore", None),
    ("my husband got a threatening letter from the bank", None), ("My wife's card was used abusively by someone", None),
    ("I'm afraid of my partner's reaction to the fees", None), ("ma femme a reçu un SMS qui me menace", None),
    ("j'ai envie de mourir de rire avec vos frais", None),
    # a third round: despair, and someone forcing the customer's hand
    ("je vais mettre fin à mes jours", "vulnerability"), ("je vais me foutre en l'air", "vulnerability"),
    ("à quoi bon continuer, je veux disparaître", "vulnerability"), ("There's no point living anymore", "vulnerability"),
    ("nobody would miss me if I was gone", "vulnerability"),
    ("I'm in a really dark place and can't cope with my debts", "vulnerability"),
    ("je suis au fond du trou avec mes dettes, j'arrive plus à m'en sortir", "vulnerability"),
    ("Someone is threatening me to make me transfer money", "vulnerability"),
    ("I'm being harassed by my ex who keeps demanding money", "vulnerability"),
    ("Mon copain me force à lui donner mon code de carte sinon il me frappe", "vulnerability"),
    ("mon père me harcèle pour que je lui vire mon argent", "vulnerability"),
    ("I can't cope with this app, it keeps crashing", None), ("the bank keeps forcing me to use the app", None),
    ("is there a dark mode in the app?", None), ("vous me forcez à payer des frais", None),
    # asking how to complain is asking for the procedure (an article has it); wanting to complain is not
    ("Comment faire une réclamation ?", None), ("How do I make a complaint?", None),
    ("C'est inadmissible, comment faire une réclamation ?", "formal_complaint"),
    # a fourth round: giving up, money held by a partner, no way left to pay
    ("I lost my job and I can't pay anything anymore, I feel like giving up", "vulnerability"),
    ("I feel like giving up", "vulnerability"), ("j'ai envie de tout abandonner", "vulnerability"),
    ("my partner controls all my money and I'm scared", "vulnerability"),
    ("Mon mari contrôle tout mon argent", "vulnerability"),
    # money trouble alone is hardship: an advisor with a plan, not a crisis line
    ("I can't pay my rent anymore", "hardship"), ("je suis surendettée", "hardship"),
    # care beyond their means; a grave illness told (not asked of)
    ("je n'ai plus les moyens de payer mes soins, le dentiste me demande 1200€", "hardship"),
    ("I can't afford my dental treatment", "hardship"), ("jai pas les moyens de payer par carte", None),
    ("on vient de me diagnostiquer un cancer du sein, je fais quoi pour mes remboursements ?", "illness"),
    ("I've just been diagnosed with multiple sclerosis, what does my plan cover?", "illness"),
    ("my wife has cancer", "illness"), ("what if I am diagnosed with cancer?", None),
    ("est-ce que le cancer est couvert ?", None), ("is cancer covered?", None),
    ("does my policy cover terminal illness?", None), ("I have a cancer policy with you", None),
    ("my dog was diagnosed with cancer", None), ("mon chien a un cancer", None),
    ("la panne a été diagnostiquée par le technicien", None), ("my car was diagnosed with a faulty gearbox", None),
    ("I only have 3 months to live in France before I move back", None),
    ("on vient de me diagnostiquer un cancer, je voudrais suspendre mon prêt si c'est possible", "illness"),
    ("I was diagnosed with cancer and I want to know if I can pause my loan", "illness"),
    ("j'ai pas les moyens de me payer le dernier iphone, vous avez moins cher ?", None),
    ("je n'ai pas les moyens de payer 60 € par mois pour un forfait", None),
    ("I can't afford the device care plan", None),
    ("je n'ai plus les moyens de me soigner", "hardship"),
    ("je ne peux plus payer mon loyer", "hardship"), ("I can't afford my loan repayments this month", "hardship"),
    ("i cant afford my bill this month, ive lost my job", "hardship"),
    ("je ne peux pas payer ma facture ce mois ci, je suis au chomage", "hardship"),
    ("je ne peux pas payer ma facture en ligne", None), ("i cant pay my bill online", None),
    ("je suis à découvert et je n'arrive plus à payer mes factures", "hardship"),
    ("I've lost my job and I'm struggling to pay my overdraft, what are my options?", "hardship"),
    ("I can't pay my bills online", None), ("how do I pay my bills?", None),
    ("I give up, this app is useless", None), ("how do I give up my savings account?", None),
    ("je ne peux plus payer par carte", None), ("I can't pay with my card anymore", None),
    ("my husband has my card, can I order a new one?", None), ("my wife controls the joint account settings", None),
    # a home about to be lost for rent owed; rent that cannot be paid this month, said in French as in English
    ("I got a letter from a bailiff saying I have 6 weeks to pay or I'll be evicted. I have two kids.", "hardship"),
    ("on va m'expulser, j'ai reçu un commandement de payer", "hardship"), ("l'huissier est passé ce matin", "hardship"),
    ("what is the eviction procedure?", None), ("can you evict me if I have a dog?", None),
    ("j'ai honte de vous écrire mais je ne vais pas pouvoir payer le loyer ce mois ci, j'ai perdu mon travail",
     "hardship"),
    ("je ne peux pas payer mon loyer ce mois-ci", "hardship"), ("je ne peux pas payer mon loyer par carte ?", None),
    # orders placed on the account by someone else (not a wrong order delivered)
    ("someone ordered food on my account, i didnt make these orders!! 3 orders of 60 euros", "fraud"),
    ("mon compte a ete pirate, il y a des commandes que j'ai pas passees", "fraud"),
    ("I got a pizza I didn't order", None), ("i received 2 items i never ordered", None),
    ("how do I catch up on payments I didn't make last month?", None),
    ("j'ai reçu une commande que je n'ai pas passée", None),
    ("there is an order on my account I didn't place", "fraud"),
    ("what is an eviction notice?", None), ("can bailiffs come to my house?", None),
    ("peut-on être expulsé si on a un chien ?", None), ("je vais expulser mon locataire", None),
    ("je ne peux pas payer mon loyer via l'appli", None), ("pourquoi je ne peux pas payer mon loyer ?", None),
    ("j'arrive pas à payer mon loyer", "hardship"),
    # shut in at home with nothing to eat: a person before anyone (not an order late, nor stuck at work)
    ("Je suis bloquée chez moi depuis 4 jours à cause de l'ascenseur, je n'ai plus rien à manger et personne ne "
     "m'aide.", "vulnerability"),
    ("my order is stuck and I have nothing to eat tonight lol", None),
    ("I'm stuck at work and have nothing to eat, can I order to the office?", None),
    ("I don't see a way out anymore, I'm thinking of ending it all", "vulnerability"),
    ("je ne vois plus d'issue, je pense à en finir", "vulnerability"),
    # charges on a phone bill from a premium SMS service never signed up for: a bill to dispute, no card to freeze
    ("its 3 charges from some sms service i never signed up for", None),
    ("des SMS+ sur ma facture mobile que je n'ai jamais autorisés", None),
    ("someone used my card for sms services I never signed up for", "fraud"),
    # a victim's complaint to the police is no threat against the company
    ("Est-ce que je dois porter plainte à la police ?", None), ("dois-je déposer plainte ?", None),
    ("je vais porter plainte contre vous", "legal_threat"), ("faut-il porter plainte contre la banque ?", "legal_threat"),
    # a card stolen and in use as the customer writes; not one the customer still means to use
    ("my card was stolen and theyre using it rn!!! help", "fraud"),
    ("my bag got stolen with my card and my phone, i can see payments going through right now!", "fraud"),
    ("On vient de me voler mon sac avec ma carte et mon téléphone, je vois des paiements qui passent en ce moment !",
     "fraud"), ("on m'a volé ma carte et ils l'utilisent", "fraud"),
    ("ma carte a été volée hier, il faut que je l'utilise demain", None), ("card stolen, i need to keep using it", None),
    # payments the customer did not make are fraud; asking how to dispute one is a question an article answers
    ("there are payments on my account that I did not make", "fraud"),
    ("il y a des paiements sur mon compte que je n'ai pas faits", "fraud"),
    ("Someone made payments on my card that I didn't make", "fraud"),
    ("3 payments of 500 euros I did not make!!", "fraud"),
    ("my card was stolen and someone made 2000 euros of purchases with it", "fraud"),
    ("On m'a volé ma carte et quelqu'un a fait des achats de 2000 euros avec", "fraud"),
    ("I'm 85 and confused, my grandson said to send him my card details", "fraud"),
    ("how do I dispute a payment I didnt make?", None), ("my card was stolen, can I get a new one?", None),
    # the fraud team as a place to reach is asked for, not reported to: an article gives the number
    ("what is the number of the fraud line?", None), ("Quel est le numéro du service fraude ?", None),
    ("I was scammed, what is the fraud line number?", "fraud"),
    # everyday card trouble, polite fears and frustration are none of these
    ("Je n'arrive plus à payer avec ma carte", None), ("je ne peux plus payer sur Amazon", None),
    ("My wife tried to pay but I'm afraid the card was declined", None),
    ("ma femme a perdu sa carte et j'ai peur qu'elle soit volée", None),
    ("I'm going to give up and go to another bank", None), ("je vais abandonner et changer de banque", None),
    ("I have a bill payment I didn't make on time, is there a late fee", None),
    ("a duplicate charge which I have not made twice", None),
    ("ma carte a été volée hier, il faut que je l'utilise demain", None),
    ("the app asked me to email the code I received", None), ("j'ai oublié mon code", None),
    ("how do I change my code", None),
    ("someone took 400 euros from my account, it wasn't me", "fraud"),
    ("There are payments on my account I don't recognise, I think someone is using my card", "fraud"),
    ("quelqu'un utilise ma carte", "fraud"), ("can someone else use my card if I add them?", None),
    # an account emptied, money gone from it: someone else's doing, not the customer's own move
    ("someone emptied my account", "fraud"), ("quelqu'un a vidé mon compte", "fraud"),
    ("mon compte a été vidé cette nuit", "fraud"), ("my savings account has been drained", "fraud"),
    ("£900 disappeared from my account", "fraud"), ("500 euros ont disparu de mon compte", "fraud"),
    ("there's money missing from my account", "fraud"), ("all my money is gone from my account", "fraud"),
    ("I emptied my account before closing it", None), ("mon compte est vide, je ne peux rien payer", None),
    ("I topped up and the money disappeared from my account", None),
    ("j'ai fait un virement et 300 euros ont disparu de mon compte", None),
    ("On a vidé notre livret pour acheter la maison", None), ("I spent a lot on rent and emptied my savings", None),
    ("My account was emptied when I closed it", None), ("My account was drained by direct debits", None),
    ("on m'a vidé mon compte", "fraud"),
    # a customer in danger is that first; a question word put last is no calm question about the procedure
    ("My husband died and I want to end my life", "vulnerability"),
    ("I will sue you, I want to kill myself", "vulnerability"),
    ("je veux déposer une réclamation, c'est traité quand ?", "formal_complaint"),
    ("des achats que je n'ai pas faits sur ma carte, je suis remboursé quand ?", "fraud"),
    # said in other words: a merchant never dealt with, dark thoughts, a parent lost, no money left
    ("there's a payment of 49.99 from some website i never used", "fraud"),
    ("j'ai des idées noires à cause de mes dettes, je sais plus quoi faire", "vulnerability"),
    ("je viens de perdre mon pere, il était client chez vous", "bereavement"),
    ("ma grand-mère nous a quittés la semaine dernière", "bereavement"),
    ("I lost my mum's card", None), ("I lost my wife in the supermarket", None),
    ("je n'arrive plus à faire face à mes échéances", "hardship"),
    # despair with a comma after it, no way out said as texted, debts everywhere, repayments not made
    ("i feel like giving up, everything is going wrong and i owe money everywhere", "vulnerability"),
    ("j'en peux plus, tout va mal, j'ai des dettes partout et je vois pas d'issue", "vulnerability"),
    ("je ne vois pas d'issue à ce litige", None), ("i owe money to everyone", "hardship"),
    ("j'ai des dettes partout", "hardship"),
    ("I have lost my job and I am struggling to make my loan repayments. What can I do?", "hardship"),
    ("i already clicked it and put my card number in :(", "fraud"),
    ("un mec de la banque m'a appelé il veut que je vire mon épargne sur un compte sécurisé", "fraud"),
    ("jsuis dans la merde, jai plus un rond, -400 et le loyer dans 3 jours", "hardship"),
    ("I'm behind on my rent", "hardship"),
    ("jpeux plus payer mes échéances, j'ai perdu mon taf la semaine dernière", "hardship"),
    ("je peux plus payer mes échéances par carte, elle a expiré", None),
    # money paid to a stranger met online who vanished (not a courier or the company slow to answer)
    ("j'ai acheté 2 billets à un gars sur Instagram, j'ai payé 180€ par virement et maintenant il m'a bloqué. Est-ce "
     "que vous pouvez me rembourser ?", "fraud"),
    ("I paid a seller on facebook for tickets and he ghosted me", "fraud"),
    ("j'ai payé ma commande et le livreur ne répond plus", None),
    # where to file a complaint with the police, after a fraud: no threat against the company
    ("et je porte plainte où exactement ?", None), ("où est-ce que je peux porter plainte ?", None),
    ("je porte plainte contre votre société", "formal_complaint"),
    ("I paid my bill, saw your post on facebook, and your support stopped answering", None),
    ("j'ai viré l'argent à mon fils, il m'a bloqué sur whatsapp, on s'est disputés", None),
    ("j'ai payé 180€ à un gars sur Instagram\net il m'a bloqué", "fraud"),
    # none of these: someone who left, a careful customer, a payment declined by a site never used
    ("my husband left us and emptied our joint account, what can I do?", None),
    ("Je veux annuler un virement mais je ne veux pas faire une bêtise", None),
    ("my payment was declined by a website i've never used before, why?", None),
    ("Paiement refusé par ma nouvelle carte, jamais utilisée", None),
])
def test_sensitive_topics(text: str, topic: str | None) -> None:
    assert sensitive_topic(text) == topic


@pytest.mark.parametrize(("text", "kind"), [
    ("someone on whatsapp says they're from the bank and asked me to move my savings to a safe account", "money_moved"),
    ("un faux conseiller m'a demandé de virer mon épargne sur un compte sécurisé, je le fais ?", "money_moved"),
    # whoever asked, in whatever words, or no verb at all
    ("someone from your bank called me and said I must move my savings to a safe account today, should I do it?",
     "money_moved"),
    ("on m'a appelé de la banque pour que je mette mon argent sur un compte sécurisé, c'est normal ?", "money_moved"),
    ("they want my savings on a safe account", "money_moved"),
    ("I was scammed, what is the fraud line number?", None),
    ("mon conjoint me prend ma carte et contrôle tout mon argent, j'ai peur", "abuse"),
    ("My husband controls all my money and threatens me", "abuse"),
    ("I want to end my life", None), ("je ne vois plus d'issue, je pense à en finir", None),
])
def test_the_kind_of_a_topic_whose_first_words_differ(text: str, kind: str | None) -> None:
    """Money asked to be moved is told not to be moved (not the card first); abuse by someone close gets its own line."""
    topic = sensitive_topic(text)
    assert topic in ("fraud", "vulnerability") and topic_kind(topic, text) == kind


@pytest.mark.parametrize("text", [
    "I want you to delete my data", "can you delete my data?", "Delete all my information from your systems",
    "Please delete my account and personal information.", "remove my details from your database",
    "supprimez mes données personnelles svp", "je veux que vous effaciez toutes les infos que vous avez sur moi",
    "effacez mes coordonnées", "what personal data do you hold about me?", "what data do you have on me",
    "quelles informations vous détenez sur moi ?", "how do I get a copy of my personal data?",
    "I want a copy of my data",
    "je veux récupérer toutes mes données", "I want to exercise my right to erasure under GDPR",
    "comment faire une demande RGPD ?", "droit a l'oubli svp", "who is your DPO?",
    "please stop using my data for marketing", "arrêtez d'utiliser mes données",
    "you sold my details to a third party!!",
    "vous avez vendu mes données à qui ?", "what do you do with my personal data", "vous avez quelles infos sur moi",
    "yo, vous utilisez les données de mon linky pour quoi exactement ? je veux que vous supprimiez tout",
    "que faites-vous de mes données ?",
])
def test_a_request_about_personal_data_is_a_topic_of_its_own(text: str) -> None:
    """Erasure, a copy, what is held, its use stopped: the company's data protection process, not an article on data."""
    assert sensitive_topic(text) == "personal_data"


@pytest.mark.parametrize("text", [
    # mobile data, and personal details to update (an article says how)
    "I used all my data", "how much data do I have left?", "delete my data add-on", "remove the data bundle",
    "how do I stop using my data abroad", "how do I stop apps using my data", "supprimer mes données mobiles",
    "my mobile data doesn't work abroad", "I lost all my data after the update", "how do I change my personal details?",
    "I'd like to make some changes to my personal information.", "update my details", "delete my account",
    "remove my card details from the app", "supprimer mes coordonnées bancaires", "what info do you need from me?",
    "the information you gave me was wrong",
    # the customer's own doing, a phone's or a form's data, a right of another kind
    "I gave my info to a fake website", "j'ai donné mes coordonnées au livreur",
    "partagez mes coordonnées avec mon notaire svp", "droit d opposition sur un prélèvement, comment faire ?",
    "comment récupérer mes données sur mon nouveau téléphone ?", "how do I wipe my data from my old phone",
    "télécharger mes données de consommation", "can you remove my details from the delivery form? the address is wrong",
    "supprimer mes informations de livraison",
    "vous utilisez mes données mobiles quand je suis à l'étranger ?", "supprimez tout mon panier svp",
    "j'ai saisi mes infos de livraison, effacez tout et je recommence",
])
def test_mobile_data_and_details_to_update_are_no_request_about_personal_data(text: str) -> None:
    assert sensitive_topic(text) is None


@pytest.mark.parametrize(("text", "looks"), [
    ("can't you see why?", True), ("vous pouvez pas voir pourquoi ?", True), ("tu peux vérifier ?", True),
    ("could you look into it please", True), ("can you tell me why?", True), ("vous pouvez me dire pourquoi ?", True),
    ("est-ce que vous pouvez regarder de votre côté ?", True),
    # a question the knowledge answers, one that asks what, a balance (own account data)
    ("can you check why my card was declined?", False), ("can you tell me?", False), ("vous pouvez me dire ?", False),
    ("can you check if you offer loans", False), ("can you see my balance?", False),
    ("can you tell me please", False), ("can you tell me that", False),
])
def test_the_bot_asked_to_look_into_the_customer_s_case(text: str, looks: bool) -> None:
    """"can't you see why?" asks the bot to look at the file, which it cannot: no request for a person in itself."""
    from assistant.intents import asks_to_look_into, own_file_asked

    assert asks_to_look_into(text) is looks
    assert (own_file_asked(text) == "look_into") is looks


@pytest.mark.parametrize(("text", "topic"), [
    ("j'en peux plus de tout ça, je veux commander assez de cachets pour ne plus me réveiller", "vulnerability"),
    ("je veux prendre toute ma boite de somnifères pour ne plus me réveiller", "vulnerability"),
    ("combien de doliprane il faut pour mourir ?", "vulnerability"),
    ("i want to order enough sleeping pills to not wake up", "vulnerability"),
    ("how many paracetamol would it take to kill someone", "vulnerability"),
    ("c'est quoi la dose mortelle de paracetamol", "vulnerability"),
    ("how do I not wake up the baby when the courier rings?", None), ("combien de comprimés maximum par jour ?", None),
    ("how much do I have to pay to end it", None), ("combien il faut pour en finir avec ce prêt ?", None),
    ("how much does my policy pay to die abroad", None), ("I set two alarms so I never wake up late", None),
    ("je mets un réveil pour ne plus me réveiller en retard", None),
    ("what is the maximum dose of paracetamol per day?", None),
])
def test_a_wish_to_die_told_through_pills_is_a_danger_to_oneself(text: str, topic: str | None) -> None:
    """Never to wake up, a deadly dose asked: the customer at risk, handed over first with where help is at once."""
    assert sensitive_topic(text) == topic


@pytest.mark.parametrize(("text", "kind"), [
    ("Merci beaucoup pour votre aide, vous avez été très gentille", "thanks"),
    ("Merci beaucoup, vous êtes bien aimable", "thanks"), ("thanks, you've been very kind", "thanks"),
    ("thank you so much you were really helpful", "thanks"), ("thanks a lot, that's very kind of you", "thanks"),
    ("merci pour votre patience", "thanks"),
    ("vous êtes gentille mais ça ne répond pas à ma question", None),
])
def test_thanks_with_kindness_praised_is_courtesy_not_a_question(text: str, kind: str | None) -> None:
    """"vous avez été très gentille" after thanks is no question to miss (the second miss queued an advisor)."""
    assert small_talk(text) == kind


@pytest.mark.parametrize("text", [
    "Ma demande de la semaine dernière est-elle toujours en cours ?", "ma réclamation est toujours en cours ?",
    "is my complaint still open?", "mon dossier est-il traité ?", "où en est ma demande ?",
])
def test_whether_a_request_is_still_open_is_asked_of_the_file(text: str) -> None:
    from assistant.intents import own_file_asked

    assert own_file_asked(text) == "own_requests"


@pytest.mark.parametrize(("text", "kind"), [
    ("c'est quoi mon solde ?", "account_data"), ("il me reste combien sur mon wallet ?", "account_data"),
    ("combien il me reste sur ma cagnotte ?", "account_data"), ("what's my wallet balance?", "account_data"),
    ("how much credit do I have left?", "account_data"), ("c'est quoi le solde de tout compte ?", None),
])
def test_a_balance_of_another_kind_is_out_of_sight(text: str, kind: str | None) -> None:
    """A wallet's, a kitty's, credit left: figures of their own the bot cannot see (not the day pass's price)."""
    from assistant.intents import own_file_asked

    assert own_file_asked(text) == kind


def test_language_detection() -> None:
    assert detect_language("comment faire un virement ?") == "fr"
    assert detect_language("how do I send money?") == "en"
    assert detect_language("ok", default="fr") == "fr"
    assert detect_language("parfait", default="fr") == "fr"  # too little to tell: the conversation's language


@pytest.mark.parametrize("text, language", [
    ("Hola, he perdido mi tarjeta, ¿qué hago?", "es"), ("y cuánto cuesta la nueva?", "es"),
    ("Hallo, ich habe meine Karte verloren", "de"), ("Ciao, ho perso la mia carta", "it"),
    ("Olá, quero falar com uma pessoa", "pt"), ("Hallo, ik ben mijn kaart verloren", "nl"),
    # French and English, with a word or a place of elsewhere: theirs
    ("Je suis à Madrid, mi tarjeta no funciona", None), ("Est-ce que je peux payer en Italie ?", None),
    ("la carte de mon fils", None), ("I lost my card", None), ("Hola", None), ("gracias", None),
    ("my phone might die", None), ("j ai perdu ma carte", None),
])
def test_a_message_written_in_a_language_the_bot_does_not_speak(text: str, language: str | None) -> None:
    from assistant.language import written_in_another

    assert written_in_another(text) == language


def test_the_shipped_sentiment_model_reads_the_words_and_survives_a_round_trip(tmp_path: Path) -> None:
    shipped = SentimentHead.load(Path(__file__).parents[2] / "configs" / "models" / "sentiment-use-m3.npz")
    assert shipped.words is not None  # the word model is part of the versioned file
    shipped.save(tmp_path / "copy.npz")
    copy = SentimentHead.load(tmp_path / "copy.npz")
    v = np.random.default_rng(1).normal(size=shipped.head.weights.shape[1]).astype(np.float32)
    v /= np.linalg.norm(v)
    assert shipped.english is not None and copy.english is not None  # so is the English head (embedding + VADER)
    for text in ("worst service ever, I am furious", "merci beaucoup, super rapide !", "ok"):
        for language in (None, "fr", "en"):
            assert np.allclose(copy.probabilities(v, text, language), shipped.probabilities(v, text, language))
    # only English reads VADER's lexicon: another language, or none given, keeps the first head
    assert np.allclose(shipped.probabilities(v, "ok", "fr"), shipped.probabilities(v, "ok"))
    assert shipped.probabilities(v, "I love it, great", "en")[2] > shipped.probabilities(v, "I love it, great", "fr")[2]
    # the same vector, other words: the words move the verdict their way
    angry = shipped.probabilities(v, "worst service ever, I am furious and disgusted")
    happy = shipped.probabilities(v, "love it, thank you so much, great and amazing")
    assert angry[0] > happy[0] and happy[2] > angry[2]
    assert np.allclose(shipped.probabilities(v, "xqzv wkpt"), shipped.probabilities(v))  # no known word


def test_which_offered_option_a_reply_picks() -> None:
    from assistant.intents import option_chosen

    options = ["Account of a relative who has died", "Apple Pay and Google Pay", "Why was my card declined?"]
    for text, want in [("the first one", 0), ("2", 1), ("la deuxième", 1), ("number 3", 2), ("Apple Pay", 1),
                       ("yes", None), ("no", None), ("I lost my card", None), ("why?", None)]:
        assert option_chosen(text, options) == want, text
    assert option_chosen("yes", options[:1]) == 0 and option_chosen("oui, c'est ça", options[:1]) == 0
    assert option_chosen("the first one", []) is None
    for text, want in [("la 1ere", 0), ("le 1er", 0), ("the 2nd one", 1), ("la 2e", 1), ("la 3ème", 2)]:
        assert option_chosen(text, options) == want, text


@pytest.mark.parametrize("text, expected", [
    ("yes", True), ("Yes please!", True), ("oui", True), ("Oui, volontiers", True), ("oui je veux bien", True),
    ("go ahead", True), ("ok please", True), ("yes, an advisor please", True), ("Oui svp", True),
    ("ok", False), ("d'accord", False), ("ok merci", False), ("ok thanks", False), ("no", False), ("non merci", False),
    ("yes but how do I block my card?", False), ("oui mais ma carte est bloquée", False),
    ("ok then get me one", True), ("put me through then", True), ("alors passez-m'en un svp", True),
    ("ok j'en veux un", True), ("get me one of those cards", False), ("i need one for my son", False),
])
def test_a_reply_that_only_says_yes_to_an_offer(text: str, expected: bool) -> None:
    from assistant.intents import accepts_offer

    assert accepts_offer(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("and abroad?", True), ("And to the US?", True), ("what about Germany?", True), ("et à l'étranger ?", True),
    ("et pour les retraits ?", True), ("Et avec Apple Pay ?", True), ("pareil pour ma deuxième carte ?", True), ("And I was charged twice!", False), ("and it still fails", False),
    ("Et qu’en est-il des retraits ?", True),
    ("and how do I block my card?", False), ("and?", False), ("andorra fees", False), ("ethernet", False),
    ("et si je veux annuler le virement que j'ai fait hier ?", False),
])
def test_an_elliptical_question_leans_on_the_one_before(text: str, expected: bool) -> None:
    from assistant.intents import elliptical

    assert elliptical(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("and my phone plan?", True), ("et mon forfait ?", True), ("what about my savings account?", True),
    ("Et pour mes enfants ?", True), ("Et pour son forfait mobile ?", True), ("and his phone plan?", True),
    ("and abroad?", False), ("my card?", False),
    ("and my card is blocked too, what do I do?", False), ("et la carte ?", False),
])
def test_an_elliptical_question_about_a_thing_of_ones_own(text: str, expected: bool) -> None:
    from assistant.intents import of_own_thing

    assert of_own_thing(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("how do I pay in the meantime?", True), ("je paie comment en attendant ?", True), ("meanwhile what do i do", True),
    ("et d'ici là je fais comment", True), ("how do I pay", False), ("the flight attendant was rude", False),
])
def test_a_question_on_the_meantime(text: str, expected: bool) -> None:
    from assistant.intents import asks_meanwhile

    assert asks_meanwhile(text) is expected


@pytest.mark.parametrize("text", ["merci quand meme", "merci quand même", "thanks anyway", "ok merci quand meme"])
def test_thanks_for_an_answer_that_did_not_help_are_thanks(text: str) -> None:
    from assistant.intents import small_talk

    assert small_talk(text) == "thanks"


@pytest.mark.parametrize("text, expected", [
    ("how long does it take?", True), ("ça coûte combien ?", True), ("c'est gratuit ?", True),
    ("et c'est gratuit ?", True), ("and is that free?", True), ("how long to get the new one?", True),
    ("combien de temps pour recevoir la nouvelle ?", True), ("is the other one free?", True), ("et l'autre ?", True),
    ("elle est payante ?", True), ("et pour la débloquer ?", True), ("et si je la retrouve ?", True),
    ("je le reçois quand ?", True), ("il est possible de payer par carte ?", False), ("et à l'étranger ?", False),
    ("Comment faire un virement ?", False), ("je veux le plafond ?", False),
    ("fine, whatever. how do I unblock it", True), ("can I cancel it", True), ("what time is it", False),
    ("how long does it take", True), ("ca prend combien de temps", True),  # asked for a figure, as typed on a phone
    ("why did that happen", True), ("it takes long", False),
    ("Comment je lance un virement ?", False), ("pour le premier virement ?", False),
    ("vous levez le blocage ?", False), ("pour le dossier ?", False),
    ("Is it safe to use Apple Pay?", False), ("it still doesn't work", False), ("what is the new fee?", False),
    ("la nouvelle carte arrive quand ?", True),  # opening on "la nouvelle": the one just talked of
    ("and how long does the new card take?", True),
    ("so how long will it take for my new card to arrive here?", False),  # long enough to ask of its own
    ("how do I open a new account?", False),
    ("et c'est quoi un découvert autorisé exactement, pour un compte joint ?", False),
    # opened with "and", a longer question still goes on with the subject
    ("and can I get the money back if it already went out?", True),
    ("can I get the money back if it already went out?", False),
    ("Et combien de temps faut-il pour que ce soit pris en compte ?", True),  # "ce": what was just asked for
    ("je veux que ce soit rapide", False),
    ("can i get it back", True), ("can i use it abroad", True),  # short, without the question mark
])
def test_a_question_that_points_back_at_the_last_subject(text: str, expected: bool) -> None:
    from assistant.intents import leans_back

    assert leans_back(text) is expected


def test_steps_said_done() -> None:
    from assistant.intents import says_steps_done

    assert all(says_steps_done(t) for t in ("c'est fait, et maintenant ?", "ok done, what now?",
                                            "I've turned the water off, what now?", "j'ai coupé le gaz. et après ?"))
    assert not any(says_steps_done(t) for t in ("what now?", "je fais quoi ?", "et après ?"))


def test_a_question_that_only_asks_what_to_do() -> None:
    from assistant.intents import asks_what_to_do

    assert all(asks_what_to_do(t) for t in ("what should I do now?", "So what do I do?", "que dois-je faire ?",
                                            "Je fais quoi maintenant ?", "et maintenant ?", "ok, what are the steps?",
                                            "je peux faire quoi ?", "que puis-je faire ?", "what are my options?",
                                            "je fais quoi alors ?", "what can I do then?", "on fait quoi du coup"))
    assert not any(asks_what_to_do(t) for t in ("what should I do about my card?", "Comment faire un virement ?",
                                                "what do you do?", "je fais un virement",
                                                "je peux faire quoi pour payer moins ?", "puis alors ?",
                                                "je fais quoi alors avec ma carte ?"))


def test_contactless_payment_is_no_word_of_reaching_someone() -> None:
    from assistant.intents import reaches_for_someone

    assert not any(reaches_for_someone(t) for t in ("contactless?", "et le sans contact ?", "paying by phone?"))
    assert all(reaches_for_someone(t) for t in ("can I call you?", "how can I contact a person?",
                                                "je veux parler à quelqu'un", "this bot is useless"))


@pytest.mark.parametrize(("text", "language", "only"), [
    ("can you answer in English?", "en", True), ("Do you speak English?", "en", True),
    ("Parlez-vous français ?", "fr", True), ("Bonjour, parlez-vous anglais ?", "en", True),
    ("en français svp", "fr", True), ("English please", "en", True),
    ("Pouvez-vous me répondre en français ?", "fr", True),
    ("I don't speak French", "en", True), ("je ne comprends pas l'anglais", "fr", True),  # the other one
    ("change your language setting to french", "fr", True), ("please respond to me in english from now on", "en", True),
    ("can you speak to me in spanish", "es", True),  # named, to say it is not spoken
    ("can you tell me in English how to block my card?", "en", False),  # and a question
    ("ok in english then", "en", True), ("could we speak English?", "en", True),
    ("pouvez-vous parler anglais", "en", True),
    ("stop speaking French please", "en", True), ("please don't reply in French", "en", True),  # refused: the other
    ("my French is not very good, English please?", "en", True), ("actually, back to French please", "fr", True),
    ("merci, en français c'est possible ?", "fr", True), ("on peut continuer en anglais ?", "en", True),
    ("sprechen Sie Deutsch?", "de", True), ("hablas español?", "es", True),
    ("Do you speak English? I lost my card", "en", False), ("pouvez vous répondre en anglais ?", "en", True),
    ("please answer in English, thank you", "en", True), ("je peux avoir la réponse en anglais ?", "en", True),
    ("no English please", "fr", True), ("pas en anglais svp", "fr", True), ("not in French please", "en", True),
    ("and in English again please", "en", True),
    ("je préfère parler français", "fr", True), ("I'd rather speak French", "fr", True),
    ("I prefer to speak English", "en", True),
    # who speaks it, said as the reason
    ("sorry, my wife is English, can you answer in English please?", "en", True),
    ("mon mari est anglais, vous pouvez répondre en anglais ?", "en", True),
    ("can you answer in english please, my wife reads", "en", True),  # who reads it
])
def test_a_request_for_a_language(text: str, language: str, only: bool, encoder) -> None:  # type: ignore[no-untyped-def]
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector, asks_for_language, only_asks_for_language
    from assistant.training import head_path

    assert asks_for_language(text) == language
    assert only_asks_for_language(text) is only
    # the head alone hears "speak" as a wish for a person ("Do you speak English?" scores 0.87)
    detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
    assert not detector.detect(text, encoder.encode([text], query=True)[0])


@pytest.mark.parametrize("text", [
    "I don't speak French, call me back please", "je ne parle pas anglais, rappelez-moi",
    "in English please, and put me through to an advisor",
])
def test_a_request_for_a_person_beside_one_for_a_language_is_still_one(text: str, encoder) -> None:  # type: ignore[no-untyped-def]
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector
    from assistant.training import head_path

    detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
    assert detector.detect(text, encoder.encode([text], query=True)[0])


@pytest.mark.parametrize("text", [
    "can I speak to an advisor in French?", "je veux parler à un conseiller en anglais",  # a person, who speaks it
    "how do I change the language of the app to French?", "Can I get a statement in English?",
    "my French card is blocked", "the letter is in French, what does it say?", "I speak English and French",
    "Do you speak to customers on the phone?", "comment passer l'application en anglais ?",
    "I don't understand the French fees", "Do you have a French version of the contract? I need it for my notary",
    "How do I switch my online banking language to French?", "Avez-vous une version en anglais de l'application ?",
    "Comment dit-on découvert en anglais ?", "I never use my French card", "stop using my French address",
    "speakfrench or english?", "Can you do French bank transfers?", "le contrat est écrit en anglais",
    "Can I get a statement in English please?", "comment passer l'application en anglais svp ?",
    "I need to write in French to my landlord", "mon relevé peut-il être traduit en anglais ?",
    "no French fees on this card?", "I have no English bank account",
])
def test_what_is_no_request_for_a_language(text: str) -> None:
    from assistant.intents import asks_for_language

    assert asks_for_language(text) is None


def test_patterns_joined_with_one_word_boundary_match_as_each_would() -> None:
    import re

    from assistant.intents import _any_of

    patterns = [r"\bscam\w*", r"\b(faux|fausse) agent\b|\bse faire passer pour\b", r"^(?=.*\bsms\b).*\blien\b",
                r"\bpin[]|]x|!!", r"\bcode (?:pin|secure)\b", r"\((ok|ko)\)", r"[(](a|b)[)(]"]
    joined = _any_of(patterns)
    for text in ("scammed", "a scam", "escam", "faux agent", "unfaux agent", "se faire passer pour", "sms puis lien",
                 "lien puis sms", "pin]x", "pin|x", "wow!!", "code pin", "bcode pin", "nothing here", "(ok)", "ok",
                 "(ko", "(a)", "(b(", "a)"):
        assert bool(joined.search(text)) == any(re.search(p, text) for p in patterns), text
    assert joined.groups == 0  # only a match is wanted: no group is remembered (~2x faster on the topics' patterns)


def test_a_request_for_a_language_is_taken_out_of_what_is_searched() -> None:
    from assistant.intents import without_language_request

    assert without_language_request("Do you speak English? I lost my card") == "? I lost my card"
    assert without_language_request("en anglais svp : comment faire opposition ?") == ": comment faire opposition ?"
    assert without_language_request("how do I block my card?") == "how do I block my card?"
    # the language, then the question: "and in French now"
    from assistant.intents import asks_for_language

    switched = "Merci, et en français maintenant : comment obtenir une attestation de solde ?"
    assert asks_for_language(switched) == "fr"
    assert without_language_request(switched) == "Merci comment obtenir une attestation de solde ?"
    assert asks_for_language("i paid in euros now i see dollars") is None
    assert without_language_request("English please") == "English please"  # nothing else to search


def test_the_language_of_the_person_asked_for() -> None:
    from assistant.intents import language_for_a_person

    assert language_for_a_person("can I speak to an advisor in French?") == "fr"
    assert language_for_a_person("I need a French-speaking advisor") == "fr"
    assert language_for_a_person("je voudrais un conseiller qui parle anglais") == "en"
    assert language_for_a_person("un conseiller anglophone svp") == "en"
    assert language_for_a_person("agent please") is None
    assert language_for_a_person("can you answer in French?") is None  # no person: the bot's to do


def test_a_reaction_and_a_courtesy_after_a_filler_are_small_talk() -> None:
    from assistant.intents import small_talk
    from assistant.language import detect_language

    assert small_talk("Bon, merci.") == "thanks" and small_talk("Hmm ok") == "acknowledgement"
    assert small_talk("merci bcp") == "thanks" and small_talk("thx a lot") == "thanks"
    assert small_talk("oki thx") == "thanks" and small_talk("oké merci") == "thanks" and small_talk("oki?") is None
    assert small_talk("okidoki") == "acknowledgement"
    assert small_talk("😀") == "acknowledgement" and small_talk("👍👍") == "acknowledgement"
    assert small_talk("???") is None and small_talk("...") is None and small_talk("😡?") is None
    assert small_talk("😡") is None and small_talk("🆘") is None and small_talk("👍!") == "acknowledgement"
    assert detect_language("aidez-moi svp") == "fr"


@pytest.mark.parametrize(("hurried", "written"), [
    ("j ai perdu ma carte", "j'ai perdu ma carte"), ("c est payant ?", "c'est payant ?"),
    ("je n arrive plus a payer", "je n'arrive plus a payer"), ("d accord", "d'accord"), ("qu il", "qu'il"),
    ("I don t know", "i don't know"), ("i m stuck", "i'm stuck"), ("it s blocked", "it's blocked"),
    ("you re useless", "you're useless"), ("can t log in", "can't log in"),
    # already written, or no elision at all
    ("that's all, bye", "that's all, bye"), ("il y a un souci", "il y a un souci"), ("a t il", "a t il"),
    ("aujourd'hui", "aujourd'hui"),
])
def test_apostrophes_left_out_are_given_back_before_the_patterns_read(hurried: str, written: str) -> None:
    """Customers in a hurry leave apostrophes out: the patterns read the message as if they were there,
    so "je n arrive plus a payer mes mensualites" is hardship as "je n'arrive plus…" is."""
    from assistant.intents import fold

    assert fold(hurried) == written
    assert sensitive_topic("je n arrive plus a payer mes mensualites de pret, je suis au chomage") == "hardship"


@pytest.mark.parametrize("text, topic", [
    ("i lost my job and honestly i dont see the point anymore, i cant do this", "vulnerability"),
    ("je veux en finir, je n'en peux plus", "vulnerability"),
    ("what's the point anymore", "vulnerability"),
    ("je veux en finir avec ce litige", None), ("I don't see the point of this fee", None),
    ("I don't see the point anymore of paying this fee", None),
    ("there are 3 payments i dont recognise on my account from amazon", "fraud"),
    ("I don't recognize this transaction", "fraud"), ("un prélèvement que je ne reconnais pas", "fraud"),
    ("je ne reconnais pas ce paiement", "fraud"),
    ("my card payment was declined and I do not recognise why", None),
    ("What do I do if I do not recognise a cash withdrawal?", None),  # asked how: the article
    ("cest quoi ce prelevement de 9 euros que jai pas autorise", "fraud"),
    ("c'est quoi ce prélèvement que j'ai pas autorisé ?", "fraud"),
    # texted: "ma" for "m'a", "jai" for "j'ai", "pr" for "pour"
    ("bjr on ma appelé en se faisant passer pr la banque jai donné mon code", "fraud"),
    # a call or a message asking for a code
    ("on m'a appelé pour me demander mon code carte", "fraud"), ("someone called me and asked for my PIN", "fraud"),
    ("honestly i dont know how im going to pay rent this month", "hardship"),
    ("i dont know how to pay my bills online", None),
    ("everything is just too much right now", "vulnerability"), ("the fees are too much", None),
    ("charging me for everything is too much!", None), ("I don't recognise why my payment was declined", None),
    ("i dont recognise the transfer screen in the app", None),
    ("je veux en finir une bonne fois pour toutes avec cette banque", None),
    ("je veux en finir, fermez mon compte", None),
    ("I dont know how I'm supposed to pay my bills with the new app", None),
    ("I do not recognise the merchant name on my statement", None),
    # despair without a word of death
    ("jsais plus quoi faire, parfois jai envie de tout arreter", "vulnerability"),
    ("honestly i dont want to be here anymore", "vulnerability"), ("je veux plus me réveiller", "vulnerability"),
    ("je n'ai plus envie d'être là", "vulnerability"), ("I'm so tired of living", "vulnerability"),
    ("je veux tout arrêter mes prélèvements", None), ("i dont want to be here when the engineer comes", None),
    ("I am tired of living in Paris", None), ("I can't go on like this, fix my account", None),
    # nothing wanted any more, the service the one thing left, alone
    ("je me sens tellement seul, y a que vos séries qui me font tenir, j'ai plus envie de rien", "vulnerability"),
    ("i feel so alone… i dont want to do anything anymore", "vulnerability"),
    ("jai plus envie de rien", "vulnerability"),
    ("j'ai plus goût à rien depuis des semaines", "vulnerability"), ("i feel so alone. nobody cares", "vulnerability"),
    ("je n'ai plus envie de rien payer", None), ("je me sens seul face à ce problème", None),
    ("plus envie de rien regarder sur votre appli", None), ("i dont want to do anything anymore with this app", None),
    # everything to stop (not the company's services)
    ("I haven't eaten in 3 days and I can't focus on anything, I just want it all to stop", "vulnerability"),
    ("j'ai rien mangé depuis 3 jours et j'ai envie que tout s'arrête", "vulnerability"),
    ("I want these calls to stop", None), ("je veux que tout s'arrête, résiliez tout", None),
    ("I want it all to stop, cancel every subscription", None),
    # harassed by someone close or for money; by anyone else, the company's own words may place it
    ("mon ex me harcèle", "vulnerability"), ("il me harcèle pour que je lui donne ma carte", "vulnerability"),
    ("mon prof de TD me harcèle, il m'envoie des messages le soir", None),
    ("mon fils me harcèle tous les jours, je n'en dors plus", "vulnerability"),
    ("ma belle-mère me harcèle pour que je signe la procuration", "vulnerability"),
    ("my boyfriend harasses me for money", "vulnerability"),
    ("votre service client me harcèle pour payer une facture", None),
    # a crisis said with a bill, or only the service holding them up; not the café, nor a cancellation
    ("je veux que tout s'arrete, j'ai plus la force de payer mes comptes", "vulnerability"),
    ("I just want it all to stop. I've closed my accounts and written letters to my kids.", "vulnerability"),
    ("your shows are the only thing that keeps me alive right now", "vulnerability"),
    ("j'aimerais que tout s'arrête", "vulnerability"), ("I wish it would all stop", "vulnerability"),
    ("I feel so alone, nobody at the bank will help me sort out this transfer", None),
    ("c'est le café qui me fait tenir le matin", None), ("j'ai plus envie de rien, résiliez mon abonnement", None),
    ("I want it all to stop, the spam texts are driving me mad", None),
    # gift cards asked by someone who says they are the company's; not the company's own app, nor a promo code
    ("someone from your bank asked me to buy gift cards", "fraud"),
    ("I got a message from the app asking me to enter my PIN", None), ("I got an email asking for my promo code", None),
    ("the agent at the branch asked me to deposit cash, is that normal?", None),
    # a message or a call asking for bank details or a code; cash asked by someone who says they are the company's
    ("j'ai reçu un SMS de Fibrea qui me demande mes coordonnées bancaires", "fraud"),
    ("i got a text from you asking for my card details", "fraud"),
    ("un technicien Fibrea m'a demandé 80 € en liquide pour finir l'installation, c'est normal ?", "fraud"),
    ("i received an email asking me to reset my password", None),
    ("j'ai reçu un mail qui me demande un code promo", None),
    ("le livreur m'a demandé de payer en liquide", None),
])
def test_despair_and_payments_not_recognised_said_in_other_words(text: str, topic: str | None) -> None:
    from assistant.intents import sensitive_topic

    assert sensitive_topic(text) == topic


@pytest.mark.parametrize("text", ["t un robot ?", "r u a bot", "are u human?", "you a bot?", "est-ce un bot ?",
                                  "are you an AI?", "tes un robot", "r u a bot or a real person",
                                  "vous etes un robot ou quoi", "t un bot ou un vrai humain"])
def test_are_you_a_bot_as_typed_on_a_phone(text: str) -> None:
    from assistant.intents import is_human_request, small_talk

    assert small_talk(text) == "identity" and not is_human_request(text)


@pytest.mark.parametrize("text, expected", [
    ("ok how do i turn it on", True), ("how do I cancel it", True), ("comment je la débloque", True),
    ("how do I block my card", False), ("it still does not work", False),
    # "does that …": what was just said, doing something; not a thing named ("does the card work abroad")
    ("does that cancel my phone plan too", True), ("will this affect my card", True),
    ("does the card work abroad", False), ("that is not what i asked", False),
    # the question word last, as texted: "je la gele comment"
    ("ok je la gele alors, comment on fait", True), ("je la degele comment", True), ("je sais pas comment", False),
    ("je fais un virement comment", False),
])
def test_asked_how_without_a_question_mark_still_points_back(text: str, expected: bool) -> None:
    from assistant.intents import leans_back

    assert leans_back(text) is expected


@pytest.mark.parametrize(("text", "did_not_work"), [
    ("still doesnt work!!!", True), ("ça marche toujours pas", True), ("that didn't help", True), ("same error", True),
    ("nope still not working", True), ("ça n'a rien changé", True), ("toujours pareil", True), ("didnt work", True),
    ("That didn't help at all", True),
    ("ok it works now", False), ("ça marche", False), ("ca marche toujours", False), ("how do I turn it on", False),
    ("it still doesnt work when i pay online at amazon", False), ("it works, thanks", False),
    # the step done, or the thing looked at, and no better
    ("c fait, toujours pareil", True), ("c'est fait, toujours noir", True), ("checked spam, still nothing", True),
    ("i checked the cable, still orange!!!", True), ("jai redémarré, toujours rien", True),
    ("fait, ça marche toujours pas", True), ("done", False), ("checked my account", False),
    ("is it still orange?", False),
])
def test_a_message_that_only_says_what_was_told_did_not_work(text: str, did_not_work: bool) -> None:
    from assistant.intents import says_it_did_not_work

    assert says_it_did_not_work(text) is did_not_work


@pytest.mark.parametrize(("text", "trouble"), [
    ("my card got declined at the hotel", True), ("mobile data not working", True), ("I have no internet abroad", True),
    ("je n'arrive plus à me connecter à l'appli", True), ("ma carte passe plus", True), ("I can't log in", True),
    ("my transfer hasn't arrived", True), ("ma carte est bloquée", True), ("the app keeps crashing", True),
    ("j'ai pas reçu le mail", True), ("il est toujours pas arrivé", True),
    ("how do I freeze my card", False), ("comment bloquer ma carte", False),
    ("how do I add my card to apple pay", False),
    ("what is the contactless limit", False), ("I don't know how to change my plan", False),
])
def test_what_goes_wrong_is_told_from_a_how_to(text: str, trouble: bool) -> None:
    from assistant.intents import reports_trouble

    assert reports_trouble(text) is trouble


@pytest.mark.parametrize(("text", "parts"), [
    ("how do I add my card to apple pay and also what is the contactless limit",
     ("how do I add my card to apple pay", "what is the contactless limit")),
    ("Comment bloquer ma carte ? Et quel est le plafond de retrait ?",
     ("Comment bloquer ma carte ?", "Et quel est le plafond de retrait ?")),
    ("I lost my card. How do I get a new PIN?", ("I lost my card.", "How do I get a new PIN?")),
    ("how do I block my card?", None), ("Hello. How do I block my card?", None), ("I lost my card!! help", None),
    ("how do i get my RIB and how do i change my address", ("how do i get my RIB", "how do i change my address")),
    ("i want to know where and when", None),
    ("a? b? c?", None),
    # a sentence after the question that only tells its scene is no second question; one that asks for a thing is
    ("is the off peak option worth it for me? i have an electric car", None),
    ("how much is the premium card? also the contactless limit",
     ("how much is the premium card?", "also the contactless limit")),
    ("what is the price of fibre? also I want to change my address",
     ("what is the price of fibre?", "also I want to change my address")),
    # "est ce que" typed without its hyphen opens a question as "est-ce que" does
    ("combien coute le forfait 20go et est ce que je peux garder mon numero ?",
     ("combien coute le forfait 20go", "est ce que je peux garder mon numero ?")),
])
def test_a_message_that_asks_two_things(text: str, parts: tuple[str, str] | None) -> None:
    from assistant.intents import two_questions

    assert two_questions(text) == parts


@pytest.mark.parametrize(("text", "items"), [
    ("Good morning. 1) what is the savings rate? 2) what is the overdraft rate? 3) can I repay my loan early",
     ["what is the savings rate?", "what is the overdraft rate?", "can I repay my loan early"]),
    ("1. comment changer mon code PIN\n2. c quoi le plafond sans contact", ["comment changer mon code PIN",
                                                                          "c quoi le plafond sans contact"]),
    ("a few questions:\n- how do i reset my password\n- whats the atm limit", ["how do i reset my password",
                                                                               "whats the atm limit"]),
    ("What is the fee? How long does it take? Can I cancel it?",
     ["What is the fee?", "How long does it take?", "Can I cancel it?"]),
    # numbers that mark nothing, two sentences, marks out of order: no list
    ("I paid 2 euros. 3 days later nothing", None), ("how do I block my card? and the app?", None),
    ("2) the fee 1) the delay", None), ("I have 2 cards and 1 account", None),
])
def test_a_list_of_questions(text: str, items: list[str] | None) -> None:
    from assistant.intents import listed_questions

    found = listed_questions(text)
    assert (None if found is None else [q for _, q in found]) == items


@pytest.mark.parametrize(("text", "expected"), [
    ("no", True), ("nope, im good", True), ("non merci", True), ("no need", True), ("pas besoin merci", True),
    ("no it doesnt work", False), ("no I want a refund", False), ("ok thanks", False), ("non, ma carte", False),
])
def test_a_no_and_nothing_else(text: str, expected: bool) -> None:
    from assistant.intents import says_no

    assert says_no(text) is expected


@pytest.mark.parametrize(("text", "meant"), [
    ("no, I mean my mobile phone, not my card", "my mobile phone"),
    ("non je parle de mon forfait mobile", "mon forfait mobile"),
    ("i meant the phone", "the phone"), ("non, je voulais dire ma carte bancaire", "ma carte bancaire"),
    ("how do i mean", None), ("no it doesn't work", None), ("I mean it, I want a refund", "it, i want a refund"),
])
def test_what_a_correction_says_was_meant(text: str, meant: str | None) -> None:
    from assistant.intents import what_was_meant

    assert what_was_meant(text) == meant


@pytest.mark.parametrize(("text", "detail"), [
    ("it was an instant transfer", "instant transfer"), ("c'était un virement instantané", "virement instantane"),
    ("It's a Visa Premier.", "visa premier"), ("no it was by card", "card"),
    ("ok its my savings account", "savings account"),
    ("it's ok", None), ("c'est nul", None), ("it was yesterday", None), ("was it an instant transfer?", None),
    ("it was an instant transfer?", None), ("it was a transfer to my sister's account at another bank in Spain", None),
])
def test_what_a_statement_says_the_thing_talked_about_was(text: str, detail: str | None) -> None:
    from assistant.intents import detail_told

    assert detail_told(text) == detail


def test_a_foreign_currency_is_the_local_one_and_there_is_abroad() -> None:
    from assistant.places import as_local_money, there_as_abroad

    assert as_local_money("the card machine asked if i want to pay in euros or dollars", "FR") == (
        "the card machine asked if i want to pay in euros or local currency")
    assert as_local_money("le terminal me demande si je veux payer en euros ou en dollars", "FR").endswith(
        "en devise locale")
    assert as_local_money("pay in euros or dollars", "GB") == "pay in euros or dollars"  # no euro at home
    assert as_local_money("how do I pay in euros?", "FR") == "how do I pay in euros?"
    assert there_as_abroad("and will my phone work there") == "and will my phone work abroad"
    assert there_as_abroad("est-ce que mon forfait marche là-bas ?") == "est-ce que mon forfait marche abroad ?"
    assert there_as_abroad("will my card work over there?") == "will my card work abroad?"
    for existing in ("is there a fee?", "there's a charge on my card", "there are two payments"):
        assert there_as_abroad(existing) == existing


@pytest.mark.parametrize(("text", "asks"), [
    ("do i have any open requests with you", True), ("whats the status of my complaint", True),
    ("où en est ma demande ?", True), ("j'ai une réclamation en cours ?", True), ("any news on my request?", True),
    ("how do I make a complaint?", False), ("what is the status of a transfer", False),
    ("do i have any fees to pay", False),
])
def test_a_question_about_the_customer_s_own_requests(text: str, asks: bool) -> None:
    from assistant.intents import asks_own_requests

    assert asks_own_requests(text) is asks


@pytest.mark.parametrize(("text", "asks"), [
    ("bonjour mon conseiller c est qui ?", True), ("pardon c est qui ma conseillère deja", True),
    ("qui est mon conseiller ?", True), ("who is my advisor?", True),
    ("je veux parler à mon conseiller", False), ("can I talk to my advisor", False),
])
def test_who_the_customer_s_own_advisor_is_asked_not_a_person(text: str, asks: bool) -> None:
    from assistant.intents import HumanRequestDetector, asks_own_advisor

    assert asks_own_advisor(text) is asks
    if asks:
        assert not HumanRequestDetector().detect(text)


def test_the_zones_of_euro_transfers_and_of_the_euro_are_regions() -> None:
    from assistant.places import regions_named

    assert {"SEPA", "EURO", "EU"} <= regions_named("and to germany?")
    assert "SEPA" in regions_named("and to the uk?") and "EURO" not in regions_named("and to the uk?")
    assert regions_named("Standard SEPA transfers ordered before 4 pm") == {"SEPA"}
    assert "SEPA" not in regions_named("To send money outside the SEPA zone (for example to the US)")
    assert regions_named("Outside the eurozone, Visa Classic payments carry a fee") == {"ABROAD_EURO"}
    assert regions_named("les paiements hors zone euro") == {"ABROAD_EURO"}
    # the world outside the zones: named by an article, and by a question's country there
    assert regions_named("International (non-SEPA) transfers cost €15") == {"ABROAD_SEPA"}
    assert regions_named("Pour envoyer de l'argent hors de la zone SEPA") == {"ABROAD_SEPA"}
    assert {"ABROAD_SEPA", "ABROAD_EURO"} <= regions_named("and to the US?")
    assert "ABROAD_SEPA" not in regions_named("and to the uk?") and "ABROAD_EURO" in regions_named("and to the uk?")
    assert "ABROAD_SEPA" not in regions_named("and in the US?", zones_of_countries=False)


def test_a_country_said_as_the_zone_an_article_places_itself_outside_of() -> None:
    from assistant.places import as_zone, countries_named, placed_last, zone_apart

    international = "International (non-SEPA) transfers. To send money outside the SEPA zone (for example to the US)."
    sepa = "Making a transfer in France or the SEPA zone. SEPA transfers (the eurozone plus the UK, Norway) are free."
    assert zone_apart("how much does a transfer to germany cost?", international) == "SEPA"
    assert zone_apart("combien coûte un virement vers lallemagne ?", international) == "SEPA"  # no apostrophe
    assert zone_apart("how much to send money to morocco", sepa) == "ABROAD_SEPA"
    assert zone_apart("how much to send money to norway", sepa) is None  # the article names it
    assert zone_apart("how much to send money to the US", international) is None
    assert zone_apart("how much does a SEPA transfer to germany cost?", international) is None  # the zone asked
    assert zone_apart("how do i reset my password", international) is None
    assert as_zone("how much does a transfer to germany cost?", "SEPA", "en") == \
        "how much does a transfer to the SEPA zone cost?"
    assert as_zone("combien coûte un virement vers l'allemagne ?", "SEPA", "fr") == \
        "combien coute un virement vers la zone SEPA ?"
    assert placed_last("I sent money to the US, how long? and to germany?", "how much does it cost?") == \
        "and to germany?"
    assert countries_named("je les ai lus") == set() and countries_named("en litalie") == {"IT"}
    # "international" says across a border; the country says which side
    assert zone_apart("international transfer to germany how much", international) == "SEPA"
    assert as_zone("international transfer to germany how much", "SEPA", "en") == \
        "  transfer to the SEPA zone how much"
    assert zone_apart("international transfer to japan how much", international) is None


def test_a_country_inside_or_outside_the_eu_against_roaming_placed_on_one_side() -> None:
    from assistant.places import regions_named, speaks_of_abroad, zone_apart

    europe = "Utiliser son forfait en Europe. Dans l'Union européenne, votre forfait s'utilise comme en France."
    world = "Utiliser son téléphone hors d'Europe. Hors de l'Union européenne, 10 € par jour avec le Pass Monde."
    both = "Roaming. In the EU and EEA your plan works as at home. Outside Europe, roaming is off by default."
    assert regions_named(world, zones_of_countries=False) == {"ABROAD_EU"}
    assert "ABROAD_EU" not in regions_named(europe, zones_of_countries=False)
    assert zone_apart("je suis en espagne, est ce que mes gigas marchent", world) == "EU"
    assert zone_apart("je suis au maroc, internet marche ?", europe) == "ABROAD_EU"
    assert zone_apart("je suis au maroc, internet marche ?", world) is None
    assert zone_apart("je suis en espagne, mes gigas marchent", europe) is None
    # an article of both sides, though its first sentence names one; a question naming the zone itself
    assert zone_apart("and in japan?", both.split(". Outside")[0], whole=both) is None
    assert zone_apart("roaming hors europe, je suis au japon", europe) is None
    # the English ways of placing oneself outside
    assert regions_named("Outside the EU, calls cost €1/min.", zones_of_countries=False) == {"ABROAD_EU"}
    assert regions_named("Non-EU countries: €10 a day", zones_of_countries=False) == {"ABROAD_EU"}
    # about being abroad, or not (a plans list; a French article naming France)
    assert speaks_of_abroad(europe, "FR") and speaks_of_abroad("Using your card abroad: …", "FR")
    assert not speaks_of_abroad("Forfait 20 Go : 9,99 € par mois. Sans engagement.", "FR")
    assert not speaks_of_abroad("Les virements en France sont gratuits.", "FR")


def test_a_country_typed_with_a_slip_is_still_that_country() -> None:
    from assistant.places import countries_named

    assert countries_named("internatonal tranfer to germny how much") == {"DE"}
    assert countries_named("going to barcelone and then to swtizerland") == {"ES", "CH"}
    assert countries_named("je pars en alemagne") == {"DE"}
    # the words a slip makes of some names are words
    for text in ("i speak german", "settle the bill", "i am hungry", "on the island", "an inland transfer",
                 "no way", "noway thats expensive"):
        assert countries_named(text) == set(), text


def test_words_that_take_back_a_request_said_one_after_another() -> None:
    from assistant.intents import drops_the_request, only_drops_the_request

    for text in ("laisse tomber cest bon jai trouve", "laisse tomber c'est bon", "never mind i found it",
                 "never mind its fine"):
        assert drops_the_request(text) and only_drops_the_request(text), text
    assert drops_the_request("never mind, how do i block my card")
    assert not only_drops_the_request("never mind, how do i block my card")
    assert not drops_the_request("never mind i want a human")
    assert not drops_the_request("laisse tomber je vais attendre")


def test_french_as_texted_is_told_from_english() -> None:
    from assistant.language import detect_language

    assert detect_language("jarrive pas a me connecter a lappli") == "fr"
    assert detect_language("laisse tomber cest bon jai trouve") == "fr"
    assert detect_language("i want to get a new card") == "en"


def test_a_calmer_search_keeps_what_the_message_denies() -> None:
    from assistant.intents import without_mood

    assert without_mood("my transfer still hasn't arrived!!") == "my transfer hasn't arrived!"
    assert without_mood("I still can't log in") == "i can't log in"
    assert without_mood("c'est n'importe quoi votre banque ma carte est refusee partout") == (
        "ma carte est refusee partout")


def test_plainer_words_for_a_search_that_amounts_places_and_worries_lead_astray() -> None:
    from assistant.intents import without_amounts, without_feeling_first
    from assistant.places import as_abroad

    assert without_amounts("i sent 2000 euros to my landlord") == "i sent money to my landlord"
    assert without_amounts("I paid €49.99 twice") == "I paid money twice"
    assert without_amounts("j'ai envoyé 1500€ à mon proprio") == "j'ai envoyé de l'argent à mon proprio"
    assert without_amounts("how much is the 5gb plan") == "how much is the 5gb plan"  # data, not money
    assert as_abroad("going to New York next week", "FR") == "going to abroad next week"
    assert as_abroad("moving to lyon next month", "FR") == "moving to lyon next month"  # at home
    assert as_abroad("going to New York next week", None) == "going to New York next week"
    assert without_feeling_first("im really worried, i sent money") == "i sent money"
    assert without_feeling_first("je suis paniquée, on m'a volé mon sac") == "on m'a vole mon sac"
    # a feeling about something is the question
    assert without_feeling_first("i am worried about fees") == "i am worried about fees"
    assert without_feeling_first("Je suis perdu dans vos frais") == "Je suis perdu dans vos frais"


def test_a_sentence_that_says_nothing_of_the_question_is_read_past() -> None:
    from assistant.intents import switched_on, two_questions, without_preamble

    assert without_preamble("ok im on my phone now. how long does it take?") == "how long does it take?"
    assert without_preamble("ok thanks. and can i change it later if i need more?") == (
        "and can i change it later if i need more?")
    assert without_preamble("re, jsuis sur mon tel maintenant. je fais comment ?") == "je fais comment ?"
    # a first sentence that tells something is part of the question
    assert without_preamble("I lost my card. How do I get a new PIN?") == "I lost my card. How do I get a new PIN?"
    assert without_preamble("I sent money yesterday. Where is it?") == "I sent money yesterday. Where is it?"
    # what the customer switched on is said, not asked
    assert switched_on("ok i turned on payments abroad") and switched_on("j'ai activé l'itinérance")
    assert not switched_on("how do i turn it on") and not switched_on("roaming is on my plan?")
    # the phone, a new card: not what the record says is off
    assert not switched_on("I turned on my phone when I landed in Tokyo but there's no internet")
    assert not switched_on("I activated my new card yesterday but my hotel payment got declined")
    assert not switched_on("how do i know if it's activated?") and not switched_on("elle est activée ?")
    assert two_questions("ok i turned on payments abroad. do i pay extra for withdrawing yen from an ATM?") is None


def test_a_sentence_of_context_before_two_questions_goes_with_the_first() -> None:
    from assistant.intents import two_questions

    assert two_questions("moving to lyon next month. how do i update my address? also whats the contactless limit "
                         "and can i raise it") == ("moving to lyon next month. how do i update my address?",
                                                   "also whats the contactless limit and can i raise it")
    assert two_questions("I lost my card. How do I get a new PIN?") == ("I lost my card.", "How do I get a new PIN?")


@pytest.mark.parametrize(("text", "asked"), [
    ("what's my current balance?", True), ("how much money do i have", True), ("c'est combien mon solde", True),
    ("mon salaire est arrivé ?", True), ("has my salary arrived", True),
    # what the articles explain, or a trouble with it
    ("can i get a balance certificate", False), ("Comment avoir une attestation de solde", False),
    ("How much do I have to pay to accept an international transfer?", False),
    ("I do not see my balance updated, can you help?", False), ("how much money can i withdraw", False),
    ("mon solde disponible est négatif, vais-je payer des agios ?", False),
    ("how do I check my balance at an ATM?", False), ("why can't I see my balance in the app?", False),
    ("mon salaire a été viré il y a 3 jours mais n'apparaît pas", False),
])
def test_the_customer_s_own_figures_are_told_as_out_of_sight(text: str, asked: bool) -> None:
    from assistant.intents import asks_account_data

    assert asks_account_data(text) is asked


@pytest.mark.parametrize(("text", "kind"), [
    ("can you block it for me?", "act"), ("pouvez-vous annuler mon virement ?", "act"),
    ("tu peux me rembourser ?", "act"), ("did you block it?", "done"), ("vous avez bien bloqué ma carte ?", "done"),
    # a question of the card's status, or of what the bank did, is no question of what the bot did
    ("Have you sent out my card yet?", None), ("have you changed your fees?", None),
    ("vous avez bloqué ma carte sans prévenir !", None),
    # a question of its own, or how the customer does it
    ("Why did you cancel my card payment?", None), ("can you tell me how to block my card", None),
    ("how do I block my card?", None), ("could you help me", None),
])
def test_the_bot_asked_to_act_on_the_account_or_whether_it_did(text: str, kind: str | None) -> None:
    from assistant.intents import asks_bot_to_act

    assert asks_bot_to_act(text) == kind


def test_two_questions_in_one_sentence_after_the_scene_they_are_set_in() -> None:
    from assistant.intents import two_questions, without_joining_word

    assert two_questions("Hello. I'm flying to Toronto on Friday. Will my phone work there, and will my card?") == (
        "I'm flying to Toronto on Friday. Will my phone work there", "will my card?")
    assert two_questions("Bonjour, je pars à New York la semaine prochaine. Est-ce que ma carte fonctionnera là-bas et "
                         "est-ce que mon forfait marchera ?") == (
        "Bonjour, je pars à New York la semaine prochaine. Est-ce que ma carte fonctionnera là-bas",
        "est-ce que mon forfait marchera ?")
    assert two_questions("I'm in Spain right now. will my card work?") is None  # one question, in its scene
    assert without_joining_word("also whats the contactless limit") == "whats the contactless limit"


def test_another_thing_named_alone_asks_the_question_before_of_it() -> None:
    from assistant.dialogue import _renamed

    assert _renamed("and my phone?", "I'm in Spain right now. will my card work?") == (
        "I'm in Spain right now. will my phone work?")
    assert _renamed("et mon téléphone ?", "Je suis en Italie, ma carte va marcher ?") == (
        "Je suis en Italie, mon téléphone va marcher ?")
    assert _renamed("what about the esim?", "how much is the physical sim") == "how much is the esim"
    assert _renamed("and my card?", "will my card work?") is None  # the same thing
    assert _renamed("and how long?", "will my card work?") is None  # no thing named
    # a kind of the thing before, in two words, with the customer's own determiner; not a place, nor a verb
    assert _renamed("what about for a credit card?", "hi i lost my card what do i do") == (
        "hi i lost my credit card what do i do")
    assert _renamed("what about the uk", "how do i send money to my sister in canada") is None
    assert _renamed("et pour l'augmenter temporairement ?", "Quel est le plafond de ma carte ?") is None
    assert _renamed("and the physical sim?", "how long does the esim take?") is None


def test_which_product_the_customer_holds_is_asked() -> None:
    from assistant.intents import asks_own_product

    assert asks_own_product("c'est quoi mon forfait actuel déjà ?") == "plan"
    assert asks_own_product("what card do i have?") == "card"
    assert asks_own_product("what's the best plan?") is None and asks_own_product("which card should I get?") is None
    assert asks_own_product("au fait quels produits j'ai chez vous ?") == "products"
    assert asks_own_product("what products do i have with you?") == "products"
    assert asks_own_product("what products do you offer?") is None
    assert asks_own_product("quels produits proposez-vous ?") is None
    # another company's words for a plan: a health insurer's "formule", an insurer's "policy", a "contrat"
    for asked in ("c'est quoi ma formule ?", "what policy do I have?", "quel est mon contrat ?"):
        assert asks_own_product(asked) == "policy", asked
    assert asks_own_product("what plan am I on?") == "plan" and asks_own_product("quel est mon abonnement ?") == "plan"
    assert asks_own_product("quelle formule choisir ?") is None
    assert asks_own_product("quel est mon contrat de travail") is None
    # what they are enrolled in or subscribed to: all they hold
    for asked in ("je suis inscrite en quoi ?", "c'est quoi ma formation ?", "what programme am I enrolled in?",
                  "what am i subscribed to?"):
        assert asks_own_product(asked) == "products", asked


def test_a_figure_of_their_own_file_is_asked_by_its_name() -> None:
    from assistant.intents import own_attribute_asked

    assert own_attribute_asked("How many points do I have?") == "points"
    assert own_attribute_asked("what tier am I on?") == "tier"
    assert own_attribute_asked("combien de points j'ai ?") == "points"
    assert own_attribute_asked("je suis à quel niveau ?") == "niveau"
    # any thing of the file by its name (told only when the company lets it be, or a loyalty programme's)
    assert own_attribute_asked("j'ai quel échelon ?") == "echelon"
    assert own_attribute_asked("c'est quoi mon échelon ?") == "echelon"
    assert own_attribute_asked("what year am i in?") == "year"
    for text in ("how many cards can I have?", "how many days do I have to return it?",
                 "combien de nuits pour platine ?"):
        assert own_attribute_asked(text) is None, text


def test_whether_the_customer_holds_a_thing_is_asked() -> None:
    from assistant.intents import held_asked

    assert held_asked("est-ce que j'ai pris l'option zéro franchise ?") == "option zero franchise"
    assert held_asked("do I have the zero excess option?") == "zero excess option"
    # told, and asked to be confirmed
    assert held_asked("j'ai déjà une place de parking chez vous non ?") == "place de parking"
    assert held_asked("i already have a parking space with you right?") == "parking space"
    assert held_asked("i still have a question?") is None
    assert held_asked("do i already have the child seat on my booking?") == "child seat"  # where it is held
    assert held_asked("am I on the unlimited plan?") == "unlimited plan"
    # the same asked again of another thing points back; a kind of thing held is a detail told
    from assistant.intents import detail_told, leans_back
    for same in ("et pour le gaz c'est pareil ?", "same for gas?", "pareil pour le gaz ?"):
        assert leans_back(same), same
    assert detail_told("j'ai un linky") == "linky" and detail_told("j'ai un problème avec ma carte") is None
    assert detail_told("j'ai une question") is None
    # a cause told as someone said it
    assert detail_told("ils ont dit que c'était à cause de la météo") == "meteo"
    assert detail_told("they said it was because of the weather") == "weather"
    assert detail_told("it was an instant transfer") == "instant transfer"
    # still held? ("Je suis toujours Gold ?" was "toujours gold", which no product is)
    assert held_asked("Je suis toujours Gold ?") == held_asked("je suis encore gold ?") == "gold"
    assert held_asked("ai-je une assurance voyage ?") == "assurance voyage"
    assert held_asked("do i have travel insurance with you?") == "travel insurance"
    # no thing held: a duty, a request, a problem, what one is entitled to, a statement
    for text in ("do I have to pay?", "do I have any open requests?", "do I have a problem with my card?",
                 "do I get a refund if I cancel?", "j'ai une assurance voyage", "ai-je le droit de résilier ?"):
        assert held_asked(text) is None, text


@pytest.mark.parametrize(("text", "kind"), [
    ("Bonjour, quels produits ai-je chez vous ?", "own_products"), ("quels sont mes produits ?", "own_products"),
    ("salut tu peux me dire mes produits ?", "own_products"), ("which cards do i have with you", "own_card"),
    ("c'est quoi mon forfait actuel déjà ?", "own_plan"), ("what's my balance?", "account_data"),
    ("my request from last week, where is it?", "own_requests"), ("ma demande elle en est où ?", "own_requests"),
    ("whats my advisor's name", "own_advisor"), ("how long have i been a customer", "own_since"),
    ("et je suis cliente depuis quand ?", "own_since"), ("depuis quand je suis client chez vous", "own_since"),
    # a question for the knowledge, not the customer's file
    ("how do i list my products in the app", None), ("what card should i get", None), ("where is my card?", None),
    ("how long have i been waiting", None), ("Quelle carte choisir ?", None),
    # a greeting before "which card?" asks which of the options, not which one they hold; another company's name
    ("bonjour quelle carte ?", None), ("what products do i have at acme?", "own_products"),
    # their contracts and subscriptions are what they hold; those offered are the knowledge's
    ("quels contrats ai-je chez vous ?", "own_products"), ("j'ai quels abonnements ?", "own_products"),
    ("quels contrats proposez-vous ?", None), ("what subscriptions do you offer?", None),
])
def test_what_of_their_own_file_a_customer_asks(text: str, kind: str | None) -> None:
    from assistant.intents import own_file_asked

    assert own_file_asked(text) == kind


@pytest.mark.parametrize(("text", "confirms"), [
    ("so it'll be refunded by friday?", True), ("donc le plafond repasse à la normale dans 3 jours c'est ça ?", True),
    ("ok so the card arrives monday?", True), ("ca veut dire que je suis remboursé ?", True),
    ("it will be credited within 3 days right?", True),
    ("so how do i block it?", False), ("donc c'est quand ?", False), ("so it'll be refunded by friday", False),
    ("I was refunded", False),
])
def test_a_yes_or_no_on_what_was_just_said(text: str, confirms: bool) -> None:
    from assistant.intents import asks_to_confirm

    assert asks_to_confirm(text) is confirms


@pytest.mark.parametrize(("text", "searched"), [
    ("cest un virement normal pas instantané", "c'est un virement normal"),
    ("it was a normal transfer, not an instant one", "it was a normal transfer"),
    # what happened, or a verb's negation: the message as written
    ("elle la tjrs pas recu", None), ("my card is not working", None), ("je ne suis pas pro", None),
    ("not international", None), ("is an instant transfer free?", None),
])
def test_a_kind_the_thing_is_said_not_to_be_is_not_searched(text: str, searched: str | None) -> None:
    from assistant.intents import without_a_kind_denied

    assert without_a_kind_denied(text) == (searched or text)


@pytest.mark.parametrize(("text", "searched"), [
    ("nous voulons emprunter 20000 euros pour des travaux, sur 7 ans", "nous voulons emprunter 20000 euros pour des travaux"),
    ("a loan of 15k over a period of 48 months?", "a loan of 15k?"), ("un prêt sur une durée de 36 mois", "un prêt"),
    # a limit's rolling months, a customer's years: the message as written
    ("le plafond sur 12 mois glissants", None), ("I have been a customer for 7 years", None),
    ("I am over 18 years old, can I open an account?", None),
])
def test_a_term_in_years_or_months_is_taken_out_of_plain_words(text: str, searched: str | None) -> None:
    from assistant.intents import without_term

    assert without_term(text) == (searched or text)


@pytest.mark.parametrize(("text", "searched"), [
    ("mon iban c FR7630006000011234567890189 pk jrecois pas mon virement", "pk jrecois pas mon virement"),
    ("mon iban c [iban] pk jrecois pas mon virement", "pk jrecois pas mon virement"),  # as the turn reads it, masked
    ("my card number is 4539 1488 0343 6467, why was it declined?", "why was it declined?"),
    ("Mon RIB : FR76 3000 6000 0112 3456 7890 189. Le virement de mon employeur n'est pas arrivé",
     "Le virement de mon employeur n'est pas arrivé"),
    # the number alone is what the message is about; no number given, nothing taken out
    ("mon iban est FR7630006000011234567890189", None), ("where do I find my IBAN?", None),
    ("my card ends in 6467, why was it declined?", None),
    # the thing a number is of stays: it is what the question is about
    ("my card 4539 1488 0343 6467 was swallowed by the ATM", "my card was swallowed by the ATM"),
])
def test_an_iban_or_card_number_given_is_not_what_is_asked(text: str, searched: str | None) -> None:
    from assistant.intents import without_data_given

    assert without_data_given(text) == (searched or text)


@pytest.mark.parametrize(("text", "unclear"), [
    ("jcomprend pas ton truc", True), ("je ne comprends pas votre réponse", True),
    ("I don't understand your answer", True), ("what do you mean?", True), ("c pas clair ton truc", True),
    ("je ne comprends pas les frais", False), ("i dont understand why my card was declined", False),
    ("I don't understand you, can I speak with a person?", False),
    ("ok clear", False), ("it's clear", False), ("clair", False), ("pas clair", True),
])
def test_an_answer_not_understood_is_said_again(  # type: ignore[no-untyped-def]
        text: str, unclear: bool, encoder) -> None:
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector, says_it_is_unclear
    from assistant.training import head_path

    assert says_it_is_unclear(text) is unclear
    if unclear:  # the head hears a person in "I don't understand": not yet a request
        detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
        assert not detector.detect(text, encoder.encode([text], query=True)[0])


def test_done_and_no_better_and_one_more_of_the_thing() -> None:
    from assistant.dialogue import _renamed
    from assistant.intents import leans_back, says_it_did_not_work
    from knowledge.texting import spell_out

    for text in ("jai deja essayé ca marche tjr pas", "i already checked that, still doesnt work!!",
                 "j'ai déjà essayé, ça marche toujours pas", "it still doesnt work, this is ridiculous!!",
                 "ça marche toujours pas, c'est nul"):
        assert says_it_did_not_work(text), text
    assert not says_it_did_not_work("it does not work with my bank app")
    assert not says_it_did_not_work("i already did that")
    assert leans_back(spell_out("c koi les frais pour en refaire une"))
    assert leans_back("combien pour en avoir une autre")
    assert not leans_back("en France une carte coute combien")
    # "la dégeler", "l'activer": a verb's object, not a thing renamed
    assert _renamed("et pour la dégeler ?", "comment geler ma carte") is None
    assert _renamed("et pour l'activer ?", "comment commander une carte") is None
    assert _renamed("et la carte ?", "comment bloquer mon compte") == "comment bloquer la carte"


def test_where_the_customer_is_now_said_again_before_the_question_is_no_part_of_it() -> None:
    from assistant.intents import without_preamble

    assert without_preamble("Hi again, I'm on my phone now. How long should it take then?") == \
        "How long should it take then?"
    assert without_preamble("re-bonjour, je suis sur mon tel maintenant. ça prend combien de temps ?") == \
        "ça prend combien de temps ?"
    assert without_preamble("I lost my card. How do I get a new PIN?") == "I lost my card. How do I get a new PIN?"


def test_a_slip_owned_up_to_is_a_short_correction_not_a_loss_told_with_sorry() -> None:
    from assistant.intents import owns_a_slip

    for text in ("sorry i meant canada not the us", "nvm, wrong button 😅",
                 "sorry je parle pas bien anglais, en français svp", "oups je me suis trompé de compte",
                 # what the bot took them to mean, put right: no complaint either
                 "non je parlais du virement normal pas instantane", "no I meant the standard one"):
        assert owns_a_slip(text), text
    for text in ("sorry, wrong account was debited and I want my money back",
                 "pardon mais je veux dire que vous m'avez débité deux fois",
                 "sorry to bother you but i meant to ask why my account was frozen without notice",
                 "désolée, je me suis trompée de montant et j'ai envoyé 500€ à un inconnu, je suis paniquée"):
        assert not owns_a_slip(text), text


def test_a_noun_in_er_after_et_le_is_still_a_thing_renamed() -> None:
    from assistant.dialogue import _renamed

    assert _renamed("et le chéquier ?", "comment commander ma carte ?") == "comment commander le chéquier ?"
    assert _renamed("et pour la dégeler ?", "comment geler ma carte") is None


def test_an_advisor_spoken_of_is_no_advisor_asked_for(encoder) -> None:  # type: ignore[no-untyped-def]
    from assistant.config import load_config
    from assistant.heads import LinearHead
    from assistant.intents import HumanRequestDetector
    from assistant.training import head_path

    detector = HumanRequestDetector(LinearHead.load(head_path(load_config(None), "human", "use-m3")))
    for text, asked in (("how do i get the virtual card the advisor mentioned", False),
                        ("the advisor said to call back, can i talk to an advisor now", True),
                        ("get me the manager", True)):
        assert detector.detect(text, encoder.encode([text], query=True)[0]) is asked, text


def test_a_link_clicked_then_the_card_s_number_typed_is_fraud_and_a_false_alarm_is_courtesy() -> None:
    from assistant.intents import only_a_slip, sensitive_topic

    assert sensitive_topic("hi so i just got a text saying my nordvik account is suspended and i need to click a link "
                           "to verify, i clicked it and entered my card number. is this real?") == "fraud"
    assert sensitive_topic("I clicked the link in your app and entered my card number") is None
    assert only_a_slip("my bad, false alarm. thanks!") and only_a_slip("fausse alerte merci")
    assert not only_a_slip("my bad my card is blocked")


def test_when_a_story_happened_is_left_out_of_its_search_but_not_a_day_asked_of() -> None:
    from assistant.intents import without_when_told

    assert without_when_told("j'ai fait un virement vendredi à 18h, on est lundi et il n'est pas arrivé, c'est normal ?"
                             ) == "j'ai fait un virement , il n'est pas arrivé,"
    assert without_when_told("I sent it on Friday at 6pm. Today is Monday and he hasn't got it") == \
        "I sent it . he hasn't got it"
    assert without_when_told("is it open on sunday?") == "is it open on sunday?"
    assert without_when_told("how long does a transfer take on a friday") == "how long does a transfer take on a friday"
    # a date, and a station or an airport named, lead a search astray too
    from assistant.intents import without_stop_names

    assert without_when_told(without_stop_names(
        "Bonjour, je voudrais réserver l'assistance en gare de Bordeaux pour le 10 décembre")) == \
        "Bonjour, je voudrais réserver l'assistance en gare"
    assert without_when_told(without_stop_names("I need assistance at Lille station on December 10th")) == \
        "I need assistance at station"
    assert without_stop_names("The station is closed") == "The station is closed"
    assert without_when_told("I may need help") == "I may need help"


def test_thanks_for_the_answer_is_courtesy_and_thanks_for_nothing_is_not() -> None:
    from assistant.intents import sarcastic, small_talk

    for text in ("merci pour cette réponse très utile", "merci pour la réponse", "thanks for the info, that was useful",
                 "great thanks for the answer"):
        assert small_talk(text) == "thanks" and not sarcastic(text), text
    for text in ("Brilliant, thanks for nothing.", "merci pour rien", "very helpful... not", "merci du cadeau"):
        assert sarcastic(text), text
    assert not sarcastic("thanks, nothing else") and not sarcastic("merci, rien d'autre")


def test_a_question_about_someone_or_something_else_asks_for_information() -> None:
    from assistant.intents import asks_for_information

    assert asks_for_information("Can the funeral be paid from her account?")
    assert asks_for_information("can my wife get a card")
    assert not asks_for_information("can you stop charging me")  # as often a demand


@pytest.mark.parametrize("text, expected", [
    ("?", True), ("hein ?", True), ("quoi ?", True), ("huh", True), ("...", True), ("pardon ?", True),
    ("pardon", False), ("quoi de neuf", False), ("what is it", False), ("!!!", False), ("ok", False),
])
def test_puzzlement_alone_says_the_answer_was_not_understood(text: str, expected: bool) -> None:
    from assistant.intents import says_it_is_unclear

    assert says_it_is_unclear(text) is expected


@pytest.mark.parametrize(("text", "asked"), [
    ("meanwhile, how long is the return window?", "how long is the return window?"),
    ("en attendant, c'est combien un virement international ?", "c'est combien un virement international ?"),
    ("en attendant je fais comment ?", "en attendant je fais comment ?"),  # of the matter waited on
    ("Meanwhile, can I still use it?", "Meanwhile, can I still use it?"),
    ("Ok… en attendant, quel est le plafond de retrait ?", "quel est le plafond de retrait ?"),
])
def test_a_waiting_customers_meanwhile_before_a_question_of_its_own(text: str, asked: str) -> None:
    from assistant.intents import without_meanwhile

    assert without_meanwhile(text) == asked


def test_a_courtesy_after_a_miss_is_no_praise_of_the_answer() -> None:
    from assistant.intents import praises

    for text in ("super merci", "great, thank you", "great thanks so much", "super merci pour votre aide",
                 "parfait, très bien merci", "perfect, thanks for your help"):
        assert not praises(text), text
    for text in ("super, merci pour cette réponse vraiment très utile", "great answer", "Brilliant"):
        assert praises(text), text


def test_a_product_held_asked_of_by_its_name_alone() -> None:
    """"am I Premium?", "am I a premium member?", "je suis premium ?": a product held, by its name (the profile says);
    not "Am I permitted to have a spare card?", nor a state ("je suis bloqué ?" names no product)."""
    from assistant.intents import held_asked

    assert held_asked("am I Premium?") == "premium" and held_asked("am I a premium member?") == "premium"
    assert held_asked("je suis premium ?") == "premium"
    assert held_asked("est-ce que je suis abonné à la newsletter ?") == "newsletter"
    assert held_asked("Am I permitted to have a spare card?") is None


def test_a_figure_asked_last_is_a_question() -> None:
    """"le remboursement c'est sous combien de jours ?" while waiting for an advisor asks something the knowledge
    answers meanwhile (a question, not a thing told)."""
    from assistant.intents import asks_for_information

    for text in ("le remboursement c'est sous combien de jours ?", "le remboursement prend combien de temps ?",
                 "ça fait combien de points ?"):
        assert asks_for_information(text), text
    assert not asks_for_information("ça fait combien de temps que j'attends, c'est inadmissible")


@pytest.mark.parametrize(("text", "asks"), [
    ("il a l'air normal pour l'instant, je fais quoi ??", True), ("elle va bien pour l'instant, je fais quoi ?", True),
    ("il respire normalement, je fais quoi ?", True), ("she's fine now, what do I do?", True),
    ("he's breathing, what should I do?", True), ("my card was stolen, what do I do?", False),
    ("he is at the bank, what should I do?", False),
])
def test_how_the_one_spoken_of_is_now_then_what_to_do_is_of_the_same_matter(text: str, asks: bool) -> None:
    from assistant.intents import asks_what_to_do

    assert asks_what_to_do(text) is asks


@pytest.mark.parametrize(("text", "thing"), [
    ("Je suis bien membre Club Or ?", "club or"), ("am I a Pharmalia+ member?", "pharmalia+"),
    ("je suis membre Pharmalia+ ?", "pharmalia+"), ("je suis membre ou pas ?", "membre"),
    ("je suis membre de la famille ?", None), ("je suis cliente de quelle agence ?", None),
])
def test_a_membership_asked_is_the_thing_named_after_membre(text: str, thing: str | None) -> None:
    from assistant.intents import held_asked

    assert held_asked(text) == thing


@pytest.mark.parametrize("text", [
    "Can someone help me I changed my email address and now I can't log in",
    "Someone on your team changed my email address as I asked",
    "quelqu'un au téléphone a modifié mon adresse mail à ma demande",
    "I paid for the jacket 5 days ago in the app and the seller no longer replies, can I cancel the order?",
    "J'ai envoyé le colis, l'acheteur ne répond plus",
    "I'm travelling to Thailand next week, I won't need my card where I'm going, can I freeze it?",
    "Je déménage au Japon, je n'en aurai plus besoin là où je vais, comment fermer mon compte ?",
    "Pour vous plus rien n'a d'importance, à part vos frais !",
])
def test_ordinary_messages_near_the_new_patterns_raise_no_topic(text: str) -> None:
    """An e-mail changed by the customer or at their request, an order's seller slow to answer in the app, a card not
    needed on a trip, a jibe at the fees: no fraud, no danger to oneself."""
    from assistant.intents import sensitive_topic

    assert sensitive_topic(text) is None


def test_questions_near_the_new_courtesy_and_act_phrases_stay_questions() -> None:
    """"est-ce que c'est fait ?", "changed it?" ask; "why would you cancel…", "when can you send…", "Bonjour. Vous
    pouvez ouvrir un compte à un mineur ?" ask of the bank, not the bot to act; "c'est quoi un IBAN ?" is a question of
    its own, no guess at a cause."""
    from assistant.dialogue import _A_GUESS
    from assistant.intents import asks_bot_to_act, small_talk

    for text in ("est-ce que c'est fait ?", "est-ce que c'est réglé ?", "changed it?", "sent it?"):
        assert small_talk(text) is None, text
    for text in ("Why would you cancel my transfer without telling me?", "When can you send the new card?",
                 "How could you block my card while I was abroad?!",
                 "Bonjour. Vous pouvez ouvrir un compte à un mineur ?"):
        assert asks_bot_to_act(text) is None, text
    assert _A_GUESS.match("c'est quoi un IBAN ?") is None and _A_GUESS.match("c la pile ?") is not None


def test_figures_and_words_that_only_look_like_the_new_ones() -> None:
    """A day written "le 12/03", a service "24/7", a step "1/3", "half the time" give no price; "my dad is the one who
    pays the bill" asks none; "review" is no "retour"; "porte-fenêtre" has no gender the rules know; "what's my pickup
    point?" names no attribute a company lets be told."""
    from assistant.dialogue import _names_a_told_attribute
    from assistant.register import tutoyer
    from assistant.tone import asks_for_a_figure, gives_the_figure, shares_words

    for text in ("La coupure est prévue le 12/03 de 9 h à 12 h.", "Le 24/7 de notre service répond.",
                 "Étape 1/3 du formulaire.", "It works half the time."):
        assert not gives_the_figure("combien ?", text), text
    assert not asks_for_a_figure("My dad is the one who pays the bill, how do I change the bank account?")
    assert not shares_words("can I edit my review?", "Your return label is in the e-mail.")
    assert tutoyer("Fermez votre porte-fenêtre.") == "Fermez votre porte-fenêtre."
    assert not _names_a_told_attribute("pickup point", [], {})


def test_a_short_question_asked_by_its_mark_alone_is_a_question_and_why_is_not() -> None:
    from assistant.intents import asks_for_information
    for asked in ("l'osteo c rembourse ? et le chiropracteur aussi ?", "faut la bloquer ?", "et pour mon fils ?",
                  "que devient la couverture de ma mère ? elle était sur son contrat"):
        assert asks_for_information(asked), asked
    for said in ("why did my payment fail?", "pk je peux plus reserver ? c bloqué", "c inadmissible !!! ?",
                 "Ok. Tu te fous de moi?", "my card was declined"):
        assert not asks_for_information(said), said


def test_still_nothing_where_the_money_was_looked_for_says_it_did_not_work() -> None:
    from assistant.intents import says_it_did_not_work
    for said in ("toujours rien sur mon compte, c'est inadmissible", "still nothing in my account, this is ridiculous",
                 "still nothing"):
        assert says_it_did_not_work(said), said
    for asked in ("still no internet", "toujours rien sur mon compte, comment changer mon rib ?",
                  "how do I add money to my account"):
        assert not says_it_did_not_work(asked), asked


def test_the_plan_one_is_on_asked_by_where_one_is_is_the_plan_held() -> None:
    from assistant.intents import asks_own_product
    assert asks_own_product("je suis a quelle formule ?") == "policy"
    assert asks_own_product("on est sur quel forfait ?") == asks_own_product("which plan am I on?") == "plan"
    for other in ("which plan?", "quelle formule ?", "which plan is best for me?", "je suis à quelle adresse ?"):
        assert asks_own_product(other) is None, other


def test_harassment_is_a_person_met_through_the_company_not_the_company_s_own_pressure() -> None:
    from assistant.intents import sensitive_topic
    for told in ("another member made sexual comments about me in the changing room, i dont feel safe going back",
                 "Bonjour,\nle chauffeur m'a harcelée hier soir", "can you help me I was harassed by a driver",
                 "un homme me suit partout dans le club", "je subis un harcèlement de la part du coach"):
        assert sensitive_topic(told) == "harassment", told
    for other in ("Arretez de me harceler, j'ai deja paye", "Stop harassing me", "vous me harcelez de mails",
                  "je suis harcelé au téléphone par vos commerciaux",
                  "harcèlement de la part de votre service recouvrement",
                  "je ne lâche pas l'affaire, je veux mon remboursement", "your story really touched me",
                  "he grabbed me a coffee", "mes photos déplacées ont disparu", "@brand is following me now lol",
                  "je ne me sens pas en sécurité avec votre appli", "what is your harassment policy?",
                  "your app won't leave me alone, stop sending notifications"):
        assert sensitive_topic(other) != "harassment", other


def test_harassment_told_again_to_the_bot_is_still_harassment_and_the_company_harassing_is_no_abuse() -> None:
    from assistant.intents import sensitive_topic
    # "you" is who is told, not who harasses; "your driver" is a person met through the company
    for told in ("I told you the driver harassed me", "i already told you he harassed me",
                 "your driver harassed me last night", "je vous ai dit que le chauffeur m'a harcelée",
                 # told without the word: touched again and again
                 "the man next to me kept touching my leg and the crew did nothing",
                 "il n'arrêtait pas de me toucher la jambe pendant tout le vol"):
        assert sensitive_topic(told) == "harassment", told
    # the company itself pressing: neither harassment nor abuse by someone close (whose help is an abuse line)
    for other in ("the massage therapist was rubbing my back, it was lovely", "my son keeps touching my hair lol"):
        assert sensitive_topic(other) is None, other
    for other in ("you keep harassing me", "you people keep harassing me with emails", "your bank keeps harassing me",
                  "you've been harassing me for weeks", "your staff keep harassing me about payment"):
        assert sensitive_topic(other) is None, other
    for abuse in ("my ex keeps threatening me", "I told you my husband keeps threatening me",
                  "a man has been blackmailing me, he wants 500 euros"):
        assert sensitive_topic(abuse) == "vulnerability", abuse


def test_a_detail_held_is_no_trouble_and_no_idiom() -> None:
    from assistant.intents import detail_told
    assert detail_told("j'ai la formule confort") == "formule confort"
    for other in ("j'ai le même problème", "i have the same issue", "j'ai l'impression que ça marche pas",
                  "i have the email but no link", "je suis sur le parking", "i'm on the train", "j'ai la haine"):
        assert detail_told(other) is None, other


@pytest.mark.parametrize("text, searched", [
    ("pas besoin de conseiller, dites moi juste si le wifi est gratuit au club", "le wifi est gratuit au club"),
    ("no need for an agent, just tell me how to freeze my card", "how to freeze my card"),
    ("je prefere pas parler a quelqu'un merci, c'est quoi le prix du kwh ?", "c'est quoi le prix du kwh ?"),
    ("no no I don't need an agent, I was just asking", "no no I don't need an agent, I was just asking"),
    ("how do I freeze my card", "how do I freeze my card"),
])
def test_the_question_beside_a_person_declined_is_searched_without_the_declining(text: str, searched: str) -> None:
    """The words declining a person lead the search astray (the wifi's answer found only without them; "je prefere
    pas parler a quelqu'un" is a person declined too, not asked for); a message that asks nothing besides, or declines
    no one, is searched as it is."""
    from assistant.intents import is_human_request, without_declined

    assert without_declined(text) == searched and not is_human_request(text)


@pytest.mark.parametrize("text, held", [
    ("I have a screenshot of the payment. This is ridiculous", True), ("j'ai la capture d'écran du virement !!", True),
    ("j'ai le reçu", True), ("je peux vous envoyer la preuve", True),
    ("can I send a screenshot?", False), ("j'ai reçu un sms", False), ("I have a question about my statement", False),
])
def test_proof_held_is_told_apart_from_a_question_on_sending_it(text: str, held: bool) -> None:
    from assistant.intents import tells_proof_held

    assert tells_proof_held(text) is held, text


@pytest.mark.parametrize("text, topic", [
    ("the delivery guy has been texting me every day since he delivered my parcel last week, he knows where i live and "
     "i'm scared", "harassment"),
    ("le livreur n'arrête pas de m'envoyer des messages, il sait où j'habite", "harassment"),
    ("you keep texting me every day, stop it", None), ("he keeps calling me about my parcel", None),
])
def test_someone_who_keeps_texting_and_knows_where_they_live_is_harassment(text: str, topic: str | None) -> None:
    from assistant.intents import sensitive_topic

    assert sensitive_topic(text) == topic, text


def test_card_details_given_to_a_caller_posing_as_the_company_or_paid_to_a_scam_are_told() -> None:
    """Someone close gave their card number to a caller who said they were the company: fraud, as for oneself; paid
    with the card (after the bot said it was a scam) is details given; not said undone, nor paid to the company."""
    from assistant.intents import gives_card_details, sensitive_topic

    assert sensitive_topic("quelqu'un a appelé ma mère en disant être de chez vous pour une mise à jour et elle a "
                           "donné son numéro de carte bancaire") == "fraud"
    assert sensitive_topic("someone called saying they were from your company and I gave my card number") == "fraud"
    assert sensitive_topic("I called you yesterday and I gave my card number to pay the bill") is None
    assert gives_card_details("j'ai payé avec ma carte") and gives_card_details("j'ai payé les 1,99 €")
    assert not gives_card_details("je n'ai rien payé") and not gives_card_details("j'ai pas payé avec ma carte")


@pytest.mark.parametrize("text, topic", [
    ("Lola nous a quittés ce matin, je ne sais pas quoi faire pour le contrat", "bereavement"),
    ("mon chien est mort hier", "bereavement"), ("we had to put our dog down yesterday", "bereavement"),
    ("est-ce que l'euthanasie et l'incinération sont remboursées en cas de décès ?", None),
    ("notre conseiller nous a quittés", None), ("my cat is dead tired", None),
])
def test_a_pet_that_died_is_a_grief_and_a_death_asked_about_is_not(text: str, topic: str | None) -> None:
    from assistant.intents import sensitive_topic

    assert sensitive_topic(text) == topic, text


def test_the_emergency_number_asked_and_a_question_after_a_request_taken_back() -> None:
    from assistant.intents import asks_emergency_number, without_dropped

    assert asks_emergency_number("vite le numero pour les urgences svp")
    assert asks_emergency_number("who do I call in an emergency?")
    assert not asks_emergency_number("what's your emergency number to block my card")
    assert without_dropped("actually never mind, what's the email to send the vet report to?") == (
        "what's the email to send the vet report to?")
    assert without_dropped("laisse tomber merci") == "laisse tomber merci"
