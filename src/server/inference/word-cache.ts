/**
 * A per-word cache in front of a WordPiece tokenizer model. WordPiece splits every pre-tokenized
 * word on its own (greedy longest match, `[...word]` then substring joins: O(length²) per word), so
 * caching by word is exact; Hugging Face's Rust tokenizers cache words the same way. Words repeat
 * heavily in any corpus (Zipf), so most lookups hit after the first few hundred examples.
 *
 * transformers.js exposes no hook for this: the model sits at `tokenizer._tokenizer.model`. The
 * wrapper is installed only when that object is recognisably WordPiece, otherwise nothing changes.
 */
type WordPieceModel = { config?: { type?: string }; max_input_chars_per_word?: unknown; encode(tokens: string[]): string[] };

/** The card's `model.type` when present; tokenizer.json files written without it are recognised by class. */
const isWordPiece = (m: WordPieceModel) =>
  (m.config?.type === "WordPiece" || m.constructor?.name === "WordPieceTokenizer") && typeof m.max_input_chars_per_word === "number" && typeof m.encode === "function";

/** Bounded, so a split with millions of distinct words cannot grow memory without limit. */
const MAX_WORDS = 200_000;

export function cacheWordPieceWords(tokenizer: unknown): boolean {
  const model = (tokenizer as { _tokenizer?: { model?: WordPieceModel } })?._tokenizer?.model;
  if (!model || !isWordPiece(model)) return false;
  const encode = model.encode.bind(model);
  const cache = new Map<string, string[]>();
  model.encode = (tokens: string[]) => {
    const out: string[] = [];
    for (const token of tokens) {
      let pieces = cache.get(token);
      if (!pieces) {
        pieces = encode([token]);
        if (cache.size < MAX_WORDS) cache.set(token, pieces);
      }
      for (const p of pieces) out.push(p);
    }
    return out;
  };
  return true;
}
