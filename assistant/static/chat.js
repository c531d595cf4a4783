// Customer chat: start or resume a conversation, talk over one live WebSocket,
// survive reloads and network drops without losing or duplicating a message.
import { $, $$, h, icon, logo, I18n, api, wsUrl, LiveSocket, uuid, fmtTime, store } from '/static/tandem.js';

const DICT = {
  en: {
    page_title: 'Help & support — chat',
    skip: 'Skip to the message box',
    title: 'Help & support',
    language: 'Language',
    new: 'Start a new conversation',
    retry_now: 'Retry now',
    log_label: 'Conversation',
    intro_title: 'Hello! How can we help?',
    intro_text: 'Ask us your question. An advisor can take over at any time.',
    suggestions: 'Suggested questions',
    message_label: 'Your message',
    placeholder: 'Write a message…',
    send: 'Send',
    foot: 'Enter to send · Shift+Enter for a new line',
    status_bot: 'Virtual assistant', status_bot_sub: 'replies instantly',
    status_waiting: 'Waiting for an advisor…',
    status_agent: '{name} · Advisor',
    status_closed: 'Conversation closed · write to start again',
    status_offline: 'Offline · reconnecting…',
    you: 'You',
    assistant: 'Assistant',
    advisor: 'Advisor',
    sources: 'Sources',
    sending: 'Sending…',
    queued: 'Waiting for the connection…',
    not_sent: 'Not sent',
    retry: 'Retry',
    typing: 'The assistant is typing',
    reconnecting_in: 'Connection lost. Reconnecting in {s} s…',
    reconnecting: 'Connection lost. Reconnecting…',
    offline: 'You are offline. We will reconnect as soon as the network is back.',
    queue_notice: 'You are in the queue for an advisor. They will see this whole conversation.',
    joined: 'An advisor, {name}, has joined the conversation', joined_anon: 'An advisor has joined the conversation',
    handback: 'The advisor has left the conversation. The virtual assistant is back.',
    resolved: 'The advisor closed the conversation. Write again any time if you need help.',
    withdrawn: 'Your request for an advisor is cancelled. The virtual assistant carries on.',
    withdrawn_new: 'Your request for an advisor is cancelled. This is a new conversation.',
    welcome_back: 'Welcome back — your conversation continues below.',
    leave_waiting: 'You are in the queue for an advisor. Start a new conversation and leave the queue?',
    leave_agent: 'An advisor is talking with you. Start a new conversation anyway?',
    expired: 'Your previous conversation could not be restored. You can start a new one below.',
    unavailable: 'This conversation is no longer available. Please start a new one.',
    resume_failed: 'We could not reach the server to restore your conversation.',
    new_started: 'New conversation',
    advisor_chip: 'Talk to an advisor',
  },
  fr: {
    page_title: 'Aide et support — chat',
    skip: 'Aller à la zone de message',
    title: 'Aide et support',
    language: 'Langue',
    new: 'Nouvelle conversation',
    retry_now: 'Réessayer',
    log_label: 'Conversation',
    intro_title: 'Bonjour ! Comment pouvons-nous vous aider ?',
    intro_text: 'Posez-nous votre question. Un conseiller peut prendre le relais à tout moment.',
    suggestions: 'Questions suggérées',
    message_label: 'Votre message',
    placeholder: 'Écrivez un message…',
    send: 'Envoyer',
    foot: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    status_bot: 'Assistant virtuel', status_bot_sub: 'répond immédiatement',
    status_waiting: 'En attente d’un conseiller…',
    status_agent: '{name} · Conseiller',
    status_closed: 'Conversation terminée · écrivez pour reprendre',
    status_offline: 'Hors ligne · reconnexion…',
    you: 'Vous',
    assistant: 'Assistant',
    advisor: 'Conseiller',
    sources: 'Sources',
    sending: 'Envoi…',
    queued: 'En attente de connexion…',
    not_sent: 'Non envoyé',
    retry: 'Réessayer',
    typing: 'L’assistant écrit',
    reconnecting_in: 'Connexion perdue. Reconnexion dans {s} s…',
    reconnecting: 'Connexion perdue. Reconnexion…',
    offline: 'Vous êtes hors ligne. Nous nous reconnecterons dès le retour du réseau.',
    queue_notice: 'Vous êtes en file d’attente pour un conseiller. Il verra toute cette conversation.',
    joined: 'Un conseiller, {name}, a rejoint la conversation', joined_anon: 'Un conseiller a rejoint la conversation',
    handback: 'Le conseiller a quitté la conversation. L’assistant virtuel reprend la main.',
    resolved: 'Le conseiller a clos la conversation. Écrivez-nous à tout moment si besoin.',
    withdrawn: 'Votre demande de conseiller est annulée. L’assistant virtuel poursuit.',
    withdrawn_new: 'Votre demande de conseiller est annulée. Voici une nouvelle conversation.',
    welcome_back: 'Bon retour — votre conversation continue ci-dessous.',
    leave_waiting: 'Vous êtes en file d’attente pour un conseiller. Commencer une nouvelle conversation et quitter la file ?',
    leave_agent: 'Un conseiller échange avec vous. Commencer quand même une nouvelle conversation ?',
    expired: 'Votre conversation précédente n’a pas pu être restaurée. Vous pouvez en commencer une nouvelle.',
    unavailable: 'Cette conversation n’est plus disponible. Merci d’en commencer une nouvelle.',
    resume_failed: 'Impossible de joindre le serveur pour restaurer votre conversation.',
    new_started: 'Nouvelle conversation',
    advisor_chip: 'Parler à un conseiller',
  },
};

const i18n = new I18n(DICT, 'tandem.chat.lang');
const t = (k, v) => i18n.t(k, v);
const ls = store('local');
const KEY = 'tandem.chat.session';
const CHANNEL = new URLSearchParams(location.search).get('channel') === 'mobile' ? 'mobile' : 'web';

const S = {
  conv: null,            // {conversation_id, token, resume_token}
  lastSeq: 0,
  seen: new Set(),       // seqs rendered
  byCmid: new Map(),     // client_message_id -> {text, el, status}
  inflight: new Set(),   // client_message_ids sent, awaiting their turn result
  state: 'bot',
  agent: null,
  socket: null,
  conn: 'idle',
  retryAt: 0,
  failures: 0,
  creating: null,
};

const el = {
  log: $('#log'), intro: $('#intro'), input: $('#composer-input'), form: $('#composer'), send: $('#send-btn'),
  status: $('#chat-status'), statusText: $('#chat-status-text'), avatar: $('#header-avatar'),
  banner: $('#conn-banner'), bannerText: $('#conn-text'), retry: $('#conn-retry'), typingStatus: $('#typing-status'),
};

// ---- persistence ----------------------------------------------------------------

function save() { ls.set(KEY, S.conv); }

// ---- header state -----------------------------------------------------------------

/** The advisor's name where the server gives one; the customer's view of an event names none ("agent"). */
function displayName(agent) {
  const raw = String(agent || '').replace(/^agent:/, '').split('@')[0];
  return raw && raw !== 'agent' ? raw.charAt(0).toUpperCase() + raw.slice(1) : null;
}

function setState(state, agent) {
  if (state) S.state = state;
  if (agent !== undefined) S.agent = agent;
  renderStatus();
  updateTyping();
}

function renderStatus() {
  const offline = S.conv && (S.conn === 'reconnecting');
  const key = offline ? 'offline' : S.state;
  el.status.dataset.state = key;
  el.status.dataset.conn = S.conn || 'idle';
  el.statusText.textContent = offline ? t('status_offline')
    : S.state === 'waiting_agent' ? t('status_waiting')
    : S.state === 'agent' ? (displayName(S.agent) ? t('status_agent', { name: displayName(S.agent) }) : t('advisor'))
    : S.state === 'closed' ? t('status_closed') : t('status_bot');
  if (!offline && S.state === 'bot') el.statusText.append(h('span', { class: 'sub', text: t('status_bot_sub') }));
  el.avatar.replaceChildren();
  if (S.state === 'agent') {
    el.avatar.className = 'avatar avatar-agent';
    el.avatar.textContent = (displayName(S.agent) || t('advisor')).slice(0, 1);
  } else {
    el.avatar.className = 'avatar avatar-brand';
    el.avatar.append(logo(24));
  }
}

// ---- the log ----------------------------------------------------------------------

function nearBottom() { return el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 120; }
function scrollDown(force) {
  if (force || nearBottom()) requestAnimationFrame(() => { el.log.scrollTop = el.log.scrollHeight; });
}
function lastItem() {
  const items = el.log.querySelectorAll('.msg:not(.typing), .notice');
  return items[items.length - 1] || null;
}
/** Where a node goes: a stored event in the order of its seq (two messages sent while offline get their answers
 * each under its own), before the messages still on their way (no seq yet), which go last in the order typed. */
function placeOf(node) {
  const seq = Number(node.dataset.seq || 0);
  if (!seq) return el.log.querySelector('.typing');
  for (const other of el.log.children) {
    if (other === node || other.classList.contains('typing')) continue;
    const theirs = Number(other.dataset.seq || 0);
    if (theirs > seq || (!theirs && other.dataset.cmid && ['sending', 'queued'].includes(other.dataset.status))) return other;
  }
  return el.log.querySelector('.typing');
}
function insert(node) {
  const stick = nearBottom();
  const before = placeOf(node);
  if (before) el.log.insertBefore(node, before); else el.log.append(node);
  if (stick) scrollDown(true);
}
/** A message sent from this page, now stored: moved to its seq's place if answers came before it. */
function reposition(node) {
  const before = placeOf(node);
  if (before !== node.nextElementSibling && before !== node) {
    if (before) el.log.insertBefore(node, before); else el.log.append(node);
  }
}
function hideIntro() { el.intro.hidden = true; }

function meta(at, extra) {
  return h('div', { class: 'meta' }, at ? h('time', { datetime: at, text: fmtTime(at, i18n.lang) }) : null, extra || null);
}

function messageNode(kind, author, ev) {
  const prev = lastItem();
  const cont = prev && prev.classList.contains('msg') && prev.dataset.author === author;
  const node = h('div', { class: `msg msg-${kind}${cont ? ' cont' : ''}`, dataset: { author } });
  if (ev && ev.seq) node.dataset.seq = ev.seq;
  return node;
}

function botAvatar() { return h('div', { class: 'avatar avatar-bot', 'aria-hidden': 'true' }, logo(19)); }
function agentAvatar(name) { return h('div', { class: 'avatar avatar-agent', 'aria-hidden': 'true', text: name.slice(0, 1) }); }

function renderCustomer(ev) {
  const cmid = ev.client_message_id;
  const known = cmid && S.byCmid.get(cmid);
  if (known && known.el) {
    known.el.dataset.seq = ev.seq;
    setMsgStatus(known, 'sent', ev.at);
    reposition(known.el);
    return;
  }
  const node = messageNode('customer', 'customer', ev);
  node.append(h('div', { class: 'msg-main' },
    h('span', { class: 'sr-only', text: `${t('you')}:` }),
    h('div', { class: 'bubble', dir: 'auto', text: ev.text || '' }), meta(ev.at)));
  insert(node);
  if (cmid) S.byCmid.set(cmid, { text: ev.text, el: node, status: 'sent' });
}

function parseOptions(text) {
  const lines = String(text || '').split('\n');
  const opts = lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2).trim()).filter(Boolean);
  const lead = lines.filter((l) => !l.startsWith('- ')).join('\n').trim();
  return { lead, opts };
}

function renderBot(ev) {
  const node = messageNode('bot', 'bot', ev);
  const main = h('div', { class: 'msg-main' }, h('span', { class: 'sr-only', text: `${t('assistant')}:` }));
  const { lead, opts } = ev.action === 'clarify' ? parseOptions(ev.text) : { lead: ev.text, opts: [] };
  main.append(h('div', { class: 'bubble', dir: 'auto', text: lead || ev.text || '' }));
  if (opts.length) {
    main.append(h('div', { class: 'options', role: 'group' },
      opts.map((o) => h('button', { type: 'button', class: 'chip', text: o, onclick: () => { sendText(o); el.input.focus(); } }))));
  } else if (ev.action === 'answer' && Array.isArray(ev.sources) && ev.sources.length) {
    main.append(h('div', { class: 'sources' },
      h('span', { class: 'sources-label', text: t('sources') }),
      ev.sources.map((src) => h('span', { class: 'source', title: src.title, dataset: { documentId: src.document_id } }, icon('doc'),
        h('span', { class: 'source-title', text: src.title })))));
  }
  main.append(meta(ev.at));
  node.append(botAvatar(), main);
  insert(node);
}

function renderAgent(ev) {
  const name = displayName(ev.author);
  const node = messageNode('agent', ev.author, ev);
  node.append(agentAvatar(name || t('advisor')), h('div', { class: 'msg-main' },
    h('div', { class: 'author', text: name ? `${name} · ${t('advisor')}` : t('advisor') }),
    h('div', { class: 'bubble', dir: 'auto', text: ev.text || '' }), meta(ev.at)));
  insert(node);
}

/** The words the page put beside the messages already shown, in the language just chosen (what a screen reader
 * says before each one, the sources' label, an advisor's title). */
function relabel() {
  for (const n of $$('.msg-customer .sr-only', el.log)) n.textContent = `${t('you')}:`;
  for (const n of $$('.msg-bot .sr-only', el.log)) n.textContent = `${t('assistant')}:`;
  for (const n of $$('.sources-label', el.log)) n.textContent = t('sources');
  for (const node of $$('.msg-agent', el.log)) {
    const name = displayName(node.dataset.author);
    const author = node.querySelector('.author');
    if (author) author.textContent = name ? `${name} · ${t('advisor')}` : t('advisor');
  }
}

function notice(kind, text, iconName) {
  const node = h('div', { class: `notice notice-${kind}` }, iconName ? icon(iconName) : null, h('span', { text }));
  insert(node);
  return node;
}

function handle(ev) {
  if (!ev || typeof ev !== 'object') return;
  if (ev.type === 'turn_result') { onTurnResult(ev.client_message_id, ev); return; }
  if (ev.type === 'error') { onSocketError(ev.error || {}); return; }
  if (ev.type === 'conversation_erased') { conversationGone(); return; } // the customer's data was erased
  if (typeof ev.seq !== 'number' || S.seen.has(ev.seq)) return;
  S.seen.add(ev.seq);
  S.lastSeq = Math.max(S.lastSeq, ev.seq);
  hideIntro();
  switch (ev.type) {
    case 'customer_message':
      renderCustomer(ev);
      if (S.state === 'closed') setState('bot');
      break;
    case 'bot_message': renderBot(ev); break;
    case 'agent_message': renderAgent(ev); break;
    case 'handoff_requested':
      notice('wait', t('queue_notice'), 'clock');
      setState('waiting_agent');
      break;
    case 'handoff_accepted': {
      const agent = ev.agent || ev.author;
      const name = displayName(agent);
      notice('join', name ? t('joined', { name }) : t('joined_anon'), 'headset');
      setState('agent', agent);
      break;
    }
    case 'handoff_closed': {
      // handed back, or the customer's own request taken back before anyone took it: the bot carries on
      const back = ev.outcome === 'handback' || ev.outcome === 'withdrawn';
      notice('info', t(ev.outcome === 'withdrawn' ? 'withdrawn' : back ? 'handback' : 'resolved'), back ? 'bot' : 'check');
      setState(back ? 'bot' : 'closed', null);
      break;
    }
    case 'handoff_released': // the advisor had to go: in the queue again (the bot's message that follows says so)
      setState('waiting_agent', null);
      break;
    default:
      break;
  }
}

// ---- sending ---------------------------------------------------------------------

function setMsgStatus(p, status, at) {
  p.status = status;
  const node = p.el;
  node.dataset.status = status;
  const old = node.querySelector('.meta');
  let extra = null;
  if (status === 'sending') extra = h('span', { text: t('sending') });
  else if (status === 'queued') extra = h('span', { text: t('queued') });
  else if (status === 'failed') {
    extra = h('span', { class: 'failed' }, `${t('not_sent')}${p.error ? ` — ${p.error}` : ''}`,
      h('button', { type: 'button', class: 'btn btn-sm btn-ghost', text: t('retry'), onclick: () => dispatch(p.cmid) }));
  }
  const m = meta(status === 'sent' ? (at || p.at) : null, extra);
  if (status === 'sent' && at) p.at = at;
  if (old) old.replaceWith(m); else node.querySelector('.msg-main').append(m);
}

function sendText(text) {
  text = String(text || '').trim();
  if (!text) return;
  // Enter pressed twice on the same words: one message, one answer (the same words a moment later are sent again)
  const last = S.lastSent;
  if (last && last.text === text && Date.now() - last.at < 1500) return;
  S.lastSent = { text, at: Date.now() };
  const cmid = uuid();
  hideIntro();
  const node = messageNode('customer', 'customer', null);
  node.dataset.cmid = cmid;
  node.append(h('div', { class: 'msg-main' }, h('span', { class: 'sr-only', text: `${t('you')}:` }), h('div', { class: 'bubble', dir: 'auto', text })));
  insert(node);
  scrollDown(true);
  const p = { cmid, text, el: node, status: 'sending' };
  S.byCmid.set(cmid, p);
  dispatch(cmid);
}

async function ensureConversation() {
  if (S.conv) return S.conv;
  if (!S.creating) {
    S.creating = api('/v1/conversations', { method: 'POST', body: { channel: CHANNEL, language: i18n.lang } })
      .then((r) => {
        S.conv = { conversation_id: r.conversation_id, token: r.token, resume_token: r.resume_token };
        save();
        if (r.state) setState(r.state);
        connect();
        return S.conv;
      })
      .finally(() => { S.creating = null; });
  }
  return S.creating;
}

async function dispatch(cmid) {
  const p = S.byCmid.get(cmid);
  if (!p || p.status === 'sent') return;
  p.error = null;
  setMsgStatus(p, 'sending');
  try {
    await ensureConversation();
  } catch (err) {
    p.error = err.status ? err.message : null;
    setMsgStatus(p, err.status ? 'failed' : 'queued');
    if (!err.status) setTimeout(() => dispatch(cmid), 3000);
    return;
  }
  S.inflight.add(cmid);
  updateTyping();
  if (S.socket && S.socket.send({ text: p.text, client_message_id: cmid })) { p.via = 'ws'; watch(cmid); return; }
  p.via = 'http';
  try {
    const r = await api(`/v1/conversations/${encodeURIComponent(S.conv.conversation_id)}/messages`,
      { method: 'POST', token: S.conv.token, body: { text: p.text, client_message_id: cmid } });
    onTurnResult(cmid, r);
    if (!(S.socket && S.socket.open)) await catchUp();
  } catch (err) {
    if (!err.status) { p.via = 'queued'; setMsgStatus(p, 'queued'); return; } // resent when the socket is back
    S.inflight.delete(cmid);
    p.error = err.message;
    setMsgStatus(p, 'failed');
    updateTyping();
  }
}

// A turn normally takes well under a second; if the socket swallowed one (a server stopping, a network gone
// without a word), reconnect after a few seconds, saying so:
// on open, whatever is still in flight is sent again under the same client_message_id.
function watch(cmid) {
  setTimeout(() => {
    const p = S.byCmid.get(cmid);
    if (p && S.inflight.has(cmid) && p.via === 'ws' && S.socket) S.socket.kick();
  }, 6000);
}

function onTurnResult(cmid, result) {
  if (cmid) S.inflight.delete(cmid);
  const p = cmid && S.byCmid.get(cmid);
  if (p && p.status !== 'sent' && result && typeof result.seq === 'number') {
    p.el.dataset.seq = result.seq;
    setMsgStatus(p, 'sent', new Date().toISOString());
    reposition(p.el);
  }
  if (result && result.state && result.state !== S.state) setState(result.state);
  updateTyping();
}

function onSocketError(error) {
  // The server answers a frame it could not take with {"type": "error"}: the oldest message in flight failed.
  const cmid = [...S.inflight].find((id) => S.byCmid.get(id)?.via === 'ws');
  if (cmid) {
    S.inflight.delete(cmid);
    const p = S.byCmid.get(cmid);
    p.error = error.message;
    setMsgStatus(p, 'failed');
  } else if (error.message) {
    notice('error', error.message, 'alert');
  }
  updateTyping();
}

let typingTimer = null;
function updateTyping() {
  const want = S.inflight.size > 0 && S.state !== 'agent';
  const shown = el.log.querySelector('.typing');
  if (want && !shown && !typingTimer) {
    typingTimer = setTimeout(() => {
      typingTimer = null;
      if (!(S.inflight.size > 0 && S.state !== 'agent') || el.log.querySelector('.typing')) return;
      const node = h('div', { class: 'msg msg-bot typing', 'aria-hidden': 'true' }, botAvatar(),
        h('div', { class: 'msg-main' }, h('div', { class: 'bubble' }, h('i'), h('i'), h('i'))));
      el.log.append(node);
      el.typingStatus.textContent = t('typing');
      scrollDown();
    }, 150);
  } else if (!want) {
    clearTimeout(typingTimer);
    typingTimer = null;
    if (shown) shown.remove();
    el.typingStatus.textContent = '';
  }
}

// ---- the live stream -----------------------------------------------------------------

async function fetchEvents(after) {
  const out = [];
  for (;;) {
    const r = await api(`/v1/conversations/${encodeURIComponent(S.conv.conversation_id)}/events?after=${after}`, { token: S.conv.token });
    out.push(...r.events);
    if (r.events.length < 500) return out;
    after = r.events[r.events.length - 1].seq;
  }
}

async function catchUp() {
  if (!S.conv) return;
  try {
    (await fetchEvents(S.lastSeq)).forEach(handle);
    S.failures = 0;
  } catch (err) {
    if ([401, 403, 404].includes(err.status)) conversationGone();
  }
}

function connect() {
  if (S.socket) S.socket.close();
  const conv = S.conv;
  S.socket = new LiveSocket(
    () => wsUrl(`/v1/conversations/${encodeURIComponent(conv.conversation_id)}/stream?after=${S.lastSeq}&token=${encodeURIComponent(conv.token)}`),
    {
      onMessage: handle,
      onOpen: () => {
        S.failures = 0;
        // Re-send whatever was not confirmed: the server keeps one result per client_message_id.
        for (const [cmid, p] of S.byCmid) {
          if (p.status === 'sent' || p.status === 'failed') continue;
          if (p.via === 'queued' || (p.via === 'ws' && S.inflight.has(cmid))) {
            S.inflight.add(cmid);
            p.via = 'ws';
            setMsgStatus(p, 'sending');
            S.socket.send({ text: p.text, client_message_id: cmid });
            watch(cmid);
          }
        }
        updateTyping();
      },
      onStatus: (state, info) => {
        S.conn = state;
        S.retryAt = info.retryAt || 0;
        if (state === 'reconnecting') {
          S.failures += 1;
          if (S.failures === 3) catchUp(); // tells an expired conversation from a network problem
        }
        renderBanner();
        renderStatus();
      },
    },
  );
}

function conversationGone() {
  if (S.socket) { S.socket.close(); S.socket = null; }
  ls.del(KEY);
  S.conv = null;
  S.conn = 'idle';
  renderBanner();
  notice('error', t('unavailable'), 'alert');
  setState('bot', null);
}

let bannerTick = null;
function renderBanner() {
  clearInterval(bannerTick);
  if (S.conn !== 'reconnecting') { el.banner.hidden = true; return; }
  const paint = () => {
    if (navigator.onLine === false) { el.bannerText.textContent = t('offline'); return; }
    const left = Math.ceil((S.retryAt - Date.now()) / 1000);
    el.bannerText.textContent = left > 0 ? t('reconnecting_in', { s: left }) : t('reconnecting');
  };
  paint();
  el.banner.hidden = false;
  bannerTick = setInterval(paint, 500);
}

// ---- start, resume, reset ------------------------------------------------------------

async function resume(saved) {
  let welcome = null;
  try {
    const r = await api('/v1/conversations/resume', { method: 'POST', body: { resume_token: saved.resume_token, channel: CHANNEL } });
    S.conv = { conversation_id: r.conversation_id, token: r.token, resume_token: r.resume_token };
    save();
    welcome = r.welcome || null;
    S.state = r.state || 'bot';
    // opened on another device: the page speaks the conversation's language, unless its reader chose one here
    let chosen = null;
    try { chosen = localStorage.getItem('tandem.chat.lang'); } catch { /* private mode */ }
    if (r.language && !chosen) i18n.set(r.language);
  } catch (err) {
    if (err.status === 401 && saved.token && saved.conversation_id) {
      S.conv = saved;     // the resume token was rotated by another tab: the conversation token still works
    } else if (err.status === 401 || err.status === 404) {
      ls.del(KEY);
      notice('error', t('expired'), 'alert');
      return;
    } else {
      const n = notice('error', t('resume_failed'), 'alert');
      n.append(h('button', { type: 'button', class: 'btn btn-sm btn-ghost', text: t('retry'), onclick: () => { n.remove(); resume(saved); } }));
      return;
    }
  }
  try {
    const events = await fetchEvents(0);
    if (events.length) hideIntro();
    events.forEach(handle);
  } catch (err) {
    if ([401, 403, 404].includes(err.status)) { conversationGone(); return; }
  }
  if (S.seen.size) notice('welcome', welcome || t('welcome_back'), 'chat');
  renderStatus();
  connect();
  scrollDown(true);
}

// "+": a customer waiting for an advisor, or talking with one, is asked first; one who leaves the queue is taken out
// of it (an advisor would otherwise take up, and write to, a conversation no one reads)
async function startOver() {
  if (S.conv && (S.state === 'waiting_agent' || S.state === 'agent')) {
    if (!window.confirm(t(S.state === 'agent' ? 'leave_agent' : 'leave_waiting'))) return;
    if (S.state === 'waiting_agent') {
      let left = false;
      try {
        await api(`/v1/conversations/${encodeURIComponent(S.conv.conversation_id)}/handoff`, { method: 'DELETE', token: S.conv.token });
        left = true;
      } catch { /* an advisor took it meanwhile, or the network is down: the new conversation starts all the same */ }
      reset();
      if (left) notice('info', t('withdrawn_new'), 'check'); // said under the new conversation's intro
      return;
    }
  }
  reset();
}

function reset() {
  if (S.socket) S.socket.close();
  Object.assign(S, { conv: null, lastSeq: 0, seen: new Set(), byCmid: new Map(), inflight: new Set(), state: 'bot', agent: null, socket: null, conn: 'idle', failures: 0 });
  ls.del(KEY);
  for (const n of [...el.log.children]) if (n !== el.intro) n.remove();
  el.intro.hidden = false;
  renderBanner();
  renderStatus();
  updateTyping();
  el.input.focus();
}

// the company's own words for this page (tone.toml [page.<language>]): what the chat is for, the questions it suggests
let PAGE = null;

async function loadPageWords() {
  try {
    PAGE = (await api('/v1/chat/words')).languages || {};
  } catch { PAGE = {}; }
  for (const [lang, words] of Object.entries(PAGE)) {
    if (DICT[lang] && words.intro) DICT[lang].intro_text = words.intro;
    if (DICT[lang] && words.advisor) DICT[lang].advisor_chip = words.advisor;
  }
  i18n.apply();
  renderSuggestions();
}

function renderSuggestions() {
  const box = $('#suggestions');
  const asked = ((PAGE && (PAGE[i18n.lang] || PAGE.en)) || {}).suggestions || [];
  // the chip goes (the intro hides once the conversation starts): the keyboard's place is the composer, not <body>
  const chip = (text, name) => h('button', { type: 'button', class: 'chip', onclick: () => { sendText(text); el.input.focus(); } }, icon(name), text);
  box.replaceChildren(...asked.map((q) => chip(q, 'chat')), ...(PAGE ? [chip(t('advisor_chip'), 'headset')] : []));
  $('.intro-avatar').replaceChildren(logo(30));
}

function autosize() {
  el.input.style.height = 'auto';
  el.input.style.height = `${Math.min(el.input.scrollHeight, 160)}px`;
  el.send.disabled = !el.input.value.trim();
}

function init() {
  i18n.apply();
  i18n.bindSwitch($('#lang-switch'));
  i18n.onChange(() => { renderSuggestions(); renderStatus(); renderBanner(); relabel(); });
  $('#new-conversation').append(icon('plus'));
  el.send.append(icon('send'));
  renderSuggestions();
  loadPageWords();
  renderStatus();
  autosize();

  el.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = el.input.value;
    if (!text.trim()) return;
    el.input.value = '';
    autosize();
    sendText(text);
  });
  el.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); el.form.requestSubmit(); }
  });
  el.input.addEventListener('input', autosize);
  el.retry.addEventListener('click', () => S.socket && S.socket.retryNow());
  $('#new-conversation').addEventListener('click', startOver);
  document.addEventListener('visibilitychange', () => { if (!document.hidden && S.socket) S.socket.retryNow(); });

  const saved = ls.get(KEY);
  if (saved && saved.resume_token) resume(saved);
  el.input.focus({ preventScroll: true });
}

init();
