// The topica explorer page: plain JavaScript against the JSON API of `topica serve`
// (src/serve/server.cpp). No build step, nothing fetched from outside the server.
'use strict';

const PAGE = 50;
const state = { topics: new Map(), topic: null, offset: 0, total: 0 };
const $ = (id) => document.getElementById(id);

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function status(message) { $('status').textContent = message; }

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function topicName(id) {
  const t = state.topics.get(id);
  if (!t) return `Topic ${id}`;
  return t.label || t.name;
}

function shorten(text, n) { return text.length > n ? text.slice(0, n) + '\u2026' : text; }

// One clickable document line: its row, topic and the start of its text.
function documentItem(doc, extra) {
  const li = el('li', 'document');
  li.dataset.row = doc.row;
  li.append(el('span', 'meta', `#${doc.row} \u00b7 topic ${doc.topic}${extra ? ' \u00b7 ' + extra : ''}`), el('br'),
            el('span', 'text', shorten(doc.text || '', 200)));
  li.addEventListener('click', () => showDocument(doc.row));
  return li;
}

function renderTopics(topics) {
  const list = $('topic-list');
  list.replaceChildren();
  for (const t of topics) {
    state.topics.set(t.id, t);
    const li = el('li', 'topic');
    li.dataset.topic = t.id;
    li.append(el('span', 'topic-id', t.id === -1 ? 'Outliers' : `${t.id}`), el('span', 'name', t.label || ''),
              el('span', 'count', `${t.count}`), el('div', 'words', t.words.slice(0, 6).join(', ')));
    li.addEventListener('click', () => showTopic(t.id, 0));
    list.append(li);
  }
}

async function showTopic(id, offset) {
  try {
    const page = await api(`/api/documents?topic=${id}&offset=${offset}&limit=${PAGE}`);
    Object.assign(state, { topic: id, offset, total: page.total });
    for (const li of $('topic-list').children) li.classList.toggle('selected', Number(li.dataset.topic) === id);
    $('documents-title').textContent = `${topicName(id)}: ${page.total} documents`;
    $('document-list').replaceChildren(...page.documents.map((d) => documentItem(d,
      d.probability === null ? '' : `p ${d.probability.toFixed(2)}`)));
    const last = Math.min(offset + PAGE, page.total);
    $('page-info').textContent = page.total ? `${offset + 1}\u2013${last} of ${page.total}` : 'none';
    $('prev').disabled = offset === 0;
    $('next').disabled = last >= page.total;
    $('documents').hidden = false;
    $('search-results').hidden = true;
    status('');
  } catch (e) { status(e.message); }
}

function distributionChart(distribution) {
  const target = $('doc-distribution');
  const shown = distribution.filter((d) => d.probability > 0);
  if (!window.Plotly || shown.length === 0) { target.replaceChildren(el('p', 'meta', 'No topic distribution.')); return; }
  target.replaceChildren();
  Plotly.newPlot(target, [{ type: 'bar', orientation: 'h', x: shown.map((d) => d.probability),
    y: shown.map((d) => shorten(topicName(d.topic), 30)), marker: { color: '#4a78a8' } }],
    { margin: { l: 160, r: 10, t: 10, b: 30 }, yaxis: { autorange: 'reversed' }, xaxis: { range: [0, 1] } },
    { displayModeBar: false, responsive: true });
}

async function showDocument(row) {
  try {
    const [doc, similar] = await Promise.all([api(`/api/documents/${row}`),
      api(`/api/similar?doc=${row}`).catch(() => ({ documents: [] }))]);
    $('doc-title').textContent = `Document #${doc.row}`;
    $('doc-topic').textContent = `Topic ${doc.topic}: ${topicName(doc.topic)}` +
      (doc.probability === null ? '' : ` (probability ${doc.probability.toFixed(3)})`);
    $('doc-text').textContent = doc.text;
    $('document-panel').hidden = false;
    distributionChart(doc.distribution);
    $('similar-list').replaceChildren(...similar.documents.map((d) => documentItem(d, `cos ${d.similarity.toFixed(3)}`)));
    status('');
  } catch (e) { status(e.message); }
}

async function search(query) {
  const box = $('search-results');
  try {
    const result = await api(`/api/search?q=${encodeURIComponent(query)}`);
    const topics = el('ol', 'search-topics');
    for (const t of result.topics) {
      const li = el('li', 'topic');
      li.append(el('span', 'topic-id', `${t.id}`), el('span', 'name', t.name), el('span', 'count', t.similarity.toFixed(3)));
      li.addEventListener('click', () => showTopic(t.id, 0));
      topics.append(li);
    }
    const docs = el('ol', 'search-documents');
    docs.append(...result.documents.map((d) => documentItem(d, `cos ${d.similarity.toFixed(3)}`)));
    box.replaceChildren(el('h2', '', `Topics for \u201c${query}\u201d`), topics, el('h2', '', 'Documents'), docs);
    box.hidden = false;
    $('documents').hidden = true;
    status('');
  } catch (e) { status(e.message); }
}

// The document map: one WebGL trace per topic so the legend names them and toggles them.
function drawMap(map) {
  const target = $('map');
  if (!window.Plotly || map.rows === 0) { target.hidden = true; return; }
  const byTopic = new Map();
  for (let i = 0; i < map.rows; ++i) {
    const t = map.topic[i];
    if (!byTopic.has(t)) byTopic.set(t, { x: [], y: [], rows: [] });
    const g = byTopic.get(t);
    g.x.push(map.x[i]); g.y.push(map.y[i]); g.rows.push(i);
  }
  const traces = [...byTopic.entries()].sort((a, b) => a[0] - b[0]).map(([t, g]) => ({
    type: 'scattergl', mode: 'markers', name: shorten(topicName(t), 28), x: g.x, y: g.y, customdata: g.rows,
    hovertemplate: `#%{customdata} \u00b7 topic ${t}<extra></extra>`,
    marker: t === -1 ? { size: 4, color: '#bbb' } : { size: 5 } }));
  Plotly.newPlot(target, traces, { margin: { l: 20, r: 10, t: 10, b: 20 }, xaxis: { visible: false },
    yaxis: { visible: false }, legend: { font: { size: 10 } } }, { responsive: true, displaylogo: false });
  target.on('plotly_click', (event) => { if (event.points.length) showDocument(event.points[0].customdata); });
}

async function start() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('search-input').value.trim();
    if (q) search(q);
  });
  $('prev').addEventListener('click', () => showTopic(state.topic, Math.max(0, state.offset - PAGE)));
  $('next').addEventListener('click', () => showTopic(state.topic, state.offset + PAGE));
  try {
    renderTopics(await api('/api/topics'));
    drawMap(await api('/api/map'));
    document.body.dataset.ready = 'true';
  } catch (e) { status(e.message); }
}

start();
