#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/).

safetensors_fuzz: the bert_bf16 fixture checkpoint, a tiny valid file, and headers that lie in
each way the reader must refuse (length past the end, not JSON, offsets out of range /
overlapping / reversed, wrong byte count for the dtype, a shape whose size overflows 64 bits,
unknown dtype, malformed metadata).
tokenizer_json_fuzz: the shared reference tokenizer.json files cut to a few dozen tokens
(WordPiece, byte-level BPE, Unigram), so libFuzzer starts from every supported component.
config_json_fuzz: the encoder fixtures' config.json files (BERT, RoBERTa, XLM-R) and configs that
are wrong in each way the reader must refuse (types, zero or negative sizes, heads that do not
divide the width, pad_token_id past the positions, huge numbers, not an object).

Usage: fuzz/make_seeds.py [SHARED_DIR]   (default ../shared beside the repository)
"""
import json
import pathlib
import shutil
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def safetensors(header, data=b""):
    text = json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(text)) + text + data


def tensor(dtype, shape, begin, end):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


def safetensors_seeds():
    out = CORPUS / "safetensors_fuzz"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests/fixtures/encoder/bert_bf16/model.safetensors", out / "fixture_bert_bf16.safetensors")
    good = {"__metadata__": {"format": "pt"}, "a": tensor("F32", [2, 2], 0, 16), "b": tensor("I64", [1], 16, 24),
            "c": tensor("F16", [2], 24, 28), "d": tensor("BF16", [0], 28, 28)}
    seeds = {
        "valid_small": safetensors(good, bytes(range(28))),
        "header_length_past_end": struct.pack("<Q", 1 << 40) + b'{"a":1}',
        "header_length_one_past": struct.pack("<Q", 8) + b'{"a":1}',
        "header_not_json": struct.pack("<Q", 9) + b"not json!",
        "header_not_object": safetensors([1, 2, 3]),
        "offsets_out_of_range": safetensors({"a": tensor("F32", [4], 0, 16)}, bytes(8)),
        "offsets_overlap": safetensors({"a": tensor("F32", [2], 0, 8), "b": tensor("F32", [2], 4, 12)}, bytes(12)),
        "offsets_reversed": safetensors({"a": tensor("F32", [2], 8, 0)}, bytes(8)),
        "offsets_hole": safetensors({"a": tensor("F32", [1], 4, 8)}, bytes(8)),
        "wrong_dtype_size": safetensors({"a": tensor("F16", [4], 0, 16)}, bytes(16)),
        "shape_overflow": safetensors({"a": tensor("F32", [1 << 32, 1 << 32, 4], 0, 0)}),
        "shape_overflow_to_small": safetensors({"a": tensor("F32", [1 << 62, 1], 0, 0)}),
        "shape_not_array": safetensors({"a": {"dtype": "F32", "shape": 4, "data_offsets": [0, 16]}}, bytes(16)),
        "unknown_dtype": safetensors({"a": tensor("F8_E4M3", [4], 0, 4)}, bytes(4)),
        "metadata_not_object": safetensors({"__metadata__": [1], "a": tensor("U8", [1], 0, 1)}, b"x"),
        "tiny": b"\x01\x00\x00",
    }
    for name, content in seeds.items():
        (out / f"{name}.safetensors").write_bytes(content)


def cut_vocab(model, keep):
    vocab = model["vocab"]
    if isinstance(vocab, list):
        model["vocab"] = vocab[:keep]
        return
    kept = dict(sorted(vocab.items(), key=lambda item: item[1])[:keep])
    model["vocab"] = kept
    if "merges" in model:
        def known(merge):
            a, b = merge.split(" ") if isinstance(merge, str) else merge
            return a in kept and b in kept and a + b in kept
        model["merges"] = [m for m in model["merges"] if known(m)][:keep]


def tokenizer_seeds(shared):
    out = CORPUS / "tokenizer_json_fuzz"
    out.mkdir(parents=True, exist_ok=True)
    models = shared / "reference" / "tokenizers" / "models"
    for name in ["bert-base-uncased", "roberta-base", "t5-small"]:
        path = models / name / "tokenizer.json"
        if not path.exists():
            continue
        document = json.loads(path.read_text())
        cut_vocab(document["model"], 300)
        if name == "t5-small":  # the charsmap alone is 200 KB: keep the other normalizers instead
            document["normalizer"] = {"type": "Sequence", "normalizers": [
                {"type": "Replace", "pattern": {"String": "``"}, "content": "\""},
                {"type": "Strip", "strip_left": True, "strip_right": False}]}
        (out / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False, indent=None))
    (out / "truncated.json").write_text('{"model": {"type": "WordPiece", "vocab": {"[UNK]": 0, "a"')
    (out / "wrong_types.json").write_text('{"model": {"type": "BPE", "vocab": [1, 2], "merges": {}}, "added_tokens": 3}')


def config_seeds():
    out = CORPUS / "config_json_fuzz"
    out.mkdir(parents=True, exist_ok=True)
    fixtures = ROOT / "tests" / "fixtures" / "encoder"
    for name in ["bert_mean", "roberta_cls", "xlmr_max"]:
        shutil.copy(fixtures / name / "config.json", out / f"fixture_{name}.json")
    base = json.loads((fixtures / "bert_mean" / "config.json").read_text())
    def variant(**changes):
        return json.dumps({**base, **changes})
    seeds = {
        "not_object": "[1, 2, 3]",
        "model_type_number": variant(model_type=7),
        "unknown_model_type": variant(model_type="gpt2"),
        "zero_heads": variant(num_attention_heads=0),
        "negative_width": variant(hidden_size=-4),
        "heads_do_not_divide": variant(num_attention_heads=5),
        "pad_past_positions": variant(pad_token_id=base["max_position_embeddings"]),
        "huge_number": '{"model_type": "bert", "hidden_size": 1e999}',
        "huge_integer": variant(vocab_size=2**63),
        "eps_string": variant(layer_norm_eps="tiny"),
        "relative_positions": variant(position_embedding_type="relative_key"),
    }
    for name, content in seeds.items():
        (out / f"{name}.json").write_text(content)


def main():
    shared = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    safetensors_seeds()
    tokenizer_seeds(shared)
    config_seeds()


if __name__ == "__main__":
    main()
