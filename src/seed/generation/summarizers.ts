/** Sentence ends: . ! ? (optionally closed by a quote) before whitespace and a capital or digit. */
const SENTENCE_END = /(?<=[.!?]["'”’]?)\s+(?=["'“‘]?[\p{Lu}0-9])/u;

/** Sentences of a document; XSum puts one paragraph per line, so line breaks also end sentences. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Lead-1: the first sentence, the standard extractive baseline for news summarization. */
export const leadSentence = (text: string): string => splitSentences(text)[0] ?? "";

/** How many words `summarize-first-words` keeps. */
export const FIRST_WORDS_COUNT = 4;

/** A headline-length prefix: the first few words, whatever the sentence boundaries. */
export const firstWords = (text: string, count = FIRST_WORDS_COUNT): string => text.trim().split(/\s+/).slice(0, count).join(" ");

/** The demo models read at most this many input words (a seq2seq encoder's context, e.g. BART's 1,024 tokens). */
export const MAX_INPUT_WORDS = 1024;
