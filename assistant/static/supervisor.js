// Supervisor dashboard: KPIs, escalations per day by reason, the escalation log with
// filters, a replay of each escalated conversation, and a CSV export.
import {
  $, $$, h, s, icon, logo, I18n, api, ApiError, fmtDateTime, fmtDate, fmtTime, fmtDuration, fmtNumber, fmtPercent, humanize,
  store, toastError, sparkline, colorFor, TOPICS,
} from '/static/tandem.js';

const DICT = {
  en: {
    page_title: 'Supervisor — Tandem',
    mood_negative: 'Negative', mood_neutral: 'Neutral', mood_positive: 'Positive',
    product: 'Supervisor', language: 'Language', signin_title: 'Sign in', signin_lead: 'Paste your supervisor token.',
    token_label: 'Supervisor token', token_hint: 'Kept for this browser tab only.', signin: 'Sign in', signing_in: 'Signing in…',
    need_token: 'No token? Ask an administrator.', token_required: 'Enter your supervisor token.', not_supervisor: 'This token does not have the supervisor role.', bad_token: 'This token is not valid. Check it, or ask an administrator for a new one.',
    signout: 'Sign out', title: 'Escalations', quick_range: 'Quick range', today: 'Today',
    since: 'From', until: 'To', reason: 'Reason', agent: 'Agent', outcome: 'Outcome', any_agent: 'Any agent', apply: 'Apply', reset: 'Reset',
    all_reasons: 'All reasons', all_outcomes: 'All outcomes', kpis: 'Key figures',
    range: '{a} – {b} · UTC', conversations: 'Conversations', contained: '{n} handled by the bot alone', contained_unanswered: '{n} handled by the bot alone, {u} never answered', containment: 'Containment rate',
    containment_sub: '{e} escalated of {c}', whole_period: 'whole period, every reason', median_wait: 'Median wait', median_wait_sub: 'from escalation to an agent accepting',
    handoffs: 'Handoffs', handoffs_sub: '{w} waiting now', handoffs_sub_longest: '{w} waiting now, longest {d}', per_day: 'Escalations per day, by reason', by_reason: 'By reason', by_outcome: 'By outcome',
    no_data: 'No escalation in this period.', log: 'Escalation log', rows: '{n} escalations', rows_one: '{n} escalation', export: 'Export CSV', exporting: 'Exporting…',
    created: 'Created', customer: 'Customer', evidence: 'Evidence', wait: 'Wait', none: 'No escalation matches these filters.',
    d7: '7 d', d14: '14 d', d30: '30 d', d90: '90 d', updated: '· updated {t}', waiting: 'Waiting', in_progress: 'In progress',
    released_by: 'Back in the queue (last held by {a})',
    show_more: 'Show more', anonymous: 'Anonymous', anonymous_visitor: 'Anonymous visitor', open: 'Open', resolved: 'Resolved', handback: 'Handed back', withdrawn: 'Withdrawn',
    median_wait_sub_left: 'to an agent accepting · {n} left unanswered after {d}',
    median_wait_sub_left_one: 'to an agent accepting · 1 left unanswered after {d}',
    close: 'Close', timeline: 'Timeline', t_created: 'Escalated', t_accepted: 'Accepted by {a}', t_closed: 'Closed · {o}',
    t_waited: 'after {d}', t_released: 'Back in the queue · {a} left', not_accepted: 'Not accepted yet', replay: 'Replay', show_all: 'Show all', pause: 'Pause',
    conversation: 'Conversation', summary: 'Summary', why: 'Why it was escalated', sentiment: 'Sentiment', bot_tried: 'What the bot tried',
    sent: 'sent', not_sent: 'not sent', note: 'Agent note', bot: 'Bot', loading: 'Loading…', evidence_tag: 'Evidence',
    ev_requested: 'Escalated · {r}', ev_accepted: '{a} joined', ev_closed: 'Closed by {a} · {o}', tier: 'Tier', topic: 'Topic',
    wait_per_day: 'Median wait to accept, per day', wait_hint: 'from the escalation log, with the filters above', overall: 'overall {d}', no_wait: 'No accepted escalation in this period.',
    ids: 'Identifiers', handoff: 'Handoff', conv_id: 'Conversation', nothing_tried: 'The bot did not search the knowledge base.',
    r_human_request: 'Asked for a person', r_sensitive_topic: 'Sensitive topic', r_out_of_scope: 'Out of scope',
    r_repeated_question: 'Repeated question', r_premium_upset: 'Premium customer upset', r_negative_trend: 'Mood getting worse', r_explicit: 'Requested explicitly',
  },
  fr: {
    page_title: 'Superviseur — Tandem',
    mood_negative: 'Négatif', mood_neutral: 'Neutre', mood_positive: 'Positif',
    product: 'Superviseur', language: 'Langue', signin_title: 'Connexion', signin_lead: 'Collez votre jeton superviseur.',
    token_label: 'Jeton superviseur', token_hint: 'Conservé pour cet onglet uniquement.', signin: 'Se connecter', signing_in: 'Connexion…',
    need_token: 'Pas de jeton ? Demandez à un administrateur.', token_required: 'Saisissez votre jeton superviseur.', not_supervisor: 'Ce jeton n’a pas le rôle superviseur.', bad_token: 'Ce jeton n’est pas valide. Vérifiez-le, ou demandez-en un nouveau à un administrateur.',
    signout: 'Déconnexion', title: 'Escalades', quick_range: 'Période rapide', today: 'Aujourd’hui',
    since: 'Du', until: 'Au', reason: 'Motif', agent: 'Conseiller', outcome: 'Issue', any_agent: 'Tous les conseillers', apply: 'Appliquer', reset: 'Réinitialiser',
    all_reasons: 'Tous les motifs', all_outcomes: 'Toutes les issues', kpis: 'Chiffres clés',
    range: '{a} – {b} · UTC', conversations: 'Conversations', contained: '{n} traitées par le bot seul', contained_one: '{n} traitée par le bot seul', contained_unanswered: '{n} traitées par le bot seul, dont {u} sans réponse', contained_unanswered_one: '{n} traitée par le bot seul, dont {u} sans réponse', containment: 'Taux de résolution bot',
    containment_sub: '{e} escaladées sur {c}', whole_period: 'toute la période, tous motifs', median_wait: 'Attente médiane', median_wait_sub: 'de l’escalade à la prise en charge',
    handoffs: 'Transferts', handoffs_sub: '{w} en attente', handoffs_sub_longest: '{w} en attente, la plus longue depuis {d}', per_day: 'Escalades par jour et par motif', by_reason: 'Par motif', by_outcome: 'Par issue',
    no_data: 'Aucune escalade sur cette période.', log: 'Journal des escalades', rows: '{n} escalades', rows_one: '{n} escalade', export: 'Exporter en CSV', exporting: 'Export…',
    created: 'Créée', customer: 'Client', evidence: 'Preuve', wait: 'Attente', none: 'Aucune escalade ne correspond à ces filtres.',
    d7: '7 j', d14: '14 j', d30: '30 j', d90: '90 j', updated: '· mis à jour à {t}', waiting: 'En attente', in_progress: 'En cours',
    released_by: 'De retour dans la file (tenue en dernier par {a})',
    show_more: 'Afficher plus', anonymous: 'Anonyme', anonymous_visitor: 'Visiteur anonyme', open: 'Ouverte', resolved: 'Résolue', handback: 'Rendue au bot', withdrawn: 'Retirée',
    median_wait_sub_left: 'jusqu’à la prise en charge · {n} partis sans réponse après {d}',
    median_wait_sub_left_one: 'jusqu’à la prise en charge · 1 parti sans réponse après {d}',
    close: 'Fermer', timeline: 'Chronologie', t_created: 'Escaladée', t_accepted: 'Prise en charge par {a}', t_closed: 'Clôturée · {o}',
    t_waited: 'après {d}', t_released: 'Remise en file · {a} est parti', not_accepted: 'Pas encore prise en charge', replay: 'Rejouer', show_all: 'Tout afficher', pause: 'Pause',
    conversation: 'Conversation', summary: 'Résumé', why: 'Pourquoi l’escalade', sentiment: 'Ressenti', bot_tried: 'Ce que le bot a tenté',
    sent: 'envoyé', not_sent: 'non envoyé', note: 'Note du conseiller', bot: 'Bot', loading: 'Chargement…', evidence_tag: 'Preuve',
    ev_requested: 'Escaladée · {r}', ev_accepted: '{a} a rejoint', ev_closed: 'Clôturée par {a} · {o}', tier: 'Niveau', topic: 'Sujet',
    wait_per_day: 'Attente médiane avant prise en charge, par jour', wait_hint: 'd’après le journal, avec les filtres ci-dessus', overall: 'globale {d}', no_wait: 'Aucune escalade prise en charge sur cette période.',
    ids: 'Identifiants', handoff: 'Transfert', conv_id: 'Conversation', nothing_tried: 'Le bot n’a pas cherché dans la base de connaissances.',
    r_human_request: 'Demande un humain', r_sensitive_topic: 'Sujet sensible', r_out_of_scope: 'Hors périmètre',
    r_repeated_question: 'Question répétée', r_premium_upset: 'Client premium mécontent', r_negative_trend: 'Humeur en baisse', r_explicit: 'Demande explicite',
  },
};
const REASONS = ['human_request', 'sensitive_topic', 'out_of_scope', 'repeated_question', 'premium_upset', 'negative_trend'];
const OUTCOME_COLORS = { resolved: '#15803d', handback: '#4f46e5', open: '#d97706', withdrawn: '#64748b' };

const i18n = new I18n(DICT, 'tandem.supervisor.lang');
const t = (k, v) => i18n.t(k, v);
const ss = store('session');
const KEY = 'tandem.supervisor.auth';
const PAGE = 100;

const S = { token: null, kpis: null, rows: [], shown: PAGE, reasons: new Set(REASONS), agents: new Set(), drawerFor: null, replay: null, lastFocus: null };

const reasonLabel = (r) => (DICT.en[`r_${r}`] ? t(`r_${r}`) : humanize(r));
const outcomeLabel = (o) => (!o ? t('open') : DICT.en[o] ? t(o) : humanize(o));
// an open escalation says where it is: in the queue, or with an agent
const statusLabel = (r) => (r.outcome ? outcomeLabel(r.outcome)
  : r.status === 'waiting' ? t('waiting') : r.status === 'active' ? t('in_progress') : t('open'));
const topicLabel = (x, names) => {
  const code = String(x || '').replace(/-(en|fr)$/, '');
  if (code && names && (names[i18n.lang] || names.en)) return names[i18n.lang] || names.en;  // the company's own name
  return code ? ((TOPICS[i18n.lang] || TOPICS.en)[code] || humanize(code)) : '';
};
/** A score as the page's language writes it: -0.27, -0,27. */
const num2 = (x) => fmtNumber(x, i18n.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const mood = (label) => (DICT.en[`mood_${label}`] ? t(`mood_${label}`) : humanize(label));
const moodLabel = mood;
const agentName = (a) => String(a || '').replace(/^agent:/, '');

// ---- dates (UTC days) -------------------------------------------------------------------

const dayStr = (d) => d.toISOString().slice(0, 10);
function addDays(day, n) { const d = new Date(`${day}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return dayStr(d); }
function today() { return dayStr(new Date()); }
function daysBetween(a, b) { const out = []; for (let d = a; d <= b; d = addDays(d, 1)) out.push(d); return out; }

function filters() {
  const since = $('#f-since').value || addDays(today(), -13);
  const until = $('#f-until').value || today();
  return { since, until, reason: $('#f-reason').value, agent: $('#f-agent').value.trim(), outcome: $('#f-outcome').value };
}
function query(f, extra = {}) {
  const q = new URLSearchParams();
  q.set('since', `${f.since}T00:00:00Z`);
  q.set('until', `${addDays(f.until, 1)}T00:00:00Z`);
  if (f.reason) q.set('reason', f.reason);
  if (f.agent) q.set('agent', f.agent);
  if (f.outcome) q.set('outcome', f.outcome);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

function setRange(days) {
  $('#f-until').value = today();
  $('#f-since').value = addDays(today(), -(days - 1));
  syncRangeButtons();
}
function syncRangeButtons() {
  const f = filters();
  for (const b of $$('#ranges button')) {
    const n = Number(b.dataset.days);
    b.setAttribute('aria-pressed', String(f.until === today() && f.since === addDays(today(), -(n - 1))));
  }
}

// ---- sign in --------------------------------------------------------------------------------

function showSignin(message) {
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-error').hidden = !message;
  $('#signin-error').textContent = message || '';
  $('#token').focus();
}

async function signIn(token) {
  try {
    await api('/v1/kpis?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z', { token });
  } catch (err) {
    if (err.status === 403) throw new ApiError(403, 'forbidden', t('not_supervisor'));
    if (err.status === 401) throw new ApiError(401, 'unauthorized', t('bad_token'));  // in the page's language
    throw err;
  }
  S.token = token;
  ss.set(KEY, { token });
  $('#signin').hidden = true;
  $('#app').hidden = false;
  await load();
  refreshLater();
}

function signOut() {
  ss.del(KEY);
  S.token = null;
  clearTimeout(S.refresh);
  closeDrawer();
  $('#token').value = '';
  showSignin('');
}

// ---- loading --------------------------------------------------------------------------------

let loadSeq = 0;
// quiet: the periodic refresh, which keeps the rows shown and says nothing while it loads
async function load({ quiet = false } = {}) {
  // a quiet reload keeps to the filters last applied, not what is half-typed in the form
  const f = quiet && S.applied ? S.applied : filters();
  if (!quiet) S.applied = f;
  const mine = ++loadSeq;
  if (!quiet) $('#main').setAttribute('aria-busy', 'true');
  $('#load-error').hidden = true;
  try {
    const [kpis, esc] = await Promise.all([
      api(`/v1/kpis?${query({ since: f.since, until: f.until })}`, { token: S.token }),
      api(`/v1/escalations?${query(f)}`, { token: S.token }),
    ]);
    if (mine !== loadSeq) return;
    S.kpis = kpis;
    S.rows = esc.escalations || [];
    if (!quiet) S.shown = PAGE;
    S.loadedAt = new Date();
    renderUpdated();
    for (const r of Object.keys(kpis.by_reason || {})) S.reasons.add(r);
    for (const r of S.rows) { if (r.agent) S.agents.add(r.agent); S.reasons.add(r.reason); }
    renderFilters();
    renderAll();
  } catch (err) {
    if (mine !== loadSeq) return;
    if (err.status === 401) { signOut(); showSignin(err.message); return; }
    $('#load-error').textContent = err.message;
    $('#load-error').hidden = false;
  } finally {
    if (mine === loadSeq) $('#main').removeAttribute('aria-busy');
  }
}

function renderUpdated() {
  $('#updated').textContent = S.loadedAt
    ? t('updated', { t: S.loadedAt.toLocaleTimeString(i18n.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) }) : '';
}

// The log and the figures follow the queue by themselves: reloaded every REFRESH_MS while the page is in view and
// no escalation is open in the drawer (whose reading a reload would not disturb, but whose row would move)
const REFRESH_MS = Number(window.TANDEM_REFRESH_MS) || 20000;
function refreshLater() {
  clearTimeout(S.refresh);
  S.refresh = setTimeout(async () => {
    const editing = $('#filters').contains(document.activeElement);  // filters being changed: not under the user
    if (S.token && document.visibilityState === 'visible' && !S.drawerFor && !editing) {
      try { await load({ quiet: true }); } catch { /* shown by load */ }
    }
    if (S.token) refreshLater();
  }, REFRESH_MS);
}

function renderFilters() {
  const reason = $('#f-reason').value;
  $('#f-reason').replaceChildren(h('option', { value: '', text: t('all_reasons') }),
    ...[...S.reasons].sort().map((r) => h('option', { value: r, text: reasonLabel(r), selected: r === reason })));
  const outcome = $('#f-outcome').value;
  $('#f-outcome').replaceChildren(h('option', { value: '', text: t('all_outcomes') }),
    ...['resolved', 'handback', 'withdrawn', 'open'].map((o) => h('option', { value: o, text: o === 'open' ? t('open') : outcomeLabel(o), selected: o === outcome })));
  $('#agents-list').replaceChildren(...[...S.agents].sort().map((a) => h('option', { value: a })));
}

function renderAll() {
  const f = S.applied || filters();  // what the figures shown were loaded for
  $('#range-label').textContent = t('range', { a: fmtDate(`${f.since}T12:00:00Z`, i18n.lang), b: fmtDate(`${f.until}T12:00:00Z`, i18n.lang) });
  syncRangeButtons();
  renderKpis();
  renderCharts();
  renderTable();
}

// ---- KPIs -------------------------------------------------------------------------------------

function kpi(el, label, value, sub, visual) {
  el.replaceChildren(
    h('div', { class: 'kpi-text' }, h('p', { class: 'kpi-label', text: label }), h('p', { class: 'kpi-value tnum', text: value }), sub ? h('p', { class: 'kpi-sub', text: sub }) : null),
    visual || '');
}

function ring(fraction) {
  const r = 22, c = 2 * Math.PI * r;
  const f = fraction === null || fraction === undefined ? 0 : Math.max(0, Math.min(1, fraction));
  return s('svg', { class: 'ring', viewBox: '0 0 56 56', width: 56, height: 56, 'aria-hidden': 'true' },
    s('circle', { cx: 28, cy: 28, r, fill: 'none', stroke: 'var(--surface-3)', 'stroke-width': 7 }),
    s('circle', { cx: 28, cy: 28, r, fill: 'none', stroke: 'var(--ok)', 'stroke-width': 7, 'stroke-linecap': 'round',
      'stroke-dasharray': `${(c * f).toFixed(2)} ${c.toFixed(2)}`, transform: 'rotate(-90 28 28)' }));
}

// the figures the cards and charts show: the period's; with a reason, an agent or an outcome chosen, those of the
// escalations the log shows (conversations and containment stay the period's, and say so: a filter on escalations
// says nothing of the conversations that had none)
function figures() {
  const k = S.kpis || {};
  const f = S.applied || filters();
  if (!f.reason && !f.agent && !f.outcome) return { ...k, filtered: false };
  const byReason = {}, byOutcome = {}, perDay = {}, waits = [];
  for (const r of S.rows) {
    byReason[r.reason] = (byReason[r.reason] || 0) + 1;
    const o = r.outcome || 'open';
    byOutcome[o] = (byOutcome[o] || 0) + 1;
    const d = String(r.created_at).slice(0, 10);
    perDay[d] = perDay[d] || {};
    perDay[d][r.reason] = (perDay[d][r.reason] || 0) + 1;
    if (r.accepted_at && r.wait_s !== null && r.wait_s !== undefined) waits.push(r.wait_s);
  }
  return { ...k, filtered: true, handoffs: S.rows.length, by_reason: byReason, by_outcome: byOutcome,
    escalations_per_day: perDay, median_wait_s: median(waits), left_unanswered: 0, longest_waiting_s: null,
    waiting: S.rows.filter((r) => !r.accepted_at && !r.closed_at).length };
}

function renderKpis() {
  const k = figures();
  const lang = i18n.lang;
  const period = k.filtered ? ` · ${t('whole_period')}` : '';
  // kept by the bot is not answered by it: those it never answered from the knowledge base are said beside
  const kept = { n: fmtNumber(k.contained ?? 0, lang), u: fmtNumber(k.contained_unanswered ?? 0, lang), count: k.contained ?? 0 };
  kpi($('#k-conv'), t('conversations'), fmtNumber(k.conversations ?? 0, lang), t(k.contained_unanswered ? 'contained_unanswered' : 'contained', kept) + period, h('span', { class: 'kpi-icon' }, icon('chat')));
  kpi($('#k-contain'), t('containment'), fmtPercent(k.containment_rate, lang),
    t('containment_sub', { e: fmtNumber(k.escalated ?? 0, lang), c: fmtNumber(k.conversations ?? 0, lang) }) + period, ring(k.containment_rate));
  // who left the queue before an advisor came is shown beside the median, which counts the accepted only
  const waitSub = k.left_unanswered ? t(k.left_unanswered === 1 ? 'median_wait_sub_left_one' : 'median_wait_sub_left', { n: fmtNumber(k.left_unanswered, lang), d: fmtDuration(k.median_wait_left_s ?? 0) }) : t('median_wait_sub');
  kpi($('#k-wait'), t('median_wait'), k.median_wait_s === null || k.median_wait_s === undefined ? '—' : fmtDuration(k.median_wait_s), waitSub, h('span', { class: 'kpi-icon' }, icon('clock')));
  kpi($('#k-handoffs'), t('handoffs'), fmtNumber(k.handoffs ?? 0, lang), (k.longest_waiting_s ? t('handoffs_sub_longest', { w: fmtNumber(k.waiting ?? 0, lang), d: fmtDuration(k.longest_waiting_s) }) : t('handoffs_sub', { w: fmtNumber(k.waiting ?? 0, lang) })), h('span', { class: 'kpi-icon' }, icon('headset')));
}

// ---- charts -------------------------------------------------------------------------------------

/** Integer axis ticks 0..max with a 1-2-5 step, about `count` of them. */
function axis(v, count = 4) {
  const raw = Math.max(1, v) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((x) => x >= raw));
  const max = Math.max(step, Math.ceil(Math.max(1, v) / step) * step);
  const ticks = [];
  for (let x = 0; x <= max; x += step) ticks.push(x);
  return { max, ticks };
}

function renderCharts() {
  const k = figures();
  const f = S.applied || filters();
  const perDay = k.escalations_per_day || {};
  const days = daysBetween(f.since, f.until).slice(-120);
  const reasons = [...new Set([...Object.keys(k.by_reason || {}), ...Object.values(perDay).flatMap((d) => Object.keys(d))])]
    .sort((a, b) => (k.by_reason?.[b] || 0) - (k.by_reason?.[a] || 0));
  const host = $('#chart-days');
  const width = Math.max(280, host.clientWidth || 640);
  host.replaceChildren(stackedBars(days, perDay, reasons, width, 240));
  $('#legend-days').replaceChildren(...reasons.map((r) => h('li', null,
    h('span', { class: 'swatch', style: `background:${colorFor(r)}`, 'aria-hidden': 'true' }), reasonLabel(r), h('b', { class: 'tnum', text: k.by_reason?.[r] || 0 }))));

  $('#chart-wait').replaceChildren(waitBars(days, $('#chart-wait').clientWidth || 900, 170));
  $('#chart-reasons').replaceChildren(hbars(Object.entries(k.by_reason || {}).map(([r, n]) => ({ key: r, label: reasonLabel(r), n, color: colorFor(r) }))));
  $('#chart-outcomes').replaceChildren(hbars(Object.entries(k.by_outcome || {}).map(([o, n]) => ({ key: o, label: outcomeLabel(o === 'open' ? null : o), n, color: OUTCOME_COLORS[o] || colorFor(o) }))));
}

function stackedBars(days, perDay, reasons, width, height) {
  const m = { l: 34, r: 8, t: 12, b: 28 };
  const iw = width - m.l - m.r, ih = height - m.t - m.b;
  const totals = days.map((d) => Object.values(perDay[d] || {}).reduce((a, b) => a + b, 0));
  const { max, ticks } = axis(Math.max(0, ...totals));
  const total = totals.reduce((a, b) => a + b, 0);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'bars',
    'aria-label': `${t('per_day')}: ${total}` });
  const y = (v) => m.t + ih - (v / max) * ih;
  for (const v of ticks) {
    svg.append(s('line', { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), stroke: v === 0 ? 'var(--border-strong)' : 'var(--border)', 'stroke-dasharray': v === 0 ? null : '3 4' }));
    svg.append(s('text', { x: m.l - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis', text: v }));
  }
  const step = iw / days.length;
  const bw = Math.max(2, Math.min(36, step * 0.68));
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(iw / 58))));
  days.forEach((d, i) => {
    const x = m.l + i * step + (step - bw) / 2;
    let acc = 0;
    const g = s('g', { class: 'bar' });
    for (const r of reasons) {
      const n = (perDay[d] || {})[r] || 0;
      if (!n) continue;
      const y0 = y(acc), y1 = y(acc + n);
      const rect = s('rect', { x, y: y1, width: bw, height: Math.max(0, y0 - y1 - (acc + n < totals[i] ? 1 : 0)), fill: colorFor(r), rx: 2 });
      rect.append(s('title', { text: `${fmtDate(`${d}T12:00:00Z`, i18n.lang)} · ${reasonLabel(r)}: ${n}` }));
      g.append(rect);
      acc += n;
    }
    if (totals[i] && bw >= 14) g.append(s('text', { x: x + bw / 2, y: y(totals[i]) - 4, 'text-anchor': 'middle', class: 'bar-total', text: totals[i] }));
    svg.append(g);
    if (i % every === 0 || i === days.length - 1) {
      if (i === days.length - 1 && i % every !== 0 && (i % every) < every / 2) return;
      svg.append(s('text', { x: m.l + i * step + step / 2, y: height - 8, 'text-anchor': 'middle', class: 'axis',
        text: fmtDate(`${d}T12:00:00Z`, i18n.lang, { day: 'numeric', month: 'short' }) }));
    }
  });
  if (!total) svg.append(s('text', { x: m.l + iw / 2, y: m.t + ih / 2, 'text-anchor': 'middle', class: 'chart-empty', text: t('no_data') }));
  return svg;
}

function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function waitBars(days, width, height) {
  const byDay = new Map();
  for (const r of S.rows) {
    if (r.wait_s === null || r.wait_s === undefined) continue;
    const d = String(r.created_at).slice(0, 10);
    if (!byDay.has(d)) byDay.set(d, []);
    byDay.get(d).push(r.wait_s);
  }
  const all = [...byDay.values()].flat();
  const overall = median(all);
  const m = { l: 52, r: 8, t: 14, b: 26 };
  const iw = width - m.l - m.r, ih = height - m.t - m.b;
  const values = days.map((d) => (byDay.has(d) ? median(byDay.get(d)) : null));
  const minutes = axis(Math.max(1, ...values.filter((v) => v !== null).map((v) => Math.ceil(v / 60))), 3);
  const max = minutes.max * 60;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'bars',
    'aria-label': `${t('wait_per_day')}: ${overall === null ? '—' : fmtDuration(overall)}` });
  const y = (v) => m.t + ih - (v / max) * ih;
  const ticks = minutes.ticks.map((x) => x * 60);
  for (const v of ticks) {
    svg.append(s('line', { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), stroke: v === 0 ? 'var(--border-strong)' : 'var(--border)', 'stroke-dasharray': v === 0 ? null : '3 4' }));
    svg.append(s('text', { x: m.l - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis', text: `${Math.round(v / 60)} min` }));
  }
  const step = iw / days.length;
  const bw = Math.max(2, Math.min(28, step * 0.5));
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(iw / 58))));
  days.forEach((d, i) => {
    const v = values[i];
    const x = m.l + i * step + (step - bw) / 2;
    if (v !== null) {
      const rect = s('rect', { x, y: y(v), width: bw, height: Math.max(1.5, y(0) - y(v)), rx: 2, fill: '#0d9488' });
      rect.append(s('title', { text: `${fmtDate(`${d}T12:00:00Z`, i18n.lang)} · ${fmtDuration(v)} (${byDay.get(d).length})` }));
      svg.append(rect);
    }
    if (i % every === 0) {
      svg.append(s('text', { x: m.l + i * step + step / 2, y: height - 7, 'text-anchor': 'middle', class: 'axis',
        text: fmtDate(`${d}T12:00:00Z`, i18n.lang, { day: 'numeric', month: 'short' }) }));
    }
  });
  if (overall !== null) {
    svg.append(s('line', { x1: m.l, x2: width - m.r, y1: y(overall), y2: y(overall), stroke: '#d97706', 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }));
    svg.append(s('text', { x: width - m.r - 4, y: y(overall) - 6, 'text-anchor': 'end', class: 'axis overall', text: t('overall', { d: fmtDuration(overall) }) }));
  } else {
    svg.append(s('text', { x: m.l + iw / 2, y: m.t + ih / 2, 'text-anchor': 'middle', class: 'chart-empty', text: t('no_wait') }));
  }
  return svg;
}

function hbars(items) {
  if (!items.length) return h('p', { class: 'hint', text: t('no_data') });
  const max = Math.max(...items.map((x) => x.n));
  items.sort((a, b) => b.n - a.n);
  return h('ul', { class: 'hbars' }, items.map((x) => h('li', null,
    h('span', { class: 'hb-label', text: x.label }),
    h('span', { class: 'hb-track', 'aria-hidden': 'true' }, h('span', { class: 'hb-fill', style: `width:${Math.max(3, (x.n / max) * 100)}%;background:${x.color}` })),
    h('b', { class: 'hb-n tnum', text: x.n }))));
}

// ---- table ---------------------------------------------------------------------------------------

function firstQuote(ev) {
  const m = ((ev && ev.messages) || []).find((x) => x.text);
  return m ? m.text : '';
}

function renderTable() {
  const rows = S.rows.slice(0, S.shown);
  $('#rows').replaceChildren(...rows.map((r) => {
    const open = () => openDrawer(r.handoff_id);
    return h('tr', { dataset: { id: r.handoff_id }, onclick: (e) => { if (!e.target.closest('button')) open(); } },
      h('td', { class: 'nowrap tnum' }, h('time', { datetime: r.created_at, text: fmtDateTime(r.created_at, i18n.lang) })),
      h('td', null, h('button', { type: 'button', class: 'row-link', onclick: open, title: r.handoff_id },
        r.customer_id ? (r.customer_name || r.customer_id)
          // told apart as the agents' console tells them ("Anonymous · 3f9a")
          : h('span', { class: 'muted', text: `${t('anonymous')} · ${String(r.conversation_id || '').slice(-4)}` }))),
      h('td', null, h('span', { class: 'reason-dot', style: `background:${colorFor(r.reason)}`, 'aria-hidden': 'true' }), reasonLabel(r.reason)),
      h('td', { class: 'ev-cell' }, firstQuote(r.evidence) ? h('q', { text: firstQuote(r.evidence) }) : h('span', { class: 'muted', text: '—' })),
      // released back to the queue: nobody has it now, whoever held it before
      h('td', { class: 'nowrap' }, r.agent && r.status !== 'waiting' ? agentName(r.agent)
        : h('span', { class: 'muted', text: '—', title: r.agent ? t('released_by', { a: agentName(r.agent) }) : null })),
      h('td', { class: 'num tnum nowrap' }, r.wait_s === null || r.wait_s === undefined ? '—' : fmtDuration(r.wait_s)),
      h('td', null, h('span', { class: `badge outcome`, dataset: { outcome: r.outcome || 'open' }, text: statusLabel(r) })));
  }));
  $('#table-count').textContent = t('rows', { n: fmtNumber(S.rows.length, i18n.lang), count: S.rows.length });
  $('#table-empty').hidden = S.rows.length > 0;
  $('#table').classList.toggle('is-empty', S.rows.length === 0);
  $('#table-more').hidden = S.rows.length <= S.shown;
}

async function exportCsv() {
  const btn = $('#export');
  btn.disabled = true;
  const label = btn.querySelector('span');
  label.textContent = t('exporting');
  try {
    const f = filters();
    const res = await api(`/v1/escalations?${query(f, { format: 'csv' })}`, { token: S.token, raw: true });
    const blob = await res.blob();
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: `escalations_${f.since}_${f.until}.csv`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    toastError(err);
  } finally {
    btn.disabled = false;
    label.textContent = t('export');
  }
}

// ---- detail drawer ----------------------------------------------------------------------------------

function closeDrawer() {
  stopReplay();
  const was = S.drawerFor;
  S.drawerFor = null;
  $('#drawer').hidden = true;
  $('#scrim').hidden = true;
  document.body.classList.remove('drawer-open');
  for (const tr of $$('#rows tr')) tr.removeAttribute('aria-current');
  if (S.lastFocus && document.contains(S.lastFocus)) S.lastFocus.focus();
  else if (was) $(`#rows tr[data-id="${CSS.escape(was)}"] .row-link`)?.focus(); // the log refreshed meanwhile
}

async function openDrawer(id) {
  S.lastFocus = document.activeElement;
  S.drawerFor = id;
  for (const tr of $$('#rows tr')) tr.toggleAttribute('aria-current', tr.dataset.id === id);
  const d = $('#drawer');
  d.hidden = false;
  $('#scrim').hidden = false;
  document.body.classList.add('drawer-open');
  d.replaceChildren(drawerHead(id, null), h('div', { class: 'empty' }, h('span', { class: 'spinner' }), t('loading')));
  d.focus();
  let p;
  try {
    p = await api(`/v1/handoffs/${encodeURIComponent(id)}?lang=${i18n.lang}`, { token: S.token });
  } catch (err) {
    if (S.drawerFor !== id) return;
    d.replaceChildren(drawerHead(id, null), h('div', { class: 'alert alert-error', role: 'alert', text: err.message }));
    return;
  }
  if (S.drawerFor !== id) return;
  renderDrawer(p);
}

function drawerHead(id, p) {
  const name = p ? (p.customer ? p.customer.name : p.customer_id || t('anonymous_visitor')) : id;
  return h('header', { class: 'd-head' },
    h('div', { class: 'd-title' },
      h('h2', { id: 'd-title', text: name }),
      p ? h('div', { class: 'd-tags' },
        h('span', { class: 'badge', style: `background:${colorFor(p.reason)}1f;color:${colorFor(p.reason)}`, text: reasonLabel(p.reason) }),
        h('span', { class: 'badge outcome', dataset: { outcome: p.outcome || 'open' }, text: p.status === 'closed' ? outcomeLabel(p.outcome) : humanize(p.status) }),
        p.language ? h('span', { class: 'badge badge-outline', text: p.language.toUpperCase() }) : null) : null),
    h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('close'), onclick: closeDrawer }, icon('x')));
}

function renderDrawer(p) {
  const d = $('#drawer');
  const evidenceSeqs = new Set(((p.evidence && p.evidence.messages) || []).map((m) => m.seq));
  // each advisor who took it, and each release back to the queue, with the wait before each accept
  const steps = [h('li', { dataset: { step: 'created' } }, h('b', { text: t('t_created') }), h('span', { class: 'muted', text: fmtDateTime(p.created_at, i18n.lang) }))];
  const accepted = (agent, at, since) => h('li', { dataset: { step: 'accepted' } }, h('b', { text: t('t_accepted', { a: agentName(agent) }) }),
    h('span', { class: 'muted', text: since ? `${fmtDateTime(at, i18n.lang)} · ${t('t_waited', { d: fmtDuration((Date.parse(at) - Date.parse(since)) / 1000) })}` : fmtDateTime(at, i18n.lang) }));
  let since = p.created_at;  // null: when that wait began is not on record (as the API leaves it out)
  for (const x of ((p.evidence && p.evidence.held) || [])) {
    if (!x) continue;
    if (x.accepted_at) steps.push(accepted(x.agent, x.accepted_at, since));
    if (x.released_at) steps.push(h('li', { dataset: { step: 'released' } }, h('b', { text: t('t_released', { a: agentName(x.agent) }) }), h('span', { class: 'muted', text: fmtDateTime(x.released_at, i18n.lang) })));
    since = x.released_at || null;
  }
  if (p.accepted_at) steps.push(accepted(p.agent, p.accepted_at, since));
  else if (!p.closed_at) steps.push(h('li', { dataset: { step: 'pending' } }, h('b', { text: t('not_accepted') })));
  if (p.closed_at) steps.push(h('li', { dataset: { step: 'closed' } }, h('b', { text: t('t_closed', { o: outcomeLabel(p.outcome) }) }), h('span', { class: 'muted', text: fmtDateTime(p.closed_at, i18n.lang) })));
  const timeline = h('ol', { class: 'd-timeline' }, steps);

  const ev = p.evidence || {};
  const quotes = (ev.messages || []).filter((m) => m.text);
  const facts = [];
  if (ev.tier) facts.push([t('tier'), humanize(ev.tier)]);
  if (ev.sentiment && typeof ev.sentiment.score === 'number') facts.push([t('sentiment'), `${mood(ev.sentiment.label)} (${num2(ev.sentiment.score)})`]);
  if (p.topic) facts.push([t('topic'), topicLabel(p.topic, p.topic_names)]);

  const transcript = h('ol', { class: 'replay', 'aria-live': 'off' }, (p.transcript || []).map((e) => replayLine(e, evidenceSeqs, p)));
  const replayBtn = h('button', { type: 'button', class: 'btn btn-sm', onclick: () => toggleReplay(transcript, replayBtn) }, icon('play'), h('span', { text: t('replay') }));

  d.replaceChildren(
    drawerHead(p.id, p),
    h('div', { class: 'd-body' },
      h('section', { class: 'd-sec' }, h('h3', { text: t('timeline') }), timeline),
      h('section', { class: 'd-sec d-why' }, h('h3', { text: t('why') }),
        quotes.length ? h('ul', { class: 'quotes' }, quotes.map((m) => h('li', null, h('blockquote', { text: m.text })))) : null,
        facts.length ? h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])) : null),
      p.summary ? h('section', { class: 'd-sec' }, h('h3', { text: t('summary') }), h('p', { text: p.summary })) : null,
      p.note ? h('section', { class: 'd-sec' }, h('h3', { text: t('note') }), h('p', { class: 'note', text: p.note })) : null,
      h('section', { class: 'd-sec' },
        h('div', { class: 'd-sec-head' }, h('h3', { text: t('conversation') }), replayBtn),
        transcript),
      (p.sentiment_trend || []).length ? h('section', { class: 'd-sec' }, h('h3', { text: t('sentiment') }),
        sparkline(p.sentiment_trend, { width: 320, height: 56, label: t('sentiment') })) : null,
      h('section', { class: 'd-sec' }, h('h3', { text: t('bot_tried') }),
        (p.knowledge_tried || []).length ? h('ul', { class: 'tried' }, p.knowledge_tried.map((k) => h('li', null,
          h('span', { class: 'tried-title', text: k.title }),
          h('span', { class: 'tnum muted small', text: num2(k.score) }),
          h('span', { class: `badge ${k.sent ? 'badge-ok' : 'badge-outline'}`, text: k.sent ? t('sent') : t('not_sent') })))) : h('p', { class: 'hint', text: t('nothing_tried') })),
      h('section', { class: 'd-sec' }, h('h3', { text: t('ids') }),
        h('dl', { class: 'facts mono small' }, h('dt', { text: t('handoff') }), h('dd', { text: p.id }), h('dt', { text: t('conv_id') }), h('dd', { text: p.conversation_id })))));
}

function replayLine(e, evidenceSeqs, p) {
  const time = h('time', { datetime: e.at, text: fmtTime(e.at, i18n.lang) });
  if (['customer_message', 'bot_message', 'agent_message'].includes(e.type)) {
    const who = e.type.split('_')[0];
    const label = who === 'customer' ? t('customer') : who === 'bot' ? t('bot') : agentName(e.author);
    const isEv = who === 'customer' && evidenceSeqs.has(e.seq);
    return h('li', { class: `r-line r-${who}${isEv ? ' evidence' : ''}`, dataset: { seq: e.seq } },
      h('div', { class: 'r-meta' }, h('b', { text: label }), time,
        e.sentiment ? h('span', { class: 'senti', dataset: { label: e.sentiment.label }, text: num2(e.sentiment.score) }) : null,
        isEv ? h('mark', { class: 'ev-mark', text: t('evidence_tag') }) : null),
      h('p', { class: 'r-text', text: e.text || '' }));
  }
  const text = e.type === 'handoff_requested' ? t('ev_requested', { r: reasonLabel(p.reason) })
    : e.type === 'handoff_accepted' ? t('ev_accepted', { a: agentName(e.author) })
      : e.type === 'handoff_closed' ? t('ev_closed', { a: agentName(e.author), o: outcomeLabel(p.outcome) }) : humanize(e.type);
  return h('li', { class: 'r-sys', dataset: { seq: e.seq } }, h('span', { text }), time);
}

function stopReplay() {
  if (S.replay) { clearTimeout(S.replay.timer); S.replay = null; }
}

function toggleReplay(list, btn) {
  const items = [...list.children];
  const label = btn.querySelector('span');
  if (S.replay) {
    stopReplay();
    items.forEach((x) => x.classList.remove('r-hidden'));
    label.textContent = t('replay');
    return;
  }
  items.forEach((x) => x.classList.add('r-hidden'));
  label.textContent = t('show_all');
  let i = 0;
  const step = () => {
    if (i >= items.length) { stopReplay(); label.textContent = t('replay'); return; }
    items[i].classList.remove('r-hidden');
    items[i].classList.add('r-in');
    items[i].scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    i += 1;
    S.replay.timer = setTimeout(step, 650);
  };
  S.replay = { timer: null };
  step();
}

// ---- boot ---------------------------------------------------------------------------------------------

function init() {
  i18n.apply();
  for (const sw of $$('.lang-switch')) i18n.bindSwitch(sw);
  for (const slot of $$('.brand-logo')) slot.append(logo(28));
  for (const slot of $$('.empty-icon')) slot.append(icon('search'));
  $('#signout').prepend(icon('logout'));
  $('#export').prepend(icon('download'));
  $('#apply').prepend(icon('filter'));
  setRange(14);
  renderFilters();
  i18n.onChange(() => { renderFilters(); renderUpdated(); if (S.kpis) renderAll(); if (S.drawerFor) openDrawer(S.drawerFor); });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && S.token && !S.drawerFor
        && (!S.loadedAt || Date.now() - S.loadedAt > REFRESH_MS)) load({ quiet: true });
  });

  $('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = $('#token').value.trim();
    if (!token) { showSignin(t('token_required')); return; }
    const btn = $('#signin-submit');
    btn.disabled = true;
    btn.textContent = t('signing_in');
    try { await signIn(token); } catch (ex) { showSignin(ex.message); } finally { btn.disabled = false; btn.textContent = t('signin'); }
  });
  $('#signout').addEventListener('click', signOut);
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('#reset').addEventListener('click', () => { $('#f-reason').value = ''; $('#f-agent').value = ''; $('#f-outcome').value = ''; setRange(14); load(); });
  for (const b of $$('#ranges button')) b.addEventListener('click', () => { setRange(Number(b.dataset.days)); load(); });
  for (const id of ['#f-since', '#f-until']) $(id).addEventListener('change', syncRangeButtons);
  for (const id of ['#f-reason', '#f-outcome']) $(id).addEventListener('change', () => load());
  $('#export').addEventListener('click', exportCsv);
  $('#more').addEventListener('click', () => { S.shown += PAGE; renderTable(); });
  $('#scrim').addEventListener('click', closeDrawer);
  document.addEventListener('keydown', (e) => {
    if (!S.drawerFor) return;
    if (e.key === 'Escape') { closeDrawer(); return; }
    if (e.key === 'Tab') {
      // keep keyboard focus inside the open drawer
      const items = $$('#drawer button, #drawer [href], #drawer [tabindex]:not([tabindex="-1"])').filter((x) => !x.disabled && x.offsetParent !== null);
      if (!items.length) return;
      const first = items[0], last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || document.activeElement === $('#drawer'))) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }
  });
  let rw = 0;
  const ro = new ResizeObserver(() => {
    const w = $('#chart-days').clientWidth + $('#chart-wait').clientWidth;
    if (S.kpis && Math.abs(w - rw) > 8) { rw = w; renderCharts(); }
  });
  ro.observe($('#chart-days'));
  ro.observe($('#chart-wait'));

  const saved = ss.get(KEY);
  if (saved && saved.token) signIn(saved.token).catch((ex) => { ss.del(KEY); showSignin(ex.message); });
  else showSignin('');
}

init();
