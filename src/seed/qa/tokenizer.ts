import { wordPiece } from "../bert-tokenize";
import { buildTokenizerConfig, buildTokenizerJson, SPECIAL_TOKENS, type Vocab } from "../wordpiece";
import { splitContextWords } from "@/server/inference/question-answerer";

/**
 * A cased BERT WordPiece tokenizer for the QA demo models: capitalisation is what tells names and
 * places apart, so the normaliser keeps case (and therefore accents: `strip_accents: null` follows
 * `lowercase`). The vocabulary is every word of the train split plus each character seen there,
 * alone and as a `##` continuation, so an unseen word still becomes pieces instead of one [UNK].
 */
export const QA_MAX_LENGTH = 256;

const CONTROL = /^(?:\p{Cc}|\p{Cf}|\p{Co}|\p{Cs})$/u;

/** BertNormalizer {clean_text, handle_chinese_chars, lowercase: false}: no CJK in the demo data, so CJK spacing is omitted. */
export function normalizeCased(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0 || code === 0xfffd) continue;
    if (ch !== "\t" && ch !== "\n" && ch !== "\r" && CONTROL.test(ch)) continue;
    out += /^\s$/u.test(ch) ? " " : ch;
  }
  return out;
}

/** Normalised words of a text, split the way BertPreTokenizer does (whitespace, then each punctuation mark alone). */
export function qaWords(text: string): string[] {
  return splitContextWords(text)
    .map((w) => normalizeCased(text.slice(w.start, w.end)).trim())
    .filter((w) => w.length > 0);
}

/** Vocabulary: special tokens, then words by descending count (ties in code-point order), then unseen single characters and `##` characters. */
export function buildQaVocab(texts: readonly string[]): Vocab {
  const counts = new Map<string, number>();
  const chars = new Set<string>();
  for (const text of texts) {
    for (const word of qaWords(text)) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      for (const ch of word) chars.add(ch);
    }
  }
  const special = new Set<string>(SPECIAL_TOKENS);
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const words = [...counts].filter(([w]) => !special.has(w)).sort(([a, na], [b, nb]) => nb - na || byCode(a, b)).map(([w]) => w);
  const tokens: string[] = [...SPECIAL_TOKENS, ...words];
  const seen = new Set(tokens);
  const sortedChars = [...chars].sort(byCode);
  for (const piece of [...sortedChars, ...sortedChars.map((c) => `##${c}`)]) {
    if (!seen.has(piece)) {
      seen.add(piece);
      tokens.push(piece);
    }
  }
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}

const WORD_CACHE = new WeakMap<Vocab, Map<string, number[]>>();

/** Token ids of one word as transformers.js encodes it (no special tokens). */
export function encodeQaWord(vocab: Vocab, word: string): number[] {
  let cache = WORD_CACHE.get(vocab);
  if (!cache) WORD_CACHE.set(vocab, (cache = new Map()));
  let ids = cache.get(word);
  if (!ids) {
    const normalized = normalizeCased(word).trim();
    ids = normalized ? wordPiece(normalized, { vocab: vocab.ids }).map((piece) => vocab.ids.get(piece)!) : [];
    cache.set(word, ids);
  }
  return ids;
}

export type EncodedText = {
  ids: number[];
  /** Character span in the original text of the word each token came from. */
  spans: { start: number; end: number }[];
};

/** A whole text, word by word, keeping each token's word span (what the runner does with the model's tokenizer). */
export function encodeQaText(vocab: Vocab, text: string): EncodedText {
  const ids: number[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const w of splitContextWords(text)) {
    for (const id of encodeQaWord(vocab, text.slice(w.start, w.end))) {
      ids.push(id);
      spans.push(w);
    }
  }
  return { ids, spans };
}

export function buildQaTokenizerJson(vocab: Vocab): Record<string, unknown> {
  return {
    ...buildTokenizerJson(vocab),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: false },
  };
}

export function buildQaTokenizerConfig(): Record<string, unknown> {
  return { ...buildTokenizerConfig(), do_lower_case: false, model_max_length: QA_MAX_LENGTH };
}
