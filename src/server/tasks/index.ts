import { imageClassification } from "./image-classification";
import { questionAnswering } from "./question-answering";
import { summarization } from "./summarization";
import { textClassification } from "./text-classification";
import { textGeneration } from "./text-generation";
import { tokenClassification } from "./token-classification";
import { translation } from "./translation";
import type { TaskDefinition } from "./types";
import { zeroShotClassification } from "./zero-shot-classification";

/** The task registry. UI options and zod enums derive from its keys. */
export const TASKS = {
  "text-classification": textClassification,
  "token-classification": tokenClassification,
  "question-answering": questionAnswering,
  summarization,
  translation,
  "image-classification": imageClassification,
  "zero-shot-classification": zeroShotClassification,
  "text-generation": textGeneration,
} satisfies Record<string, TaskDefinition>;

export type TaskId = keyof typeof TASKS;
export const TASK_IDS = Object.keys(TASKS) as [TaskId, ...TaskId[]];

/**
 * A task id from a dataset card: the registry's ids with hyphen/underscore variants
 * (`text_classification`), and the original tool's AutoTrain `task_id`s (`entity_extraction`).
 */
export function normalizeTaskId(id: string): TaskId | null {
  const raw = id.trim().toLowerCase();
  const norm = raw.replace(/_/g, "-");
  if ((TASK_IDS as string[]).includes(norm)) return norm as TaskId;
  const byAutoTrain = TASK_IDS.find((t) => (TASKS[t].autoTrainIds as string[]).includes(raw.replace(/-/g, "_")));
  return byAutoTrain ?? null;
}

/** A task's parameters with defaults filled in; throws a ZodError naming the bad parameter. */
export function parseTaskParameters(task: TaskId, raw: unknown): Record<string, unknown> {
  return (TASKS[task].parametersSchema as import("zod").ZodType<Record<string, unknown>>).parse(raw ?? {});
}

export { featureFits, FIELD_KIND_NEEDS } from "./field-kinds";
export type { FieldKind, PredictionKind, TaskDefinition, TaskField } from "./types";
