import { bertWords, wordPiece } from "../bert-tokenize";

/**
 * The causal LMs' tokenizer: BERT-style normalisation and pre-tokenisation (lower-case, punctuation
 * split) over a whole-word vocabulary, with Llama-style `<s>` prepended and nothing appended, so the
 * ids of a prompt are always a prefix of the ids of prompt + completion. WordPiece with no `##`
 * pieces is a word-level model (transformers.js has no `WordLevel`): unknown words become `<unk>`.
 */

export const LM_SPECIAL_TOKENS = ["<pad>", "<unk>", "<s>", "</s>"] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const BOS_ID = 2;
export const EOS_ID = 3;
/** What the tokenizer config declares; the graph itself has no positional limit. */
export const LM_MAX_LENGTH = 128;

/** The prompt template of the zero-shot dataset; the completions are the classes. */
export const promptFor = (sentence: string): string => `Review: ${sentence}\nSentiment:`;
export const ZERO_SHOT_CLASSES = [" negative", " positive"] as const;
/** Words of the template; they carry no sentiment evidence. */
export const TEMPLATE_WORDS = ["review", ":", "sentiment"] as const;

export type LmVocab = { tokens: string[]; ids: Map<string, number> };

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// BERT normalisation is the slow part of a build and every sentence is split several times
// (vocabulary, training text, Naive Bayes counts, both models), so splits are memoised.
const WORDS = new Map<string, string[]>();
function wordsOf(text: string): string[] {
  let words = WORDS.get(text);
  if (!words) {
    if (WORDS.size >= 10_000) WORDS.clear();
    words = bertWords(text);
    WORDS.set(text, words);
  }
  return words;
}

/**
 * Special tokens, the template and class words, then training words by descending frequency (ties
 * by code-point order). `maxWords` caps the training words only, so every model can read its prompt.
 */
export function buildLmVocab(opts: { texts: readonly string[]; maxWords?: number }): LmVocab {
  const fixed = [...LM_SPECIAL_TOKENS, ...TEMPLATE_WORDS, ...ZERO_SHOT_CLASSES.map((c) => c.trim())];
  const taken = new Set<string>(fixed);
  const counts = new Map<string, number>();
  for (const text of opts.texts) for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts]
    .filter(([word]) => !taken.has(word))
    .sort(([a, na], [b, nb]) => nb - na || compare(a, b))
    .slice(0, opts.maxWords ?? Infinity)
    .map(([word]) => word);
  const tokens = [...fixed, ...words];
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}

/** Literal special tokens in raw text are matched before normalisation (added tokens). */
const ADDED = /(<pad>|<unk>|<s>|<\/s>)/;

/** Token ids as transformers.js produces them for this tokenizer.json (checked in the tests). */
export function lmEncode(vocab: LmVocab, text: string, opts: { addSpecialTokens?: boolean } = {}): number[] {
  const ids = text
    .split(ADDED)
    .flatMap((part, i) =>
      i % 2 === 1 ? [vocab.ids.get(part)!] : wordsOf(part).flatMap((w) => wordPiece(w, { vocab: vocab.ids, unkToken: "<unk>" }).map((t) => vocab.ids.get(t)!)),
    );
  return opts.addSpecialTokens === false ? ids : [BOS_ID, ...ids];
}

export function buildLmTokenizerJson(vocab: LmVocab): Record<string, unknown> {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: LM_SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "<s>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "<s>", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "<s>", type_id: 1 } },
        { Sequence: { id: "B", type_id: 1 } },
      ],
      special_tokens: { "<s>": { id: "<s>", ids: [BOS_ID], tokens: ["<s>"] } },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "<unk>",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.tokens.map((t, i) => [t, i])),
    },
  };
}

export function buildLmTokenizerConfig(): Record<string, unknown> {
  return {
    added_tokens_decoder: Object.fromEntries(
      LM_SPECIAL_TOKENS.map((content, id) => [String(id), { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true }]),
    ),
    bos_token: "<s>",
    eos_token: "</s>",
    unk_token: "<unk>",
    pad_token: "<pad>",
    add_bos_token: true,
    add_eos_token: false,
    clean_up_tokenization_spaces: true,
    model_max_length: LM_MAX_LENGTH,
    padding_side: "right",
    tokenizer_class: "PreTrainedTokenizerFast",
  };
}
