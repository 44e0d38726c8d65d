/**
 * sacreBLEU's `TokenizerRegexp`: the language-dependent part of mteval-v13a, shared by the `13a`
 * and `zh` tokenizers.
 */
import { pyNormalizeSpace } from "./python-str";

// ASCII punctuation and symbols except ' , - . (those have the digit-aware rules below).
// Written without identity escapes such as \~ or \@, which the `u` flag rejects.
const PUNCT_RE = /([{-~[-` -&(-+:-@/])/gu;
const PERIOD_COMMA_AFTER_NON_DIGIT_RE = /([^0-9])([.,])/gu;
const PERIOD_COMMA_BEFORE_NON_DIGIT_RE = /([.,])([^0-9])/gu;
const DASH_AFTER_DIGIT_RE = /([0-9])(-)/gu;

export function tokenizeRegexp(line: string): string {
  line = line.replace(PUNCT_RE, " $1 ");
  line = line.replace(PERIOD_COMMA_AFTER_NON_DIGIT_RE, "$1 $2 ");
  line = line.replace(PERIOD_COMMA_BEFORE_NON_DIGIT_RE, " $1 $2");
  line = line.replace(DASH_AFTER_DIGIT_RE, "$1 $2 ");
  return pyNormalizeSpace(line);
}
