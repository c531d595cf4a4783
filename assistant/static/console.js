// Agent console: the live queue, several conversations at once, the handoff packet
// (transcript, customer, evidence, what the bot tried, suggestions) and replies.
import {
  $, $$, h, icon, logo, I18n, api, ApiError, wsUrl, LiveSocket, fmtTime, fmtClock, fmtDate, fmtDateTime, fmtNumber,
  humanize, store, toast, toastError, sparkline, TOPICS,
} from '/static/tandem.js';

const DICT = {
  en: {
    page_title: 'Agent console — Tandem',
    mood_negative: 'Negative', mood_neutral: 'Neutral', mood_positive: 'Positive',
    trend: 'Trend',
    product: 'Agent console', language: 'Language', signin_title: 'Sign in', signin_lead: 'Paste the agent token your administrator gave you.',
    token_label: 'Agent token', token_hint: 'Kept for this browser tab only.', skills: 'Languages I handle', signin: 'Sign in',
    signing_in: 'Signing in…', need_token: 'No token? Ask an administrator.', token_required: 'Enter your agent token.', reply_not_sent: 'Not sent: the connection is down. Your reply is kept; send it again once back online.', bad_token: 'This token is not valid. Check it, or ask an administrator for a new one.', session_ended: 'Your token has been revoked or has expired. Ask an administrator for a new one and sign in again.', no_server: 'The server cannot be reached. Try again in a moment.',
    not_agent: 'This token does not have the agent role.', signout: 'Sign out',
    live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline',
    online: '{n} agents online', online_one: '{n} agent online', queue: 'Queue', conversation: 'Conversation', details: 'Details',
    waiting: 'Waiting', by_priority: 'by priority', queue_empty: 'No one is waiting', queue_empty_sub: 'New requests appear here live.',
    active: 'In progress', active_empty: 'No conversation in progress.', open_conversations: 'Open conversations',
    pick_title: 'Pick a conversation', pick_sub: 'Open a request from the queue to see the whole story: transcript, customer, what the bot tried and suggested replies.',
    you_said: 'You', handling: 'Handling time', anonymous: 'Anonymous visitor', priority: 'Priority {p}', waited: 'waiting {t}', with_agent: 'with {a}', you: 'you',
    accept: 'Accept', accepting: 'Accepting…', resolve: 'Resolve…', handback_btn: 'Hand back…', close_tab: 'Close tab',
    status_waiting: 'Waiting', status_active: 'In progress', status_closed: 'Closed',
    handled_by: 'Handled by {a}', closed_outcome: 'Closed · {o}', taken: 'This request was accepted by {a}.', taken_gone: 'This request is no longer waiting.', note_quoted: '“{n}”',
    reply_label: 'Reply to the customer', reply_ph: 'Write a reply…', reply_keys: 'Enter to send · Shift+Enter for a new line',
    reply_locked: 'Accept the conversation to reply.', reply_other: 'Another agent owns this conversation.',
    reply_closed: 'This conversation is closed.', send: 'Send', sending: 'Sending…',
    customer: 'Customer', bot: 'Bot', agent: 'Agent',
    ev_requested: 'Escalated to an advisor · {r}', ev_accepted: '{a} joined the conversation', ev_you_accepted: 'You joined the conversation', ev_closed: 'Closed by {a} · {o}', ev_released: 'Back in the queue · {a} left',
    release_btn: 'Back to queue', released_done: 'The conversation is back in the queue.',
    evidence: 'Escalation evidence', why_title: 'Why it was escalated', summary: 'Summary', sentiment: 'Sentiment',
    sentiment_label: 'Sentiment over the conversation', last: 'latest {v}', no_sentiment: 'No customer message yet.',
    suggested: 'Suggested actions', insert: 'Insert', inserted: 'Inserted in the reply box', article: 'Article', reply: 'Reply',
    no_suggestions: 'No suggestion for now.', refresh: 'Refresh', dismiss: 'Not useful',
    kind_offer: 'Offer', kind_service: 'Service',
    f_consecutive: 'Unanswered in a row', f_top_score: 'Best knowledge score', f_document_id: 'Article asked again',
    f_upset_messages: 'Upset messages', f_mean: 'Average mood', f_distress: 'Words of anger',
    why_record: 'the customer’s record: {t}', why_close_to: 'for “{p}”, close to what the customer said ({r})',
    why_agents_took: 'agents took it {a} of {n} times for {s} customers', why_taken_overall: 'taken {p} of the time overall',
    why_knowledge: 'the knowledge answers “{m}”, the closest to what the customer said (score {s})',
    why_sent_already: 'the assistant sent it already', why_ready_answer: 'ready answer from “{t}”',
    why_told: 'the customer told: {t}', why_upset: 'the customer is upset', why_upset_premium_upset: 'the customer is upset (a premium customer)',
    why_upset_negative_trend: 'the customer is upset (their mood kept falling)',
    service_hint: 'Do it in your tools first: this text tells the customer it is done.', service_insert: 'Done · insert',
    yes: 'Yes', no: 'No', roaming_off: 'roaming off',
    months_n: '{n} months', customer_card: 'Customer', tier: 'Tier', segment: 'Segment', products: 'Products', consents: 'Consents',
    personalization: 'Personalisation', marketing: 'Marketing', recent: 'Recent activity', past: 'Past conversations',
    open_handoffs: 'Open handoffs', no_profile: 'Not signed in: no customer profile is attached to this conversation.',
    messages_n: '{n} messages', bot_tried: 'What the bot tried', sent: 'sent', not_sent: 'not sent', nothing_tried: 'The bot did not search the knowledge base.',
    jump: 'Show in transcript', close_title: 'Close this conversation', outcome: 'Outcome', resolved: 'Resolved',
    resolved_sub: 'The customer’s request is handled.', handback: 'Hand back to the bot',
    handback_sub: 'The assistant takes over again in the same conversation.', note: 'Note (optional)',
    note_ph: 'What was done, for the record', cancel: 'Cancel', confirm_close: 'Close conversation',
    new_request: 'New request in the queue: {r}', requeued: 'Back in the queue: {c} (their advisor left)', requeued_badge: 'back in queue', requeued_for: 'back in the queue for {t}; the time shown is since they first asked', customer_wrote: '{c} wrote a new message', customer_wrote_short: 'new message', raised: 'A waiting customer raised: {r}', loading: 'Loading…', load_failed: 'Could not load this conversation.',
    retry: 'Retry', closed_done: 'Conversation closed.', outcome_resolved: 'resolved', outcome_handback: 'handed back',
    reason: 'Reason', language_short: 'Language', topic: 'Topic', waited_for: 'Waited', since: 'Customer since',
    r_human_request: 'Asked for a person', r_sensitive_topic: 'Sensitive topic', r_out_of_scope: 'Out of scope',
    r_repeated_question: 'Repeated question', r_premium_upset: 'Premium customer upset', r_negative_trend: 'Mood getting worse',
    r_explicit: 'Requested explicitly',
    w_human_request: 'The customer asked to talk to a person.',
    w_sensitive_topic: 'The topic is one a bot should not handle alone.',
    w_out_of_scope: 'Several questions in a row had no reliable answer in the knowledge base.',
    w_repeated_question: 'The customer asked again what the bot had already answered.',
    w_premium_upset: 'A premium customer wrote a clearly negative message.',
    w_negative_trend: 'The customer’s mood fell over the last messages.',
    w_explicit: 'A handoff was requested by the assistant flow.',
  },
  fr: {
    page_title: 'Console conseiller — Tandem',
    mood_negative: 'Négatif', mood_neutral: 'Neutre', mood_positive: 'Positif',
    trend: 'Évolution',
    product: 'Console conseiller', language: 'Langue', signin_title: 'Connexion', signin_lead: 'Collez le jeton conseiller fourni par votre administrateur.',
    token_label: 'Jeton conseiller', token_hint: 'Conservé pour cet onglet uniquement.', skills: 'Langues traitées', signin: 'Se connecter',
    signing_in: 'Connexion…', need_token: 'Pas de jeton ? Demandez à un administrateur.', token_required: 'Saisissez votre jeton conseiller.', reply_not_sent: 'Non envoyé : la connexion est coupée. Votre réponse est conservée ; renvoyez-la une fois reconnecté.', bad_token: 'Ce jeton n’est pas valide. Vérifiez-le, ou demandez-en un nouveau à un administrateur.', session_ended: 'Votre jeton a été révoqué ou a expiré. Demandez-en un nouveau à un administrateur et reconnectez-vous.', no_server: 'Le serveur est injoignable. Réessayez dans un instant.',
    not_agent: 'Ce jeton n’a pas le rôle conseiller.', signout: 'Déconnexion',
    live: 'En direct', connecting: 'Connexion…', reconnecting: 'Reconnexion…', offline: 'Hors ligne',
    online: '{n} conseillers en ligne', online_one: '{n} conseiller en ligne', queue: 'File', conversation: 'Conversation', details: 'Détails',
    waiting: 'En attente', by_priority: 'par priorité', queue_empty: 'Personne n’attend', queue_empty_sub: 'Les nouvelles demandes arrivent ici en direct.',
    active: 'En cours', active_empty: 'Aucune conversation en cours.', open_conversations: 'Conversations ouvertes',
    pick_title: 'Choisissez une conversation', pick_sub: 'Ouvrez une demande de la file pour voir tout le contexte : échanges, client, ce que le bot a tenté et les réponses suggérées.',
    you_said: 'Vous', handling: 'Durée de prise en charge', anonymous: 'Visiteur anonyme', priority: 'Priorité {p}', waited: 'attend depuis {t}', with_agent: 'avec {a}', you: 'vous',
    accept: 'Prendre en charge', accepting: 'Prise en charge…', resolve: 'Résoudre…', handback_btn: 'Rendre au bot…', close_tab: 'Fermer l’onglet',
    status_waiting: 'En attente', status_active: 'En cours', status_closed: 'Clôturée',
    handled_by: 'Traitée par {a}', closed_outcome: 'Clôturée · {o}', taken: 'Cette demande a été prise en charge par {a}.', taken_gone: 'Cette demande n’est plus en attente.', note_quoted: '« {n} »',
    reply_label: 'Répondre au client', reply_ph: 'Écrire une réponse…', reply_keys: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    reply_locked: 'Prenez la conversation en charge pour répondre.', reply_other: 'Un autre conseiller gère cette conversation.',
    reply_closed: 'Cette conversation est clôturée.', send: 'Envoyer', sending: 'Envoi…',
    customer: 'Client', bot: 'Bot', agent: 'Conseiller',
    ev_requested: 'Transférée à un conseiller · {r}', ev_accepted: '{a} a rejoint la conversation', ev_you_accepted: 'Vous avez rejoint la conversation', ev_closed: 'Clôturée par {a} · {o}', ev_released: 'Remise en file · {a} est parti',
    release_btn: 'Remettre en file', released_done: 'La conversation est de nouveau en file d’attente.',
    evidence: 'Preuve de l’escalade', why_title: 'Pourquoi l’escalade', summary: 'Résumé', sentiment: 'Ressenti',
    sentiment_label: 'Ressenti au fil de la conversation', last: 'dernier {v}', no_sentiment: 'Pas encore de message client.',
    suggested: 'Actions suggérées', insert: 'Insérer', inserted: 'Inséré dans la réponse', article: 'Article', reply: 'Réponse',
    no_suggestions: 'Aucune suggestion pour l’instant.', refresh: 'Actualiser', dismiss: 'Pas utile',
    kind_offer: 'Offre', kind_service: 'Service',
    f_consecutive: 'Sans réponse d’affilée', f_top_score: 'Meilleur score de la base', f_document_id: 'Article redemandé',
    f_upset_messages: 'Messages mécontents', f_mean: 'Humeur moyenne', f_distress: 'Mots de colère',
    why_record: 'dossier du client : {t}', why_close_to: 'pour « {p} », proche de ce qu’a dit le client ({r})',
    why_agents_took: 'retenue {a} fois sur {n} par les conseillers pour les clients {s}', why_taken_overall: 'retenue {p} du temps, tous clients confondus',
    why_knowledge: 'la base de connaissances répond à « {m} », le plus proche de ce qu’a dit le client (score {s})',
    why_sent_already: 'l’assistant l’a déjà envoyé', why_ready_answer: 'réponse prête tirée de « {t} »',
    why_told: 'le client a signalé : {t}', why_upset: 'le client est mécontent', why_upset_premium_upset: 'le client est mécontent (client premium)',
    why_upset_negative_trend: "le client est mécontent (son humeur n'a cessé de baisser)",
    service_hint: "Faites-le d'abord dans vos outils : ce texte dit au client que c'est fait.", service_insert: 'Fait · insérer',
    yes: 'Oui', no: 'Non', roaming_off: 'itinérance désactivée',
    months_n: '{n} mois', customer_card: 'Client', tier: 'Niveau', segment: 'Segment', products: 'Produits', consents: 'Consentements',
    personalization: 'Personnalisation', marketing: 'Marketing', recent: 'Activité récente', past: 'Conversations passées',
    open_handoffs: 'Transferts ouverts', no_profile: 'Non connecté : aucun profil client n’est associé à cette conversation.',
    messages_n: '{n} messages', bot_tried: 'Ce que le bot a tenté', sent: 'envoyé', not_sent: 'non envoyé', nothing_tried: 'Le bot n’a pas cherché dans la base de connaissances.',
    jump: 'Voir dans la conversation', close_title: 'Clôturer cette conversation', outcome: 'Issue', resolved: 'Résolue',
    resolved_sub: 'La demande du client est traitée.', handback: 'Rendre la main au bot',
    handback_sub: 'L’assistant reprend dans la même conversation.', note: 'Note (facultatif)',
    note_ph: 'Ce qui a été fait, pour l’historique', cancel: 'Annuler', confirm_close: 'Clôturer',
    new_request: 'Nouvelle demande en file : {r}', requeued: 'De retour en file : {c} (son conseiller est parti)', requeued_badge: 'remise en file', requeued_for: 'de retour en file depuis {t} ; le temps affiché court depuis sa demande', customer_wrote: '{c} a écrit un nouveau message', customer_wrote_short: 'nouveau message', raised: 'Un client en attente signale : {r}', loading: 'Chargement…', load_failed: 'Impossible de charger cette conversation.',
    retry: 'Réessayer', closed_done: 'Conversation clôturée.', outcome_resolved: 'résolue', outcome_handback: 'rendue au bot',
    reason: 'Motif', language_short: 'Langue', topic: 'Sujet', waited_for: 'Attente', since: 'Client depuis',
    r_human_request: 'Demande un humain', r_sensitive_topic: 'Sujet sensible', r_out_of_scope: 'Hors périmètre',
    r_repeated_question: 'Question répétée', r_premium_upset: 'Client premium mécontent', r_negative_trend: 'Humeur en baisse',
    r_explicit: 'Demande explicite',
    w_human_request: 'Le client a demandé à parler à une personne.',
    w_sensitive_topic: 'Le sujet ne doit pas être traité par un bot seul.',
    w_out_of_scope: 'Plusieurs questions de suite sans réponse fiable dans la base.',
    w_repeated_question: 'Le client a reposé une question à laquelle le bot avait déjà répondu.',
    w_premium_upset: 'Un client premium a écrit un message nettement négatif.',
    w_negative_trend: 'L’humeur du client s’est dégradée sur les derniers messages.',
    w_explicit: 'Un transfert a été demandé par le parcours de l’assistant.',
  },
};

const i18n = new I18n(DICT, 'tandem.console.lang');
// a number as the console's language writes it ("0,41" in French)
const fx = (x, digits) => fmtNumber(x, i18n.lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
const t = (k, v) => i18n.t(k, v);
const ss = store('session');
const KEY = 'tandem.console.auth';

const S = {
  token: null, subject: null, langs: ['en', 'fr'],
  socket: null, conn: 'idle',
  queue: new Map(), active: new Map(), online: [],
  tabs: new Map(), current: null,
  names: new Map(),    // customer_id -> {name, tier} | null
  seenWaiting: new Set(),
};

// the record's own codes (attribute names and values, products, event types, channels) as each language says them;
// a code not listed here reads humanized ("mobile_plan_20gb" → "Mobile plan 20gb")
const CODES = {
  en: {
    preferred_register: 'Preferred register', channel_preference: 'Prefers', city: 'City', advisor: 'Advisor',
    title: 'Title', age_band: 'Age', current_country: 'Now in', currently_abroad: 'Abroad now', business_name: 'Business',
    business_type: 'Business type', employees: 'Employees', mobile_lines: 'Mobile lines', university: 'University',
    formal: 'Formal', informal: 'Informal', phone: 'Phone', email: 'E-mail', chat: 'Chat', app: 'App', web: 'Web',
    mobile: 'Mobile', branch: 'Branch', bakery: 'Bakery', retail: 'Retail', student: 'Student',
    small_business: 'Small business', premium: 'Premium', standard: 'Standard',
    current_account: 'Current account', savings_account: 'Savings account', business_account: 'Business account',
    overdraft: 'Overdraft', travel_insurance: 'Travel insurance', visa_classic: 'Visa Classic', visa_premier: 'Visa Premier',
    page_view: 'Page viewed', purchase: 'Purchase', ticket: 'Ticket', trip: 'Trip', payment_declined: 'Payment declined',
    login_failed: 'Login failed', open: 'open', resolved: 'resolved',
    mobile_plan_5gb: 'Mobile plan 5 GB', mobile_plan_20gb: 'Mobile plan 20 GB', mobile_plan_80gb: 'Mobile plan 80 GB',
    mobile_plan_unlimited: 'Unlimited mobile plan',
    ...TOPICS.en,
  },
  fr: {
    preferred_register: 'Registre préféré', channel_preference: 'Préfère', city: 'Ville', advisor: 'Conseiller',
    title: 'Civilité', age_band: 'Âge', current_country: 'Actuellement en', currently_abroad: 'À l’étranger',
    business_name: 'Entreprise', business_type: 'Activité', employees: 'Salariés', mobile_lines: 'Lignes mobiles',
    university: 'Université', formal: 'Vouvoiement', informal: 'Tutoiement', phone: 'Téléphone', email: 'E-mail',
    chat: 'Chat', app: 'Appli', web: 'Web', mobile: 'Mobile', branch: 'Agence', bakery: 'Boulangerie',
    retail: 'Particulier', student: 'Étudiant', small_business: 'Professionnel', premium: 'Premium', standard: 'Standard',
    current_account: 'Compte courant', savings_account: 'Compte épargne', business_account: 'Compte professionnel',
    overdraft: 'Découvert', travel_insurance: 'Assurance voyage', visa_classic: 'Visa Classic', visa_premier: 'Visa Premier',
    page_view: 'Page consultée', purchase: 'Achat', ticket: 'Demande', trip: 'Voyage', payment_declined: 'Paiement refusé',
    login_failed: 'Connexion échouée', open: 'ouverte', resolved: 'résolue',
    mobile_plan_5gb: 'Forfait mobile 5 Go', mobile_plan_20gb: 'Forfait mobile 20 Go',
    mobile_plan_80gb: 'Forfait mobile 80 Go', mobile_plan_unlimited: 'Forfait mobile illimité',
    ...TOPICS.fr,
  },
};
const codeLabel = (code) => {
  const key = String(code || '');
  return (CODES[i18n.lang] || CODES.en)[key] || CODES.en[key] || humanize(key);
};
const reasonLabel = (r) => (DICT.en[`r_${r}`] ? t(`r_${r}`) : humanize(r));
const reasonWhy = (r) => (DICT.en[`w_${r}`] ? t(`w_${r}`) : '');
const outcomeLabel = (o) => (o ? (DICT.en[`outcome_${o}`] ? t(`outcome_${o}`) : humanize(o)) : '');
// a topic of the company's own is named as the company names it (``topic_names``, by language), else by its code
const topicLabel = (x, names) => (x ? ((names && (names[i18n.lang] || names.en)) || codeLabel(String(x).replace(/-(en|fr)$/, ''))) : '');
const mood = (label) => (DICT.en[`mood_${label}`] ? t(`mood_${label}`) : humanize(label));
const moodLabel = mood;
/** A number as the console's language writes it: 0.45, 0,45; a share as 40 %. */
const num = (x, digits = 2) => new Intl.NumberFormat(i18n.lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
const pct = (x) => new Intl.NumberFormat(i18n.lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent' }).format(x);
/** Why a suggestion is there, in the console's language (its ``reasons``); the server's English ``why`` otherwise. */
function suggestionWhy(a) {
  if (!Array.isArray(a.reasons) || !a.reasons.length) return a.why || '';
  const said = (r) => {
    switch (r.code) {
      case 'record': return t('why_record', { t: (r.texts && r.texts[i18n.lang]) || r.text });
      case 'close_to': return t('why_close_to', { p: r.phrase, r: num(r.relevance) });
      case 'agents_took': return t('why_agents_took', { a: r.accepted, n: r.total, s: r.segment });
      case 'taken_overall': return t('why_taken_overall', { p: pct(r.share) });
      case 'knowledge': return t('why_knowledge', { m: r.matched, s: num(r.score) });
      case 'sent_already': return t('why_sent_already');
      case 'told': return t('why_told', { t: topicLabel(r.topic).toLowerCase() });
      case 'upset': return DICT.en[`why_upset_${r.how}`] ? t(`why_upset_${r.how}`) : t('why_upset');
      case 'ready_answer': return t('why_ready_answer', { t: r.title });
      case 'described': return r.text || '';
      default: return '';
    }
  };
  const parts = a.reasons.map(said).filter(Boolean);
  return parts.length ? parts.join(i18n.lang === 'fr' ? ' ; ' : '; ') : (a.why || '');
}
const agentName = (a) => String(a || '').replace(/^agent:/, '');
const isMine = (agent) => !!agent && (agent === S.subject);

function priorityLevel(p) { return p >= 4 ? 'high' : p >= 2.5 ? 'mid' : 'low'; }
function initials(name) {
  const parts = String(name || '?').trim().split(/\s+/);
  return ((parts[0] || '?')[0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

// ---- sign in ---------------------------------------------------------------------

function showSignin(message) {
  $('#app').hidden = true;
  $('#signin').hidden = false;
  const err = $('#signin-error');
  err.hidden = !message;
  err.textContent = message || '';
  $('#token').focus();
}

async function checkAgent(token) {
  // A knowledge search is open to agents (and admins) only: 200 here means the token may take conversations.
  try {
    await api('/v1/knowledge/search', { method: 'POST', token, body: { query: 'hello', k: 1 } });
  } catch (err) {
    if (err.status === 403) throw new ApiError(403, 'forbidden', t('not_agent'));
    if (err.status === 401) throw new ApiError(401, 'unauthorized', t('bad_token'));  // in the page's language
    if (err.status === 0) throw new ApiError(0, 'network', t('no_server'));
    throw err;
  }
}

async function signIn(token, langs) {
  await checkAgent(token);
  S.token = token;
  S.langs = langs;
  const saved = ss.get(KEY);
  S.subject = saved && saved.token === token ? saved.subject : null;
  ss.set(KEY, { token, langs, subject: S.subject });
  $('#signin').hidden = true;
  $('#app').hidden = false;
  document.body.dataset.view = 'queue';
  connect();
  restoreTabs();
}

function signOut() {
  if (S.socket) S.socket.close();
  for (const tab of S.tabs.values()) tab.destroy();
  S.tabs.clear();
  S.current = null;
  S.queue.clear(); S.active.clear();
  ss.del(KEY);
  ss.del(`${KEY}.tabs`);
  S.token = null;
  $('#tabs').replaceChildren();
  renderLists();
  showWorkspaceEmpty();
  $('#token').value = '';
  showSignin('');
}

// ---- the agents' stream ------------------------------------------------------------

function connect() {
  if (S.socket) S.socket.close();
  const langs = S.langs.length ? `&languages=${S.langs.join(',')}` : '';
  S.socket = new LiveSocket(() => wsUrl(`/v1/agents/stream?token=${encodeURIComponent(S.token)}${langs}`), {
    onMessage: onFrame,
    onStatus: (state) => { S.conn = state; renderLive(); },
    // the token was revoked or has expired while in use: signed out, and told why
    onRefused: () => { signOut(); showSignin(t('session_ended')); },
  });
}

function renderLive() {
  if (S.conn === 'open') {  // back online: a reply that could not be sent for the network says so no more
    for (const tab of S.tabs.values()) if (tab.replyError && tab.replyError.textContent === t('reply_not_sent')) tab.replyError.hidden = true;
  }
  const pill = $('#live');
  pill.dataset.state = S.conn;
  $('#live-text').textContent = t(S.conn === 'open' ? 'live' : S.conn === 'reconnecting' ? 'reconnecting' : S.conn === 'closed' ? 'offline' : 'connecting');
  const on = $('#online');
  on.textContent = S.conn === 'open' ? t('online', { n: S.online.length, count: S.online.length }) : '';
  on.title = S.online.join(', ');
}

function stamp(hd) { return { ...hd, _rx: performance.now() }; }

function onFrame(f) {
  if (!f || !f.kind) return;
  if (f.kind === 'queue') {
    const firstLoad = S.seenWaiting.size === 0;
    S.queue = new Map((f.handoffs || []).map((x) => [x.id, stamp(x)]));
    S.active = new Map((f.active || []).map((x) => [x.id, stamp(x)]));
    S.online = f.agents_online || [];
    if (firstLoad) for (const id of S.queue.keys()) S.seenWaiting.add(id);
    renderLive();
    renderLists();
    for (const tab of S.tabs.values()) tab.syncFromLists();
    return;
  }
  if (f.kind === 'presence') {  // an agent's console opened or closed: every console's count follows
    S.online = f.agents_online || [];
    renderLive();
    return;
  }
  if (f.kind === 'suggestions') {
    // the next best actions follow the conversation as the customer speaks
    const tab = S.tabs.get(f.handoff_id);
    if (tab && tab.packet) { tab.packet.suggested_actions = f.suggested_actions || []; tab.renderSuggestions(); }
    return;
  }
  if (f.kind === 'conversation_erased') {
    // the customer was erased: their handoffs leave the lists and their tab stops listening
    for (const m of [S.queue, S.active]) {
      for (const [id, x] of m) if (x.conversation_id === f.conversation_id) m.delete(id);
    }
    for (const tab of S.tabs.values()) {
      if (tab.packet && tab.packet.conversation_id === f.conversation_id) tab.closeStream();
    }
    renderLists();
    return;
  }
  if (f.kind === 'messages') {
    // the customer wrote in a conversation an advisor holds whose tab is not open: its item says so until opened
    if (!(f.events || []).some((e) => e.type === 'customer_message')) return;
    for (const [id, x] of S.active) {
      if (x.conversation_id !== f.conversation_id || S.tabs.has(id)) continue;  // an open tab has its own dot
      S.active.set(id, { ...x, _unread: true });
      if (isMine(x.agent)) toast(t('customer_wrote', { c: customerLabel(x) }));
    }
    renderLists();
    return;
  }
  const hd = f.handoff;
  if (!hd) return;
  if (f.kind === 'handoff_waiting') {
    S.queue.set(hd.id, stamp(hd));
    if (!S.seenWaiting.has(hd.id)) {
      S.seenWaiting.add(hd.id);
      toast(t('new_request', { r: reasonLabel(hd.reason) }));
    }
  } else if (f.kind === 'handoff_updated') {
    // re-rated while waiting (fraud reported, anger rising): its new priority and topic, same place in the toasts
    const before = S.queue.get(hd.id);
    if (before) {
      S.queue.set(hd.id, stamp(hd));
      if (hd.topic && hd.topic !== before.topic) toast(t('raised', { r: topicLabel(hd.topic, hd.topic_names) }));
    }
  } else if (f.kind === 'handoff_accepted') {
    S.queue.delete(hd.id);
    S.active.set(hd.id, stamp(hd));
  } else if (f.kind === 'handoff_closed') {
    S.queue.delete(hd.id);
    S.active.delete(hd.id);
  } else if (f.kind === 'handoff_released') {
    // its advisor left (or a supervisor released it): waiting again, for anyone
    S.active.delete(hd.id);
    S.queue.set(hd.id, stamp(hd));
    S.seenWaiting.add(hd.id);
    toast(t('requeued', { c: customerLabel(hd) }));
  } else if (f.kind === 'agent_message' && S.active.has(hd.id)) {
    S.active.set(hd.id, { ...S.active.get(hd.id), _last: Date.now() });
  }
  renderLists();
  const tab = S.tabs.get(hd.id);
  if (tab) tab.onHandoff(hd, f.events || []);
}

// ---- queue + active lists -------------------------------------------------------------

function waitingNow(hd) { return (hd.waiting_s || 0) + (performance.now() - hd._rx) / 1000; }
function effectiveNow(hd) {
  const base = hd.effective_priority ?? hd.priority ?? 0;
  const rate = hd.priority_per_minute ?? (hd.waiting_s > 30 && hd.effective_priority != null ? Math.max(0, (hd.effective_priority - hd.priority) / (hd.waiting_s / 60)) : 0.2);
  return base + rate * ((performance.now() - hd._rx) / 60000);
}

// the requests in the languages this advisor handles first (signed in with), each group by priority now
const speaksIt = (x) => !S.langs.length || !x.language || S.langs.includes(x.language);
const queueOrder = (a, b) => Number(speaksIt(b)) - Number(speaksIt(a)) || effectiveNow(b) - effectiveNow(a) || waitingNow(b) - waitingNow(a);

async function lookupName(customerId) {
  if (!customerId || S.names.has(customerId)) return;
  S.names.set(customerId, null);
  try {
    const c = await api(`/v1/customers/${encodeURIComponent(customerId)}`, { token: S.token });
    S.names.set(customerId, { name: c.name || (c.profile && c.profile.name) || customerId, tier: c.tier || (c.profile && c.profile.tier) });
    renderLists();
    const tab = [...S.tabs.values()].find((x) => x.summary.customer_id === customerId);
    if (tab) tab.renderTabButton();
  } catch { /* the id stays visible instead */ }
}

function customerLabel(hd) {
  // anonymous visitors told apart by their conversation's last characters ("Anonymous visitor · 3f9a")
  if (!hd.customer_id) return hd.conversation_id ? `${t('anonymous')} · ${String(hd.conversation_id).slice(-4)}` : t('anonymous');
  const known = S.names.get(hd.customer_id);
  return known ? known.name : hd.customer_id;
}

function queueItem(hd, kind) {
  lookupName(hd.customer_id);
  const known = hd.customer_id ? S.names.get(hd.customer_id) : null;
  const level = priorityLevel(effectiveNow(hd));
  const isOpen = S.current === hd.id;
  const right = kind === 'waiting'
    ? h('span', { class: 'qtime tnum', dataset: { wait: hd.id }, title: t('waited_for') }, icon('clock'), fmtClock(waitingNow(hd)))
    : h('span', { class: `qagent${isMine(hd.agent) ? ' mine' : ''}`, text: isMine(hd.agent) ? t('you') : agentName(hd.agent) });
  const btn = h('button', { type: 'button', class: 'qitem', dataset: { id: hd.id, level }, 'aria-current': isOpen ? 'true' : null,
    onclick: () => openTab(hd.id, hd) },
  h('span', { class: 'qbar', 'aria-hidden': 'true' }),
  h('span', { class: 'qrow' }, h('span', { class: 'qname', text: customerLabel(hd) }),
    hd._unread ? h('span', { class: 'tab-unread', role: 'img', 'aria-label': t('customer_wrote_short') }) : null, right),
  h('span', { class: 'qrow qtags' },
    h('span', { class: 'badge reason', dataset: { reason: hd.reason }, text: reasonLabel(hd.reason) }),
    known && known.tier ? h('span', { class: `badge ${known.tier === 'premium' || known.tier === 'vip' || known.tier === 'gold' ? 'badge-warn' : ''}`, text: humanize(known.tier) }) : null,
    hd.language ? h('span', { class: 'badge badge-outline', text: hd.language.toUpperCase() }) : null,
    // an advisor had it and left: back in the queue for so long (the time shown is the customer's whole wait)
    kind === 'waiting' && hd.requeued_s != null ? h('span', { class: 'badge badge-warn', title: t('requeued_for', { t: fmtClock(hd.requeued_s + (performance.now() - hd._rx) / 1000) }), text: t('requeued_badge') }) : null),
  h('span', { class: 'qrow' },
    h('span', { class: 'qtopic', text: topicLabel(hd.topic, hd.topic_names) }),
    // the priority now, as the order is: it grows with the wait, the same on every console
    kind === 'waiting' ? h('span', { class: 'qprio tnum', dataset: { prio: hd.id }, title: t('priority', { p: fx(effectiveNow(hd), 2) }), text: `P ${fx(effectiveNow(hd), 1)}` }) : null));
  return h('li', null, btn);
}

function renderLists() {
  const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('.qitem');
  const focusId = focused ? focused.dataset.id : null;
  const waiting = [...S.queue.values()].sort(queueOrder);
  const active = [...S.active.values()].sort((a, b) => Number(isMine(b.agent)) - Number(isMine(a.agent)) || String(b.accepted_at).localeCompare(String(a.accepted_at)));
  $('#queue-list').replaceChildren(...waiting.map((x) => queueItem(x, 'waiting')));
  $('#active-list').replaceChildren(...active.map((x) => queueItem(x, 'active')));
  $('#queue-count').textContent = waiting.length;
  $('#m-queue-count').textContent = waiting.length;
  $('#active-count').textContent = active.length;
  $('#queue-empty').hidden = waiting.length > 0;
  $('#active-empty').hidden = active.length > 0;
  document.title = `${waiting.length ? `(${waiting.length}) ` : ''}${t('product')} — Tandem`;
  if (focusId) {
    const again = $(`.qitem[data-id="${CSS.escape(focusId)}"]`);
    if (again) again.focus();
  }
}

function tick() {
  for (const node of $$('[data-wait]')) {
    const hd = S.queue.get(node.dataset.wait);
    if (!hd) continue;
    const secs = waitingNow(hd);
    node.lastChild.textContent = fmtClock(secs);
    node.dataset.late = secs >= 300 ? 'high' : secs >= 120 ? 'mid' : '';
  }
  const shown = $$('[data-prio]').map((node) => node.dataset.prio);
  for (const node of $$('[data-prio]')) {
    const hd = S.queue.get(node.dataset.prio);
    if (!hd) continue;
    node.textContent = `P ${fx(effectiveNow(hd), 1)}`;
    node.title = t('priority', { p: fx(effectiveNow(hd), 2) });
  }
  // a request that has waited long enough passes one told sooner: the list follows, as every console's does
  const order = [...S.queue.values()].filter((x) => shown.includes(x.id)).sort(queueOrder);
  // (not under the advisor's pointer: the item they are about to click stays where it is)
  if (order.some((x, i) => x.id !== shown[i]) && !$('#queue-list').matches(':hover')) renderLists();
  for (const tab of S.tabs.values()) tab.tick();
}

// ---- tabs ------------------------------------------------------------------------------

function showWorkspaceEmpty() { $('#workspace-empty').hidden = S.tabs.size > 0; }

function openTab(id, summary) {
  const held = S.active.get(id);
  if (held && held._unread) S.active.set(id, { ...held, _unread: false });
  let tab = S.tabs.get(id);
  if (!tab) {
    tab = new Tab(id, summary || S.queue.get(id) || S.active.get(id) || { id });
    S.tabs.set(id, tab);
  }
  select(id);
  if (window.matchMedia('(max-width: 900px)').matches) setView('conv');
  tab.wantFocus = true;
  tab.takeFocus();
}

function saveTabs() {
  if (!S.token) return;
  ss.set(`${KEY}.tabs`, { ids: [...S.tabs.keys()], current: S.current });
}

function restoreTabs() {
  const saved = ss.get(`${KEY}.tabs`);
  if (!saved || !Array.isArray(saved.ids)) return;
  for (const id of saved.ids) if (!S.tabs.has(id)) S.tabs.set(id, new Tab(id, { id }));
  const current = saved.current && S.tabs.has(saved.current) ? saved.current : saved.ids[saved.ids.length - 1];
  if (current) select(current);
}

function select(id) {
  S.current = id;
  for (const tab of S.tabs.values()) tab.setSelected(tab.id === id);
  showWorkspaceEmpty();
  renderLists();
  saveTabs();
}

function closeTab(id) {
  const tab = S.tabs.get(id);
  if (!tab) return;
  const ids = [...S.tabs.keys()];
  const idx = ids.indexOf(id);
  tab.destroy();
  S.tabs.delete(id);
  if (S.current === id) {
    const next = ids[idx + 1] || ids[idx - 1];
    S.current = null;
    if (next && S.tabs.has(next)) select(next); else { showWorkspaceEmpty(); renderLists(); setView('queue'); }
  }
  saveTabs();
}

function setView(view) {
  document.body.dataset.view = view;
  for (const b of $$('.mobile-nav button')) b.setAttribute('aria-pressed', String(b.dataset.view === view));
}

class Tab {
  constructor(id, summary) {
    this.id = id;
    this.summary = summary;
    this.packet = null;
    this.seqs = new Set();
    this.events = new Map(); // seq -> event: the packet's transcript, then live events
    this.lastSeq = 0;
    this.stream = null;
    this.evidenceSeqs = new Set();
    this.trend = [];
    this.refreshTimer = null;
    this.buildButton();
    this.panel = h('section', { class: 'panel', id: `panel-${id}`, role: 'tabpanel', 'aria-labelledby': `tab-${id}`, hidden: true });
    $('#panels').append(this.panel);
    this.load();
  }

  get status() { return (this.packet && this.packet.status) || this.summary.status; }
  get agent() { return (this.packet && this.packet.agent) || this.summary.agent; }
  get mine() { return this.status === 'active' && isMine(this.agent); }

  buildButton() {
    this.button = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${this.id}`, 'aria-controls': `panel-${this.id}`,
      'aria-selected': 'false', tabindex: '-1', onclick: () => select(this.id), onkeydown: (e) => this.onTabKey(e) });
    this.closeBtn = h('button', { type: 'button', class: 'tab-close', title: t('close_tab'), 'aria-label': t('close_tab'), onclick: () => closeTab(this.id) }, icon('x'));
    this.tabWrap = h('div', { class: 'tab-wrap', role: 'presentation' }, this.button, this.closeBtn);
    $('#tabs').append(this.tabWrap);
    this.renderTabButton();
  }

  onTabKey(e) {
    const ids = [...S.tabs.keys()];
    const i = ids.indexOf(this.id);
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % ids.length;
    if (e.key === 'ArrowLeft') j = (i - 1 + ids.length) % ids.length;
    if (e.key === 'Delete') { closeTab(this.id); return; }
    if (j !== null) { e.preventDefault(); select(ids[j]); S.tabs.get(ids[j]).button.focus(); }
  }

  renderTabButton() {
    const name = this.packet && this.packet.customer ? this.packet.customer.name : customerLabel(this.summary);
    this.button.replaceChildren(
      h('span', { class: 'tab-dot', dataset: { status: this.status || 'waiting' }, 'aria-hidden': 'true' }),
      h('span', { class: 'tab-name', text: name }),
      ...(this.unread ? [h('span', { class: 'tab-unread', role: 'img', 'aria-label': t('customer_wrote_short') })] : []));
    this.closeBtn.setAttribute('aria-label', `${t('close_tab')}: ${name}`);
  }

  setSelected(on) {
    this.button.setAttribute('aria-selected', String(on));
    this.button.tabIndex = on ? 0 : -1;
    this.tabWrap.classList.toggle('selected', on);
    this.panel.hidden = !on;
    if (on && this.unread) { this.unread = false; this.renderTabButton(); }
    if (on) this.scrollTranscript();
  }

  async load() {
    this.panel.replaceChildren(h('div', { class: 'empty' }, h('span', { class: 'spinner' }), t('loading')));
    try {
      this.packet = await api(`/v1/handoffs/${encodeURIComponent(this.id)}?lang=${i18n.lang}`, { token: S.token });
    } catch (err) {
      this.panel.replaceChildren(h('div', { class: 'empty' }, icon('alert'), h('b', { text: t('load_failed') }), h('span', { text: err.message }),
        h('button', { type: 'button', class: 'btn btn-sm', text: t('retry'), onclick: () => this.load() })));
      return;
    }
    this.summary = { ...this.summary, ...this.packet };
    if (this.packet.status === 'active' && !S.subject) await this.probeOwner();
    this.render();
    this.openStream();
  }

  async probeOwner() {
    // Accepting again a handoff one already owns is a no-op that names the owner; anyone else gets 409.
    try {
      const r = await api(`/v1/handoffs/${encodeURIComponent(this.id)}/accept`, { method: 'POST', token: S.token });
      learnSubject(r.agent);
    } catch { /* someone else's */ }
  }

  render() {
    const p = this.packet;
    this.seqs = new Set();
    this.evidenceSeqs = new Set(((p.evidence && p.evidence.messages) || []).map((m) => m.seq).filter(Boolean));
    for (const ev of p.transcript || []) if (!this.events.has(ev.seq)) this.events.set(ev.seq, ev);
    const all = [...this.events.values()].sort((a, b) => a.seq - b.seq);
    this.trend = [...(p.sentiment_trend || [])];
    const trendSeq = this.trend.length ? this.trend[this.trend.length - 1].seq : 0;
    for (const ev of all) {
      if (ev.type === 'customer_message' && ev.seq > trendSeq && ev.sentiment && typeof ev.sentiment.score === 'number') {
        this.trend.push({ seq: ev.seq, score: ev.sentiment.score });
      }
    }

    this.head = h('header', { class: 'panel-head' });
    this.transcript = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': t('conversation'), tabindex: '0' });
    this.replyBox = h('textarea', { class: 'textarea', id: `reply-${this.id}`, rows: 3, maxlength: 4000, placeholder: t('reply_ph') });
    this.replyHint = h('p', { class: 'hint reply-hint' });
    this.replyError = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    this.sendBtn = h('button', { type: 'submit', class: 'btn btn-agent' }, icon('send'), h('span', { text: t('send') }));
    this.replyForm = h('form', { class: 'reply', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.sendReply(); } },
      h('label', { for: `reply-${this.id}`, class: 'sr-only', text: t('reply_label') }),
      this.replyError,
      h('div', { class: 'reply-row' }, this.replyBox, this.sendBtn),
      this.replyHint);
    this.replyBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.sendReply(); }
    });
    this.assist = h('aside', { class: 'assist', 'aria-label': t('details') });

    this.panel.replaceChildren(this.head,
      h('div', { class: 'panel-body' }, h('div', { class: 'conv-main' }, this.transcript, this.replyForm), this.assist));
    for (const ev of all) this.appendEvent(ev, true);
    this.renderHead();
    this.renderAssist();
    this.renderReplyState();
    this.renderTabButton();
    this.scrollTranscript();
  }

  renderHead() {
    const p = this.packet;
    const c = p.customer;
    const name = c ? c.name : customerLabel(this.summary);
    const status = this.status;
    const actions = h('div', { class: 'head-actions' });
    if (status === 'waiting') {
      this.acceptBtn = h('button', { type: 'button', class: 'btn btn-primary', onclick: () => this.accept() }, icon('check'), h('span', { text: t('accept') }));
      actions.append(this.acceptBtn);
    } else if (status === 'active' && this.mine) {
      actions.append(
        h('button', { type: 'button', class: 'btn', onclick: () => this.release() }, h('span', { text: t('release_btn') })),
        h('button', { type: 'button', class: 'btn', onclick: () => openClose(this.id, 'handback') }, icon('undo'), h('span', { text: t('handback_btn') })),
        h('button', { type: 'button', class: 'btn btn-agent', onclick: () => openClose(this.id, 'resolved') }, icon('check'), h('span', { text: t('resolve') })));
    } else if (status === 'active') {
      actions.append(h('span', { class: 'badge badge-agent', text: t('handled_by', { a: agentName(this.agent) }) }));
    } else if (status === 'closed') {
      actions.append(h('span', { class: 'badge', text: t('closed_outcome', { o: outcomeLabel(p.outcome) }) }));
    }
    this.timerEl = h('span', { class: 'tnum' });
    const timer = h('span', { class: 'head-timer', title: t('handling') }, icon('clock'), this.timerEl);
    this.head.replaceChildren(
      h('button', { type: 'button', class: 'icon-btn back-btn', 'aria-label': t('queue'), onclick: () => setView('queue') }, icon('arrowLeft')),
      h('div', { class: 'head-avatar', 'aria-hidden': 'true', text: c ? initials(c.name) : '?' }),
      h('div', { class: 'head-main' },
        h('h2', { class: 'head-name', text: name }),
        h('div', { class: 'head-tags' },
          h('span', { class: `badge status-badge`, dataset: { status }, text: t(`status_${status}`) }),
          h('span', { class: 'badge reason', dataset: { reason: p.reason }, text: reasonLabel(p.reason) }),
          // a sensitive topic told since ("Asked for a person", then a scam told while waiting): said beside it
          p.topic && (TOPICS.en[p.topic] || p.reason === 'sensitive_topic') ? h('span', { class: 'badge badge-warn', text: topicLabel(p.topic, p.topic_names) }) : null,
          c && c.tier ? h('span', { class: `badge ${['premium', 'vip', 'gold'].includes(c.tier) ? 'badge-warn' : ''}`, text: humanize(c.tier) }) : null,
          p.language ? h('span', { class: 'badge badge-outline', text: p.language.toUpperCase() }) : null,
          timer)),
      actions);
    this.tick();
    if (this.wantFocus) this.takeFocus();
  }

  // opened from the queue with the keyboard: the conversation's first thing to do has the focus (Accept, or the reply
  // box), not the queue item left behind; once the packet has come if it had not yet
  takeFocus() {
    const target = this.acceptBtn && this.acceptBtn.isConnected && !this.acceptBtn.disabled ? this.acceptBtn
      : this.replyBox && this.replyBox.isConnected && !this.replyBox.disabled ? this.replyBox : null;
    if (!target) return;
    target.focus();
    this.wantFocus = false;
  }

  tick() {
    if (!this.timerEl || !this.packet) return;
    const hd = S.queue.get(this.id);
    if (this.status === 'waiting' && hd) this.timerEl.textContent = t('waited', { t: fmtClock(waitingNow(hd)) });
    else if (this.status === 'active' && this.packet.accepted_at) this.timerEl.textContent = fmtClock((Date.now() - Date.parse(this.packet.accepted_at)) / 1000);
    else this.timerEl.textContent = '';
  }

  renderReplyState() {
    const status = this.status;
    const can = status === 'active' && this.mine;
    this.replyBox.disabled = !can;
    this.sendBtn.disabled = !can;
    this.replyForm.dataset.locked = String(!can);
    this.replyHint.textContent = can ? t('reply_keys') : status === 'waiting' ? t('reply_locked') : status === 'active' ? t('reply_other') : t('reply_closed');
  }

  // transcript ------------------------------------------------------------------------
  appendEvent(ev, initial) {
    if (!ev || typeof ev.seq !== 'number' || this.seqs.has(ev.seq)) return;
    this.seqs.add(ev.seq);
    if (!this.events.has(ev.seq)) this.events.set(ev.seq, ev);
    this.lastSeq = Math.max(this.lastSeq, ev.seq);
    const stick = initial || this.transcript.scrollHeight - this.transcript.scrollTop - this.transcript.clientHeight < 140;
    const node = this.eventNode(ev);
    if (!node) return;
    // keep seq order even if a live frame overtakes the packet
    const after = [...this.transcript.children].find((n) => Number(n.dataset.seq) > ev.seq);
    if (after) this.transcript.insertBefore(node, after); else this.transcript.append(node);
    if (!initial && ev.type === 'customer_message') {
      if (ev.sentiment && typeof ev.sentiment.score === 'number') { this.trend.push({ seq: ev.seq, score: ev.sentiment.score }); this.renderSentiment(); }
      if (S.current !== this.id) { this.unread = true; this.renderTabButton(); }
      this.scheduleRefresh();
    }
    if (stick) this.scrollTranscript();
  }

  eventNode(ev) {
    const time = h('time', { datetime: ev.at, text: fmtTime(ev.at, i18n.lang) });
    if (ev.type === 'customer_message' || ev.type === 'bot_message' || ev.type === 'agent_message') {
      const who = ev.type === 'customer_message' ? 'customer' : ev.type === 'bot_message' ? 'bot' : 'agent';
      const label = who === 'customer' ? t('customer') : who === 'bot' ? t('bot') : isMine(agentName(ev.author)) ? t('you_said') : agentName(ev.author);
      const evidence = who === 'customer' && this.evidenceSeqs.has(ev.seq);
      const sent = ev.sentiment && typeof ev.sentiment.score === 'number' ? ev.sentiment : null;
      return h('div', { class: `line line-${who}${evidence ? ' evidence' : ''}`, dataset: { seq: ev.seq } },
        h('div', { class: 'line-meta' },
          h('span', { class: 'line-who', text: label }), time,
          sent ? h('span', { class: 'senti', dataset: { label: sent.label }, title: `${t('sentiment')}: ${fx(sent.score, 2)}`, text: fx(sent.score, 2) }) : null,
          evidence ? h('span', { class: 'badge badge-warn ev-tag' }, icon('alert'), t('evidence')) : null),
        h('div', { class: 'line-text', text: ev.text || '' }),
        Array.isArray(ev.sources) && ev.sources.length ? h('div', { class: 'line-sources' }, ev.sources.map((x) => h('span', { class: 'badge badge-outline', text: x.title }))) : null);
    }
    let text = null;
    if (ev.type === 'handoff_requested') text = t('ev_requested', { r: reasonLabel(ev.reason || this.packet.reason) });
    else if (ev.type === 'handoff_accepted') text = isMine(agentName(ev.agent || ev.author)) ? t('ev_you_accepted') : t('ev_accepted', { a: agentName(ev.agent || ev.author) });
    else if (ev.type === 'handoff_closed') {
      // the advisor's closing note, for the next advisor who takes the customer up
      text = t('ev_closed', { a: agentName(ev.author), o: outcomeLabel(ev.outcome) }) + (ev.note ? ` — ${t('note_quoted', { n: ev.note })}` : '');
    } else if (ev.type === 'handoff_released') text = t('ev_released', { a: agentName(ev.agent || ev.author) });
    else text = humanize(ev.type);
    return h('div', { class: `sys sys-${ev.type}`, dataset: { seq: ev.seq } }, h('span', { text }), time);
  }

  scrollTranscript() {
    if (!this.transcript) return;
    requestAnimationFrame(() => { this.transcript.scrollTop = this.transcript.scrollHeight; });
  }

  jumpTo(seq) {
    const node = this.transcript.querySelector(`[data-seq="${seq}"]`);
    if (!node) return;
    if (document.body.dataset.view === 'details') setView('conv');
    node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    node.classList.remove('flash');
    void node.offsetWidth;
    node.classList.add('flash');
  }

  // assist side --------------------------------------------------------------------------
  renderAssist() {
    const p = this.packet;
    this.sentimentBody = h('div', { class: 'senti-box' });
    this.suggestBody = h('div', { class: 'card-body' });
    this.assist.replaceChildren(
      this.whyCard(p),
      card(t('suggested'), this.suggestBody, h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: () => this.refresh() }, icon('refresh'), h('span', { text: t('refresh') })), true),
      this.customerCard(p.customer),
      this.triedCard(p.knowledge_tried || []));
    this.renderSentiment();
    this.renderSuggestions();
  }

  whyCard(p) {
    const ev = p.evidence || {};
    const facts = [];
    if (ev.tier) facts.push([t('tier'), humanize(ev.tier)]);
    if (ev.sentiment && typeof ev.sentiment.score === 'number') facts.push([t('sentiment'), `${mood(ev.sentiment.label)} (${fx(ev.sentiment.score, 2)})`]);
    if (ev.topic) facts.push([t('topic'), topicLabel(ev.topic, ev.topic === p.topic ? p.topic_names : null)]);
    for (const [k, v] of Object.entries(ev)) {
      if (['tier', 'sentiment', 'topic', 'messages', 'knowledge_tried'].includes(k)) continue;
      if (v === null || typeof v === 'object') continue;
      const label = t(`f_${k}`);  // the evidence's own words, in the console's language ("Messages mécontents")
      facts.push([label === `f_${k}` ? humanize(k) : label, typeof v === 'boolean' ? t(v ? 'yes' : 'no')
        : typeof v === 'number' && !Number.isInteger(v) ? fx(v, 2) : String(v)]);
    }
    const quotes = (ev.messages || []).filter((m) => m.text);
    return h('section', { class: 'card why', dataset: { reason: p.reason } },
      h('div', { class: 'card-head' }, h('h3', { class: 'card-title', text: t('why_title') })),
      h('div', { class: 'card-body' },
        p.summary ? h('p', { class: 'summary', text: p.summary }) : null,
        h('p', { class: 'why-reason' }, h('span', { class: 'badge reason', dataset: { reason: p.reason }, text: reasonLabel(p.reason) })),
        reasonWhy(p.reason) ? h('p', { class: 'why-text', text: reasonWhy(p.reason) }) : null,
        quotes.length ? h('ul', { class: 'quotes' }, quotes.map((m) => h('li', null,
          h('blockquote', { text: m.text }),
          m.seq ? h('button', { type: 'button', class: 'link-btn', onclick: () => this.jumpTo(m.seq), text: t('jump') }) : null))) : null,
        facts.length ? h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])) : null,
        this.sentimentBody));
  }

  renderSentiment() {
    if (!this.sentimentBody) return;
    const pts = this.trend;
    if (!pts.length) { this.sentimentBody.replaceChildren(h('p', { class: 'hint', text: t('no_sentiment') })); return; }
    const last = pts[pts.length - 1].score;
    const mood = last <= -0.25 ? 'negative' : last >= 0.25 ? 'positive' : 'neutral';
    this.sentimentBody.replaceChildren(
      h('div', { class: 'senti-row' },
        h('span', { class: 'senti-title', text: t('trend') }),
        sparkline(pts, { width: 200, height: 40, label: t('sentiment_label') }),
        h('div', { class: 'senti-last', dataset: { label: mood } }, h('b', { class: 'tnum', text: fx(last, 2) }), h('span', { text: moodLabel(mood) }))));
  }

  renderSuggestions() {
    if (!this.suggestBody) return;
    const dismissed = this.dismissed || (this.dismissed = new Set());
    const list = (this.packet.suggested_actions || []).filter((a) => !dismissed.has(a.id));
    if (!list.length) { this.suggestBody.replaceChildren(h('p', { class: 'hint', text: t('no_suggestions') })); return; }
    this.suggestBody.replaceChildren(h('ul', { class: 'suggestions' }, list.map((a) => {
      const isReply = a.kind === 'reply' && a.text;
      const own = (a.titles && a.titles[i18n.lang]) || a.title;
      const title = isReply ? own.replace(/^(?:Reply|Réponse)\s*:\s*/, '') : own;
      const why = suggestionWhy(a);
      const kindLabel = isReply ? t('reply') : a.kind === 'article' ? t('article') : t(`kind_${a.kind}`) || humanize(a.kind);
      return h('li', { class: `sug sug-${a.kind}`, dataset: { id: a.id } },
        h('div', { class: 'sug-top' },
          h('span', { class: 'sug-kind' }, icon(isReply ? 'chat' : 'doc'), kindLabel),
          h('span', { class: 'sug-score tnum', title: 'score', text: typeof a.score === 'number' ? fx(a.score, 2) : '' }),
          h('button', { type: 'button', class: 'link-btn sug-dismiss', title: t('dismiss'), 'aria-label': `${t('dismiss')}: ${title}`,
            onclick: () => this.feedback(a, 'dismissed'), text: '×' })),
        h('p', { class: 'sug-title', text: title }),
        a.text ? h('p', { class: 'sug-preview', text: a.text }) : null,
        why ? h('p', { class: 'sug-why', text: why }) : null,
        // a service's text says it is done ("I have switched roaming on"): the advisor does it first
        a.text && a.kind === 'service' ? h('p', { class: 'sug-hint hint', text: t('service_hint') }) : null,
        a.text ? h('button', { type: 'button', class: 'btn btn-sm sug-insert', disabled: !this.mine, title: this.mine ? null : t('reply_locked'),
          onclick: () => { this.insert(a.text); this.feedback(a, 'accepted'); } }, icon('insert'),
        h('span', { text: a.kind === 'service' ? t('service_insert') : t('insert') })) : null);
    })));
  }

  /** Tell the ranking what the agent did with a suggestion; a dismissed one leaves the list. */
  async feedback(a, outcome) {
    if (outcome === 'dismissed') { (this.dismissed || (this.dismissed = new Set())).add(a.id); this.renderSuggestions(); }
    try {
      await api(`/v1/handoffs/${encodeURIComponent(this.id)}/actions/${encodeURIComponent(a.id)}/feedback`,
        { method: 'POST', token: S.token, body: { outcome } });
    } catch (err) {
      if (err.status && err.status !== 404) toast(err.message, { kind: 'error' });
    }
  }

  insert(text) {
    if (this.replyBox.disabled) return;
    const box = this.replyBox;
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${text}` : text;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    if (document.body.dataset.view === 'details') setView('conv');
    toast(t('inserted'), { timeout: 1800 });
  }

  customerCard(c) {
    if (!c) return card(t('customer_card'), h('p', { class: 'hint', text: t('no_profile') }));
    const attrs = c.attributes || {};
    const consents = c.consents || {};
    const events = (c.recent_events || []).slice(0, 5);
    const past = c.past_conversations || [];
    const rows = [];
    if (c.segment) rows.push([t('segment'), codeLabel(c.segment)]);
    if (c.language) rows.push([t('language_short'), c.language.toUpperCase()]);
    if (attrs.customer_since) rows.push([t('since'), fmtDate(attrs.customer_since, i18n.lang)]);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'customer_since' || v === null || typeof v === 'object') continue;
      rows.push([codeLabel(k), shownValue(v)]);
    }
    return h('section', { class: 'card customer' },
      h('div', { class: 'card-head' }, h('h3', { class: 'card-title', text: t('customer_card') })),
      h('div', { class: 'card-body' },
        h('div', { class: 'cust-id' },
          h('div', { class: 'cust-avatar', 'aria-hidden': 'true', text: initials(c.name) }),
          h('div', null, h('b', { text: c.name || c.id }), h('span', { class: 'muted small mono', text: c.id })),
          c.tier ? h('span', { class: `badge ${['premium', 'vip', 'gold'].includes(c.tier) ? 'badge-warn' : ''}`, text: humanize(c.tier) }) : null),
        rows.length ? h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])) : null,
        (c.products || []).length ? h('div', { class: 'sub' }, h('h4', { text: t('products') }),
          h('div', { class: 'chips' }, c.products.map((x) => h('span', { class: 'badge badge-outline', text: codeLabel(x) })))) : null,
        h('div', { class: 'sub' }, h('h4', { text: t('consents') }),
          h('div', { class: 'chips' },
            ['personalization', 'marketing'].map((k) => h('span', { class: `badge ${consents[k] ? 'badge-ok' : 'badge-danger'}` },
              icon(consents[k] ? 'check' : 'x'), t(k))))),
        events.length ? h('div', { class: 'sub' }, h('h4', { text: t('recent') }),
          h('ol', { class: 'timeline' }, events.map((e) => h('li', null,
            h('span', { class: 'tl-type', text: codeLabel(e.type) }),
            h('time', { class: 'muted small', datetime: e.at, text: fmtDate(e.at, i18n.lang) }),
            eventDetail(e) ? h('p', { class: 'small', text: eventDetail(e) }) : null)))) : null,
        past.length ? h('div', { class: 'sub' }, h('h4', { text: `${t('past')} (${past.length})` }),
          h('ul', { class: 'past' }, past.slice(0, 4).map((x) => h('li', { class: 'small' },
            h('span', { text: fmtDateTime(x.created_at, i18n.lang) }),
            h('span', { class: 'muted', text: `${codeLabel(x.channel)} · ${t('messages_n', { n: x.messages })} · ${humanize(x.state)}` }))))) : null));
  }

  triedCard(list) {
    const body = list.length
      ? h('ul', { class: 'tried' }, list.map((k) => h('li', null,
        h('div', { class: 'tried-top' }, h('span', { class: 'tried-title', text: k.title }),
          h('span', { class: `badge ${k.sent ? 'badge-ok' : 'badge-outline'}`, text: k.sent ? t('sent') : t('not_sent') })),
        h('div', { class: 'meter', role: 'img', 'aria-label': `score ${fx(k.score, 2)}` },
          h('span', { class: 'meter-fill', style: `width:${Math.round(Math.max(0, Math.min(1, k.score)) * 100)}%` })),
        h('span', { class: 'tnum small muted', text: fx(k.score, 2) }))))
      : h('p', { class: 'hint', text: t('nothing_tried') });
    return card(t('bot_tried'), body);
  }

  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(true), 1200);
  }

  async refresh(quiet) {
    try {
      const p = await api(`/v1/handoffs/${encodeURIComponent(this.id)}?lang=${i18n.lang}`, { token: S.token });
      this.packet = { ...p, transcript: this.packet.transcript };
      this.summary = { ...this.summary, ...p };
      const scroll = this.assist.scrollTop;
      this.trend = [...(p.sentiment_trend || [])];
      this.renderAssist();
      this.assist.scrollTop = scroll;
    } catch (err) { if (!quiet) toastError(err); }
  }

  // live -----------------------------------------------------------------------------------
  openStream() {
    if (this.stream || this.status === 'closed') return;
    const cid = this.packet.conversation_id;
    this.stream = new LiveSocket(
      () => wsUrl(`/v1/conversations/${encodeURIComponent(cid)}/stream?after=${this.lastSeq}&token=${encodeURIComponent(S.token)}`),
      { onMessage: (ev) => { if (ev && typeof ev.seq === 'number') { this.appendEvent(ev); this.onEventState(ev); } } },
    );
  }

  closeStream() { if (this.stream) { this.stream.close(); this.stream = null; } }

  onEventState(ev) {
    if (!this.packet) return;
    if (ev.type === 'handoff_accepted' && this.packet.status === 'waiting') {
      this.packet.status = 'active';
      this.packet.agent = ev.agent || agentName(ev.author);
      this.packet.accepted_at = ev.at;
      this.rerender();
    } else if (ev.type === 'handoff_closed' && this.packet.status !== 'closed' && ev.handoff_id === this.id) {
      this.packet.status = 'closed';
      this.packet.outcome = ev.outcome;
      this.rerender();
    }
  }

  onHandoff(hd, events) {
    if (!this.packet) { this.summary = { ...this.summary, ...hd }; this.renderTabButton(); return; }
    const before = this.packet.status;
    Object.assign(this.packet, { status: hd.status, agent: hd.agent, accepted_at: hd.accepted_at, closed_at: hd.closed_at });
    for (const ev of events) this.appendEvent(ev);
    if (hd.status === 'closed') {
      const closedEv = events.find((e) => e.type === 'handoff_closed');
      if (closedEv) this.packet.outcome = closedEv.outcome;
    }
    if (before !== hd.status) {
      if (before === 'waiting' && hd.status === 'active' && !isMine(hd.agent) && this.accepting !== true) toast(t('taken', { a: agentName(hd.agent) }));
      this.rerender();
    }
  }

  syncFromLists() {
    if (!this.packet) return;
    const hd = S.queue.get(this.id) || S.active.get(this.id);
    if (hd && hd.status !== this.packet.status) this.onHandoff(hd, []);
  }

  rerender() {
    this.renderHead();
    this.renderReplyState();
    this.renderSuggestions();
    this.renderTabButton();
    if (this.packet.status === 'closed') this.closeStream();
  }

  // actions ----------------------------------------------------------------------------------
  async release() {
    try {
      const r = await api(`/v1/handoffs/${encodeURIComponent(this.id)}/release`, { method: 'POST', token: S.token });
      Object.assign(this.packet, { status: r.status, agent: null, accepted_at: null });
      S.active.delete(this.id);
      S.queue.set(this.id, stamp({ ...this.summary, status: r.status, agent: null }));
      renderLists();
      this.rerender();
      toast(t('released_done'));
    } catch (err) {
      toastError(err);
      this.refresh(true);
    }
  }

  async accept() {
    if (this.accepting) return;
    this.accepting = true;
    this.acceptBtn.disabled = true;
    this.acceptBtn.lastChild.textContent = t('accepting');
    try {
      const r = await api(`/v1/handoffs/${encodeURIComponent(this.id)}/accept`, { method: 'POST', token: S.token });
      learnSubject(r.agent);
      Object.assign(this.packet, { status: r.status, agent: r.agent, accepted_at: this.packet.accepted_at || new Date().toISOString() });
      S.queue.delete(this.id);
      S.active.set(this.id, stamp({ ...this.summary, status: r.status, agent: r.agent, accepted_at: this.packet.accepted_at }));
      renderLists();
      this.rerender();
      this.replyBox.focus();
    } catch (err) {
      if (err && err.status === 409) {
        // another advisor took it a moment before: said in words, with their name once the packet says it
        await this.refresh(true);
        toast(this.packet.agent && !isMine(this.packet.agent) ? t('taken', { a: agentName(this.packet.agent) }) : t('taken_gone'));
      } else {
        toastError(err);
        this.refresh(true);
      }
      this.renderHead();
    } finally {
      this.accepting = false;
    }
  }

  async sendReply() {
    const text = this.replyBox.value.trim();
    if (!text || this.replyBox.disabled || this.sending) return;
    this.sending = true;
    this.sendBtn.disabled = true;
    this.replyError.hidden = true;
    try {
      const r = await api(`/v1/handoffs/${encodeURIComponent(this.id)}/messages`, { method: 'POST', token: S.token, body: { text } });
      if (r && r.event) this.appendEvent(r.event);
      this.replyBox.value = '';
      this.scrollTranscript();
    } catch (err) {
      // not sent: said in the console's words when the network is the cause (the text stays in the box to send again)
      this.replyError.textContent = err.status === 0 ? t('reply_not_sent') : err.message;
      this.replyError.hidden = false;
    } finally {
      this.sending = false;
      this.renderReplyState();
      this.replyBox.focus();
    }
  }

  async close(outcome, note) {
    const r = await api(`/v1/handoffs/${encodeURIComponent(this.id)}/close`, { method: 'POST', token: S.token, body: note ? { outcome, note } : { outcome } });
    Object.assign(this.packet, { status: r.status, outcome: r.outcome });
    S.active.delete(this.id);
    S.queue.delete(this.id);
    renderLists();
    this.rerender();
    toast(t('closed_done'), { timeout: 2500 });
  }

  destroy() {
    this.closeStream();
    clearTimeout(this.refreshTimer);
    this.tabWrap.remove();
    this.panel.remove();
  }
}

function card(title, body, action, plainBody) {
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h3', { class: 'card-title', text: title }), action || null),
    plainBody ? body : h('div', { class: 'card-body' }, body));
}

/** An attribute's value as a person reads it: yes or no, a code in words ("payments_abroad_disabled"), else as given ("18-25"). */
function shownValue(v) {
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
  const text = String(v);
  return /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(text) ? codeLabel(text) : text;
}

/** What an event was about, in a line: "Shinjuku Business Hotel · 297,30 € · Payments abroad disabled". */
function eventDetail(e) {
  const d = e.data || {};
  // an open request says so ("open · GBP transfer…"): the advisor may be asked about it
  if (d.summary) return d.status === 'open' ? `${codeLabel('open')} · ${d.summary}` : d.summary;
  const parts = [];
  if (e.type === 'page_view' && typeof d.page === 'string') parts.push(d.page);  // what was looked at, with its figures
  for (const key of ['merchant', 'destination']) if (typeof d[key] === 'string') parts.push(d[key]);
  if (typeof d.amount_eur === 'number') parts.push(fmtNumber(d.amount_eur, i18n.lang, { style: 'currency', currency: 'EUR' }));
  for (const key of ['product', 'reason']) if (typeof d[key] === 'string') parts.push(shownValue(d[key]));
  if (d.roaming_enabled === false) parts.push(t('roaming_off'));
  if (!parts.length && typeof d.topic === 'string') parts.push(shownValue(d.topic));
  if (!parts.length && typeof d.page === 'string') parts.push(d.page);
  if (typeof d.months === 'number' && parts.length) parts.push(t('months_n', { n: d.months }));
  return parts.join(' · ');
}

function learnSubject(agent) {
  if (!agent || S.subject === agent) return;
  S.subject = agent;
  ss.set(KEY, { token: S.token, langs: S.langs, subject: agent });
  renderLists();
  for (const tab of S.tabs.values()) if (tab.packet) tab.rerender();
}

// ---- close dialog --------------------------------------------------------------------------

let closing = null;
function openClose(id, outcome) {
  closing = id;
  const dlg = $('#close-dialog');
  const chosen = $(`input[name="outcome"][value="${outcome}"]`, dlg);
  chosen.checked = true;
  $('#close-note').value = '';
  $('#close-error').hidden = true;
  $('#close-confirm').disabled = false;
  dlg.showModal();
  chosen.focus(); // the outcome asked for, not the first radio: Space keeps it
}

function initDialog() {
  const dlg = $('#close-dialog');
  $('#close-cancel').addEventListener('click', () => dlg.close());
  $('#close-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const tab = S.tabs.get(closing);
    if (!tab) { dlg.close(); return; }
    const outcome = $('input[name="outcome"]:checked', dlg).value;
    const note = $('#close-note').value.trim();
    $('#close-confirm').disabled = true;
    try {
      await tab.close(outcome, note);
      dlg.close();
    } catch (err) {
      $('#close-error').textContent = err.message;
      $('#close-error').hidden = false;
      $('#close-confirm').disabled = false;
    }
  });
}

// ---- boot ------------------------------------------------------------------------------------

function init() {
  i18n.apply();
  for (const sw of $$('.lang-switch')) i18n.bindSwitch(sw);
  for (const slot of $$('.brand-logo')) slot.append(logo(28));
  for (const slot of $$('.empty-icon')) slot.append(icon('inbox'));
  $('#signout').prepend(icon('logout'));
  i18n.onChange(() => {
    renderLive();
    renderLists();
    for (const tab of S.tabs.values()) if (tab.packet) { tab.render(); tab.setSelected(tab.id === S.current); tab.refresh(true); }
  });

  $('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = $('#token').value.trim();
    const langs = $$('input[name="lang"]:checked').map((x) => x.value);
    const err = $('#signin-error');
    if (!token) { err.textContent = t('token_required'); err.hidden = false; $('#token').focus(); return; }
    const btn = $('#signin-submit');
    btn.disabled = true;
    btn.textContent = t('signing_in');
    try {
      await signIn(token, langs);
    } catch (ex) {
      showSignin(ex.message);
    } finally {
      btn.disabled = false;
      btn.textContent = t('signin');
    }
  });
  $('#signout').addEventListener('click', signOut);
  for (const b of $$('.mobile-nav button')) b.addEventListener('click', () => setView(b.dataset.view));
  initDialog();
  setInterval(tick, 1000);

  const saved = ss.get(KEY);
  if (saved && saved.token) {
    signIn(saved.token, saved.langs || ['en', 'fr']).catch((ex) => { ss.del(KEY); showSignin(ex.status === 401 ? ex.message : ex.message); });
  } else {
    showSignin('');
  }
}

init();
