// Every chart kind, and the report, opened in headless Chromium with the network cut off: each
// page renders with no console error and shows the model's topics (read from the rendered plot).
// Fits a small model on 400 AG News articles (../shared) in the work dir; the dates that
// over-time needs are assigned by row (AG News has none). Screenshots land in the work dir.
// Usage: node charts.mjs TOPICA_CLI WORKDIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SKIP, assertNoErrors, launch, requireBrowser } from './chromium.mjs';

const [cli, work] = process.argv.slice(2).map((p) => path.resolve(p));
requireBrowser();
const shared = process.env.TOPICA_SHARED_DIR;
const source = shared && path.join(shared, 'data/ag_news/test.jsonl');
if (!source || !existsSync(source)) {
  console.log(`SKIP: ${source} not found (../shared/data)`);
  process.exit(SKIP);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function topica(...args) {
  return execFileSync(cli, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The corpus: 400 articles, a month per 80 rows.
const rows = readFileSync(source, 'utf8').split('\n').filter(Boolean).slice(0, 400).map((line, i) => {
  const doc = JSON.parse(line);
  return JSON.stringify({ text: doc.text, label: doc.label, date: `2004-0${1 + Math.floor(i / 80)}-15` });
});
writeFileSync(path.join(work, 'corpus.jsonl'), rows.join('\n') + '\n');
topica('fit', '--corpus', 'corpus.jsonl', '--out', 'model', '--stop-words', 'english', '--min-topic-size', '8');
topica('hierarchy', 'model');
topica('over-time', 'model', '--corpus', 'corpus.jsonl', '--time-column', 'date');
topica('per-class', 'model', '--corpus', 'corpus.jsonl', '--class-column', 'label');
topica('distribution', 'model', '--corpus', 'corpus.jsonl');

const topics = JSON.parse(readFileSync(path.join(work, 'model/topics.json'), 'utf8')).filter((t) => t.id !== -1);
const words = new Set(topics.flatMap((t) => t.words.slice(0, 3).map((w) => w[0])));
const kinds = ['barchart', 'topics', 'hierarchy', 'heatmap', 'documents', 'over-time', 'per-class', 'distribution', 'term-rank'];
for (const kind of kinds) topica('visualize', 'model', '--kind', kind, '--output', `${kind}.html`);
topica('report', 'model', '--out', 'report');

const { browser, open, errors } = await launch();
let failures = 0;
function check(ok, what) {
  if (!ok) { console.error(`FAIL ${what}`); failures++; }
}

/// Opens a chart file, waits for plotly to draw, returns every string the plot shows.
async function rendered(file, screenshot) {
  const page = await open(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 20000 });
  const shown = await page.evaluate(() => {
    const gd = document.getElementById('topica-chart');
    const texts = [];
    for (const trace of gd.data) {
      texts.push(trace.name || '');
      for (const key of ['y', 'x', 'text', 'hovertext', 'customdata']) {
        if (Array.isArray(trace[key])) texts.push(...trace[key].flat().filter((v) => typeof v === 'string'));
      }
    }
    const axis = gd.layout.yaxis && gd.layout.yaxis.ticktext;
    if (axis) texts.push(...axis);
    texts.push(document.querySelector('.main-svg') ? document.querySelector('.main-svg').textContent : '');
    return { texts, traces: gd.data.length, points: gd.data.reduce((n, t) => n + (t.x ? t.x.length : 0), 0) };
  });
  if (screenshot) await page.screenshot({ path: path.join(work, screenshot), fullPage: false });
  await page.close();
  return shown;
}

// The pages load side by side: each parses 3.5 MB of plotly.js.
const results = await Promise.all(kinds.map((kind) => rendered(path.join(work, `${kind}.html`), `${kind}.png`)));
for (const [index, kind] of kinds.entries()) {
  const shown = results[index];
  const text = shown.texts.join(' ');
  const found = [...words].filter((w) => text.includes(w));
  check(shown.traces > 0, `${kind}: no traces drawn`);
  // Every chart names its topics by their words (the topics chart shows them on hover).
  check(found.length > 0, `${kind}: none of the topic words ${[...words].slice(0, 6)} shown`);
  if (kind === 'documents') check(shown.points >= 400, `documents: ${shown.points} points for 400 documents`);
  console.log(`${kind}: ${shown.traces} traces, ${found.length} topic words shown`);
}

// The documents chart: every document is a point of one WebGL trace (typed arrays decoded in the
// page); each point has the colour that the topic list beside the plot gives the model's topic
// of that document (documents.csv), and hovers the start of its text (documents.jsonl); clicking
// a topic in the list hides exactly its points.
function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return `rgb(${v >> 16}, ${(v >> 8) & 255}, ${v & 255})`;
}
function textStart(text) {
  const chars = Array.from(text.replace(/[\n\r\t]/g, ' '));
  return chars.length > 80 ? chars.slice(0, 80).join('') + '\u2026' : chars.join('');
}
{
  const assignments = readFileSync(path.join(work, 'model/documents.csv'), 'utf8').split('\n').slice(1).filter(Boolean)
    .map((line) => Number(line.split(',')[1]));
  const texts = readFileSync(path.join(work, 'model/documents.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const page = await open(pathToFileURL(path.join(work, 'documents.html')).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 20000 });
  const shown = await page.evaluate(() => {
    const gd = document.getElementById('topica-chart');
    const legend = [...document.querySelectorAll('#topica-legend .topica-legend-item')].map((item) => ({
      id: Number(item.getAttribute('data-topic-id')), name: item.textContent,
      color: getComputedStyle(item.querySelector('.topica-swatch')).backgroundColor }));
    const points = gd.data[0];
    return { type: points.type, traces: gd.data.length, count: points.x.length, colors: Array.from(points.marker.color), legend };
  });
  check(shown.type === 'scattergl', `documents: points drawn as ${shown.type}, not WebGL`);
  check(shown.count === assignments.length, `documents: ${shown.count} points for ${assignments.length} documents`);
  const colorOf = new Map(shown.legend.map((entry) => [entry.id, entry.color]));
  const ids = new Set(assignments);
  check(shown.legend.length === ids.size, `documents: ${shown.legend.length} topics listed, the model has ${ids.size}`);
  const wrongColor = assignments.findIndex((id, i) => !colorOf.has(id) || hexToRgb(shown.colors[i]) !== colorOf.get(id));
  check(wrongColor < 0, `documents: point ${wrongColor} (topic ${assignments[wrongColor]}) has colour ${shown.colors[wrongColor]}, its topic is listed as ${colorOf.get(assignments[wrongColor])}`);
  // The mouse on a point: the label names a document drawn within a few pixels of the mouse and
  // shows that document's start.
  const target = await page.evaluate(() => {
    const gd = document.getElementById('topica-chart'), box = gd.getBoundingClientRect(), l = gd._fullLayout;
    const pixel = (i) => [l.xaxis._offset + l.xaxis.l2p(gd.data[0].x[i]), l.yaxis._offset + l.yaxis.l2p(gd.data[0].y[i])];
    const spots = Array.from({ length: gd.data[0].x.length }, (_, i) => pixel(i));
    return { left: box.left, top: box.top, spots };
  });
  const hovered = Math.floor(target.spots.length / 3);
  const [px, py] = target.spots[hovered];
  await page.mouse.move(target.left + px, target.top + py);
  await page.waitForSelector('#topica-hover', { state: 'visible', timeout: 5000 }).catch(() => {});
  const tip = await page.evaluate(() => {
    const el = document.getElementById('topica-hover');
    return el && el.style.display !== 'none' ? { row: Number(el.getAttribute('data-row')), text: el.textContent } : null;
  });
  check(tip !== null, 'documents: no hover label under the mouse');
  if (tip) {
    const [tx, ty] = target.spots[tip.row];
    check(Math.hypot(tx - px, ty - py) <= 6, `documents: the label names document ${tip.row}, drawn ${Math.hypot(tx - px, ty - py).toFixed(1)} px from the mouse`);
    check(tip.text === textStart(texts[tip.row]), `documents: document ${tip.row} hovers "${tip.text}", its text starts "${textStart(texts[tip.row])}"`);
  }
  check(texts.length === assignments.length, `documents: ${texts.length} texts for ${assignments.length} documents`);
  check(shown.legend.some((entry) => [...words].some((w) => entry.name.includes(w))), 'documents: no topic word in the topic list');
  // Hide the largest real topic from the list: its points, and only they, leave the plot.
  const largest = topics.reduce((a, b) => (b.size > a.size ? b : a));
  const members = assignments.filter((id) => id === largest.id).length;
  await page.click(`#topica-legend [data-topic-id="${largest.id}"]`);
  const after = await page.evaluate(() => document.getElementById('topica-chart').data[0].x.length);
  check(after === assignments.length - members, `documents: hiding topic ${largest.id} (${members} documents) left ${after} of ${assignments.length} points`);
  await page.close();
  console.log(`documents: ${shown.count} points in one ${shown.type} trace, colours = the model's topics, hover on document ${tip && tip.row}; ${shown.legend.length} topics listed`);
}

// The report: the table lists every topic; every linked chart opens and draws.
const report = await open(pathToFileURL(path.join(work, 'report/index.html')).href);
const tableRows = await report.$$eval('#topics tbody tr', (trs) => trs.length);
check(tableRows >= topics.length, `report: ${tableRows} table rows for ${topics.length} topics`);
const links = await report.$$eval('a.chart-link', (as) => as.map((a) => a.href));
check(links.length === kinds.length, `report: ${links.length} chart links, expected ${kinds.length}`);
await report.screenshot({ path: path.join(work, 'report.png'), fullPage: false });
await report.close();
// The linked files are the same pages as above (write_chart); every link must resolve, and one
// is opened from the report to show a linked chart draws.
for (const link of links) check(existsSync(new URL(link).pathname), `report link ${link}: no such file`);
const linked = await rendered(new URL(links[0]).pathname, 'report-barchart.png');
check(linked.traces > 0, `report chart ${links[0]}: nothing drawn`);
await browser.close();
assertNoErrors(errors, 'charts');
if (failures) process.exit(1);
console.log(`OK: ${kinds.length} charts and the report (${links.length} linked charts); screenshots in ${work}`);
