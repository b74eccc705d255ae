#!/usr/bin/python3
"""Writes the two random-weight sentence encoders bench/encoder.sh measures, as Hugging Face /
sentence-transformers model folders with an ONNX export of the same model beside the weights:

  minilm     all-MiniLM-L6-v2's shape: BERT, hidden 384, 6 layers, 12 heads, intermediate 1536,
             all-MiniLM-L6-v2's tokenizer.json (WordPiece, vocab 30522), max_seq_length 256,
             mean pooling + Normalize
  bertbase   bert-base's shape: hidden 768, 12 layers, 12 heads, intermediate 3072,
             bert-base-uncased's tokenizer.json (vocab 30522), max_seq_length 512, mean pooling

Weights are drawn as transformers' BertPreTrainedModel._init_weights does (normal, std 0.02;
biases 0; LayerNorm 1 and 0), from a fixed seed. The tokenizers come from
../shared/reference/tokenizers/models/ (the real files; padding switched off, as
sentence-transformers' tokenizer call does). Each folder gets:

  config.json, model.safetensors (F32), tokenizer.json, modules.json, 1_Pooling/config.json,
  sentence_bert_config.json, [2_Normalize/], onnx/model.onnx

onnx/model.onnx is torch.onnx.export (opset 17, dynamic batch and sequence axes) of the plain
PyTorch BERT of scripts/make_encoder_fixtures.py: inputs input_ids and attention_mask (int64,
batch x sequence), output last_hidden_state (float32, batch x sequence x hidden).

Usage: /usr/bin/python3 bench/make_encoder_models.py OUT_DIR TOKENIZERS_DIR [NAME ...]
A folder whose model.onnx already exists is kept (the cache of bench/encoder.sh).
"""
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_encoder_fixtures import encoder_forward, write_json, write_safetensors  # noqa: E402

MODELS = {
    "minilm": dict(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536,
                   tokenizer="all-MiniLM-L6-v2", max_seq_length=256, normalize=True, seed=6),
    "bertbase": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
                     tokenizer="bert-base-uncased", max_seq_length=512, normalize=False, seed=12),
}


def bert_config(spec, vocab_size):
    return {"model_type": "bert", "vocab_size": vocab_size, "hidden_size": spec["hidden_size"],
            "num_hidden_layers": spec["num_hidden_layers"], "num_attention_heads": spec["num_attention_heads"],
            "intermediate_size": spec["intermediate_size"], "max_position_embeddings": 512, "type_vocab_size": 2,
            "layer_norm_eps": 1e-12, "pad_token_id": 0}


def hf_init_weights(cfg, seed):
    """transformers' _init_weights for BertModel: Linear and Embedding normal(0, 0.02), biases 0,
    LayerNorm weight 1 and bias 0."""
    g = torch.Generator().manual_seed(seed)
    h, inter = cfg["hidden_size"], cfg["intermediate_size"]
    normal = lambda *shape: torch.randn(*shape, generator=g) * 0.02
    layer_norm = lambda p: {p + ".weight": torch.ones(h), p + ".bias": torch.zeros(h)}
    w = {"embeddings.word_embeddings.weight": normal(cfg["vocab_size"], h),
         "embeddings.position_embeddings.weight": normal(cfg["max_position_embeddings"], h),
         "embeddings.token_type_embeddings.weight": normal(cfg["type_vocab_size"], h)}
    w["embeddings.word_embeddings.weight"][cfg["pad_token_id"]] = 0  # padding_idx row
    w.update(layer_norm("embeddings.LayerNorm"))
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        shapes = {"attention.self.query": (h, h), "attention.self.key": (h, h), "attention.self.value": (h, h),
                  "attention.output.dense": (h, h), "intermediate.dense": (inter, h), "output.dense": (h, inter)}
        for name, shape in shapes.items():
            w[p + name + ".weight"] = normal(*shape)
            w[p + name + ".bias"] = torch.zeros(shape[0])
        w.update(layer_norm(p + "attention.output.LayerNorm"))
        w.update(layer_norm(p + "output.LayerNorm"))
    return w


class LastHiddenState(torch.nn.Module):
    """The reference encoder as a module, so that torch.onnx.export can trace it."""

    def __init__(self, cfg, weights):
        super().__init__()
        self.cfg = cfg
        self.names = list(weights)
        for i, name in enumerate(self.names):
            self.register_buffer(f"w{i}", weights[name])

    def forward(self, input_ids, attention_mask):
        w = {name: getattr(self, f"w{i}") for i, name in enumerate(self.names)}
        return encoder_forward(self.cfg, w, input_ids, attention_mask)


def write_tokenizer(source, path, max_length):
    with open(source, encoding="utf-8") as f:
        tokenizer = json.load(f)
    tokenizer["padding"] = None
    tokenizer["truncation"] = {"direction": "Right", "max_length": max_length, "strategy": "LongestFirst", "stride": 0}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    return len(tokenizer["model"]["vocab"])


def write_model(out, tokenizers, name):
    spec = MODELS[name]
    folder = os.path.join(out, name)
    onnx_path = os.path.join(folder, "onnx", "model.onnx")
    if os.path.exists(onnx_path):
        print(f"make_encoder_models: {folder} exists (kept)")
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "onnx"))
    vocab_size = write_tokenizer(os.path.join(tokenizers, spec["tokenizer"], "tokenizer.json"),
                                 os.path.join(folder, "tokenizer.json"), spec["max_seq_length"])
    cfg = bert_config(spec, vocab_size)
    write_json(os.path.join(folder, "config.json"),
               dict(cfg, architectures=["BertModel"], hidden_act="gelu", torch_dtype="float32",
                    position_embedding_type="absolute", initializer_range=0.02))
    weights = hf_init_weights(cfg, spec["seed"])
    write_safetensors(os.path.join(folder, "model.safetensors"), weights, "F32")
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if spec["normalize"]:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
        os.makedirs(os.path.join(folder, "2_Normalize"))
    write_json(os.path.join(folder, "modules.json"), modules)
    write_json(os.path.join(folder, "1_Pooling", "config.json"),
               {"word_embedding_dimension": cfg["hidden_size"], "pooling_mode_cls_token": False,
                "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
                "pooling_mode_mean_sqrt_len_tokens": False})
    write_json(os.path.join(folder, "sentence_bert_config.json"),
               {"max_seq_length": spec["max_seq_length"], "do_lower_case": False})

    model = LastHiddenState(cfg, weights).eval()
    ids = torch.randint(1000, vocab_size, (2, 16))
    mask = torch.ones_like(ids)
    partial = onnx_path + ".part"
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask), partial, input_names=["input_ids", "attention_mask"],
                          output_names=["last_hidden_state"], opset_version=17, do_constant_folding=True,
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                        "attention_mask": {0: "batch", 1: "sequence"},
                                        "last_hidden_state": {0: "batch", 1: "sequence"}})
    os.replace(partial, onnx_path)  # last: its presence marks a complete folder
    print(f"make_encoder_models: wrote {folder} ({sum(t.numel() for t in weights.values()) / 1e6:.1f} M parameters)")


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: make_encoder_models.py OUT_DIR TOKENIZERS_DIR [NAME ...]")
    out, tokenizers = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or list(MODELS)
    for name in names:
        if name not in MODELS:
            sys.exit(f"make_encoder_models.py: unknown model '{name}' (known: {', '.join(MODELS)})")
        write_model(out, tokenizers, name)


if __name__ == "__main__":
    main()
