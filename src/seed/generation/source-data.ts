import { readFileSync } from "node:fs";

/** The source files as copied into the repository (see each folder's SOURCE.txt). */
const XSUM_FILE = new URL("../../../data/xsum-sample/xsum-sample.jsonl", import.meta.url);
const WMT_TEST_FILE = new URL("../../../data/wmt16-en-ro/wmt_en_ro-test.jsonl", import.meta.url);
const EUROPARL_FILE = new URL("../../../data/wmt16-en-ro/wmt16-ro-en-sample.jsonl", import.meta.url);

export type XsumRow = { id: string; document: string; summary: string };
export type TranslationPair = { translation: { en: string; ro: string } };
export type WmtSplits = { train: TranslationPair[]; test: TranslationPair[] };

/**
 * Parses a stream of JSON objects separated by whitespace. The transformers fixtures are named
 * .jsonl but hold pretty-printed objects, so lines cannot be parsed one by one.
 */
export function parseJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}") {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    } else if (depth === 0 && !/\s/.test(c)) {
      throw new Error(`Unexpected ${JSON.stringify(c)} between JSON objects at offset ${i}.`);
    }
  }
  if (depth !== 0) throw new Error("Truncated JSON object at the end of the text.");
  return out;
}

function translationPairs(file: URL): TranslationPair[] {
  return parseJsonObjects(readFileSync(file, "utf8")).map((o, i) => {
    const t = (o as { translation?: { en?: unknown; ro?: unknown } }).translation;
    if (typeof t?.en !== "string" || typeof t.ro !== "string") throw new Error(`Object ${i} of ${file.pathname} has no translation {en, ro}.`);
    return { translation: { en: t.en, ro: t.ro } };
  });
}

/** The 10 XSum rows in file order; `id` is the row's position (the fixture carries no BBC ids). */
export function loadXsumRows(): XsumRow[] {
  return parseJsonObjects(readFileSync(XSUM_FILE, "utf8")).map((o, i) => {
    const { document, summary } = o as { document?: unknown; summary?: unknown };
    if (typeof document !== "string" || typeof summary !== "string") throw new Error(`Row ${i} of the XSum sample has no document/summary.`);
    return { id: String(i), document, summary };
  });
}

/**
 * The 20 WMT16 news segments, split by position: even ones train the lexicon model, odd ones are
 * the evaluation split. Interleaving keeps both halves on the same news stories.
 */
export function loadWmtEnRoSplits(): WmtSplits {
  const rows = translationPairs(WMT_TEST_FILE);
  return { train: rows.filter((_, i) => i % 2 === 0), test: rows.filter((_, i) => i % 2 === 1) };
}

/** The 10 short Europarl lines of the WMT16 ro-en training sample (extra lexicon training data). */
export function loadEuroparlSample(): TranslationPair[] {
  return translationPairs(EUROPARL_FILE);
}
