/**
 * The answer normalisation of the official SQuAD evaluation scripts (v1.1 `normalize_answer`, identical
 * in v2.0), with Python 3's string semantics reproduced where JavaScript's differ:
 *  - `str.split()` splits on Python's whitespace, which adds U+001C–U+001F and U+0085 to JS `\s` and
 *    leaves out U+FEFF;
 *  - `\b` in `re` is Unicode-aware for str patterns (word = letters, numbers, `_`), while JS `\b` is
 *    ASCII-only even with the `u` flag, so "café a" and "éa" would differ;
 *  - `string.punctuation` is ASCII only: accents and non-ASCII punctuation are kept.
 */

/** Characters for which Python's `str.isspace()` is true (Unicode 14, the same set in 15). */
const PY_WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE}]+`, "u");

/** Python `string.punctuation`. */
export const PY_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const PUNCTUATION = new Set(PY_PUNCTUATION);

// Python's re `\w` for str patterns is exactly [\p{L}\p{N}_] (checked code point by code point
// against CPython 3.11), so `\b(a|an|the)\b` is "not preceded nor followed by a word character".
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** Python `s.split()` with no separator: split on runs of whitespace, drop empty strings. */
export function pythonSplit(s: string): string[] {
  return s.split(PY_WHITESPACE_RUN).filter((t) => t.length > 0);
}

/** Lower text and remove punctuation, articles and extra whitespace (SQuAD `normalize_answer`). */
export function normalizeSquadAnswer(s: string): string {
  const lower = s.toLowerCase();
  let noPunct = "";
  for (const ch of lower) if (!PUNCTUATION.has(ch)) noPunct += ch;
  return pythonSplit(noPunct.replace(ARTICLES, " ")).join(" ");
}

/** Size of the multiset intersection of two token lists (`sum((Counter(a) & Counter(b)).values())`). */
export function commonTokenCount(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of b) {
    const c = counts.get(t);
    if (c) {
      same++;
      counts.set(t, c - 1);
    }
  }
  return same;
}
