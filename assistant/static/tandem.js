// Tandem — small shared helpers for the three pages (no dependencies, no build step).

// ---- DOM --------------------------------------------------------------------

/** Create an element. attrs: class, text, html-free; on* handlers; dataset; aria-*, anything else as attribute. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/** Inline icons (stroke icons, 24x24 viewBox). */
const ICONS = {
  send: 'M4 12l16-8-6 16-2.5-6.5L4 12z',
  plus: 'M12 5v14M5 12h14',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  x: 'M6 6l12 12M18 6L6 18',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c1.5-3.5 4.5-5 8-5s6.5 1.5 8 5',
  bot: 'M8 9h8a3 3 0 0 1 3 3v4a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3v-4a3 3 0 0 1 3-3zM12 5v4M9.5 14h.01M14.5 14h.01',
  headset: 'M4 14v-2a8 8 0 0 1 16 0v2M4 14a2 2 0 0 0 2 2h1v-5H6a2 2 0 0 0-2 2zM20 14a2 2 0 0 1-2 2h-1v-5h1a2 2 0 0 1 2 2zM17 16v1a3 3 0 0 1-3 3h-2',
  inbox: 'M4 13l2.5-7h11L20 13M4 13v5h16v-5M4 13h5l1 2h4l1-2h5',
  download: 'M12 4v11M7 10l5 5 5-5M5 19h14',
  logout: 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 16l-4-4 4-4M6 12h10',
  arrowLeft: 'M15 6l-6 6 6 6',
  play: 'M8 5v14l11-7z',
  doc: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  clock: 'M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  alert: 'M12 9v4M12 17h.01M10.3 4.2L2.6 18a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z',
  spark: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  filter: 'M4 5h16l-6 8v5l-4 2v-7z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  chat: 'M5 5h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-7l-5 4v-4H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
  insert: 'M4 7h10M4 12h10M4 17h6M17 10v8M13 14h8',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
};
export function icon(name, cls) {
  return s('svg', { viewBox: '0 0 24 24', fill: name === 'play' ? 'currentColor' : 'none', stroke: 'currentColor',
    'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false',
    class: cls || null }, s('path', { d: ICONS[name] || '' }));
}

/** The Tandem mark: two overlapping speech bubbles (bot + human). */
export function logo(size = 28) {
  return s('svg', { viewBox: '0 0 32 32', width: size, height: size, class: 'logo', 'aria-hidden': 'true', focusable: 'false' },
    s('rect', { x: 1, y: 3, width: 20, height: 16, rx: 5, fill: '#4f46e5' }),
    s('path', { d: 'M6 19l-1 5 6-5z', fill: '#4f46e5' }),
    s('rect', { x: 11, y: 11, width: 20, height: 15, rx: 5, fill: '#14b8a6', opacity: '.92' }),
    s('path', { d: 'M26 26l1 4-6-4z', fill: '#14b8a6', opacity: '.92' }),
    s('circle', { cx: 17, cy: 18.5, r: 1.4, fill: '#fff' }),
    s('circle', { cx: 21, cy: 18.5, r: 1.4, fill: '#fff' }),
    s('circle', { cx: 25, cy: 18.5, r: 1.4, fill: '#fff' }));
}

// ---- i18n -------------------------------------------------------------------

export class I18n {
  constructor(dict, storageKey) {
    this.dict = dict;
    this.key = storageKey;
    let saved = null;
    try { saved = localStorage.getItem(storageKey); } catch { /* private mode */ }
    const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    // a link may say which language to open in (?lang=fr): it wins over the last choice and the browser's
    let asked = null;
    try { asked = new URLSearchParams(location.search).get('lang'); } catch { /* no location */ }
    this.lang = asked && dict[asked] ? asked
      : saved && dict[saved] ? saved : (nav.toLowerCase().startsWith('fr') ? 'fr' : 'en');
    this.listeners = [];
  }
  /** ``vars.count``, a number, picks ``key_one`` where the language says one (French: 0 and 1). */
  t(key, vars) {
    const n = vars && typeof vars.count === 'number' ? vars.count : null;
    const one = n !== null && (this.lang === 'fr' ? Math.abs(n) < 2 : n === 1);
    const lookup = (k) => (this.dict[this.lang] && this.dict[this.lang][k]) ?? this.dict.en[k];
    let str = (one ? lookup(`${key}_one`) : undefined) ?? lookup(key) ?? key;
    if (vars) str = str.replace(/\{(\w+)\}/g, (m, k) => (vars[k] ?? m));
    return str;
  }
  set(lang) {
    if (!this.dict[lang] || lang === this.lang) return;
    this.lang = lang;
    try { localStorage.setItem(this.key, lang); } catch { /* ignore */ }
    this.apply();
    this.listeners.forEach((fn) => fn(lang));
  }
  onChange(fn) { this.listeners.push(fn); }
  /** Fill [data-i18n], [data-i18n-placeholder|-aria-label|-title] under root. */
  apply(root = document) {
    document.documentElement.lang = this.lang;
    if (this.dict.en.page_title) document.title = this.t('page_title');
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = this.t(el.dataset.i18n);
    for (const attr of ['placeholder', 'aria-label', 'title']) {
      for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, this.t(el.getAttribute(`data-i18n-${attr}`)));
    }
  }
  /** Wire a .seg language switch made of buttons with data-lang. */
  bindSwitch(container) {
    const sync = () => {
      for (const b of container.querySelectorAll('button[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === this.lang));
    };
    container.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-lang]');
      if (b) this.set(b.dataset.lang);
    });
    this.onChange(sync);
    sync();
  }
}

// ---- HTTP -------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/** fetch JSON from the same origin; every error becomes an ApiError carrying the server's message. */
export async function api(path, { method = 'GET', body, token, signal, raw = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', navigator.onLine === false ? 'offline' : 'network', null);
  }
  if (!res.ok) {
    let code = 'http_error', message = `HTTP ${res.status}`, rid = res.headers.get('X-Request-Id');
    try {
      const data = await res.json();
      if (data && data.error) { code = data.error.code || code; message = data.error.message || message; }
      if (data && data.request_id) rid = data.request_id;
    } catch { /* not JSON */ }
    throw new ApiError(res.status, code, message, rid);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  return res.json();
}

export function wsUrl(path) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/**
 * A WebSocket that reconnects with exponential backoff and jitter.
 * url() is called for each attempt (so it can carry ?after=<last seq>).
 * onStatus(state, info): state is connecting | open | reconnecting | closed; info.retryAt for reconnecting.
 * onRefused(code), when given: the server closed for the token (4401: revoked, expired or unknown; 4403: not
 * allowed); no retry, which would be refused the same way.
 */
export class LiveSocket {
  constructor(url, { onMessage, onStatus, onOpen, onRefused, minDelay = 500, maxDelay = 15000 } = {}) {
    this.url = url;
    this.onMessage = onMessage || (() => {});
    this.onStatus = onStatus || (() => {});
    this.onOpen = onOpen || (() => {});
    this.onRefused = onRefused || null;
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
    this.attempt = 0;
    this.stopped = false;
    this.ws = null;
    this.timer = null;
    this._online = () => this.retryNow();
    // the network gone: a socket may stay "open" for a long while without a word; drop it now and say so
    this._offline = () => this.kick();
    window.addEventListener('online', this._online);
    window.addEventListener('offline', this._offline);
    this.connect();
  }
  get open() { return !!this.ws && this.ws.readyState === WebSocket.OPEN; }
  send(obj) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(obj));
    return true;
  }
  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.state = this.attempt === 0 ? 'connecting' : 'reconnecting';
    this.onStatus(this.state, {});
    let ws;
    try { ws = new WebSocket(this.url()); } catch { this.schedule(); return; }
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.state = 'open';
      this.onStatus('open', {});
      this.onOpen();
    };
    ws.onmessage = (e) => {
      let data;
      try { data = JSON.parse(e.data); } catch { return; }
      this.onMessage(data);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (this.onRefused && (e.code === 4401 || e.code === 4403)) {
        this.close();
        this.onRefused(e.code);
        return;
      }
      if (!opened) this.attempt += 1; else this.attempt = 1;
      this.schedule();
    };
  }
  schedule() {
    if (this.stopped) return;
    const base = Math.min(this.maxDelay, this.minDelay * 2 ** Math.max(0, this.attempt - 1));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.state = 'reconnecting';
    this.onStatus('reconnecting', { retryAt: Date.now() + delay, attempt: this.attempt });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }
  /** Drop the current connection (e.g. it looks stuck) and reconnect at once. */
  kick() {
    if (this.stopped || !this.ws) return;
    const ws = this.ws;
    this.ws = null;
    ws.onclose = null;
    ws.close();
    this.attempt = 1;
    this.connect();
  }
  retryNow() {
    if (this.stopped || this.open || (this.ws && this.ws.readyState === WebSocket.CONNECTING)) return;
    this.connect();
  }
  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this._online);
    window.removeEventListener('offline', this._offline);
    if (this.ws) { const ws = this.ws; this.ws = null; ws.close(); }
    this.onStatus('closed', {});
  }
}

// ---- ids, time, numbers --------------------------------------------------------

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const x = Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const locale = (lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

export function fmtTime(iso, lang) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
export function fmtDateTime(iso, lang) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
export function fmtDate(iso, lang, opts = { day: 'numeric', month: 'short', year: 'numeric' }) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(lang), opts).format(new Date(iso));
}
/** 75 → "1:15"; 3725 → "1:02:05". */
export function fmtClock(seconds) {
  const t = Math.max(0, Math.floor(seconds || 0));
  const hh = Math.floor(t / 3600), mm = Math.floor((t % 3600) / 60), ss = t % 60;
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}` : `${mm}:${String(ss).padStart(2, '0')}`;
}
/** 42 → "42 s", 130 → "2 min 10 s", 7300 → "2 h 1 min". */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const t = Math.round(seconds);
  if (t < 60) return `${t} s`;
  if (t < 3600) { const m = Math.floor(t / 60), r = t % 60; return r ? `${m} min ${r} s` : `${m} min`; }
  const hh = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60);
  return m ? `${hh} h ${m} min` : `${hh} h`;
}
export function fmtNumber(n, lang, opts) {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), opts).format(n);
}
export function fmtPercent(x, lang) {
  if (x === null || x === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(x);
}
export function humanize(code) {
  if (!code) return '';
  const t = String(code).replace(/[_-]+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The sensitive topics Tandem tells, as each language says them (a company's own topics read humanized). */
export const TOPICS = {
  en: {
    fraud: 'Fraud', bereavement: 'Bereavement', hardship: 'Money trouble', vulnerability: 'At risk',
    legal_threat: 'Legal threat', formal_complaint: 'Formal complaint', illness: 'Grave illness',
    emergency: 'Emergency', injury: 'Someone hurt', personal_data: 'Personal data request', harassment: 'Harassment',
  },
  fr: {
    fraud: 'Fraude', bereavement: 'Deuil', hardship: 'Difficultés financières', vulnerability: 'Personne en danger',
    legal_threat: 'Menace de recours', formal_complaint: 'Réclamation formelle', illness: 'Maladie grave',
    emergency: 'Urgence', injury: 'Personne blessée', personal_data: 'Demande sur les données personnelles',
    harassment: 'Harcèlement',
  },
};

// ---- storage ------------------------------------------------------------------

export function store(kind) {
  const area = kind === 'session' ? sessionStorage : localStorage;
  return {
    get(key) { try { const v = area.getItem(key); return v ? JSON.parse(v) : null; } catch { return null; } },
    set(key, value) { try { area.setItem(key, JSON.stringify(value)); } catch { /* full or disabled */ } },
    del(key) { try { area.removeItem(key); } catch { /* ignore */ } },
  };
}

// ---- feedback -----------------------------------------------------------------

let toastHost = null;
export function toast(message, { kind = 'info', requestId = null, timeout = 5000 } = {}) {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastHost);
  }
  const el = h('div', { class: 'toast', dataset: { kind } }, message, requestId ? h('span', { class: 'rid', text: `request ${requestId}` }) : null);
  toastHost.append(el);
  setTimeout(() => el.remove(), timeout);
}
export function toastError(err) {
  if (err && err.name === 'AbortError') return;
  toast(err && err.message ? err.message : String(err), { kind: 'error', requestId: err && err.requestId, timeout: 7000 });
}

// ---- charts -------------------------------------------------------------------

/** A sentiment sparkline for scores in [-1, 1]; returns an <svg>. */
export function sparkline(points, { width = 240, height = 56, label = '' } = {}) {
  const pad = 4;
  const svg = s('svg', { class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label });
  const y = (v) => pad + (1 - (Math.max(-1, Math.min(1, v)) + 1) / 2) * (height - 2 * pad);
  svg.append(s('rect', { x: 0, y: 0, width, height: y(0), fill: 'var(--ok-soft)', opacity: '.55' }));
  svg.append(s('rect', { x: 0, y: y(0), width, height: height - y(0), fill: 'var(--danger-soft)', opacity: '.55' }));
  svg.append(s('line', { x1: 0, x2: width, y1: y(0), y2: y(0), stroke: 'var(--border-strong)', 'stroke-dasharray': '3 3' }));
  if (!points.length) return svg;
  const n = points.length;
  const x = (i) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const last = points[n - 1].score;
  const color = last <= -0.25 ? 'var(--danger)' : last >= 0.25 ? 'var(--ok)' : 'var(--brand-2)';
  if (n > 1) {
    const area = `${d} L${x(n - 1).toFixed(1)},${y(0).toFixed(1)} L${x(0).toFixed(1)},${y(0).toFixed(1)} Z`;
    svg.append(s('path', { d: area, fill: color, opacity: '.10' }));
  }
  svg.append(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' }));
  points.forEach((p, i) => {
    const c = s('circle', { cx: x(i), cy: y(p.score), r: i === n - 1 ? 3.5 : 2, fill: i === n - 1 ? color : 'var(--surface)', stroke: color, 'stroke-width': 1.5 });
    c.append(s('title', { text: `#${p.seq}: ${p.score.toFixed(2)}` }));
    svg.append(c);
  });
  return svg;
}

/** A stable colour per category (reason / outcome). */
const PALETTE = ['#4f46e5', '#0d9488', '#d97706', '#db2777', '#2563eb', '#65a30d', '#9333ea', '#dc2626', '#0891b2', '#78716c'];
const KNOWN = { human_request: 0, sensitive_topic: 7, out_of_scope: 2, repeated_question: 4, premium_upset: 3, negative_trend: 6, explicit: 1 };
export function colorFor(key, index = 0) {
  if (key in KNOWN) return PALETTE[KNOWN[key]];
  let hsh = 0;
  for (const ch of String(key)) hsh = (hsh * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[(hsh + index) % PALETTE.length];
}
