/**
 * A TypeScript copy of what a BERT `tokenizer.json` (BertNormalizer with lowercase, BertPreTokenizer,
 * WordPiece, `[CLS] $A [SEP]`) does, written to match `@huggingface/tokenizers` (the tokenizer inside
 * transformers.js 4.x). Training must see exactly the ids the ONNX graph will see at evaluation
 * time; `wordpiece.test.ts` checks this against transformers.js on every SST-2 sentence.
 */

// Same character class as @huggingface/tokenizers' BertPreTokenizer: Unicode punctuation plus
// every ASCII symbol (BERT counts `$`, `+`, `^`, ... as punctuation too).
const PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, "gu");
const CONTROL = /^(?:\p{Cc}|\p{Cf}|\p{Co}|\p{Cs})$/u;

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2a6df) || (code >= 0x2a700 && code <= 0x2b73f) ||
    (code >= 0x2b740 && code <= 0x2b81f) || (code >= 0x2b820 && code <= 0x2ceaf) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

/** BertNormalizer {clean_text, handle_chinese_chars, lowercase, strip_accents: null (= follow lowercase)}. */
export function bertNormalize(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0 || code === 0xfffd) continue;
    if (ch !== "\t" && ch !== "\n" && ch !== "\r" && CONTROL.test(ch)) continue;
    if (/^\s$/u.test(ch)) out += " ";
    else if (isCjk(code)) out += ` ${ch} `;
    else out += ch;
  }
  return out.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
}

/** BertPreTokenizer: split on whitespace, and every punctuation character is its own word. */
export function bertPreTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN) ?? [];
}

/** Words as the vocabulary builder counts them: normalized, pre-tokenized. */
export function bertWords(text: string): string[] {
  return bertPreTokenize(bertNormalize(text));
}

export type WordPieceOptions = {
  vocab: ReadonlyMap<string, number>;
  unkToken?: string;
  continuingSubwordPrefix?: string;
  maxInputCharsPerWord?: number;
};

/** Greedy longest-match-first WordPiece; a word with any unmatched remainder becomes one [UNK]. */
export function wordPiece(word: string, opts: WordPieceOptions): string[] {
  const unk = opts.unkToken ?? "[UNK]";
  const prefix = opts.continuingSubwordPrefix ?? "##";
  const chars = [...word];
  if (chars.length > (opts.maxInputCharsPerWord ?? 100)) return [unk];
  const pieces: string[] = [];
  for (let start = 0; start < chars.length; ) {
    let end = chars.length;
    let piece: string | null = null;
    for (; start < end; end--) {
      const candidate = (start > 0 ? prefix : "") + chars.slice(start, end).join("");
      if (opts.vocab.has(candidate)) {
        piece = candidate;
        break;
      }
    }
    if (piece === null) return [unk];
    pieces.push(piece);
    start = end;
  }
  return pieces;
}

/**
 * tokenizer.json lists the special tokens as added tokens, so a literal "[CLS]" in the raw text is
 * matched before normalisation and becomes that token (transformers.js and Python agree on this).
 */
const ADDED_TOKENS = /(\[PAD\]|\[UNK\]|\[CLS\]|\[SEP\]|\[MASK\])/;

export type EncodeOptions = WordPieceOptions & {
  /** transformers.js truncates the id list *after* adding [CLS]/[SEP], so [SEP] can be cut off. */
  maxLength?: number;
};

/** Token ids for one sentence, `[CLS] ... [SEP]`, as transformers.js produces them. */
export function bertEncode(text: string, opts: EncodeOptions): number[] {
  const id = (token: string): number => {
    const found = opts.vocab.get(token);
    if (found === undefined) throw new Error(`token ${JSON.stringify(token)} missing from vocab`);
    return found;
  };
  const pieces = text
    .split(ADDED_TOKENS)
    .flatMap((part, i) => (i % 2 === 1 ? [part] : bertWords(part).flatMap((word) => wordPiece(word, opts))));
  const ids = [id("[CLS]"), ...pieces.map(id), id("[SEP]")];
  return opts.maxLength === undefined ? ids : ids.slice(0, opts.maxLength);
}
