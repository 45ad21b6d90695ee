#!/usr/bin/env python3
"""Adds translations to a questionnaire definition, keeping its key order and formatting.

  translate-questionnaire.py list FILE [PREFIX]      numbered English texts (optionally under a JSON path prefix)
  translate-questionnaire.py apply FILE TSV...       TSV lines "N<TAB>es<TAB>ru<TAB>zh" (N from list)

Each new language is inserted right after the last existing translation ("ar"), so git diff shows only
added lines. Texts that already have a language are left alone.
"""
import json, sys

LANGS = ["es", "ru", "zh"]

def texts(node, path="$"):
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for k, v in node.items():
            yield from texts(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from texts(v, f"{path}[{i}]")

def load(file):
    with open(file, encoding="utf-8") as f:
        return json.load(f)

def save(file, data):
    with open(file, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

def main(args):
    data = load(args[1])
    all_texts = list(texts(data))
    if args[0] == "list":
        prefix = args[2] if len(args) > 2 else "$"
        for n, (path, text) in enumerate(all_texts):
            if path.startswith(prefix):
                print(f"{n}\t{path}\t{text['en']}")
        return
    changed = 0
    for tsv in args[2:]:
        for line in open(tsv, encoding="utf-8"):
            if not line.strip():
                continue
            n, *values = line.rstrip("\n").split("\t")
            if len(values) != len(LANGS) or any(not v.strip() for v in values):
                sys.exit(f"{tsv}: line {n} needs {len(LANGS)} non-empty translations")
            path, text = all_texts[int(n)]
            items = list(text.items())
            for lang, value in zip(LANGS, values):
                if lang not in text:
                    items.append((lang, value.strip()))
                    changed += 1
            text.clear()
            text.update(items)
    save(args[1], data)
    print(f"{changed} translations added")

main(sys.argv[1:])
