import { bertWords } from "../bert-tokenize";
import { buildTokenizerConfig, buildTokenizerJson, SPECIAL_TOKENS, type Vocab } from "../wordpiece";
import { CONLL_LABELS } from "./conll";
import { CITIES, COUNTRIES, GIVEN_NAMES, NATIONALITIES, NON_ENTITY_WORDS, ORG_WORDS, PLACE_WORDS, splitList, SURNAMES, US_STATES } from "./lexicon";

/**
 * Long enough for every CoNLL sample sentence (the longest is 85 pieces with the small model's
 * vocabulary: unknown words are spelled out in ## pieces), short enough to truncate a long test sentence.
 */
export const NER_MAX_LENGTH = 128;

/** Logit a lexicon word gives its label (softmax ≈ 0.69 against eight zeros). */
const LEXICON_LOGIT = 3;

type Position = "entry" | "B" | "I";
/** One word list: its entity type ("O" for words that are never part of a name) and B-/I- placement. */
type LexiconList = { list: string; type: "O" | "PER" | "ORG" | "LOC" | "MISC"; position: Position; what: string };

export type NerModelSpec = {
  name: string;
  /** Cased tokenizer (capitalisation reaches the model) or lower-casing, like bert-base-uncased. */
  cased: boolean;
  /** Word lists in priority order: a word keeps the tag of the first list it is in. */
  lists: readonly LexiconList[];
  /**
   * Logits of a word-initial capital letter piece, i.e. of a capitalised word the lexicon does not
   * know (it is split into letters): the "capitalised words are names" shape rule.
   */
  capitalisedUnknown?: Partial<Record<(typeof CONLL_LABELS)[number], number>>;
  /** Also add the ALL-CAPS form of each lexicon word (CoNLL headlines are upper case). */
  upperCaseForms: boolean;
  blurb: string;
};

const COUNTRY_LIST: LexiconList = { list: COUNTRIES, type: "LOC", position: "entry", what: "countries (UN member states and a few territories)" };

export const NER_MODEL_SPECS: readonly NerModelSpec[] = [
  {
    name: "evalhub-demo/ner-lexicon-small",
    cased: false,
    lists: [COUNTRY_LIST],
    upperCaseForms: false,
    blurb: "lower-cased input, country names only",
  },
  {
    name: "evalhub-demo/ner-lexicon-base",
    cased: true,
    lists: [
      { list: NON_ENTITY_WORDS, type: "O", position: "B", what: "capitalised function words, titles, weekdays and months (tagged O)" },
      COUNTRY_LIST,
      { list: US_STATES, type: "LOC", position: "entry", what: "the 50 US states" },
      { list: CITIES, type: "LOC", position: "entry", what: "US state capitals, large US cities and capitals of large countries" },
      { list: PLACE_WORDS, type: "LOC", position: "I", what: "place-name words such as City, River, County" },
      { list: ORG_WORDS, type: "ORG", position: "I", what: "organisation-name words (Senate, Party, Corp, ...) and well-known acronyms" },
      { list: NATIONALITIES, type: "MISC", position: "B", what: "nationality and religion adjectives" },
      { list: GIVEN_NAMES, type: "PER", position: "B", what: "common English given names" },
      { list: SURNAMES, type: "PER", position: "I", what: "common US and British surnames" },
    ],
    capitalisedUnknown: { "I-PER": 1.5, O: 1 },
    upperCaseForms: true,
    blurb: "cased input, a broad lexicon plus a capitalisation rule",
  },
];

const ASCII_PUNCTUATION = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => !/[0-9A-Za-z]/.test(c));
const DIGITS = [..."0123456789"];
const LOWER = [..."abcdefghijklmnopqrstuvwxyz"];
const UPPER = LOWER.map((c) => c.toUpperCase());

export type NerModel = {
  spec: NerModelSpec;
  vocab: Vocab;
  /** Row-major [vocab size, labels]. */
  logits: Float32Array;
  /** Lexicon words that made it into the vocabulary, per label. */
  lexiconSizes: Record<string, number>;
};

/**
 * Lexicon words with their IOB2 tags. Inner lower-case words of an entry ("and", "of", "de") stay
 * out; hyphenated names are split as BERT's pre-tokenizer splits them.
 */
function lexiconTags(spec: NerModelSpec, commonWords: ReadonlySet<string>): Map<string, string> {
  const tags = new Map<string, string>();
  const norm = (w: string) => (spec.cased ? w : w.toLowerCase());
  for (const { list, type, position } of spec.lists) {
    for (const entry of splitList(list)) {
      const words = entry.split(/[\s-]+/).filter((w) => /^[A-Z][A-Za-z]*$/.test(w));
      words.forEach((word, i) => {
        const token = norm(word);
        // Without case, a name that is also a common word ("turkey", "chad") cannot be told apart.
        if (!spec.cased && commonWords.has(token)) return;
        if (tags.has(token)) return;
        const pos = position === "entry" ? (i === 0 ? "B" : "I") : position;
        tags.set(token, type === "O" ? "O" : `${pos}-${type}`);
      });
    }
  }
  if (spec.upperCaseForms) {
    for (const [token, tag] of [...tags]) {
      const upper = token.toUpperCase();
      if (token.length >= 2 && !tags.has(upper)) tags.set(upper, tag);
    }
  }
  return tags;
}

/** Lower-case words seen at least `minCount` times in the given sentences, by descending count then code point. */
export function commonWordList(texts: readonly string[], minCount = 1): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of bertWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([w, n]) => n >= minCount && /^[a-z0-9]+$/.test(w))
    .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
    .map(([w]) => w);
}

/**
 * Vocabulary: special tokens; single characters, so every ASCII word tokenizes (an unknown word is
 * spelled out in `##` pieces); `##` letter pairs; the lexicon; common lower-case words (all O).
 * Each token gets one logit vector; `##` pieces get zeros (no opinion), so a word's tag is its first piece's.
 */
export function buildNerModel(spec: NerModelSpec, commonWords: readonly string[]): NerModel {
  const L = CONLL_LABELS.length;
  const labelId = new Map<string, number>(CONLL_LABELS.map((l, i) => [l, i]));
  const tokens: string[] = [];
  const rows: Float32Array[] = [];
  const seen = new Set<string>();
  const add = (token: string, scores: Record<string, number>) => {
    if (seen.has(token)) return;
    seen.add(token);
    const row = new Float32Array(L);
    for (const [label, v] of Object.entries(scores)) row[labelId.get(label)!] = v;
    tokens.push(token);
    rows.push(row);
  };
  const tags = lexiconTags(spec, new Set(commonWords));
  const lexicon = (token: string) => (tags.has(token) ? { [tags.get(token)!]: LEXICON_LOGIT } : null);
  for (const t of SPECIAL_TOKENS) add(t, { O: t === "[UNK]" ? 1 : LEXICON_LOGIT });
  for (const c of ASCII_PUNCTUATION) add(c, { O: LEXICON_LOGIT });
  for (const c of DIGITS) add(c, { O: 2 });
  // A lexicon word that is a single letter ("A", "I") decides that letter piece's logits too.
  if (spec.cased) for (const c of UPPER) add(c, lexicon(c) ?? spec.capitalisedUnknown ?? { O: 2 });
  for (const c of LOWER) add(c, lexicon(c) ?? { O: 2 });
  for (const c of [...DIGITS, ...(spec.cased ? UPPER : []), ...LOWER]) add(`##${c}`, {});
  for (const a of LOWER) for (const b of LOWER) add(`##${a}${b}`, {});
  for (const [token, tag] of tags) add(token, { [tag]: LEXICON_LOGIT });
  for (const w of commonWords) add(w, { O: LEXICON_LOGIT });
  const logits = new Float32Array(tokens.length * L);
  rows.forEach((row, i) => logits.set(row, i * L));
  const lexiconSizes: Record<string, number> = {};
  for (const tag of tags.values()) lexiconSizes[tag] = (lexiconSizes[tag] ?? 0) + 1;
  return { spec, vocab: { tokens, ids: new Map(tokens.map((t, i) => [t, i])) }, logits, lexiconSizes };
}

/** tokenizer.json: the project's BERT WordPiece layout, with lower-casing switched off for cased models. */
export function buildNerTokenizerJson(vocab: Vocab, cased: boolean): Record<string, unknown> {
  const json = buildTokenizerJson(vocab);
  return { ...json, normalizer: { ...(json.normalizer as Record<string, unknown>), lowercase: !cased } };
}

export function buildNerTokenizerConfig(cased: boolean, maxLength: number): Record<string, unknown> {
  return { ...buildTokenizerConfig(), do_lower_case: !cased, model_max_length: maxLength };
}

/** A BERT-shaped config so transformers.js picks BertForTokenClassification (no transformer layers). */
export function buildNerConfig(opts: { vocabSize: number; labels: readonly string[]; maxLength: number }): Record<string, unknown> {
  return {
    architectures: ["BertForTokenClassification"],
    model_type: "bert",
    vocab_size: opts.vocabSize,
    hidden_size: opts.labels.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: opts.labels.length,
    hidden_act: "gelu",
    max_position_embeddings: opts.maxLength,
    type_vocab_size: 2,
    pad_token_id: 0,
    id2label: Object.fromEntries(opts.labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(opts.labels.map((l, i) => [l, i])),
  };
}
