// The dashboard page: reads live snapshots from GET /api/v1/stream (server-sent events read
// with fetch, so the key travels in a header, never in a URL), renders them, and sends the few
// actions a person takes (dead-letter replay, trace search) through the gateway's REST routes.
import { barChart, lineChart, round } from './charts.js';

const API = '/api/v1';
const KEY_STORE = 'millwright.dashboard.key';
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Element with attributes and children; strings become text nodes (never markup). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') el.addEventListener('click', v);
    else el.setAttribute(k, String(v));
  }
  for (const child of children.flat()) el.append(child instanceof Node ? child : String(child));
  return el;
}

const notAvailable = (reason) => h('p', { class: 'na' }, reason);
const fmt = (v) =>
  v === null || v === undefined ? 'n/a' : typeof v === 'number' ? String(round(v)) : v;
const pct = (v) => `${Math.round(v * 1000) / 10}%`;

function table(headers, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((t) => h('th', {}, t)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

function card(label, value, testid) {
  return h(
    'div',
    { class: 'card', 'data-testid': testid },
    h('span', {}, label),
    h('b', {}, value),
  );
}

let key = sessionStorage.getItem(KEY_STORE) ?? '';

function headers(extra = {}) {
  return { Authorization: key.includes('.') ? `Bearer ${key}` : `ApiKey ${key}`, ...extra };
}

function say(text, kind = 'info') {
  const el = $('message');
  el.textContent = text;
  el.className = kind;
}

/** The gateway's error body ({ type, message }) as one line for a person. */
async function describeFailure(res) {
  const body = await res.json().catch(() => ({}));
  if (res.status === 403)
    return `Refused (403 ${body.type}): this needs role ${body.data?.required}; your key has ${body.data?.held}.`;
  if (res.status === 401) return `Not signed in (401 ${body.type}): check the key.`;
  return `${res.status} ${body.type ?? ''}: ${body.message ?? res.statusText}`;
}

function renderFlows(m) {
  $('flow-cards').replaceChildren(
    card('ERP postings', fmt(m.postings), 'postings-total'),
    card('postings/s', fmt(m.postingsPerSecond), 'postings-rate'),
    card('duplicates suppressed', fmt(m.duplicatesSuppressed), 'duplicates'),
    card('samples/s', fmt(m.samplesPerSecond), 'samples-rate'),
    card('edge frames buffered', fmt(m.bufferedFrames), 'buffered-frames'),
    card('lane depth', fmt(m.laneDepth), 'lane-depth'),
    card('nodes reporting metrics', String(m.nodesReporting), 'metrics-nodes'),
  );
  const absent = [
    ['samples/s', m.samplesPerSecond],
    ['edge frames buffered', m.bufferedFrames],
    ['lane depth', m.laneDepth],
  ].filter(([, value]) => value === null);
  if (absent.length > 0)
    $('flow-cards').append(
      h(
        'p',
        { class: 'na' },
        `${absent.map(([label]) => label).join(', ')}: not available on this node (no node reports the metric yet)`,
      ),
    );
  const points = m.history.map((p) => ({ at: p.at, value: p.postingsPerSecond }));
  $('posting-chart').replaceChildren(h('h3', {}, 'ERP postings per second'), lineChart(points));
  const failures = Object.entries(m.failuresByCode).sort((a, b) => b[1] - a[1]);
  $('failure-chart').replaceChildren(
    failures.length === 0
      ? h('p', { class: 'ok' }, 'no failures counted')
      : barChart(failures.map(([label, value]) => ({ label, value }))),
  );
}

function renderOee(section) {
  if (!section.available) return $('oee-body').replaceChildren(notAvailable(section.reason));
  if (section.rows.length === 0)
    return $('oee-body').replaceChildren(
      h('p', { class: 'na' }, 'waiting for the first shift update'),
    );
  $('oee-body').replaceChildren(
    ...section.rows.map((r) =>
      h(
        'div',
        { class: 'oee' },
        h('h3', {}, `${r.workCenter} (${r.plant}) ${r.date} ${r.shift}: OEE ${pct(r.oee)}`),
        barChart(
          [
            { label: 'availability', value: r.availability, text: pct(r.availability) },
            { label: 'effectiveness', value: r.effectiveness, text: pct(r.effectiveness) },
            { label: 'quality', value: r.qualityRatio, text: pct(r.qualityRatio) },
          ],
          { max: 1, labelWidth: 110 },
        ),
      ),
    ),
  );
}

function currentOrder(state) {
  const run = (state?.runs ?? []).find((r) => r.status !== 'completed');
  return run ? `${run.order?.order ?? '?'} / ${run.operation} (${run.status})` : '';
}

function renderActors(section) {
  if (!section.available) return $('actors-body').replaceChildren(notAvailable(section.reason));
  const rows = section.rows.map((a) =>
    h(
      'tr',
      { 'data-key': a.key },
      h('td', {}, a.key),
      h('td', {}, a.owner),
      h('td', {}, a.state?.machine?.state ?? ''),
      h('td', {}, currentOrder(a.state)),
      h('td', { class: 'num' }, a.state?.good ?? ''),
      h('td', { class: 'num' }, a.state?.scrap ?? ''),
      h('td', { class: 'num' }, a.mailboxDepth),
      h('td', { class: 'num' }, a.sequence),
      h('td', {}, new Date(a.lastActivityAt).toISOString()),
    ),
  );
  const perNode = Object.entries(section.perNode)
    .map(([n, c]) => `${n}: ${c}`)
    .join(', ');
  $('actors-body').replaceChildren(
    table(
      [
        'KEY',
        'OWNER',
        'MACHINE',
        'CURRENT ORDER',
        'GOOD',
        'SCRAP',
        'MAILBOX',
        'LAST SEQ',
        'LAST ACTIVITY',
      ],
      rows,
      { 'data-testid': 'actors-table' },
    ),
    h('p', {}, `${section.rows.length} actor(s) active (${perNode})`),
  );
}

async function replay(id) {
  say(`Replaying dead letter ${id}...`);
  const res = await fetch(`${API}/dlq/${id}/replay`, { method: 'POST', headers: headers() });
  if (!res.ok) return say(await describeFailure(res), 'error');
  const result = await res.json();
  say(`Dead letter ${id} replayed: ${result.outcome} ${(result.documents ?? []).join(', ')}`, 'ok');
}

function renderErp(section) {
  if (!section.available) return $('erp-body').replaceChildren(notAvailable(section.reason));
  const s = section.stats;
  const stats = Object.entries(s).map(([k, v]) => card(k, String(v), `erp-${k}`));
  const letters = section.deadLetters.map((d) =>
    h(
      'tr',
      { 'data-dead-letter': d.id },
      h('td', {}, d.id),
      h('td', {}, d.type ?? '(undecodable)'),
      h('td', {}, h('code', {}, d.code)),
      h('td', {}, d.message),
      h('td', { class: 'num' }, d.attempts),
      h('td', {}, d.deadLetteredAt),
      h('td', {}, h('button', { onclick: () => void replay(d.id), 'data-replay': d.id }, 'Replay')),
    ),
  );
  $('erp-body').replaceChildren(
    h('div', { class: 'cards' }, stats),
    h('h3', {}, `Dead letters (${letters.length})`),
    letters.length === 0
      ? h('p', { class: 'ok', 'data-testid': 'no-dead-letters' }, 'no dead letters')
      : table(['ID', 'EVENT', 'CODE', 'REASON', 'ATTEMPTS', 'SINCE', ''], letters, {
          'data-testid': 'dead-letters',
        }),
  );
}

function renderNodes(nodes, gatewayNode) {
  const rows = nodes.map((n) =>
    h(
      'tr',
      { class: n.available ? '' : 'down' },
      h('td', {}, n.id, n.id === gatewayNode ? ' (this gateway)' : ''),
      h('td', {}, n.available ? 'up' : 'down'),
      h('td', {}, n.description?.plant ?? ''),
      h('td', {}, n.description?.mode ?? ''),
      h('td', {}, n.description?.version ?? ''),
      h('td', { class: 'num' }, n.description?.uptimeSeconds ?? ''),
      h('td', {}, n.services.join(', ')),
    ),
  );
  $('nodes-body').replaceChildren(
    table(['NODE', 'STATE', 'PLANT', 'MODE', 'VERSION', 'UPTIME S', 'SERVICES'], rows, {
      'data-testid': 'nodes-table',
    }),
  );
}

function render(snapshot) {
  $('updated-at').textContent = `updated ${snapshot.at}`;
  renderFlows(snapshot.metrics);
  renderOee(snapshot.oee);
  renderActors(snapshot.actors);
  renderErp(snapshot.erp);
  renderNodes(snapshot.nodes, snapshot.gatewayNode);
}

function live(on, label) {
  const el = $('live');
  el.textContent = label;
  el.className = `badge ${on ? 'on' : 'off'}`;
}

/** Reads the SSE stream (WHATWG HTML 9.2 framing: fields per line, events end at a blank line). */
async function stream(signal) {
  const res = await fetch(`${API}/stream`, { headers: headers(), signal });
  if (!res.ok || res.body === null) {
    live(false, 'offline');
    say(await describeFailure(res), 'error');
    return res.status === 401 || res.status === 403 ? 'stop' : 'retry';
  }
  live(true, 'live');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data !== '' && /^event: snapshot$/m.test(block)) render(JSON.parse(data));
    }
  }
  live(false, 'reconnecting');
  return 'retry';
}

let connection;
async function connect() {
  connection?.abort();
  const controller = new AbortController();
  connection = controller;
  while (!controller.signal.aborted && key !== '') {
    const next = await stream(controller.signal).catch(() => 'retry');
    if (next === 'stop' || controller.signal.aborted) return;
    live(false, 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

async function trace(event) {
  event.preventDefault();
  const q = /** @type {HTMLInputElement} */ ($('trace-query')).value.trim();
  if (q === '') return;
  const path = /^\d{4,12}(\/\d{1,8})?$/.test(q)
    ? `/trace?erpDocument=${encodeURIComponent(q)}`
    : `/trace/${encodeURIComponent(q)}`;
  const res = await fetch(API + path, { headers: headers() });
  const out = $('trace-result');
  if (res.ok) out.textContent = JSON.stringify(await res.json(), null, 2);
  else if (res.status === 404 || res.status === 503) {
    const body = await res.json().catch(() => ({}));
    out.textContent =
      body.type === 'MW_GATEWAY_ROUTE_NOT_FOUND' || body.type === 'MW_GATEWAY_SERVICE_UNAVAILABLE'
        ? 'Trace is not available on this node.'
        : `${body.type}: ${body.message}`;
  } else out.textContent = await describeFailure(res);
}

function start() {
  // A key given in the fragment (#key=...) is never sent to the server; keep it for this tab.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    key = fromHash;
    sessionStorage.setItem(KEY_STORE, key);
    history.replaceState(null, '', location.pathname);
  }
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    key = /** @type {HTMLInputElement} */ ($('key')).value.trim();
    sessionStorage.setItem(KEY_STORE, key);
    say('');
    void connect();
  });
  $('logout').addEventListener('click', () => {
    key = '';
    sessionStorage.removeItem(KEY_STORE);
    connection?.abort();
    live(false, 'offline');
  });
  $('trace-form').addEventListener('submit', (event) => void trace(event));
  if (key === '') say('Enter an API key or JWT to connect.');
  else void connect();
}

start();
