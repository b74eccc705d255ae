import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/chromium.mjs';
const { browser, open } = await launch();
const page = await open(pathToFileURL(path.resolve(process.argv[2])).href);
await page.waitForSelector('body[data-rendered="true"]', { timeout: 120000 });
for (let r = 0; r < 2; r++) {
const out = await page.evaluate(async () => {
  const t = {}; let s = performance.now();
  const text = document.getElementById('topica-figure').textContent; t.textContent = performance.now() - s; s = performance.now();
  const fig = JSON.parse(text); t.parse = performance.now() - s; s = performance.now();
  const p = fig.documents.points;
  const dec = (b, T) => { const bin = atob(b), u = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i); return new T(u.buffer); };
  const x = dec(p.x, Float32Array), y = dec(p.y, Float32Array), topic = dec(p.topic, Uint16Array); t.decode = performance.now() - s; s = performance.now();
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const c = new Array(x.length); for (let i = 0; i < x.length; i++) c[i] = colors[topic[i] % 4]; t.colors = performance.now() - s;
  const div = document.createElement('div'); document.body.appendChild(div);
  const layout = {width: 900, height: 700, xaxis: {visible: false}, yaxis: {visible: false}, showlegend: false, hovermode: 'closest'};
  s = performance.now();
  await Plotly.newPlot(div, [{type: 'scattergl', mode: 'markers', x, y, hovertext: p.text, hoverinfo: 'text', marker: {color: c, size: 5, opacity: 0.5}}], layout); t.plotFull = performance.now() - s;
  Plotly.purge(div); s = performance.now();
  await Plotly.newPlot(div, [{type: 'scattergl', mode: 'markers', x, y, hoverinfo: 'none', marker: {color: c, size: 5, opacity: 0.5}}], layout); t.plotNoText = performance.now() - s;
  Plotly.purge(div); s = performance.now();
  await Plotly.newPlot(div, [{type: 'scattergl', mode: 'markers', x, y, hoverinfo: 'none', marker: {color: '#1f77b4', size: 5, opacity: 0.5}}], layout); t.plotOneColor = performance.now() - s;
  Plotly.purge(div); s = performance.now();
  await Plotly.newPlot(div, [{type: 'scattergl', mode: 'markers', x, y, hoverinfo: 'none', marker: {color: Array.from(topic), cmin: 0, cmax: 200, colorscale: 'Viridis', size: 5, opacity: 0.5}}], layout); t.plotNumericColor = performance.now() - s;
  Plotly.purge(div);
  for (const k in t) t[k] = Math.round(t[k]);
  return t;
});
console.log(JSON.stringify(out));
}
await browser.close();
