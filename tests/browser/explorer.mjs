// The explorer of `topica serve` in headless Chromium, the network cut off but for the server:
// it loads with no console error, lists the model's topics, a search returns topics and
// documents, clicking a topic lists its documents and clicking a document opens its panel.
// Usage: node explorer.mjs TOPICA_CLI WORKDIR. Leaves WORKDIR/explorer.png to look at.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, assertNoErrors, requireBrowser } from './chromium.mjs';

const [cli, work] = process.argv.slice(2);
requireBrowser();
mkdirSync(work, { recursive: true });

// Thrown, so the browser and the server are always closed (the finally below).
function fail(message) { throw new Error(message); }

// A small model: three subjects of ten documents, topics from their labels, built-in embedder.
const subjects = [
  ['cats purr and nap on the warm mat', 'kittens chase a ball of wool', 'the cat sleeps in the sun'],
  ['dogs bark at the postman', 'puppies fetch sticks in the park', 'the dog guards the yard'],
  ['compilers parse source code', 'the linker joins object files', 'compilers emit machine instructions'],
];
const docs = [], labels = [];
for (let i = 0; i < 10; ++i) {
  subjects.forEach((lines, label) => { docs.push(`${lines[i % 3]} ${i}`); labels.push(label); });
}
writeFileSync(path.join(work, 'docs.txt'), docs.join('\n') + '\n');
writeFileSync(path.join(work, 'labels.txt'), labels.join('\n') + '\n');
const model = path.join(work, 'model');
const fit = spawnSync(cli, ['fit', '--corpus', path.join(work, 'docs.txt'), '--labels', path.join(work, 'labels.txt'),
  '--out', model, '--stop-words', 'english'], { encoding: 'utf8' });
if (fit.status !== 0) { console.error(`FAIL: topica fit: ${fit.stderr}`); process.exit(1); }

const server = spawn(cli, ['serve', model, '--port', '0', '--threads', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no URL from topica serve: ${out}`)), 60000);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) { clearTimeout(timer); resolve(m[0]); }
  });
  server.on('exit', (code) => reject(new Error(`topica serve exited with ${code}`)));
}).catch((e) => { console.error(`FAIL: ${e.message}`); server.kill('SIGKILL'); process.exit(1); });
const origin = url.replace(/\/$/, '');
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

let status = 0;
const { browser, context, open, errors } = await launch({ allowOrigin: origin });
// ctest runs this beside CPU-heavy suites: loading plotly.js (4.6 MB) can take longer than
// playwright's 30 s default there.
context.setDefaultTimeout(120000);
try {
  const topics = await (await fetch(`${origin}/api/topics`)).json();
  const page = await open(url);
  await page.waitForSelector('body[data-ready="true"]');

  // The topic list shows every topic with its words.
  const listed = await page.$$eval('#topic-list li', (items) => items.map((li) => li.textContent));
  if (listed.length !== topics.length) fail(`${listed.length} topics listed, the model has ${topics.length}`);
  topics.forEach((t, i) => {
    if (!listed[i].includes(t.words[0])) fail(`topic ${t.id} does not show its word '${t.words[0]}': ${listed[i]}`);
  });
  // The map drew one point per document (plotly's WebGL traces carry the data).
  const points = await page.$eval('#map', (el) => el.data.reduce((n, trace) => n + trace.x.length, 0));
  if (points !== docs.length) fail(`the map has ${points} points for ${docs.length} documents`);

  // A search returns topics and documents, the cat topic and a cat document first.
  await page.fill('#search-input', 'kittens and cats');
  await page.click('#search-form button');
  await page.waitForSelector('#search-results .search-documents li');
  const firstDoc = await page.$eval('#search-results .search-documents li .text', (el) => el.textContent);
  if (!/cat|kitten/.test(firstDoc)) fail(`the first search hit is not about cats: ${firstDoc}`);
  const hitTopics = await page.$$eval('#search-results .search-topics li', (items) => items.length);
  if (hitTopics === 0) fail('the search found no topics');

  // Clicking a topic lists its documents.
  const dogs = topics.find((t) => t.words.some((w) => w.startsWith('dog') || w === 'bark'));
  await page.click(`#topic-list li[data-topic="${dogs.id}"]`);
  await page.waitForSelector('#documents:not([hidden]) #document-list li');
  const rows = await page.$$eval('#document-list li .text', (items) => items.map((li) => li.textContent));
  if (rows.length !== dogs.count) fail(`topic ${dogs.id} lists ${rows.length} documents, it has ${dogs.count}`);
  if (!rows.every((t) => /dog|pupp/.test(t))) fail(`topic ${dogs.id} lists other documents: ${rows.join(' | ')}`);

  // Clicking a document opens its panel: text, topic distribution chart, similar documents.
  await page.click('#document-list li');
  await page.waitForSelector('#document-panel:not([hidden]) #similar-list li');
  const text = await page.$eval('#doc-text', (el) => el.textContent);
  if (text !== rows[0].replace(/\u2026$/, '')) fail(`the panel shows '${text}', the list '${rows[0]}'`);
  const bars = await page.$eval('#doc-distribution', (el) => (el.data ? el.data[0].x.length : 0));
  if (bars === 0) fail('the document panel has no topic distribution bars');

  await page.screenshot({ path: path.join(work, 'explorer.png') });
  assertNoErrors(errors, 'explorer');
  console.log(`PASS explorer: ${topics.length} topics, ${points} map points, screenshot ${path.join(work, 'explorer.png')}`);
} catch (e) {
  console.error(`FAIL: ${e.message}`);
  status = 1;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) { console.error(`FAIL: topica serve exited with ${code} on SIGTERM`); status = 1; }
}
process.exit(status);
