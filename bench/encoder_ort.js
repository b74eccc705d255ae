// ONNX Runtime (npm onnxruntime-node, CPU) and Hugging Face tokenizers (npm @anush008/tokenizers)
// for bench/encoder.sh. Three modes, each printing one JSON line on stdout:
//
//   ids TOKENIZER_JSON TEXTS_TXT OUT_JSON
//       token ids of every line (special tokens included, no padding): {"lengths": [...]}
//   fixed MODEL_ONNX IDS_JSON REPEATS THREADS
//       the forward pass alone on ids of one length (attention mask all ones), batches of 32:
//       one batch to warm up, then the whole set REPEATS times: {"best_s": ..., "sentences": n}
//   embed MODEL_DIR TEXTS_TXT OUT_F32 THREADS
//       what sentence-transformers' encode does with this model, in its order: sort the texts by
//       character length (longest first), tokenize each batch of 32, pad it to its longest text,
//       run it, mean-pool over the attention mask (and L2-normalise when modules.json lists
//       Normalize); rows written in the input's order as raw float32.
//       {"session_s": ..., "tokenize_s": ..., "run_s": ..., "encode_s": ..., "docs": n}
//
// Every session: intraOpNumThreads THREADS, interOpNumThreads 1, graph optimisation "all".
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
const { Tokenizer } = require('@anush008/tokenizers');

const BATCH = 32;
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

function session(onnx, threads) {
  return ort.InferenceSession.create(onnx, {
    intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
  });
}

// Pads every row with 0 ([PAD] in these vocabularies) to the longest; mask 1 over real tokens.
function padded(rows) {
  const longest = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * longest);
  const mask = new BigInt64Array(rows.length * longest);
  rows.forEach((row, b) => row.forEach((id, t) => {
    ids[b * longest + t] = BigInt(id);
    mask[b * longest + t] = 1n;
  }));
  const dims = [rows.length, longest];
  return { longest, feeds: { input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) } };
}

async function ids(tokenizerJson, textsFile, out) {
  const tokenizer = Tokenizer.fromFile(tokenizerJson);
  const encodings = await tokenizer.encodeBatch(lines(textsFile));
  const all = encodings.map((e) => Array.from(e.getIds()));
  fs.writeFileSync(out, JSON.stringify(all));
  console.log(JSON.stringify({ lengths: all.map((r) => r.length) }));
}

async function fixed(onnx, idsFile, repeats, threads) {
  const rows = JSON.parse(fs.readFileSync(idsFile, 'utf8'));
  const s = await session(onnx, threads);
  const batches = [];
  for (let b = 0; b < rows.length; b += BATCH) batches.push(padded(rows.slice(b, b + BATCH)).feeds);
  await s.run(batches[0]);
  let best = Infinity;
  for (let r = 0; r < repeats; ++r) {
    const start = process.hrtime.bigint();
    for (const feeds of batches) await s.run(feeds);
    best = Math.min(best, seconds(start));
  }
  console.log(JSON.stringify({ best_s: best, sentences: rows.length }));
}

async function embed(modelDir, textsFile, out, threads) {
  const startSession = process.hrtime.bigint();
  const s = await session(path.join(modelDir, 'onnx', 'model.onnx'), threads);
  const tokenizer = Tokenizer.fromFile(path.join(modelDir, 'tokenizer.json'));
  const modules = JSON.parse(fs.readFileSync(path.join(modelDir, 'modules.json'), 'utf8'));
  const normalize = modules.some((m) => m.type.endsWith('Normalize'));
  const sessionSeconds = seconds(startSession);

  const start = process.hrtime.bigint();
  const texts = lines(textsFile);
  const order = texts.map((_, i) => i).sort((a, b) => texts[b].length - texts[a].length || a - b);
  let hidden = 0, tokenizeSeconds = 0, runSeconds = 0;
  let result = null;
  for (let b = 0; b < order.length; b += BATCH) {
    const members = order.slice(b, b + BATCH);
    const t0 = process.hrtime.bigint();
    const encodings = await tokenizer.encodeBatch(members.map((i) => texts[i]));
    const { longest, feeds } = padded(encodings.map((e) => e.getIds()));
    tokenizeSeconds += seconds(t0);
    const t1 = process.hrtime.bigint();
    const output = (await s.run(feeds)).last_hidden_state;
    runSeconds += seconds(t1);
    hidden = output.dims[2];
    if (result === null) result = new Float32Array(texts.length * hidden);
    const mask = feeds.attention_mask.data;
    members.forEach((doc, r) => {
      const row = result.subarray(doc * hidden, (doc + 1) * hidden);
      let count = 0;
      for (let t = 0; t < longest; ++t) {
        if (mask[r * longest + t] === 0n) continue;
        const token = output.data.subarray((r * longest + t) * hidden, (r * longest + t + 1) * hidden);
        for (let j = 0; j < hidden; ++j) row[j] += token[j];
        ++count;
      }
      let norm = 0;
      for (let j = 0; j < hidden; ++j) {
        row[j] /= Math.max(count, 1e-9);
        norm += row[j] * row[j];
      }
      if (normalize) for (let j = 0; j < hidden; ++j) row[j] /= Math.max(Math.sqrt(norm), 1e-12);
    });
  }
  const encodeSeconds = seconds(start);
  fs.writeFileSync(out, Buffer.from(result.buffer));
  console.log(JSON.stringify({ session_s: sessionSeconds, tokenize_s: tokenizeSeconds, run_s: runSeconds,
    encode_s: encodeSeconds, docs: texts.length, hidden }));
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'ids' && args.length === 3) return ids(...args);
  if (mode === 'fixed' && args.length === 4) return fixed(args[0], args[1], Number(args[2]), Number(args[3]));
  if (mode === 'embed' && args.length === 4) return embed(args[0], args[1], args[2], Number(args[3]));
  throw new Error('usage: encoder_ort.js ids TOKENIZER_JSON TEXTS OUT | fixed ONNX IDS REPEATS THREADS | embed MODEL_DIR TEXTS OUT THREADS');
}

main().catch((e) => {
  console.error(`encoder_ort.js: ${e.message}`);
  process.exit(1);
});
