import { bertWords } from "./bert-tokenize";

/** BERT's special tokens, at BERT's relative order, in the first five ids. */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;
export const MODEL_MAX_LENGTH = 128;

export type Vocab = {
  /** Token at each id. */
  tokens: string[];
  ids: Map<string, number>;
};

export type BuildVocabOptions = {
  /** Sentences to count words in (the train split only: validation must stay unseen). */
  texts: readonly string[];
  /** Keep only the N most frequent words (all when omitted). */
  maxWords?: number;
  /** Drop words seen fewer times than this. */
  minCount?: number;
};

/**
 * Special tokens, then whole words by descending frequency (ties by code-point order, so the vocab
 * never depends on Map iteration or locale). Without `##` pieces, a word that is not in the vocab
 * becomes a single [UNK], which is exactly the "smaller vocabulary, weaker model" lever we want.
 */
export function buildVocab(opts: BuildVocabOptions): Vocab {
  const counts = new Map<string, number>();
  for (const text of opts.texts) {
    for (const word of bertWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const special = new Set<string>(SPECIAL_TOKENS);
  const words = [...counts]
    .filter(([word, n]) => n >= (opts.minCount ?? 1) && !special.has(word))
    .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, opts.maxWords ?? Infinity)
    .map(([word]) => word);
  const tokens = [...SPECIAL_TOKENS, ...words];
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}

const specialId = (vocab: Vocab, token: string): number => {
  const id = vocab.ids.get(token);
  if (id === undefined) throw new Error(`vocab lacks ${token}`);
  return id;
};

/** `tokenizer.json` in the HF tokenizers serialization (what `BertTokenizerFast` saves). */
export function buildTokenizerJson(vocab: Vocab): Record<string, unknown> {
  const cls = specialId(vocab, "[CLS]");
  const sep = specialId(vocab, "[SEP]");
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: specialId(vocab, content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [cls], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [sep], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.tokens.map((t, i) => [t, i])),
    },
  };
}

/** `tokenizer_config.json` as `BertTokenizer.save_pretrained` writes it (trimmed to what matters). */
export function buildTokenizerConfig(): Record<string, unknown> {
  return {
    added_tokens_decoder: Object.fromEntries(
      SPECIAL_TOKENS.map((content, id) => [
        String(id),
        { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
    clean_up_tokenization_spaces: true,
    cls_token: "[CLS]",
    do_basic_tokenize: true,
    do_lower_case: true,
    mask_token: "[MASK]",
    model_max_length: MODEL_MAX_LENGTH,
    never_split: null,
    pad_token: "[PAD]",
    sep_token: "[SEP]",
    strip_accents: null,
    tokenize_chinese_chars: true,
    tokenizer_class: "BertTokenizer",
    unk_token: "[UNK]",
  };
}
