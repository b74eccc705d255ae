// Times a chart page in headless Chromium (network cut off): from navigation until plotly has
// drawn (the page sets body[data-rendered]). Prints seconds for each page given, best of RUNS.
// Usage: node bench/documents_chart.mjs PAGE.html[#svg]... (RUNS env, default 3)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/chromium.mjs';

const runs = Number(process.env.RUNS || 3);
const { browser, open, errors } = await launch();
for (const file of process.argv.slice(2)) {
  const times = [], draws = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const [name, hash] = file.split('#');
    const page = await open(pathToFileURL(path.resolve(name)).href + (hash ? `#${hash}` : ''));
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 120000 });
    times.push((performance.now() - start) / 1000);
    draws.push(await page.evaluate(() => window.topicaDrawSeconds));
    await page.close();
  }
  console.log(`${path.basename(file)}: ${Math.min(...times).toFixed(2)} s to draw (best of ${runs}: ${times.map((t) => t.toFixed(2)).join(', ')}; of which parse + plot ${draws.map((t) => (t === undefined ? 'n/a' : t.toFixed(2))).join(', ')})`);
}
await browser.close();
if (errors.length) {
  console.error(`errors: ${errors.join('; ')}`);
  process.exit(1);
}
