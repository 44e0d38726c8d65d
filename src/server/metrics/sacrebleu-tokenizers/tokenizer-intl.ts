import { pyNormalizeSpace } from "./python-str";

// Same classes as the Python `regex` module's \p{N}, \p{P}, \p{S}: checked code point by code point
// against regex 2026.5.9 (Unicode 17, as Node 20's ICU); the sets are identical.
const PUNCT_AFTER_NON_NUMBER_RE = /(\P{N})(\p{P})/gu;
const PUNCT_BEFORE_NON_NUMBER_RE = /(\p{P})(\P{N})/gu;
const SYMBOL_RE = /(\p{S})/gu;

/**
 * sacreBLEU's `intl` tokenizer (mteval-v14 international): splits Unicode punctuation unless it
 * sits between digits, and every symbol. Like mteval-v14 (and unlike 13a) the line is not padded,
 * so a number followed by a sentence-final period keeps the period.
 */
export function tokenizeIntl(line: string): string {
  line = line.replace(PUNCT_AFTER_NON_NUMBER_RE, "$1 $2 ");
  line = line.replace(PUNCT_BEFORE_NON_NUMBER_RE, " $1 $2");
  line = line.replace(SYMBOL_RE, " $1 ");
  return pyNormalizeSpace(line);
}
