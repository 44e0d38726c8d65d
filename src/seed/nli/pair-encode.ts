import { bertEncode, bertWords, wordPiece } from "../bert-tokenize";
import type { Vocab } from "../wordpiece";

/** A pair as transformers.js encodes it with a BERT tokenizer.json: ids and token_type_ids. */
export type EncodedPair = { ids: number[]; types: (0 | 1)[] };

const SPECIAL_LITERAL = /\[(?:PAD|UNK|CLS|SEP|MASK)\]/;

/**
 * `bertEncode` with a cache per text and per word: training encodes the same questions and
 * sentences several times, and WordPiece on out-of-vocabulary words is the slow part.
 */
export function createEncoder(vocab: Vocab): (text: string) => number[] {
  const texts = new Map<string, number[]>();
  const words = new Map<string, number[]>();
  const cls = vocab.ids.get("[CLS]")!;
  const sep = vocab.ids.get("[SEP]")!;
  const unk = vocab.ids.get("[UNK]")!;
  // A whole-word vocabulary (no "##" pieces): WordPiece then gives the word itself or one [UNK].
  const wholeWords = !vocab.tokens.some((t) => t.startsWith("##"));
  return (text) => {
    const hit = texts.get(text);
    if (hit) return hit;
    let ids: number[];
    // A literal special token is an added token: leave that rare case to the reference encoder.
    if (SPECIAL_LITERAL.test(text)) ids = bertEncode(text, { vocab: vocab.ids });
    else {
      ids = [cls];
      for (const word of bertWords(text)) {
        let pieces = words.get(word);
        if (!pieces) {
          const id = vocab.ids.get(word);
          pieces = wholeWords && [...word].length <= 100 ? [id ?? unk] : wordPiece(word, { vocab: vocab.ids }).map((p) => vocab.ids.get(p)!);
          words.set(word, pieces);
        }
        ids.push(...pieces);
      }
      ids.push(sep);
    }
    texts.set(text, ids);
    return ids;
  };
}

/**
 * `[CLS] A [SEP] B [SEP]` with token types 0 for `[CLS] A [SEP]` and 1 for `B [SEP]`, the pair
 * template of our tokenizer.json. `maxLength` cuts the end like transformers.js' `truncation: true`
 * (it shortens the whole encoding, not the longer sequence); the models' tokenizers are set up so
 * that no demo pair reaches that length.
 */
export function encodePair(encode: (text: string) => number[], first: string, second: string, maxLength?: number): EncodedPair {
  const a = encode(first);
  const b = encode(second).slice(1);
  const ids = [...a, ...b];
  const types: (0 | 1)[] = [...a.map(() => 0 as const), ...b.map(() => 1 as const)];
  return maxLength === undefined ? { ids, types } : { ids: ids.slice(0, maxLength), types: types.slice(0, maxLength) };
}

/** The vocabulary plus any of `words` it lacks, appended in the given order (ids of the rest unchanged). */
export function withWords(vocab: Vocab, words: readonly string[]): Vocab {
  const tokens = [...vocab.tokens];
  for (const w of words) if (!tokens.includes(w)) tokens.push(w);
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}
