// wechat-mass-mock dashboard: plain JavaScript over the control API (/__mock), no build step.
// It polls the state every second and renders it; rows are kept by key, so a button or a select
// being used is never replaced under the pointer. With a control token set, it asks for the token
// once and keeps it in sessionStorage for this tab.

const API = '/__mock';
const TOKEN_KEY = 'wechat-mass-mock.control-token';
const POLL_MS = 1000;
/** The journal can hold 10,000 entries: read it every few polls, and show only its tail. */
const JOURNAL_EVERY = 2;
const JOURNAL_TAIL = 40;
const MESSAGES_PER_APP = 50;
const REALSPEED = [80, 60, 45, 30, 10];
/** Each list of an app's content shows its newest this many, and says how many more there are. */
const CONTENT_ROWS = 8;
/** Material types as add_material takes them; WeChat's own counts put thumbs with the images. */
const MATERIAL_TYPES = ['image', 'thumb', 'voice', 'video'];
const DEFAULT_DRAFT = 'wxmock-default-news';

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
let locked = false;
let polls = 0;
let timer;
/** Optional parts of the control API this mock may not have (faults, journal): false once they 404. */
const available = { faults: true, journal: true };

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// ---------------------------------------------------------------- the control API

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'The mock is not answering. Is it still running?');
  }
  let json;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  if (res.status === 401) {
    lock(token ? 'That control token was refused. Enter the one the mock was started with.' : '');
    throw new ApiError(401, 'unauthorized', 'This mock needs its control token.');
  }
  if (!res.ok) throw new ApiError(res.status, json?.error ?? 'error', json?.message ?? `${method} ${API}${path} answered HTTP ${res.status}`);
  return json;
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Makes `tbody` hold one row per item, in order: rows are matched by key (data-key), created once
 * with `create(item)` and refreshed with `update(row, item)`; rows whose item is gone are removed.
 */
function syncRows(tbody, list, key, create, update) {
  const existing = new Map([...tbody.children].map((row) => [row.dataset.key, row]));
  let index = 0;
  for (const item of list) {
    const k = String(key(item));
    let row = existing.get(k);
    if (row) existing.delete(k);
    else {
      row = create(item);
      row.dataset.key = k;
    }
    update(row, item);
    // Move only when out of place: moving a row would take the focus from a control inside it.
    if (tbody.children[index] !== row) tbody.insertBefore(row, tbody.children[index] ?? null);
    index += 1;
  }
  for (const row of existing.values()) row.remove();
}

function showList(name, count) {
  const table = $(`${name}-table`);
  const empty = $(`${name}-empty`);
  if (table) table.hidden = count === 0;
  if (empty) empty.hidden = count !== 0;
  const counter = $(`${name}-count`);
  if (counter) setText(counter, String(count));
}

// ---------------------------------------------------------------- formatting

const pad = (n) => String(n).padStart(2, '0');

function formatTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function formatDuration(ms) {
  const negative = ms < 0;
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = d ? [`${d}d`, `${h}h`] : h ? [`${h}h`, `${m}m`] : m ? [`${m}m`, `${s}s`] : [`${s}s`];
  return `${negative ? '-' : ''}${parts.join(' ')}`;
}

function relative(iso, nowIso) {
  if (!iso || !nowIso) return '';
  const ms = Date.parse(iso) - Date.parse(nowIso);
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

const number = (n) => Number(n).toLocaleString('en-US');
/** realspeed is in 万 (10,000) a minute; spelled out, since not every machine has a CJK font. */
const perMinute = (speed) => `${number(REALSPEED[speed] * 10_000)}/min`;

const OUTCOME_TEXT = { ok: 'delivered', bad_reply: 'wrong reply', http_error: 'HTTP error', timeout: 'timed out', network_error: 'unreachable' };

/** The event push of a message in a few words: delivered, retrying, failed, or not (yet) pushed. */
function pushSummary(message, app) {
  const pushes = message.pushes ?? [];
  const ended = message.status === 'SEND_SUCCESS' || message.status === 'SEND_FAIL' || message.status === 'DELETE';
  if (pushes.length === 0) {
    if (!app?.callback_url) return { text: 'no callback URL', cls: '' };
    return { text: ended ? 'pushing…' : 'when it ends', cls: '' };
  }
  const last = pushes[pushes.length - 1];
  const attempts = `${pushes.length} attempt${pushes.length === 1 ? '' : 's'}`;
  const title = pushes
    .map((p) => `#${p.attempt} ${formatTime(p.at)}: ${OUTCOME_TEXT[p.outcome] ?? p.outcome}${p.status ? ` (HTTP ${p.status})` : ''}${p.error ? ` ${p.error}` : ''}${p.reply !== undefined && p.outcome !== 'ok' ? ` reply ${JSON.stringify(p.reply)}` : ''}`)
    .join('\n');
  if (last.outcome === 'ok') return { text: `delivered (${attempts})`, cls: 'ok', title };
  if (pushes.length >= 4) return { text: `failed: ${OUTCOME_TEXT[last.outcome] ?? last.outcome} (${attempts})`, cls: 'failed', title };
  return { text: `retrying: ${OUTCOME_TEXT[last.outcome] ?? last.outcome} (${attempts})`, cls: 'retrying', title };
}

// ---------------------------------------------------------------- banners

let noticeTimer;
function notice(text) {
  const node = $('notice');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (node.hidden = true), 4000);
}

function showError(text) {
  const node = $('error-banner');
  if (!text) {
    node.hidden = true;
    node.textContent = '';
    return;
  }
  node.textContent = text;
  node.hidden = false;
}

function setConnection(state, text) {
  const node = $('connection');
  node.className = `connection ${state}`;
  setText(node, text);
}

/** Runs a user action: errors go to the banner, success to the notice, then the page refreshes. */
async function act(button, action, success) {
  if (button) button.disabled = true;
  try {
    await action();
    showError('');
    if (success) notice(success);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showError(error.message);
  } finally {
    if (button) button.disabled = false;
  }
  await refresh();
}

// ---------------------------------------------------------------- the control token

function lock(message) {
  locked = true;
  $('main').hidden = true;
  $('token-panel').hidden = false;
  $('forget-token').hidden = true;
  const error = $('token-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  setConnection('down', 'Locked: control token needed');
  $('token-input').focus();
}

function unlock() {
  locked = false;
  $('token-panel').hidden = true;
  $('main').hidden = false;
  $('forget-token').hidden = !token;
}

// ---------------------------------------------------------------- rendering

function renderClock(state) {
  setText($('clock-now'), `${formatTime(state.now)} UTC`);
  setText($('clock-mode'), state.mode === 'manual' ? 'Manual clock: time moves only when you advance it.' : `Real clock${state.scale !== 1 ? `, ${state.scale}× faster than real time` : ''}.`);
  const target = $('advance-target');
  const wanted = ['', ...state.apps.map((app) => app.appid)];
  const have = [...target.options].map((option) => option.value);
  if (wanted.join('\n') !== have.join('\n')) {
    const selected = target.value;
    target.replaceChildren(...wanted.map((appid) => el('option', { value: appid, text: appid === '' ? 'All apps (global clock)' : `Only ${appid}` })));
    target.value = wanted.includes(selected) ? selected : '';
  }
}

function renderApps(state) {
  const tbody = $('apps-table').querySelector('tbody');
  syncRows(
    tbody,
    state.apps,
    (app) => app.appid,
    (app) => {
      const select = el(
        'select',
        {
          'data-testid': 'speed-select',
          'aria-label': `Speed of ${app.appid}`,
          onchange: (event) => {
            const speed = Number(event.target.value);
            act(event.target, () => api('PATCH', `/apps/${encodeURIComponent(app.appid)}`, { speed }), `Speed of ${app.appid} set to ${speed} (${perMinute(speed)}).`);
          },
        },
        ...REALSPEED.map((_real, speed) => el('option', { value: String(speed), text: `${speed} · ${perMinute(speed)}` })),
      );
      return el(
        'tr',
        { 'data-testid': 'app-row', 'data-appid': app.appid },
        el('td', { class: 'mono', 'data-testid': 'app-id' }),
        el('td', { class: 'mono' }),
        el('td'),
        el('td', { class: 'wrap', 'data-testid': 'app-tags' }),
        el('td', {}, select),
        el('td'),
        el('td', { class: 'wrap mono' }),
        el('td', { 'data-testid': 'app-now' }),
        el('td'),
      );
    },
    (row, app) => {
      const [id, original, fans, tags, speedCell, protection, callback, now, count] = row.children;
      setText(id, app.appid);
      setText(original, app.original_id);
      setText(fans, number(app.fans));
      setText(tags, app.tags.map((tag) => `${tag.id} ${tag.name}: ${number(tag.count)}`).join(' · '));
      const select = speedCell.firstChild;
      if (document.activeElement !== select && select.value !== String(app.speed)) select.value = String(app.speed);
      setText(protection, app.protection ? 'on' : 'off');
      setText(callback, app.callback_url ? `${app.callback_url}${app.has_encoding_aes_key ? ' (safe mode)' : ''}` : 'none');
      setText(now, formatTime(app.now));
      now.title = app.offset_ms ? `${formatDuration(app.offset_ms)} ahead of the global clock` : 'on the global clock';
      setText(count, number(app.message_count));
    },
  );
  showList('apps', state.apps.length);
}

function allMessages(state) {
  const list = [];
  for (const app of state.apps) for (const message of app.messages) list.push({ message, app });
  list.sort((a, b) => Date.parse(b.message.created_at) - Date.parse(a.message.created_at) || b.message.msg_id - a.message.msg_id);
  return list;
}

function renderPending(list) {
  const pending = list.filter(({ message }) => message.status === 'AWAITING_CONFIRMATION');
  const tbody = $('pending-table').querySelector('tbody');
  syncRows(
    tbody,
    pending,
    ({ message }) => message.msg_id,
    ({ message }) =>
      el(
        'tr',
        { 'data-testid': 'pending-row', 'data-msg-id': String(message.msg_id) },
        el('td', { class: 'mono', text: String(message.msg_id) }),
        el('td', { class: 'mono', text: message.appid }),
        el('td', { text: message.msgtype }),
        el('td', { text: number(message.audience) }),
        el('td'),
        el('td'),
        el(
          'td',
          { class: 'actions' },
          el('button', {
            type: 'button',
            'data-testid': 'approve',
            text: 'Approve',
            onclick: (event) => act(event.target, () => api('POST', `/messages/${message.msg_id}/approve`), `Approved ${message.msg_id}: it is sending now.`),
          }),
          el('button', {
            type: 'button',
            class: 'danger',
            'data-testid': 'reject',
            text: 'Reject',
            onclick: (event) => act(event.target, () => api('POST', `/messages/${message.msg_id}/reject`), `Rejected ${message.msg_id}: it ends SEND_FAIL with err(40001).`),
          }),
        ),
      ),
    (row, { message, app }) => {
      setText(row.children[4], formatTime(message.created_at));
      setText(row.children[5], message.due_at ? `${formatTime(message.due_at)} (${relative(message.due_at, app.now)})` : '–');
    },
  );
  showList('pending', pending.length);
}

function renderMessages(list) {
  const tbody = $('messages-table').querySelector('tbody');
  syncRows(
    tbody,
    list,
    ({ message }) => message.msg_id,
    ({ message }) =>
      el(
        'tr',
        { 'data-testid': 'message-row', 'data-msg-id': String(message.msg_id) },
        el('td', { class: 'mono', text: String(message.msg_id) }),
        el('td', { class: 'mono', text: message.appid }),
        el('td', { text: message.msgtype }),
        el('td', {}, el('span', { class: 'badge', 'data-testid': 'message-status' })),
        el('td', {}, el('span', { class: 'progress' }, el('span')), el('span')),
        el('td'),
        el('td'),
        el('td', { 'data-testid': 'event-status' }),
        el('td', {}, el('span', { class: 'badge', 'data-testid': 'push-status' })),
      ),
    (row, { message, app }) => {
      const cells = row.children;
      const badge = cells[3].firstChild;
      setText(badge, message.status);
      badge.className = `badge ${message.status}`;
      const share = message.audience > 0 ? message.sent / message.audience : message.status === 'SEND_SUCCESS' ? 1 : 0;
      cells[4].firstChild.firstChild.style.width = `${Math.round(share * 100)}%`;
      setText(cells[4].lastChild, `${number(message.sent)} / ${number(message.audience)}`);
      setText(cells[5], formatTime(message.created_at));
      const end = message.finished_at ?? message.due_at;
      setText(cells[6], end ? `${formatTime(end)}${message.finished_at ? '' : ` (${relative(end, app.now)})`}` : '–');
      setText(cells[7], message.event_status ?? '–');
      const push = pushSummary(message, app);
      const pushBadge = cells[8].firstChild;
      setText(pushBadge, push.text);
      pushBadge.className = `badge ${push.cls}`;
      pushBadge.title = push.title ?? '';
    },
  );
  showList('messages', list.length);
}

/** A temporary media_id's time left at its app's time: the 3 days sends take it for. */
function timeLeft(media, app) {
  if (media.expired) return { text: 'expired', cls: 'failed' };
  const ms = Date.parse(media.expires_at) - Date.parse(app.now);
  return { text: `${formatDuration(ms)} left`, cls: ms < 86_400_000 ? 'retrying' : 'ok' };
}

/** Fills `list` with the first CONTENT_ROWS of `items` and its "more" line with how many are left out. */
function syncContentList(list, items, key, create, update) {
  syncRows(list.querySelector('ul'), items.slice(0, CONTENT_ROWS), key, create, update);
  const more = list.querySelector('.more');
  more.hidden = items.length <= CONTENT_ROWS;
  setText(more, `and ${number(items.length - CONTENT_ROWS)} more`);
  list.querySelector('.empty').hidden = items.length > 0;
}

function contentList(testid, emptyText) {
  return el('div', { 'data-testid': testid }, el('ul', { class: 'content-list' }), el('p', { class: 'more', hidden: true }), el('p', { class: 'empty', text: emptyText }));
}

/** A media_id's row: its type, what it is, anything `extra`, and the media_id under them. */
function mediaRow(testid, media, label, ...extra) {
  return el(
    'li',
    { 'data-testid': testid, 'data-media-id': media.media_id },
    el('span', { class: 'badge', text: media.type }),
    ' ',
    el('span', { text: label }),
    ...extra,
    el('div', { class: 'mono muted', text: media.media_id }),
  );
}

function createContentCard(app) {
  return el(
    'article',
    { class: 'content-app', 'data-testid': 'content-app', 'data-appid': app.appid },
    el('h3', { class: 'mono', text: app.appid }),
    el(
      'div',
      { class: 'content-grid' },
      el('div', {}, el('h4', { 'data-testid': 'drafts-heading' }), contentList('draft-list', 'No drafts but the default one.')),
      el(
        'div',
        {},
        el('h4', { text: 'Permanent material' }),
        el('div', { class: 'chips' }, ...MATERIAL_TYPES.map((type) => el('span', { class: 'chip', 'data-testid': 'material-count', 'data-type': type }))),
        contentList('material-list', 'No material.'),
      ),
      el('div', {}, el('h4', { text: 'Temporary media' }), contentList('temporary-list', 'No temporary media.')),
    ),
  );
}

function updateContentCard(card, app) {
  // Newest first; the default draft, the mock's own, last.
  const drafts = app.drafts.filter((draft) => draft.media_id !== DEFAULT_DRAFT).reverse();
  setText(card.querySelector('[data-testid="drafts-heading"]'), `Drafts (${number(drafts.length)})`);
  const listed = [...drafts, ...app.drafts.filter((draft) => draft.media_id === DEFAULT_DRAFT)];
  syncContentList(
    card.querySelector('[data-testid="draft-list"]'),
    listed,
    (draft) => draft.media_id,
    (draft) =>
      el(
        'li',
        { 'data-testid': 'draft-row', 'data-media-id': draft.media_id },
        el('span', { 'data-testid': 'draft-titles' }),
        ' ',
        el('span', { class: 'badge' }),
        el('div', { class: 'mono muted', text: draft.media_id }),
      ),
    (row, draft) => {
      setText(row.children[0], draft.articles.map((article) => article.title).join(' · '));
      const badge = row.children[1];
      const note = draft.media_id === DEFAULT_DRAFT ? 'default' : `${draft.articles.length} article${draft.articles.length === 1 ? '' : 's'}${draft.updated_at ? ', updated' : ''}`;
      setText(badge, note);
      badge.title = draft.updated_at ? `updated ${formatTime(draft.updated_at)}` : draft.created_at ? `added ${formatTime(draft.created_at)}` : 'every app has it from the start';
    },
  );
  const material = app.library.filter((media) => media.source === 'material').reverse();
  for (const chip of card.querySelectorAll('[data-testid="material-count"]')) {
    const type = chip.dataset.type;
    setText(chip, `${type} ${number(material.filter((media) => media.type === type).length)}`);
  }
  syncContentList(
    card.querySelector('[data-testid="material-list"]'),
    material,
    (media) => media.media_id,
    // Material never changes once made: its row needs no refresh.
    (media) => mediaRow('material-row', media, media.title ?? media.file?.filename ?? ''),
    () => {},
  );
  const temporary = app.library.filter((media) => media.source !== 'material').reverse();
  syncContentList(
    card.querySelector('[data-testid="temporary-list"]'),
    temporary,
    (media) => media.media_id,
    (media) => mediaRow('temporary-row', media, media.source === 'upload' ? media.file?.filename ?? '' : media.source, ' ', el('span', { class: 'badge', 'data-testid': 'time-left' })),
    (row, media) => {
      const left = timeLeft(media, app);
      const badge = row.querySelector('[data-testid="time-left"]');
      setText(badge, left.text);
      badge.className = `badge ${left.cls}`;
      badge.title = `expires ${formatTime(media.expires_at)} (app time)`;
    },
  );
}

function renderContent(state) {
  syncRows($('content-table'), state.apps, (app) => app.appid, createContentCard, updateContentCard);
  showList('content', state.apps.length);
}

function faultEffect(fault) {
  if (fault.errcode !== undefined) return `errcode ${fault.errcode}`;
  if (fault.http_status !== undefined) return `HTTP ${fault.http_status}`;
  if (fault.delay_ms !== undefined) return `delay ${number(fault.delay_ms)} ms`;
  if (fault.reset) return 'connection reset';
  return '?';
}

function renderFaults(result) {
  const panel = $('faults');
  if (!available.faults) {
    panel.hidden = true;
    return;
  }
  const faults = result?.faults ?? [];
  syncRows(
    $('faults-table').querySelector('tbody'),
    faults,
    (fault) => fault.id,
    () => el('tr', { 'data-testid': 'fault-row' }, el('td', { class: 'mono' }), el('td'), el('td', { class: 'mono' }), el('td'), el('td')),
    (row, fault) => {
      const cells = row.children;
      setText(cells[0], fault.id);
      setText(cells[1], fault.operation);
      setText(cells[2], fault.appid ?? 'every app');
      setText(cells[3], faultEffect(fault));
      setText(cells[4], number(fault.times));
    },
  );
  showList('faults', faults.length);
  $('faults-clear').hidden = faults.length === 0;
}

function renderJournal(result) {
  const panel = $('journal');
  if (!available.journal) {
    panel.hidden = true;
    return;
  }
  if (!result) return;
  const tail = result.requests.slice(-JOURNAL_TAIL).reverse();
  // Entries have no id: the position from the oldest is stable while the ring does not drop any.
  const offset = result.dropped + result.requests.length;
  syncRows(
    $('journal-table').querySelector('tbody'),
    tail.map((entry, i) => ({ entry, key: offset - i })),
    (item) => item.key,
    () => el('tr', { 'data-testid': 'journal-row' }, el('td'), el('td', {}, el('span')), el('td'), el('td', { class: 'mono' }), el('td', { class: 'wrap mono' }), el('td')),
    (row, { entry }) => {
      const cells = row.children;
      const answer = entry.status === null ? 'no answer' : entry.status !== undefined ? `HTTP ${entry.status}` : entry.errcode === null ? 'HTTP 200' : `errcode ${entry.errcode}`;
      setText(cells[0], formatTime(entry.time));
      const badge = cells[1].firstChild;
      setText(badge, entry.direction);
      badge.className = `badge ${entry.direction}`;
      setText(cells[2], entry.operation ?? '–');
      setText(cells[3], entry.appid ?? '–');
      // Through intercept mode's proxy, the WeChat host the client asked for (a refusal's path already names it).
      setText(cells[4], entry.host !== undefined && entry.direction === 'in' ? `${entry.method} ${entry.host}${entry.path}` : `${entry.method} ${entry.path}`);
      setText(cells[5], answer);
    },
  );
  showList('journal', tail.length);
}

// ---------------------------------------------------------------- polling

async function optional(name, path) {
  if (!available[name]) return undefined;
  try {
    return await api('GET', path);
  } catch (error) {
    // An older mock (or one without that part): hide the panel instead of showing an error forever.
    if (error instanceof ApiError && error.status === 404) available[name] = false;
    else throw error;
    return undefined;
  }
}

async function refresh() {
  clearTimeout(timer);
  if (locked) return;
  try {
    polls += 1;
    const readJournal = polls % JOURNAL_EVERY === 1;
    const [state, faults, journal] = await Promise.all([
      api('GET', `/state?messages=${MESSAGES_PER_APP}`),
      optional('faults', '/faults'),
      readJournal ? optional('journal', '/requests') : Promise.resolve(undefined),
    ]);
    unlock();
    renderClock(state);
    renderApps(state);
    const list = allMessages(state);
    renderPending(list);
    renderMessages(list);
    renderContent(state);
    renderFaults(faults);
    if (readJournal || !available.journal) renderJournal(journal);
    setConnection('live', `Live · updated ${new Date().toLocaleTimeString()}`);
    if ($('error-banner').dataset.source === 'poll') {
      showError('');
      delete $('error-banner').dataset.source;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    setConnection('down', 'Not connected');
    showError(error.message);
    $('error-banner').dataset.source = 'poll';
  } finally {
    // One chain of polls, however many refreshes overlapped (a poll and a button's refresh).
    clearTimeout(timer);
    if (!locked) timer = setTimeout(refresh, POLL_MS);
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    token = value;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token-input').value = '';
    locked = false;
    $('token-panel').hidden = true;
    refresh();
  });

  $('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    token = '';
    lock('');
  });

  $('advance-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const amount = Number($('advance-amount').value);
    const unit = Number($('advance-unit').value);
    const appid = $('advance-target').value;
    const ms = Math.round(amount * unit);
    if (!Number.isFinite(ms) || ms < 0) {
      showError('Enter a positive amount: time only moves forward.');
      return;
    }
    const unitName = $('advance-unit').selectedOptions[0]?.textContent ?? 'ms';
    act(
      $('advance-button'),
      () => api('POST', '/clock', appid ? { advance_ms: ms, appid } : { advance_ms: ms }),
      `Moved ${appid ? `${appid}'s clock` : 'the global clock'} forward ${amount} ${unitName}.`,
    );
  });

  $('faults-clear').addEventListener('click', (event) => act(event.target, () => api('DELETE', '/faults'), 'All faults cleared.'));
}

wire();
refresh();
