import { readFileSync } from "node:fs";
import { mulberry32 } from "../sst2";

/** One row of `evalhub-demo/qnli-squad` (column names follow HF `glue/qnli`, without `idx`). */
export type QnliRow = {
  question: string;
  sentence: string;
  /** ClassLabel id: 0 entailment (the sentence answers the question), 1 not_entailment. */
  label: 0 | 1;
};

export type QnliSplits = { train: QnliRow[]; validation: QnliRow[] };

/** GLUE QNLI's label order. */
export const QNLI_LABELS = ["entailment", "not_entailment"] as const;

/** Seed of the paragraph split and of the choice of negative sentences. */
export const QNLI_SPLIT_SEED = 20160616;
/** Paragraphs (of 54) held out for `validation`. */
export const QNLI_VALIDATION_PARAGRAPHS = 14;

export const SQUAD_JSON_URL = new URL("../../../data/squad-tiny/tiny-dev.json", import.meta.url);
export const QNLI_SOURCE_URL = new URL("../../../data/qnli-squad/SOURCE.txt", import.meta.url);

type SquadJson = {
  data: {
    title: string;
    paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[] }[] }[];
  }[];
};

type Sentence = { text: string; start: number; end: number };

/**
 * Sentence boundaries: end punctuation (optionally closed by a quote or bracket), whitespace, then
 * something that can start a sentence, except after an initial ("Brandon J. McManus"). Good
 * enough for this Wikipedia article (checked: no other abbreviation ends a sentence early), not a
 * general splitter.
 */
const BOUNDARY = /(?<!\b[A-Z]\.)(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z0-9])/g;

export function splitSentences(context: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of context.matchAll(BOUNDARY)) {
    out.push({ text: context.slice(start, m.index), start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ text: context.slice(start), start, end: context.length });
  return out.filter((s) => s.text.trim().length > 0);
}

/**
 * The QNLI construction (Wang et al., 2019) on SQuAD v1.1: every question yields one positive pair
 * (the sentence holding its first answer span) and one negative pair (a seeded random sentence of
 * the same paragraph that overlaps no answer span and contains no answer text), so the labels are
 * exactly balanced. Questions whose answer crosses a sentence boundary, or whose paragraph has no
 * usable negative sentence, are skipped. Whole paragraphs go to one split, so no validation
 * sentence or question is ever seen in training.
 */
export function buildQnliSplits(squad: SquadJson, opts: { seed?: number; validationParagraphs?: number } = {}): QnliSplits {
  const random = mulberry32(opts.seed ?? QNLI_SPLIT_SEED);
  const paragraphs = squad.data.flatMap((a) => a.paragraphs);
  const order = paragraphs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const validation = new Set(order.slice(0, opts.validationParagraphs ?? QNLI_VALIDATION_PARAGRAPHS));
  const splits: QnliSplits = { train: [], validation: [] };
  paragraphs.forEach((p, pi) => {
    const sentences = splitSentences(p.context);
    for (const qa of p.qas) {
      const first = qa.answers[0];
      if (!first) continue;
      const positive = sentences.find((s) => first.answer_start >= s.start && first.answer_start + first.text.length <= s.end);
      if (!positive) continue;
      const negatives = sentences.filter(
        (s) =>
          s !== positive &&
          qa.answers.every((a) => a.answer_start + a.text.length <= s.start || a.answer_start >= s.end) &&
          qa.answers.every((a) => !s.text.includes(a.text)),
      );
      if (negatives.length === 0) continue;
      const negative = negatives[Math.floor(random() * negatives.length)]!;
      const pair: QnliRow[] = [
        { question: qa.question.trim(), sentence: positive.text, label: 0 },
        { question: qa.question.trim(), sentence: negative.text, label: 1 },
      ];
      // Which of the two comes first is seeded too, so row order says nothing about the label.
      if (random() < 0.5) pair.reverse();
      (validation.has(pi) ? splits.validation : splits.train).push(...pair);
    }
  });
  return splits;
}

export function loadQnliSplits(): QnliSplits {
  return buildQnliSplits(JSON.parse(readFileSync(SQUAD_JSON_URL, "utf8")) as SquadJson);
}
