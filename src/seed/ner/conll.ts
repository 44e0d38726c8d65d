import { readFileSync } from "node:fs";

/** conll2003's `ner_tags` ClassLabel names, in its id order (the HF `conll2003` dataset). */
export const CONLL_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"] as const;
export type ConllLabel = (typeof CONLL_LABELS)[number];

/** One sentence as the demo dataset stores it: words and their ClassLabel ids. */
export type ConllRow = { tokens: string[]; ner_tags: number[] };

export const CONLL_SAMPLE_URL = new URL("../../../data/conll-sample/sample.json", import.meta.url);
export const CONLL_SOURCE_URL = new URL("../../../data/conll-sample/SOURCE.txt", import.meta.url);

/**
 * The transformers fixture is a run of pretty-printed objects (`{...} {...}`), not JSON Lines, so
 * it is split at top-level object boundaries (strings are skipped so a `}` inside one is harmless).
 */
export function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth++ === 0) start = i;
    } else if (ch === "}") {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
      if (depth < 0) throw new Error(`unbalanced "}" at offset ${i}`);
    } else if (depth === 0 && !/\s/.test(ch)) throw new Error(`unexpected ${JSON.stringify(ch)} between objects at offset ${i}`);
  }
  if (depth !== 0) throw new Error("truncated JSON object at end of input");
  return out;
}

export function parseConllSample(text: string): ConllRow[] {
  const labelId = new Map<string, number>(CONLL_LABELS.map((l, i) => [l, i]));
  return splitJsonObjects(text).map((raw, i) => {
    const { words, ner } = raw as { words?: unknown; ner?: unknown };
    if (!Array.isArray(words) || !Array.isArray(ner) || words.length !== ner.length || words.some((w) => typeof w !== "string")) {
      throw new Error(`CoNLL sample object ${i} needs "words" and "ner" string lists of equal length`);
    }
    const ner_tags = ner.map((tag, j) => {
      const id = labelId.get(String(tag));
      if (id === undefined) throw new Error(`CoNLL sample object ${i}, word ${j}: unknown tag ${JSON.stringify(tag)}`);
      return id;
    });
    return { tokens: words as string[], ner_tags };
  });
}

export function readConllSample(url: URL = CONLL_SAMPLE_URL): ConllRow[] {
  return parseConllSample(readFileSync(url, "utf8"));
}
