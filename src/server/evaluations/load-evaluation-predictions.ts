import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { normalizeSquadAnswer } from "@/server/metrics/text-normalize/squad-answer";
import { entityType } from "./align-tags";
import { getEvaluation, type EvaluationDetail } from "./get-evaluation";
import { loadPredictions } from "./prediction-store";
import { PredictionTable } from "./prediction-table";

/** One stored example, with label names for label tasks and the stored values for record tasks. */
export interface StoredExample {
  row: number;
  /** Label tasks: label name (or the class index as a string when the task has no label set). */
  prediction: unknown;
  reference: unknown;
  /** Label tasks: the dataset label ids (used to name causal-LM classes from the row). */
  predictionId?: number;
  referenceId?: number;
  correct: boolean;
  /** Label tasks with a label set: probability per label name. */
  scores?: Record<string, number>;
}

export interface EvaluationPredictions {
  evaluation: EvaluationDetail;
  kind: "label" | "record";
  /** Label names (label tasks) or entity types (token classification), else empty. */
  labels: string[];
  /** The task's rule for `correct`, in words. */
  errorRule: string;
  length: number;
  example(i: number): StoredExample;
  /** Whether example i has `label` (reference label / an entity type of reference or prediction). */
  hasLabel(i: number, label: string): boolean;
  /** Whether example i's predicted label is `label` (label tasks only). */
  predictedIs(i: number, label: string): boolean;
}

type Qa = { prediction_text: string; span_text?: string };
type QaRef = { answers: { text: string[] } };

/**
 * What counts as correct per task: the label for label tasks; every tag of the sentence for token
 * classification; for QA, the answer equal (after SQuAD normalization) to one gold answer, or both
 * empty for unanswerable questions; for generation, the text identical after trimming whitespace.
 */
const ERROR_RULES: Record<string, string> = {
  label: "the predicted label differs from the reference label",
  "token-classification": "at least one predicted tag differs from the reference tags",
  "question-answering": "the answer differs from every gold answer after SQuAD normalization (lowercase, no punctuation or articles), or an answer was given to an unanswerable question (or none to an answerable one)",
  generation: "the generated text is not identical to the reference (after trimming whitespace)",
};

function recordCorrect(task: string, prediction: unknown, reference: unknown): boolean {
  if (task === "token-classification") {
    const p = prediction as string[];
    const r = reference as string[];
    return p.length === r.length && p.every((t, i) => t === r[i]);
  }
  if (task === "question-answering") {
    const answer = normalizeSquadAnswer((prediction as Qa).prediction_text);
    const gold = (reference as QaRef).answers.text;
    if (gold.length === 0) return answer === "";
    return gold.some((g) => normalizeSquadAnswer(g) === answer);
  }
  return String(prediction).trim() === String(reference).trim();
}

/** Entity types (B-PER -> PER) in a tag sequence. */
function typesOf(tags: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(tags)) return out;
  for (const t of tags) {
    const type = typeof t === "string" ? entityType(t) : null;
    if (type) out.add(type);
  }
  return out;
}

/** An evaluation's stored predictions, read for the examples browser and the download. */
export async function loadEvaluationPredictions(opts: { db: Db; id: string }): Promise<EvaluationPredictions> {
  const evaluation = await getEvaluation(opts);
  const stored = await loadPredictions(opts.db, evaluation.evaluationKey);
  if (!stored) {
    throw new AppError("CONFLICT", `Evaluation ${opts.id} has no stored predictions (status: ${evaluation.status}${evaluation.failureReason ? `, ${evaluation.failureReason}` : ""}).`);
  }
  const manifest = evaluation.manifest ?? {};
  const datasetLabels = ((manifest.labelAlignment as { datasetLabels?: string[] } | null | undefined)?.datasetLabels ?? []).slice();
  const task = evaluation.task;
  if (stored instanceof PredictionTable) {
    const t = stored;
    const name = (id: number) => datasetLabels[id] ?? String(id);
    return {
      evaluation,
      kind: "label",
      labels: datasetLabels,
      errorRule: ERROR_RULES.label,
      length: t.length,
      example(i) {
        const p = t.prediction[i];
        const r = t.reference[i];
        const scores = t.numLabels > 0 ? Object.fromEntries(datasetLabels.map((l, k) => [l, t.scores[i * t.numLabels + k]])) : undefined;
        return { row: t.rows[i], prediction: name(p), reference: name(r), predictionId: p, referenceId: r, correct: p === r, ...(scores ? { scores } : {}) };
      },
      hasLabel: (i, label) => name(t.reference[i]) === label,
      predictedIs: (i, label) => name(t.prediction[i]) === label,
    };
  }
  const records = stored.records;
  const isTags = task === "token-classification";
  const entityTypes = isTags ? [...new Set(datasetLabels.map((l) => entityType(l)).filter((x): x is string => x !== null))].sort() : [];
  return {
    evaluation,
    kind: "record",
    labels: entityTypes,
    errorRule: ERROR_RULES[isTags ? task : task === "question-answering" ? task : "generation"],
    length: records.length,
    example(i) {
      const r = records[i];
      return { row: r.row, prediction: r.prediction, reference: r.reference, correct: recordCorrect(task, r.prediction, r.reference) };
    },
    hasLabel: (i, label) => isTags && (typesOf(records[i].reference).has(label) || typesOf(records[i].prediction).has(label)),
    predictedIs: () => false,
  };
}
