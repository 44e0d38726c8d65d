import { readFileSync } from "node:fs";
import { mulberry32 } from "../sst2";

/** One row in the HF `squad` / `squad_v2` flat layout. */
export type SquadRow = {
  id: string;
  title: string;
  context: string;
  question: string;
  /** Parallel lists; both empty for an unanswerable (SQuAD 2.0) question. */
  answers: { text: string[]; answer_start: number[] };
};

export type SquadSplits = { train: SquadRow[]; validation: SquadRow[] };

/** The split is part of the demo's identity: changing the seed changes every model and number. */
export const SQUAD_SPLIT_SEED = 20160616;
/** Paragraphs go to `validation` until it holds at least this many questions. */
export const SQUAD_VALIDATION_QUESTIONS = 400;

export const SQUAD_TINY_URL = new URL("../../../data/squad-tiny/tiny-dev.json", import.meta.url);
export const SQUAD_V2_SAMPLE_URL = new URL("../../../data/squad-tiny/squad-v2-sample.json", import.meta.url);
export const SQUAD_SOURCE_URL = new URL("../../../data/squad-tiny/SOURCE.txt", import.meta.url);

type SquadV1Json = {
  data: {
    title: string;
    paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[] }[] }[];
  }[];
};

/** Official SQuAD v1.1 JSON flattened the way HF `datasets` does it: file order, one row per question. */
export function flattenSquadV1(doc: SquadV1Json): SquadRow[][] {
  return doc.data.flatMap((article) =>
    article.paragraphs.map((p) =>
      p.qas.map((q) => ({
        id: q.id,
        title: article.title,
        context: p.context,
        question: q.question,
        answers: { text: q.answers.map((a) => a.text), answer_start: q.answers.map((a) => a.answer_start) },
      })),
    ),
  );
}

/** Paragraphs (each a list of its questions) of the repository's SQuAD v1.1 copy. */
export function readSquadTinyParagraphs(url: URL = SQUAD_TINY_URL): SquadRow[][] {
  return flattenSquadV1(JSON.parse(readFileSync(url, "utf8")) as SquadV1Json);
}

/**
 * Seeded split by paragraph: questions about one paragraph never end up on both sides, so a model
 * cannot learn a validation paragraph's answers from its train questions. Shuffled paragraphs go
 * to `validation` until it has `validationQuestions`; rows keep file order within each split.
 */
export function splitSquadByParagraph(paragraphs: readonly SquadRow[][], opts: { seed?: number; validationQuestions?: number } = {}): SquadSplits {
  const random = mulberry32(opts.seed ?? SQUAD_SPLIT_SEED);
  const order = paragraphs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const target = opts.validationQuestions ?? SQUAD_VALIDATION_QUESTIONS;
  const validation = new Set<number>();
  let count = 0;
  for (const p of order) {
    if (count >= target) break;
    validation.add(p);
    count += paragraphs[p]!.length;
  }
  return {
    train: paragraphs.flatMap((rows, p) => (validation.has(p) ? [] : rows)),
    validation: paragraphs.flatMap((rows, p) => (validation.has(p) ? rows : [])),
  };
}

export function loadSquadTinySplits(): SquadSplits {
  return splitSquadByParagraph(readSquadTinyParagraphs());
}

/**
 * The transformers test fixture: already HF-flat rows without a title; every row comes from the
 * first article of SQuAD 2.0 dev, "Normans", so that is the title.
 */
export function loadSquadV2Sample(url: URL = SQUAD_V2_SAMPLE_URL): SquadRow[] {
  const doc = JSON.parse(readFileSync(url, "utf8")) as { data: Omit<SquadRow, "title">[] };
  return doc.data.map((r) => ({
    id: r.id,
    title: "Normans",
    context: r.context,
    question: r.question,
    answers: { text: [...r.answers.text], answer_start: [...r.answers.answer_start] },
  }));
}
