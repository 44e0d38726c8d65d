/**
 * Tokenizers and helpers shared by the sacreBLEU-family metrics (sacrebleu, chrf, ter). They follow
 * sacreBLEU 2.6.0 (github.com/mjpost/sacrebleu, sacrebleu/tokenizers/) character for character.
 */
import { tokenize13a } from "./tokenizer-13a";
import { tokenizeChar } from "./tokenizer-char";
import { tokenizeIntl } from "./tokenizer-intl";
import { tokenizeZh } from "./tokenizer-zh";

/** The sacreBLEU release whose numbers these implementations reproduce; goes into signatures. */
export const SACREBLEU_VERSION = "2.6.0";

export const BLEU_TOKENIZERS = {
  "13a": tokenize13a,
  intl: tokenizeIntl,
  zh: tokenizeZh,
  char: tokenizeChar,
  none: (line: string) => line,
} as const satisfies Record<string, (line: string) => string>;

export type BleuTokenizerName = keyof typeof BLEU_TOKENIZERS;
export const BLEU_TOKENIZER_NAMES = Object.keys(BLEU_TOKENIZERS) as [BleuTokenizerName, ...BleuTokenizerName[]];

export { tokenize13a, tokenizeChar, tokenizeIntl, tokenizeZh };
export { tokenizeRegexp } from "./regexp-tokenizer";
export { codePoints, pyNormalizeSpace, pyRemoveWhitespace, pyRstrip, pySplit, pyStrip } from "./python-str";
export { PairInterner } from "./pair-interner";
export { toReferenceLists, ReferenceSchema, type Reference } from "./references";
