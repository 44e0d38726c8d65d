import { z } from "zod";

/** Query booleans arrive as strings: "true"/"1"/"on" are true, "false"/"0"/"" false. */
const queryBoolean = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "on", "off", ""])])
  .transform((v) => v === true || v === "true" || v === "1" || v === "on")
  .default(false);

/** GET /api/evaluations/{id}/examples: one page of examples, optionally filtered. */
export const EvaluationExamplesQuerySchema = z
  .object({
    /** Only examples the model got wrong (see `listEvaluationExamples` for each task's rule). */
    errorsOnly: queryBoolean,
    /** Label tasks: the reference label name; token classification: an entity type in the reference or prediction. */
    label: z.string().trim().min(1).max(200).optional(),
    /** Label tasks: the predicted label name (with `label`, one cell of the confusion matrix). */
    predicted: z.string().trim().min(1).max(200).optional(),
    /** Case-insensitive substring of the input text. */
    q: z.string().trim().max(200).optional().transform((v) => (v ? v : undefined)),
    page: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
    pageSize: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").max(100, "must be at most 100").default(20),
  })
  .strict();

export type EvaluationExamplesQuery = z.infer<typeof EvaluationExamplesQuerySchema>;
export type EvaluationExamplesQueryInput = z.input<typeof EvaluationExamplesQuerySchema>;

export const PREDICTION_FORMATS = ["jsonl", "csv"] as const;

/** GET /api/evaluations/{id}/predictions: every stored prediction as a download. */
export const PredictionsExportQuerySchema = z
  .object({ format: z.enum(PREDICTION_FORMATS, { message: `must be one of: ${PREDICTION_FORMATS.join(", ")}` }).default("jsonl") })
  .strict();

export type PredictionFormat = (typeof PREDICTION_FORMATS)[number];

/** One example as the examples browser shows it. */
export interface EvaluationExample {
  /** Row index in the split. */
  row: number;
  /** Task field -> the mapped column's value (texts, token lists); null when the row could not be read. */
  input: Record<string, unknown>;
  /** Label tasks: label names; other tasks: the stored prediction and reference as they are. */
  prediction: unknown;
  reference: unknown;
  correct: boolean;
  /** Label tasks: probability per label name. */
  scores?: Record<string, number>;
}

export interface EvaluationExamplesPage {
  task: string;
  /** Label tasks: the dataset's label names; token classification: its entity types; else empty. */
  labels: string[];
  /** Input fields in display order. */
  fields: string[];
  page: number;
  pageSize: number;
  /** Matching examples; null when a text search stopped reading once the page was full. */
  total: number | null;
  hasMore: boolean;
  /** What counts as an error for this task. */
  errorRule: string;
  examples: EvaluationExample[];
}
