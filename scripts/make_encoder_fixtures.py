#!/usr/bin/python3
"""Writes tests/fixtures/encoder/: small random-weight BERT, RoBERTa and XLM-RoBERTa sentence
encoders saved as Hugging Face / sentence-transformers model folders, and what PyTorch computes
for them on tests/fixtures/encoder/sentences.json.

`transformers` is not packaged for Debian, so the encoder below is a plain PyTorch reading of
transformers' modeling_bert.py / modeling_roberta.py (eval mode, "eager" attention):
  embeddings   word + position + token_type, then LayerNorm(layer_norm_eps)
               BERT positions are 0..L-1; RoBERTa / XLM-R positions count the non-padding tokens
               from padding_idx + 1 and give padding padding_idx (create_position_ids_from_input_ids)
  attention    softmax(Q K^T / sqrt(head_dim) + (1 - mask) * finfo(float32).min) V, output dense,
               LayerNorm(x + input)
  feed-forward dense, exact erf GELU ("gelu"), dense, LayerNorm(x + input)
and sentence-transformers' Pooling (mean over the mask, CLS, max with padding at -1e9) and
Normalize (F.normalize).

The tokenizer is an invented WordPiece vocab.txt; the ids come from the small BERT tokenizer below
(BertNormalizer lowercase + BertPreTokenizer + greedy WordPiece, enough for ASCII text) and are
saved, so the C++ test first checks that topica::Tokenizer gives the same ids.

Run from the repository root with Debian bookworm's /usr/bin/python3 (python3-torch 1.13,
python3-numpy 1.24):  /usr/bin/python3 scripts/make_encoder_fixtures.py
With `--speed-models DIR` it writes, instead, the larger timing models (see write_speed_models).
"""
import json
import math
import os
import shutil
import struct
import unicodedata

import numpy as np
import torch

OUT = os.path.join("tests", "fixtures", "encoder")

SENTENCES = [
    "Hello world.",
    "The cat sat on the mat.",
    "A quick brown fox jumps over the lazy dog!",
    "Topic models find themes in documents.",
    "Embeddings map sentences to vectors, and similar sentences land close together.",
    "Why?",
    "",
    "Numbers like 42 and 2024 are split into pieces.",
    "UPPER case and lower case read the same after lowercasing.",
    "Strange marks ~ and @ become unknown tokens.",
    "The model reads every word, then pools the token vectors into one sentence vector that "
    "stands for the whole text, and this sentence is long enough to be cut at the limit.",
    "dog",
    "Cats and dogs, birds and fish.",
    "Is the mat on the cat?",
    "Search engines rank documents by similarity to a query.",
    "One, two, three, four, five, six, seven.",
    "Clustering groups similar vectors together.",
    "a b c d e f g",
    "The lazy dog sleeps all day while the quick fox runs.",
    "Short text.",
]

# Whole-word tokens; any other lowercase ASCII word is spelled from the letter pieces below.
WORDS = """the a an and or of on in to is are be by for with while all day every one two three four
five six seven cat cats dog dogs sat mat hello world quick brown fox jumps over lazy topic model
models find theme document sentence vector text word token read same after long enough cut at limit
into pieces split like number upper lower case why short search rank query similar close together
group cluster bird fish then this that whole stands land map sleep run unknown become mark strange
""".split()
SUBWORDS = "##s ##es ##ed ##ing ##ly ##er ##ers ##ment ##ments ##ity ##ings ##ise ##ize ##ding ##ngs".split()
PUNCTUATION = list(".,!?;:'\"-()")
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")


def make_vocab(specials):
    tokens = list(specials) + PUNCTUATION + LETTERS + ["##" + c for c in LETTERS] + WORDS + SUBWORDS
    seen, vocab = set(), []
    for t in tokens:
        if t not in seen:
            seen.add(t)
            vocab.append(t)
    return vocab


BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# RoBERTa's order (<s>=0, <pad>=1, </s>=2, <unk>=3), under BERT names so vocab.txt loading applies:
# padding id 1 puts the first position at 2, as in real RoBERTa checkpoints.
ROBERTA_SPECIALS = ["[CLS]", "[PAD]", "[SEP]", "[UNK]", "[MASK]"]


# --- the tokenizer (BertNormalizer lowercase, BertPreTokenizer, WordPiece) ----------------------

def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text):
    # clean_text: control characters go, whitespace becomes a space; then accents stripped, lowercase
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def pre_tokenize(text):
    words = []
    for chunk in text.split():
        current = ""
        for ch in chunk:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, ids, unk):
    if len(word) > 100:
        return [ids[unk]]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                found = piece
                break
            end -= 1
        if found is None:
            return [ids[unk]]
        pieces.append(ids[found])
        start = end
    return pieces


def tokenize(text, vocab, max_length):
    ids = {t: i for i, t in enumerate(vocab)}
    out = []
    for word in pre_tokenize(normalize(text)):
        out += wordpiece(word, ids, "[UNK]")
    out = out[: max_length - 2]  # truncation counts [CLS] and [SEP]
    return [ids["[CLS]"]] + out + [ids["[SEP]"]]


# --- the encoder ---------------------------------------------------------------------------------

def random_weights(cfg, seed):
    g = torch.Generator().manual_seed(seed)
    h, inter = cfg["hidden_size"], cfg["intermediate_size"]

    def normal(*shape, std=0.2):
        return torch.randn(*shape, generator=g) * std

    def layer_norm(prefix):
        return {prefix + ".weight": 1.0 + normal(h, std=0.1), prefix + ".bias": normal(h, std=0.1)}

    w = {
        "embeddings.word_embeddings.weight": normal(cfg["vocab_size"], h, std=0.5),
        "embeddings.position_embeddings.weight": normal(cfg["max_position_embeddings"], h, std=0.5),
        "embeddings.token_type_embeddings.weight": normal(cfg["type_vocab_size"], h, std=0.5),
    }
    w.update(layer_norm("embeddings.LayerNorm"))
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = normal(h, h, std=1.0 / math.sqrt(h))
            w[p + f"attention.self.{name}.bias"] = normal(h, std=0.1)
        w[p + "attention.output.dense.weight"] = normal(h, h, std=1.0 / math.sqrt(h))
        w[p + "attention.output.dense.bias"] = normal(h, std=0.1)
        w.update(layer_norm(p + "attention.output.LayerNorm"))
        w[p + "intermediate.dense.weight"] = normal(inter, h, std=1.0 / math.sqrt(h))
        w[p + "intermediate.dense.bias"] = normal(inter, std=0.1)
        w[p + "output.dense.weight"] = normal(h, inter, std=1.0 / math.sqrt(inter))
        w[p + "output.dense.bias"] = normal(h, std=0.1)
        w.update(layer_norm(p + "output.LayerNorm"))
    w["pooler.dense.weight"] = normal(h, h, std=1.0 / math.sqrt(h))  # BertModel's pooler: unused
    w["pooler.dense.bias"] = normal(h, std=0.1)
    return w


def position_ids(cfg, ids, mask):
    if cfg["model_type"] == "bert":
        return torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
    pad = cfg["pad_token_id"]
    not_pad = ids.ne(pad).int()
    return (torch.cumsum(not_pad, dim=1).type_as(not_pad) * not_pad).long() + pad


def encoder_forward(cfg, w, ids, mask):
    """Last hidden state (batch, length, hidden) for padded ids and their attention mask."""
    h, heads, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"]
    d = h // heads
    ln = lambda x, p: torch.nn.functional.layer_norm(x, (h,), w[p + ".weight"], w[p + ".bias"], eps)
    lin = lambda x, p: torch.nn.functional.linear(x, w[p + ".weight"], w[p + ".bias"])

    types = torch.zeros_like(ids)
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.token_type_embeddings.weight"][types]
         + w["embeddings.position_embeddings.weight"][position_ids(cfg, ids, mask)])
    x = ln(x, "embeddings.LayerNorm")
    additive = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    b, length = ids.shape
    split = lambda t: t.view(b, length, heads, d).permute(0, 2, 1, 3)
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q = split(lin(x, p + "attention.self.query"))
        k = split(lin(x, p + "attention.self.key"))
        v = split(lin(x, p + "attention.self.value"))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + additive
        context = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).reshape(b, length, h)
        x = ln(lin(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(lin(x, p + "intermediate.dense"))  # exact erf form
        x = ln(lin(inner, p + "output.dense") + x, p + "output.LayerNorm")
    return x


def pool(tokens, mask, mode):
    m = mask.unsqueeze(-1).float()
    if mode == "mean":
        return (tokens * m).sum(1) / torch.clamp(m.sum(1), min=1e-9)
    if mode == "cls":
        return tokens[:, 0]
    if mode == "max":
        return torch.where(m > 0, tokens, torch.full_like(tokens, -1e9)).max(1).values
    raise ValueError(mode)


# --- writing HF folders ---------------------------------------------------------------------------

def write_safetensors(path, tensors, dtype):
    """tensors: name -> float32 torch tensor; dtype "F32", "F16" or "BF16"."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        if dtype == "F32":
            data = t.numpy().astype("<f4").tobytes()
        elif dtype == "F16":
            data = t.half().numpy().astype("<f2").tobytes()
        else:  # torch rounds to nearest even, as every BF16 producer does
            data = t.to(torch.bfloat16).view(torch.int16).numpy().astype("<i2").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the safetensors library pads the header to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def rounded(tensors, dtype):
    """The float32 values a loader sees after reading `dtype` back."""
    if dtype == "F16":
        return {k: v.half().float() for k, v in tensors.items()}
    if dtype == "BF16":
        return {k: v.to(torch.bfloat16).float() for k, v in tensors.items()}
    return tensors


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def write_folder(spec):
    folder = os.path.join(OUT, spec["name"])
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    cfg = spec["config"]
    vocab = spec["vocab"]
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    write_json(os.path.join(folder, "tokenizer_config.json"),
               {"do_lower_case": True, "model_max_length": spec["max_seq_length"], "tokenizer_class": "BertTokenizer"})
    hf_config = dict(cfg)
    hf_config.update({"architectures": [spec["architecture"]], "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
                      "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
                      "position_embedding_type": "absolute", "torch_dtype": spec["torch_dtype"],
                      "transformers_version": "4.41.0", "use_cache": True})
    write_json(os.path.join(folder, "config.json"), hf_config)

    weights = spec["weights"]
    names = {spec["prefix"] + k: v for k, v in weights.items()}
    names.update(spec.get("extra", {}))
    write_safetensors(os.path.join(folder, "model.safetensors"), names, spec["dtype"])

    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if spec["normalize"]:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
        os.makedirs(os.path.join(folder, "2_Normalize"))
        with open(os.path.join(folder, "2_Normalize", ".gitkeep"), "w"):
            pass  # sentence-transformers leaves this folder empty; git needs a file to keep it
    write_json(os.path.join(folder, "modules.json"), modules)
    mode = spec["pooling"]
    write_json(os.path.join(folder, "1_Pooling", "config.json"),
               {"word_embedding_dimension": cfg["hidden_size"], "pooling_mode_cls_token": mode == "cls",
                "pooling_mode_mean_tokens": mode == "mean", "pooling_mode_max_tokens": mode == "max",
                "pooling_mode_mean_sqrt_len_tokens": False, "pooling_mode_weightedmean_tokens": False,
                "pooling_mode_lasttoken": False, "include_prompt": True})
    write_json(os.path.join(folder, "sentence_bert_config.json"),
               {"max_seq_length": spec["max_seq_length"], "do_lower_case": False})

    # What PyTorch gives on the weights as the loader reads them back.
    w = rounded(weights, spec["dtype"])
    ids = [tokenize(s, vocab, spec["max_seq_length"]) for s in SENTENCES]
    longest = max(len(i) for i in ids)
    pad = cfg["pad_token_id"]
    batch = torch.tensor([i + [pad] * (longest - len(i)) for i in ids])
    mask = torch.tensor([[1] * len(i) + [0] * (longest - len(i)) for i in ids])
    with torch.no_grad():
        tokens = encoder_forward(cfg, w, batch, mask)
        pooled = pool(tokens, mask, mode)
        if spec["normalize"]:
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        # Each sentence alone must give the same: padding may not leak into a result.
        for row, i in enumerate(ids[:3]):
            alone = encoder_forward(cfg, w, torch.tensor([i]), torch.ones(1, len(i), dtype=torch.long))
            assert torch.allclose(alone[0], tokens[row, : len(i)], atol=1e-5)
    flat = torch.cat([tokens[r, : len(i)] for r, i in enumerate(ids)])
    np.save(os.path.join(folder, "expected_ids.npy"), np.array(sum(ids, []), dtype="<i8"))
    np.save(os.path.join(folder, "expected_lengths.npy"), np.array([len(i) for i in ids], dtype="<i8"))
    np.save(os.path.join(folder, "expected_tokens.npy"), flat.numpy().astype("<f4"))
    np.save(os.path.join(folder, "expected_pooled.npy"), pooled.numpy().astype("<f4"))


def write_speed_models(out):
    """Random-weight MiniLM-L6-shaped and bert-base-shaped folders (not committed: written where the
    caller says, e.g. build/speed) and corpora whose documents are exactly 32, 128 and 256 tokens
    with [CLS] and [SEP] (each word a whole token of the vocabulary), for timing `topica embed`."""
    vocab = make_vocab(BERT_SPECIALS)
    shapes = {"minilm_l6": (384, 6, 12, 1536), "bert_base": (768, 12, 12, 3072)}
    for name, (hidden, layers, heads, inter) in shapes.items():
        cfg = {"model_type": "bert", "vocab_size": len(vocab), "hidden_size": hidden, "num_hidden_layers": layers,
               "num_attention_heads": heads, "intermediate_size": inter, "max_position_embeddings": 512,
               "type_vocab_size": 2, "layer_norm_eps": 1e-12, "pad_token_id": 0}
        folder = os.path.join(out, name)
        os.makedirs(os.path.join(folder, "1_Pooling"), exist_ok=True)
        with open(os.path.join(folder, "vocab.txt"), "w") as f:
            f.write("\n".join(vocab) + "\n")
        write_json(os.path.join(folder, "tokenizer_config.json"), {"do_lower_case": True, "model_max_length": 512})
        write_json(os.path.join(folder, "config.json"), dict(cfg, hidden_act="gelu", architectures=["BertModel"]))
        write_safetensors(os.path.join(folder, "model.safetensors"), random_weights(cfg, 4), "F32")
        write_json(os.path.join(folder, "1_Pooling", "config.json"),
                   {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True})
        write_json(os.path.join(folder, "sentence_bert_config.json"), {"max_seq_length": 512})
        print("wrote", folder)
    rng = np.random.default_rng(5)
    for tokens in (32, 128, 256):
        path = os.path.join(out, f"docs_{tokens}.txt")
        with open(path, "w") as f:
            for _ in range(256):
                f.write(" ".join(rng.choice(WORDS, tokens - 2)) + "\n")
        print("wrote", path)
# --- masked-LM heads (topica fill-mask) -----------------------------------------------------------

MASKED_SENTENCES = [
    "The cat sat on the [MASK].",
    "[MASK] world.",
    "A quick brown [MASK] jumps over the lazy dog!",
    "The [MASK] sat on the [MASK] all day.",
    "Topic models find [MASK] in documents.",
]


def tokenize_masked(text, vocab, max_length):
    """tokenize() with "[MASK]" kept whole, as the special token it is."""
    ids = {t: i for i, t in enumerate(vocab)}
    out = []
    for n, part in enumerate(text.split("[MASK]")):
        if n > 0:
            out.append(ids["[MASK]"])
        for word in pre_tokenize(normalize(part)):
            out += wordpiece(word, ids, "[UNK]")
    return [ids["[CLS]"]] + out[: max_length - 2] + [ids["[SEP]"]]


def random_mlm_head(cfg, names, seed, tied):
    g = torch.Generator().manual_seed(seed)
    h, v = cfg["hidden_size"], cfg["vocab_size"]
    normal = lambda *shape, std: torch.randn(*shape, generator=g) * std
    head = {names["dense"] + ".weight": normal(h, h, std=1.0 / math.sqrt(h)), names["dense"] + ".bias": normal(h, std=0.1),
            names["norm"] + ".weight": 1.0 + normal(h, std=0.1), names["norm"] + ".bias": normal(h, std=0.1),
            names["bias"]: normal(v, std=0.5)}
    if not tied:
        head[names["decoder"]] = normal(v, h, std=0.5)
    return head


def mlm_logits(cfg, w, head, names, hidden, tied_to):
    """transformers' BertOnlyMLMHead / RobertaLMHead: dense, gelu (exact), LayerNorm, decoder + bias."""
    x = torch.nn.functional.linear(hidden, head[names["dense"] + ".weight"], head[names["dense"] + ".bias"])
    x = torch.nn.functional.gelu(x)
    x = torch.nn.functional.layer_norm(x, (cfg["hidden_size"],), head[names["norm"] + ".weight"],
                                       head[names["norm"] + ".bias"], cfg["layer_norm_eps"])
    decoder = head.get(names["decoder"], tied_to)
    return torch.nn.functional.linear(x, decoder, head[names["bias"]])


def write_masked_lm_folder(name, cfg, vocab, weights, prefix, names, head_seed, tied, dtype, architecture):
    """A transformers-style *ForMaskedLM folder (config.json, vocab.txt, model.safetensors with the
    head) and expected_fill_mask.json: per masked sentence the ids, and per mask the top 10 ids and
    their softmax probabilities."""
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    write_json(os.path.join(folder, "tokenizer_config.json"), {"do_lower_case": True, "tokenizer_class": "BertTokenizer"})
    write_json(os.path.join(folder, "config.json"), dict(cfg, architectures=[architecture], hidden_act="gelu",
                                                         position_embedding_type="absolute"))
    head = random_mlm_head(cfg, names, head_seed, tied)
    tensors = {prefix + k: v for k, v in weights.items()}
    tensors.update(head)
    write_safetensors(os.path.join(folder, "model.safetensors"), tensors, dtype)
    w, head = rounded(weights, dtype), rounded(head, dtype)
    expected = []
    with torch.no_grad():
        for text in MASKED_SENTENCES:
            ids = tokenize_masked(text, vocab, cfg["max_position_embeddings"] - cfg["pad_token_id"] - 1)
            batch = torch.tensor([ids])
            hidden = encoder_forward(cfg, w, batch, torch.ones_like(batch))[0]
            positions = [i for i, t in enumerate(ids) if t == vocab.index("[MASK]")]
            logits = mlm_logits(cfg, w, head, names, hidden[positions], w["embeddings.word_embeddings.weight"])
            probabilities = torch.softmax(logits, dim=-1)
            top = torch.topk(probabilities, 10, dim=-1)
            expected.append({"text": text, "ids": ids, "positions": positions,
                             "top_ids": top.indices.tolist(), "top_probabilities": top.values.tolist()})
    write_json(os.path.join(folder, "expected_fill_mask.json"), expected)


def write_masked_lm_folders(bert, bert_vocab, bert_weights, roberta, roberta_vocab, roberta_weights):
    bert_names = {"dense": "cls.predictions.transform.dense", "norm": "cls.predictions.transform.LayerNorm",
                  "decoder": "cls.predictions.decoder.weight", "bias": "cls.predictions.bias"}
    roberta_names = {"dense": "lm_head.dense", "norm": "lm_head.layer_norm", "decoder": "lm_head.decoder.weight",
                     "bias": "lm_head.bias"}
    # BERT: decoder tied to the word embeddings (left out, as save_pretrained does), F16.
    write_masked_lm_folder("bert_mlm", bert, bert_vocab, bert_weights, "bert.", bert_names, 11, True, "F16",
                           "BertForMaskedLM")
    # RoBERTa: its own decoder weight, BF16.
    write_masked_lm_folder("roberta_mlm", roberta, roberta_vocab, roberta_weights, "roberta.", roberta_names, 12,
                           False, "BF16", "RobertaForMaskedLM")
    print("wrote", os.path.join(OUT, "bert_mlm"), os.path.join(OUT, "roberta_mlm"))


def main():
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--speed-models":
        write_speed_models(sys.argv[2])
        return
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    write_json(os.path.join(OUT, "sentences.json"), SENTENCES)
    bert_vocab, roberta_vocab = make_vocab(BERT_SPECIALS), make_vocab(ROBERTA_SPECIALS)

    bert = {"model_type": "bert", "vocab_size": len(bert_vocab), "hidden_size": 32, "num_hidden_layers": 2,
            "num_attention_heads": 4, "intermediate_size": 64, "max_position_embeddings": 64,
            "type_vocab_size": 2, "layer_norm_eps": 1e-12, "pad_token_id": 0}
    roberta = {"model_type": "roberta", "vocab_size": len(roberta_vocab), "hidden_size": 32,
               "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64,
               "max_position_embeddings": 66, "type_vocab_size": 1, "layer_norm_eps": 1e-5,
               "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2}
    xlmr = dict(roberta, model_type="xlm-roberta", hidden_size=48, num_attention_heads=3, intermediate_size=96)

    bert_weights = random_weights(bert, 1)
    roberta_weights = random_weights(roberta, 2)
    xlmr_weights = random_weights(xlmr, 3)
    common = {"torch_dtype": "float32", "dtype": "F32", "normalize": False, "extra": {}}
    lm_head = {"lm_head.bias": torch.zeros(len(roberta_vocab))}  # a masked-LM checkpoint's extra: ignored
    specs = [
        dict(common, name="bert_mean", config=bert, vocab=bert_vocab, weights=bert_weights, prefix="",
             architecture="BertModel", pooling="mean", max_seq_length=24),
        dict(common, name="roberta_cls", config=roberta, vocab=roberta_vocab, weights=roberta_weights,
             prefix="roberta.", architecture="RobertaForMaskedLM", pooling="cls", max_seq_length=32,
             extra=lm_head),
        dict(common, name="xlmr_max", config=xlmr, vocab=roberta_vocab, weights=xlmr_weights, prefix="",
             architecture="XLMRobertaModel", pooling="max", max_seq_length=48, normalize=True),
        dict(common, name="bert_f16", config=bert, vocab=bert_vocab, weights=bert_weights, prefix="bert.",
             architecture="BertModel", pooling="mean", max_seq_length=24, dtype="F16", torch_dtype="float16"),
        dict(common, name="bert_bf16", config=bert, vocab=bert_vocab, weights=bert_weights, prefix="",
             architecture="BertModel", pooling="mean", max_seq_length=24, dtype="BF16", torch_dtype="bfloat16"),
    ]
    for spec in specs:
        write_folder(spec)
        print("wrote", os.path.join(OUT, spec["name"]))
    write_masked_lm_folders(bert, bert_vocab, bert_weights, roberta, roberta_vocab, roberta_weights)


if __name__ == "__main__":
    main()
