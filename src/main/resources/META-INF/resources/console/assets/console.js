// Pertinence console: every figure on screen comes from the service's own /v1 API, called with the
// signed-in person's bearer token, so the API's access rules hold here as everywhere (docs/console.md).
'use strict';

const TOKEN_KEY = 'pertinence.console.token';
const ROLE_NAMES = {
  'decision-client': 'Call-centre agent', 'marketer': 'Marketer',
  'data-ingest': 'Data team', 'privacy-officer': 'Data protection'
};

// Signed in through the organisation's identity provider (body data-session): the provider's access token is
// asked of /console/session (the session cookie) at each page load and kept in memory only; with the development
// sign-in it is kept in the tab's sessionStorage.
let providerSession = null;
function providerMode() { return !!document.body.dataset.session; }

function token() { return providerMode() ? (providerSession && providerSession.token) : sessionStorage.getItem(TOKEN_KEY); }

/** The session's token for /v1 and the roles the API grants it; a session gone means signing in again. */
async function loadSession() {
  const response = await fetch(document.body.dataset.session, {
    credentials: 'same-origin', cache: 'no-store',
    headers: { 'Accept': 'application/json, application/problem+json', 'X-Requested-With': 'JavaScript' }
  });
  if (response.status === 499 || response.status === 401) {
    location.reload(); // the page itself is then sent to the identity provider
    throw new ApiError(401, null);
  }
  const data = await response.json();
  if (!response.ok) throw new ApiError(response.status, data);
  providerSession = data;
}

function claims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) { return null; }
}

function roles() {
  if (providerMode()) return providerSession ? providerSession.roles : [];
  const c = token() && claims(token());
  if (!c || (c.exp && c.exp * 1000 < Date.now())) return [];
  return Array.isArray(c.groups) ? c.groups : [];
}

function allowed(element) {
  const wanted = (element.dataset.roles || '').split(/\s+/).filter(Boolean);
  return wanted.length === 0 || wanted.some(r => roles().includes(r));
}

/** What the screen kept for a refresh (the last caller looked up, the answers recorded): not for the next person. */
function forgetWork() {
  sessionStorage.removeItem('pertinence.console.agent');
  sessionStorage.removeItem('pertinence.console.answers');
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  forgetWork();
  if (providerMode()) {
    providerSession = null;
    if (message) {
      hideContent();
      showNotice(message + ' (The identity provider\'s token was refused: reload the page, or sign out and in again.)');
    } else {
      location.assign('/console/sign-out'); // ends the session here and at the identity provider
    }
    return;
  }
  const target = document.body.dataset.signIn;
  if (target) {
    location.assign(target + (message ? '?message=' + encodeURIComponent(message) : ''));
  } else {
    hideContent();
    showNotice('Signing in to this console needs your organisation\'s identity provider (OpenID Connect), which this ' +
      'service is not configured for (docs/console.md).');
  }
}

function hideContent() {
  for (const child of $('main').children) if (child.id !== 'forbidden') child.hidden = true;
}

function showNotice(text) {
  const box = document.getElementById('forbidden');
  box.textContent = text;
  box.hidden = false;
}

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

/** One call to the API; a problem answer becomes an ApiError carrying the problem document. */
async function api(method, path, body, accept, retried) {
  const headers = {
    'Authorization': 'Bearer ' + token(),
    'Accept': (accept || 'application/json') + ', application/problem+json'
  };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401 && providerMode() && !retried) {
    await loadSession(); // the session refreshes the provider's tokens before they expire
    return api(method, path, body, accept, true);
  }
  if (response.status === 401) {
    signOut('Your sign-in has expired: sign in again.');
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}

/** What a person reads when a call fails: a 403 says plainly that the role does not allow it. */
function explain(error) {
  if (error.status === 403) return 'Your role does not allow this (the service answered 403 Forbidden).';
  if (error.status === 404) return error.message || 'Not found.';
  if (error instanceof ApiError) return error.message;
  return 'The service could not be reached: ' + error.message;
}

// ---------- small DOM helpers ----------
const $ = id => document.getElementById(id);
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function fill(node, ...children) { node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined)); }
function fmtDate(iso) { return iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '–'; }
function fmtWhen(iso) {
  if (!iso) return '–';
  const days = Math.floor((Date.now() - new Date(iso).getTime()) / 86400000);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : days < 30 ? days + ' days ago' : fmtDate(iso);
}
function fmtNumber(n, digits) {
  if (n === undefined || n === null) return '–';
  return Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits === undefined ? 2 : digits });
}
function fmtPercent(rate) { return rate === undefined || rate === null ? '–' : (rate * 100).toFixed(1) + ' %'; }
function setStatus(id, text, isError) {
  const node = $(id);
  node.textContent = text || '';
  node.classList.toggle('error', !!isError);
}
function eventId() {
  return 'console-' + (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(16).slice(2));
}

// ---------- the frame ----------
function frame() {
  const page = document.body.dataset.page;
  if (page === 'sign-in' || page === 'signed-out') return true;
  if (providerMode() && roles().length === 0) {
    $('who').textContent = providerSession.name || '';
    $('who-box').hidden = false;
    $('sign-out').addEventListener('click', () => signOut());
    hideContent();
    showNotice('Your account has none of this service\'s roles (' + Object.keys(ROLE_NAMES).join(', ') +
      '): ask your administrator for one.');
    return false;
  }
  if (!token() || roles().length === 0) {
    signOut(token() ? 'Your sign-in has expired: sign in again.' : null);
    return false;
  }
  for (const item of document.querySelectorAll('#nav li')) {
    item.hidden = !allowed(item);
    const link = item.querySelector('a');
    if (location.pathname === link.getAttribute('href') || location.pathname.startsWith(link.getAttribute('href') + '/')) {
      link.setAttribute('aria-current', 'page');
    }
  }
  $('nav').hidden = false;
  const name = providerMode() ? providerSession.name : claims(token()).upn;
  $('who').textContent = roles().map(r => ROLE_NAMES[r] || r).join(', ') + (name ? ' · ' + name : '');
  $('who-box').hidden = false;
  $('sign-out').addEventListener('click', () => signOut());
  const main = $('main');
  if (!allowed(main)) {
    hideContent();
    showNotice('Your role does not give access to this page.');
    return false;
  }
  return true;
}

const pages = {};

pages['sign-in'] = () => {
  const message = new URLSearchParams(location.search).get('message');
  if (message) { $('sign-in-error').textContent = message; $('sign-in-error').hidden = false; }
  $('sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = new URLSearchParams(new FormData(event.target));
    try {
      const response = await fetch('/console/sign-in', { method: 'POST', body: form, headers: { Accept: 'application/json, application/problem+json' } });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.detail || answer.title);
      forgetWork();
      sessionStorage.setItem(TOKEN_KEY, answer.token);
      location.assign('/console');
    } catch (e) {
      $('sign-in-error').textContent = 'Sign-in failed: ' + e.message;
      $('sign-in-error').hidden = false;
    }
  });
};

pages.home = () => {
  $('home-role').textContent = roles().map(r => ROLE_NAMES[r] || r).join(', ');
  let any = false;
  for (const tile of document.querySelectorAll('.tiles li')) {
    tile.hidden = !allowed(tile);
    any = any || !tile.hidden;
  }
  $('home-none').hidden = any;
};

document.addEventListener('DOMContentLoaded', async () => {
  if (providerMode() && document.body.dataset.page !== 'signed-out') {
    try {
      await loadSession();
    } catch (e) {
      if (e.status !== 401) { hideContent(); showNotice('Signing in failed: ' + e.message); }
      return;
    }
  }
  if (!frame()) return;
  const page = pages[document.body.dataset.page];
  if (page) page();
});

// ---------- agent screen ----------
const AGENT_KEY = 'pertinence.console.agent';
const ANSWERS_KEY = 'pertinence.console.answers';
const ANSWER_LABELS = { impression: 'Offered', accept: 'Accepted', refuse: 'Refused' };

function answers() { return JSON.parse(sessionStorage.getItem(ANSWERS_KEY) || '{}'); }
function remember(decisionId, offerId, type) {
  const all = answers();
  const key = decisionId + '/' + offerId;
  all[key] = Array.from(new Set([...(all[key] || []), type]));
  sessionStorage.setItem(ANSWERS_KEY, JSON.stringify(all));
}

function reference(type, value) {
  const typed = value.trim();
  return type === 'id' ? typed : type + ':' + typed;
}

pages.agent = () => {
  const placeholders = { phone: '06 11 22 33 44', email: 'jeanne@example.com', loyalty: '4971 2233', id: 'c-42' };
  $('id-type').addEventListener('change', () => { $('id-value').placeholder = placeholders[$('id-type').value]; });
  $('lookup').addEventListener('submit', event => {
    event.preventDefault();
    lookup($('id-type').value, $('id-value').value);
  });
  const last = sessionStorage.getItem(AGENT_KEY);
  if (last) {
    const { type, value } = JSON.parse(last);
    $('id-type').value = type;
    $('id-value').value = value;
    lookup(type, value);
  } else {
    $('id-value').focus();
  }
};

async function lookup(type, value) {
  if (!value.trim()) return;
  const ref = encodeURIComponent(reference(type, value));
  performance.clearMarks('card-lookup');
  performance.clearMeasures('card');
  performance.mark('card-lookup');
  const started = performance.now();
  setStatus('lookup-status', 'Looking up…');
  $('lookup-button').disabled = true;
  try {
    const [card, seen] = await Promise.all([
      api('GET', '/v1/customers/' + ref + '/agent-card'),
      api('GET', '/v1/customers/' + ref + '/exposures?limit=8').catch(error => ({ error }))
    ]);
    renderCard(card, seen);
    performance.measure('card', 'card-lookup');
    const took = Math.round(performance.now() - started);
    $('card').dataset.renderMs = String(took);
    sessionStorage.setItem(AGENT_KEY, JSON.stringify({ type, value }));
    setStatus('lookup-status', 'Card ready in ' + took + ' ms.');
  } catch (error) {
    $('card').hidden = true;
    setStatus('lookup-status', error.status === 404 ? 'Nobody is known by ' + reference(type, value) + '.' : explain(error), true);
  } finally {
    $('lookup-button').disabled = false;
  }
}

function renderCard(card, seen) {
  $('card-name').textContent = card.name || 'Customer ' + card.customerId;
  $('card-meta').textContent = [card.customerId, card.segments && card.segments.length ? 'segments ' + card.segments.join(', ') : null]
    .filter(Boolean).join(' · ');
  const offers = card.consents && card.consents.offers || {};
  const consented = Object.keys(offers).filter(channel => offers[channel]);
  fill($('card-facts'),
    el('dt', {}, 'Loyalty'), el('dd', {}, card.loyalty ? [card.loyalty.tier, card.loyalty.points != null ? fmtNumber(card.loyalty.points, 0) + ' pts' : null].filter(Boolean).join(' · ') : '–'),
    el('dt', {}, 'Home store'), el('dd', {}, card.homeStore || '–'),
    el('dt', {}, 'Offers by'), el('dd', {}, consented.length ? consented.join(', ') : 'no consent'),
    el('dt', {}, 'Profiling'), el('dd', {}, card.consents && card.consents.profiling ? 'agreed' : 'not agreed'));

  fill($('card-events'), (card.upcomingLifeEvents || []).length
    ? card.upcomingLifeEvents.map(m => el('li', {}, el('strong', {}, m.label), ' ', el('span', { class: 'small' }, fmtDate(m.date))))
    : el('li', { class: 'small' }, 'Nothing in the next 60 days'));
  fill($('card-purchases'), (card.lastPurchases || []).length
    ? card.lastPurchases.map(p => el('tr', {}, el('td', {}, p.name || p.sku), el('td', {}, fmtWhen(p.purchasedAt)),
        el('td', { class: 'num' }, p.amount != null ? fmtNumber(p.amount) : '–')))
    : el('tr', {}, el('td', { colspan: 3, class: 'small' }, 'No purchases known')));
  if (seen && seen.error) {
    fill($('card-exposures'), el('tr', {}, el('td', { colspan: 3, class: 'small' }, explain(seen.error))));
  } else {
    const rows = (seen && seen.exposures) || [];
    fill($('card-exposures'), rows.length
      ? rows.map(x => el('tr', {}, el('td', {}, x.title || x.offerId), el('td', {}, fmtWhen(x.shownAt), el('span', { class: 'small' }, ' · ' + x.channel)),
          el('td', {}, x.response ? el('span', { class: 'badge ' + x.response }, x.response) : el('span', { class: 'small' }, 'no answer'))))
      : el('tr', {}, el('td', { colspan: 3, class: 'small' }, 'Nothing offered lately')));
  }

  const remembered = answers();
  fill($('card-offers'), (card.offers || []).map(offer => offerItem(card, offer, remembered[card.decisionId + '/' + offer.offerId] || [])));
  const notes = [...(card.notes || []), ...(card.degraded || []).map(d => 'Went without ' + d + ': offers may be fewer')];
  fill($('card-notes'), notes.map(n => el('li', {}, n)));
  const decision = $('card-decision');
  decision.textContent = card.decisionId;
  decision.href = '/console/decisions?id=' + encodeURIComponent(card.decisionId);
  $('card').hidden = false;
}

function offerItem(card, offer, done) {
  const status = el('span', { class: 'done', role: 'status' }, done.length ? done.map(t => ANSWER_LABELS[t]).join(', ') + ' ✓' : '');
  const record = async (type, button) => {
    const wanted = type === 'impression' || done.includes('impression') ? [type] : ['impression', type];
    button.disabled = true;
    try {
      for (const t of wanted) {
        await api('POST', '/v1/decisions/' + card.decisionId + '/outcomes', { eventId: eventId(), offerId: offer.offerId, type: t });
        remember(card.decisionId, offer.offerId, t);
        done.push(t);
      }
      status.classList.remove('error');
      status.textContent = Array.from(new Set(done)).map(t => ANSWER_LABELS[t]).join(', ') + ' ✓ recorded';
    } catch (error) {
      status.classList.add('error');
      status.textContent = explain(error);
    } finally {
      button.disabled = false;
    }
  };
  const button = (type, cls) => {
    const b = el('button', { type: 'button', class: cls, 'data-outcome': type, 'aria-label': ANSWER_LABELS[type] + ': ' + offer.title }, ANSWER_LABELS[type]);
    b.addEventListener('click', () => record(type, b));
    return b;
  };
  return el('li', { class: 'offer', 'data-offer': offer.offerId },
    el('h4', {}, offer.title),
    el('ul', { class: 'points' }, (offer.talkingPoints || []).map(p => el('li', {}, p))),
    offer.message && !(offer.talkingPoints || []).includes(offer.message) ? el('p', { class: 'message' }, '“' + offer.message + '”') : null,
    el('details', {}, el('summary', {}, 'Why this offer'), el('ul', { class: 'reasons' }, (offer.reasons || []).map(r => el('li', {}, r)))),
    el('div', { class: 'actions' }, button('impression', ''), button('accept', 'primary'), button('refuse', ''), status));
}

// ---------- why this offer ----------
pages.decisions = () => {
  $('decision-form').addEventListener('submit', event => {
    event.preventDefault();
    const id = $('decision-id').value.trim();
    history.replaceState(null, '', '?id=' + encodeURIComponent(id));
    openDecision(id);
  });
  const id = new URLSearchParams(location.search).get('id');
  if (id) { $('decision-id').value = id; openDecision(id); } else { $('decision-id').focus(); }
};

async function openDecision(id) {
  setStatus('decision-status', 'Opening…');
  try {
    const d = await api('GET', '/v1/decisions/' + encodeURIComponent(id));
    $('decision-title').textContent = (d.kind === 'page_layout' ? 'Page layout' : 'Decision') + ' for ' + (d.customerId || 'an anonymous visitor');
    const facts = [
      ['Decided', d.decidedAt ? new Date(d.decidedAt).toLocaleString('en-GB') : '–'],
      ['Channel', d.channel + (d.placement ? ' · ' + d.placement : '')],
      ['Segment', d.segment || '–'],
      ['Model', d.modelVersion || 'none'],
      ['Experiment', d.experiment ? JSON.stringify(d.experiment).replace(/[{}"]/g, '').replace(/,/g, ', ') : 'none'],
      ['Kept', d.kept === 'attribution' ? 'only what attributes outcomes (past retention or erased)' : 'the whole answer']
    ];
    fill($('decision-facts'), facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    const offers = (d.offers || []).map(o => el('li', { class: 'offer' },
      el('h4', {}, '#' + o.rank + ' ' + (o.title || o.offerId), ' ', el('span', { class: 'badge' }, 'score ' + fmtNumber(o.score, 3)),
        o.explored ? el('span', { class: 'badge' }, 'explored') : null),
      o.message ? el('p', { class: 'message' }, '“' + o.message + '”') : null,
      el('ul', { class: 'points' }, (o.reasons || []).map(r => el('li', {}, r))),
      o.factors ? el('p', { class: 'small' }, Object.entries(o.factors).map(([k, v]) => k + ' ' + fmtNumber(v, 3)).join(' · ')) : null));
    const sections = (d.sections || []).map(s => el('li', { class: 'offer' },
      el('h4', {}, '#' + s.position + ' ' + s.sectionId, ' ', el('span', { class: 'small' }, '(was #' + s.originalPosition + ')')),
      s.reason ? el('p', {}, s.reason) : null));
    fill($('decision-offers'), offers.length || sections.length ? [...offers, ...sections] : el('li', { class: 'small' }, 'No offer was proposed.'));
    fill($('decision-notes'), [...(d.notes || []), ...(d.degraded || []).map(x => 'Went without ' + x)].map(n => el('li', {}, n)));
    $('decision').hidden = false;
    setStatus('decision-status', '');
  } catch (error) {
    $('decision').hidden = true;
    setStatus('decision-status', error.status === 404 ? 'No decision has the id ' + id + ' (or it was a dry run).' : explain(error), true);
  }
}

// ---------- offers ----------
const offerPath = id => '/v1/offers/' + encodeURIComponent(id);
function since(days) { return new Date(Date.now() - days * 86400000).toISOString(); }
function validity(o) {
  if (!o.validFrom && !o.validUntil) return 'always';
  return (o.validFrom ? fmtDate(o.validFrom) : '…') + ' – ' + (o.validUntil ? fmtDate(o.validUntil) : '…');
}

async function toggleOffer(offer) {
  return api('POST', offerPath(offer.id) + (offer.status === 'paused' ? '/resume' : '/pause'));
}

pages.offers = () => {
  $('offer-status').addEventListener('change', () => listOffers());
  listOffers();
};

async function listOffers() {
  setStatus('offers-status', 'Loading…');
  try {
    const status = $('offer-status').value;
    const page = await api('GET', '/v1/offers?size=100' + (status ? '&status=' + status : ''));
    const performance = await Promise.all(page.items.map(o =>
      api('GET', offerPath(o.id) + '/performance?from=' + encodeURIComponent(since(30))).catch(() => null)));
    fill($('offers-rows'), page.items.length ? page.items.map((o, i) => offerRow(o, performance[i]))
      : el('tr', {}, el('td', { colspan: 10, class: 'small' }, 'No offer yet: create one.')));
    $('offers-paging').textContent = page.total > page.items.length ? page.items.length + ' of ' + page.total + ' offers shown.' : '';
    setStatus('offers-status', '');
  } catch (error) {
    setStatus('offers-status', explain(error), true);
  }
}

function offerRow(o, perf) {
  const t = perf && perf.total || {};
  const toggle = el('button', { type: 'button', 'data-toggle': o.id }, o.status === 'paused' ? 'Resume' : 'Pause');
  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try { await toggleOffer(o); await listOffers(); } catch (error) { setStatus('offers-status', explain(error), true); toggle.disabled = false; }
  });
  return el('tr', { 'data-offer': o.id },
    el('td', {}, el('a', { href: '/console/offers/' + encodeURIComponent(o.id) }, o.title), el('div', { class: 'small' }, o.id)),
    el('td', {}, el('span', { class: 'badge ' + o.status }, o.status)),
    el('td', {}, (o.channels || []).join(', ')),
    el('td', {}, validity(o)),
    el('td', { class: 'num' }, perf && perf.budget ? fmtNumber(perf.budget.left, 0) + ' / ' + fmtNumber(perf.budget.count, 0) + ' ' + perf.budget.of : '–'),
    el('td', { class: 'num' }, fmtNumber(t.impressions, 0)),
    el('td', { class: 'num', 'data-accepts': o.id }, fmtNumber(t.accepts, 0)),
    el('td', { class: 'num' }, fmtPercent(t.acceptRate)),
    el('td', { class: 'num' }, fmtNumber(t.conversionValue)),
    el('td', {}, el('div', { class: 'actions' }, el('a', { href: '/console/offers/' + encodeURIComponent(o.id) + '/edit', 'aria-label': 'Edit ' + o.title }, 'Edit'), toggle)));
}

// ---------- offer form: the rule checked as it is typed ----------
pages['offer-edit'] = () => {
  const form = $('offer-form');
  const id = form.dataset.offerId;
  let loaded = null;
  if (id) {
    api('GET', offerPath(id)).then(offer => { loaded = offer; fillOfferForm(offer); checkRule(); previewMessage(); })
      .catch(error => setStatus('offer-save-status', explain(error), true));
  } else {
    $('f-id').focus();
  }
  let timer = null;
  $('f-rule').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(checkRule, 250); });
  let previewTimer = null;
  for (const input of ['f-message', 'p-first', 'p-last', 'p-gender', 'p-tier', 'p-points', 'p-store']) {
    for (const kind of ['input', 'change']) {
      $(input).addEventListener(kind, () => { clearTimeout(previewTimer); previewTimer = setTimeout(previewMessage, 250); });
    }
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = offerBody(loaded);
    setStatus('offer-save-status', 'Saving…');
    try {
      const saved = id ? await api('PUT', offerPath(id), body) : await api('POST', '/v1/offers', body);
      setStatus('offer-save-status', 'Saved.' + ((saved.warnings || []).length ? ' ' + saved.warnings.join(' ') : ''));
      if (!id) location.assign('/console/offers/' + encodeURIComponent(saved.id));
    } catch (error) {
      const field = error.problem && error.problem.field;
      const input = field && form.querySelector('[name="' + field.split(/[.[]/)[0] + '"]');
      if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
      if (field === 'rule') showRuleError(error.problem);
      setStatus('offer-save-status', explain(error), true);
    }
  });
};

function toLocal(iso) { return iso ? new Date(iso).toISOString().slice(0, 16) : ''; }
function list(text) { return text.split(',').map(s => s.trim()).filter(Boolean); }

function fillOfferForm(o) {
  $('f-title').value = o.title || '';
  $('f-message').value = o.message || '';
  $('f-category').value = o.category || '';
  $('f-value').value = o.businessValue;
  for (const box of document.querySelectorAll('input[name=channels]')) box.checked = (o.channels || []).includes(box.value);
  $('f-placements').value = (o.placements || []).join(', ');
  $('f-skus').value = (o.targetSkus || []).join(', ');
  $('f-from').value = toLocal(o.validFrom);
  $('f-until').value = toLocal(o.validUntil);
  $('f-rule').value = o.rule || '';
  $('f-points').value = (o.talkingPoints || []).join('\n');
}

/** The offer as the form says, over what was loaded (a PUT replaces: fields the form does not show are kept). */
function offerBody(loaded) {
  const body = Object.assign({}, loaded || {});
  for (const readOnly of ['status', 'version', 'createdAt', 'updatedAt', 'warnings']) delete body[readOnly];
  if (body.budget) { body.budget = Object.assign({}, body.budget); delete body.budget.start; } // the window's start, as the service set it
  const text = id => $(id).value.trim();
  const optional = (key, value) => { if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) delete body[key]; else body[key] = value; };
  if (!loaded) body.id = text('f-id');
  body.title = text('f-title');
  body.message = $('f-message').value;
  optional('category', text('f-category'));
  body.businessValue = $('f-value').value === '' ? null : Number($('f-value').value);
  body.channels = Array.from(document.querySelectorAll('input[name=channels]:checked')).map(b => b.value);
  optional('placements', list($('f-placements').value));
  optional('targetSkus', list($('f-skus').value));
  optional('validFrom', text('f-from') ? text('f-from') + ':00Z' : '');
  optional('validUntil', text('f-until') ? text('f-until') + ':00Z' : '');
  optional('rule', $('f-rule').value.trim());
  optional('talkingPoints', $('f-points').value.split('\n').map(s => s.trim()).filter(Boolean));
  return body;
}

/** The message as the described person reads it, and as someone unknown does (POST /v1/messages/previews). */
async function previewMessage() {
  const message = $('f-message').value;
  if (!message.trim()) { $('preview-person').textContent = '–'; $('preview-neutral').textContent = '–'; return; }
  const person = {};
  for (const [key, id] of [['firstName', 'p-first'], ['lastName', 'p-last'], ['gender', 'p-gender'], ['loyaltyTier', 'p-tier']]) {
    if ($(id).value.trim()) person[key] = $(id).value.trim();
  }
  if ($('p-points').value !== '') person.loyaltyPoints = Number($('p-points').value);
  const body = { message, person };
  if ($('p-store').value.trim()) body.storeName = $('p-store').value.trim();
  try {
    const preview = await api('POST', '/v1/messages/previews', body);
    if ($('f-message').value !== message) return;
    $('preview-person').textContent = preview.forPerson;
    $('preview-neutral').textContent = preview.neutral;
    $('preview-error').hidden = true;
    $('f-message').removeAttribute('aria-invalid');
  } catch (error) {
    if ($('f-message').value !== message) return;
    $('preview-error').textContent = explain(error);
    $('preview-error').hidden = false;
    if (error.status === 400) $('f-message').setAttribute('aria-invalid', 'true');
  }
}

async function checkRule() {
  const rule = $('f-rule').value;
  const box = $('rule-check');
  if (!rule.trim()) { fill(box); $('f-rule').removeAttribute('aria-invalid'); return; }
  try {
    const answer = await api('POST', '/v1/rules/validations', { rule });
    if ($('f-rule').value !== rule) return; // typed on meanwhile: the newer check answers
    $('f-rule').setAttribute('aria-invalid', 'false');
    fill(box, el('p', { class: 'rule-ok', id: 'rule-ok' }, '✓ The rule compiles (at most ' + fmtNumber(answer.cost, 0) + ' evaluation steps).'));
  } catch (error) {
    if ($('f-rule').value !== rule) return;
    if (error.status === 400 && error.problem.field === 'rule') showRuleError(error.problem);
    else fill(box, el('p', { class: 'error' }, explain(error)));
  }
}

/** The error under the rule, at its position: the line of the rule and a caret under the column. */
function showRuleError(problem) {
  $('f-rule').setAttribute('aria-invalid', 'true');
  const first = (problem.detail || '').split('\n')[0];
  const children = [el('p', { class: 'error', id: 'rule-error' }, problem.line ? 'Line ' + problem.line + ', column ' + problem.column + ': ' + first.replace(/^rule does not compile at line \d+, column \d+: /, '') : first)];
  if (problem.line) {
    const source = $('f-rule').value.split('\n')[problem.line - 1] || '';
    children.push(el('pre', { class: 'rule-error', id: 'rule-position', 'data-line': problem.line, 'data-column': problem.column },
      source + '\n' + ' '.repeat(Math.max(0, problem.column - 1)) + '^'));
    const lines = $('f-rule').value.split('\n');
    const offset = lines.slice(0, problem.line - 1).reduce((n, l) => n + l.length + 1, 0) + problem.column - 1;
    $('f-rule').dataset.errorOffset = String(offset);
  }
  fill($('rule-check'), children);
}

// ---------- offer performance ----------
pages.offer = () => {
  const id = $('offer-head').dataset.offerId;
  const load = () => loadPerformance(id);
  $('perf-days').addEventListener('change', load);
  load();
};

async function loadPerformance(id) {
  setStatus('offer-status', 'Loading…');
  try {
    const days = Number($('perf-days').value);
    const [offer, perf] = await Promise.all([api('GET', offerPath(id)),
      api('GET', offerPath(id) + '/performance?from=' + encodeURIComponent(since(days)))]);
    $('offer-title').textContent = offer.title;
    $('offer-meta').textContent = [offer.id, offer.status, (offer.channels || []).join(', '), 'valid ' + validity(offer)].join(' · ');
    const toggle = $('offer-toggle');
    toggle.textContent = offer.status === 'paused' ? 'Resume' : 'Pause';
    toggle.onclick = async () => {
      toggle.disabled = true;
      try { await toggleOffer(offer); await loadPerformance(id); } catch (error) { setStatus('offer-status', explain(error), true); }
      toggle.disabled = false;
    };
    const t = perf.total || {};
    const figures = [['Impressions', fmtNumber(t.impressions, 0), 'impressions'], ['Accepts', fmtNumber(t.accepts, 0), 'accepts'],
      ['Accept rate', fmtPercent(t.acceptRate), 'accept-rate'], ['Refusals', fmtNumber(t.refusals, 0), 'refusals'],
      ['Conversions', fmtNumber(t.conversions, 0), 'conversions'], ['Value', fmtNumber(t.conversionValue), 'value'],
      ['Cost', fmtNumber(t.cost), 'cost'], ['Return', t.returnOnInvestment == null ? '–' : fmtPercent(t.returnOnInvestment), 'return']];
    if (perf.budget) figures.push(['Budget left', fmtNumber(perf.budget.left, 0) + ' / ' + fmtNumber(perf.budget.count, 0), 'budget']);
    fill($('perf-figures'), figures.map(([label, value, key]) =>
      el('div', { class: 'figure', 'data-figure': key }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value))));
    const daily = perf.daily || [];
    fill($('perf-chart'), lineChart(daily.map(d => d.date), [
      { name: 'Impressions', color: '#1f5fbf', values: daily.map(d => d.impressions) },
      { name: 'Accepts', color: '#1d7a46', values: daily.map(d => d.accepts) },
      { name: 'Conversions', color: '#b25e09', values: daily.map(d => d.conversions) }], 'Impressions, accepts and conversions per day'));
    fill($('perf-value-chart'), lineChart(daily.map(d => d.date), [
      { name: 'Value', color: '#1d7a46', values: daily.map(d => Number(d.value || 0)) },
      { name: 'Cost', color: '#b42318', values: daily.map(d => Number(d.cost || 0)) },
      { name: 'Net', color: '#15233b', values: daily.map(d => Number(d.net || 0)) }], 'Value, cost and net per day'));
    const row = (name, f) => el('tr', {}, el('td', {}, name), el('td', { class: 'num' }, fmtNumber(f.impressions, 0)),
      el('td', { class: 'num' }, fmtNumber(f.accepts, 0)), el('td', { class: 'num' }, fmtPercent(f.acceptRate)),
      el('td', { class: 'num' }, fmtNumber(f.conversions, 0)), el('td', { class: 'num' }, fmtNumber(f.conversionValue)));
    const none = el('tr', {}, el('td', { colspan: 6, class: 'small' }, 'Nothing in this period'));
    fill($('perf-channels'), (perf.byChannel || []).length ? perf.byChannel.map(c => row(c.channel, c.figures)) : none);
    fill($('perf-segments'), (perf.bySegment || []).length ? perf.bySegment.map(s => row(s.segment, s.figures)) : none.cloneNode(true));
    setStatus('offer-status', '');
  } catch (error) {
    setStatus('offer-status', explain(error), true);
  }
}

/** A line chart in SVG: dates along, a nice scale up, one line per series, a legend. */
function lineChart(dates, series, title) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const width = 1100, height = 260, left = 56, right = 16, top = 28, bottom = 34;
  const plotW = width - left - right, plotH = height - top - bottom;
  const values = series.flatMap(s => s.values);
  const max = Math.max(0, ...values), min = Math.min(0, ...values);
  const nice = v => { if (v <= 0) return 1; const p = Math.pow(10, Math.floor(Math.log10(v))); return [1, 2, 5, 10].map(s => s * p).find(s => s >= v); };
  const top_ = nice(max), bottom_ = min < 0 ? -nice(-min) : 0;
  const x = i => left + (dates.length <= 1 ? plotW / 2 : plotW * i / (dates.length - 1));
  const y = v => top + plotH * (1 - (v - bottom_) / (top_ - bottom_));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, width: String(width), height: String(height) });
  root.append(svg('title', {}, title));
  for (let i = 0; i <= 4; i++) {
    const v = bottom_ + (top_ - bottom_) * i / 4;
    root.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: i === 0 && bottom_ === 0 ? '#8892a0' : '#e4e7ec' }));
    root.append(svg('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5b6675' }, fmtNumber(v, 2)));
  }
  const step = Math.max(1, Math.ceil(dates.length / 8));
  dates.forEach((d, i) => {
    if (i % step === 0 || i === dates.length - 1) {
      root.append(svg('text', { x: x(i), y: height - 12, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6675' },
        new Date(d + 'T00:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })));
    }
  });
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => x(i).toFixed(1) + ',' + y(v).toFixed(1)).join(' ');
    root.append(svg('polyline', { points, fill: 'none', stroke: s.color, 'stroke-width': 2, 'data-series': s.name }));
    s.values.forEach((v, i) => { if (v) root.append(svg('circle', { cx: x(i), cy: y(v), r: 3, fill: s.color })); });
    root.append(svg('rect', { x: left + k * 140, y: 6, width: 12, height: 12, fill: s.color, rx: 2 }));
    root.append(svg('text', { x: left + k * 140 + 18, y: 16, 'font-size': 12, fill: '#1c2430' }, s.name + ' ' + fmtNumber(s.values.reduce((a, b) => a + b, 0))));
  });
  return root;
}

// ---------- experiments ----------
pages.experiments = () => {
  listExperiments();
  $('experiment-form').addEventListener('submit', async event => {
    event.preventDefault();
    const arms = [1, 2, 3].map(n => ({ name: $('x-arm-' + n + '-name').value.trim(), strategy: $('x-arm-' + n + '-strategy').value,
      share: Number($('x-arm-' + n + '-share').value) })).filter(a => a.name);
    const body = { name: $('x-name').value.trim(), channels: Array.from(document.querySelectorAll('input[name=x-channels]:checked')).map(b => b.value), arms };
    const placements = list($('x-placements').value);
    if (placements.length) body.placements = placements;
    if ($('x-starts').value) body.startsAt = $('x-starts').value + ':00Z';
    if ($('x-ends').value) body.endsAt = $('x-ends').value + ':00Z';
    try {
      const created = await api('POST', '/v1/experiments', body);
      location.assign('/console/experiments/' + encodeURIComponent(created.id));
    } catch (error) {
      setStatus('experiment-save-status', explain(error) + (error.problem && error.problem.field ? ' (' + error.problem.field + ')' : ''), true);
    }
  });
};

async function listExperiments() {
  try {
    const all = await api('GET', '/v1/experiments');
    fill($('experiments-rows'), all.length ? all.map(x => el('tr', {},
      el('td', {}, el('a', { href: '/console/experiments/' + encodeURIComponent(x.id) }, x.name)),
      el('td', {}, el('span', { class: 'badge ' + x.status }, x.status)),
      el('td', {}, (x.channels || []).join(', ') + (x.placements && x.placements.length ? ' · ' + x.placements.join(', ') : '')),
      el('td', {}, (x.arms || []).map(a => a.name + ' ' + a.share + ' %').join(', ')),
      el('td', {}, fmtDate(x.startsAt) + ' – ' + (x.endsAt ? fmtDate(x.endsAt) : 'until stopped'))))
      : el('tr', {}, el('td', { colspan: 5, class: 'small' }, 'No experiment yet.')));
  } catch (error) {
    setStatus('experiments-status', explain(error), true);
  }
}

pages.experiment = () => loadExperiment($('experiment-head').dataset.experimentId);

async function loadExperiment(id) {
  const path = '/v1/experiments/' + encodeURIComponent(id);
  try {
    const [x, results, chart] = await Promise.all([api('GET', path), api('GET', path + '/results'),
      api('GET', path + '/results/chart', undefined, 'image/svg+xml')]);
    $('experiment-title').textContent = x.name;
    $('experiment-meta').textContent = [x.status, (x.channels || []).join(', '), 'since ' + fmtDate(x.startsAt)].join(' · ');
    const stop = $('experiment-stop');
    stop.hidden = x.status === 'ended';
    stop.onclick = async () => {
      stop.disabled = true;
      try { await api('POST', path + '/stop'); await loadExperiment(id); } catch (error) { setStatus('experiment-status', explain(error), true); }
      stop.disabled = false;
    };
    const verdict = $('experiment-verdict');
    verdict.textContent = results.verdict || (results.enoughPeople ? ''
      : 'Not enough people yet' + (results.requiredPeoplePerArm ? ': ' + fmtNumber(results.requiredPeoplePerArm, 0) + ' people per arm are needed' : '.'));
    verdict.hidden = !verdict.textContent.trim();
    const ratio = results.sampleRatio || {};
    fill($('experiment-checks'),
      el('div', { class: 'figure', 'data-figure': 'sample-ratio' }, el('div', { class: 'label' }, 'Sample ratio'),
        el('div', { class: 'value' }, ratio.mismatch ? 'Mismatch' : 'OK'), el('div', { class: 'small' }, ratio.pValue == null ? '' : 'p = ' + fmtNumber(ratio.pValue, 3))),
      ...(results.overall || []).map(a => el('div', { class: 'figure', 'data-figure': 'arm-' + a.arm }, el('div', { class: 'label' }, a.arm + ' (' + a.strategy + ')'),
        el('div', { class: 'value' }, fmtNumber(a.people, 0)), el('div', { class: 'small' }, 'people · acceptance ' + fmtPercent(a.acceptance && a.acceptance.rate)))));
    const box = $('experiment-chart');
    box.innerHTML = typeof chart === 'string' && chart.trim().startsWith('<') ? chart : '';
    const rows = [];
    const add = (segment, arms) => arms.forEach(a => rows.push(el('tr', {}, el('td', {}, segment), el('td', {}, a.arm),
      el('td', { class: 'num' }, fmtNumber(a.people, 0)),
      el('td', { class: 'num' }, a.acceptance ? fmtPercent(a.acceptance.rate) + ' [' + fmtPercent(a.acceptance.low) + ', ' + fmtPercent(a.acceptance.high) + ']' : '–'),
      el('td', { class: 'num' }, a.acceptanceUplift ? fmtPercent(a.acceptanceUplift.difference) + ' [' + fmtPercent(a.acceptanceUplift.low) + ', ' + fmtPercent(a.acceptanceUplift.high) + ']' + (a.acceptanceUplift.significant ? ' ★' : '') : 'baseline'),
      el('td', {}, a.acceptanceUplift ? (a.acceptanceUplift.enoughPeople ? 'yes' : 'not yet') : '–'))));
    add('all', results.overall || []);
    (results.segments || []).forEach(s => add(s.segment, s.arms || []));
    fill($('experiment-rows'), rows);
  } catch (error) {
    setStatus('experiment-status', explain(error), true);
  }
}

// ---------- model ----------
pages.model = () => {
  loadModel();
  $('model-build').addEventListener('click', buildModel);
  $('neighbours-form').addEventListener('submit', async event => {
    event.preventDefault();
    const sku = $('n-sku').value.trim();
    try {
      const neighbours = await api('GET', '/v1/models/co-purchase/neighbours/' + encodeURIComponent(sku));
      fill($('neighbours-rows'), neighbours.length ? neighbours.map(n => el('tr', {}, el('td', {}, n.sku), el('td', {}, n.category || '–'),
        el('td', { class: 'num' }, fmtNumber(n.count, 0)), el('td', { class: 'num' }, fmtPercent(n.confidence)),
        el('td', { class: 'num' }, fmtNumber(n.lift, 2)), el('td', { class: 'num' }, fmtNumber(n.llr, 1))))
        : el('tr', {}, el('td', { colspan: 6, class: 'small' }, 'Nothing is bought with ' + sku + ' often enough.')));
      $('neighbours').hidden = false;
      setStatus('neighbours-status', '');
    } catch (error) {
      $('neighbours').hidden = true;
      setStatus('neighbours-status', explain(error), true);
    }
  });
};

async function loadModel() {
  try {
    const b = await api('GET', '/v1/models/co-purchase');
    fill($('model-figures'), [['Version', b.modelVersion], ['Built', b.finishedAt ? new Date(b.finishedAt).toLocaleString('en-GB') : '–'],
      ['Took', b.durationMs == null ? '–' : b.durationMs < 1000 ? fmtNumber(b.durationMs, 0) + ' ms' : fmtNumber(b.durationMs / 1000, 1) + ' s'], ['Baskets', fmtNumber(b.baskets, 0)],
      ['Products', fmtNumber(b.items, 0)], ['Pairs', fmtNumber(b.pairs, 0)], ['Neighbours', fmtNumber(b.neighbours, 0)], ['Trigger', b.trigger]]
      .map(([label, value]) => el('div', { class: 'figure' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value || '–'))));
    setStatus('model-status', '');
  } catch (error) {
    setStatus('model-status', error.status === 404 ? 'No model has been built yet.' : explain(error), error.status !== 404);
  }
}

async function buildModel() {
  $('model-build').disabled = true;
  try {
    let build = await api('POST', '/v1/models/co-purchase/builds');
    while (build.status === 'queued' || build.status === 'running') {
      $('model-build-status').textContent = 'Building (' + build.status + ')…';
      await new Promise(resolve => setTimeout(resolve, 1000));
      build = await api('GET', '/v1/models/co-purchase/builds/' + build.id);
    }
    $('model-build-status').textContent = build.status === 'succeeded' ? 'Built.' : 'Build ' + build.status + (build.error ? ': ' + build.error : '');
    await loadModel();
  } catch (error) {
    $('model-build-status').textContent = explain(error);
  } finally {
    $('model-build').disabled = false;
  }
}
