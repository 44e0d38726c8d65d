import { textClassification } from "./text-classification";
import type { TaskDefinition } from "./types";

/** The task registry. UI options and zod enums derive from its keys. */
export const TASKS = { "text-classification": textClassification } satisfies Record<string, TaskDefinition>;

export type TaskId = keyof typeof TASKS;
export const TASK_IDS = Object.keys(TASKS) as [TaskId, ...TaskId[]];

/** Older dataset cards use hyphen/underscore variants (e.g. `text_classification`). */
export function normalizeTaskId(id: string): TaskId | null {
  const norm = id.trim().toLowerCase().replace(/_/g, "-");
  return (TASK_IDS as string[]).includes(norm) ? (norm as TaskId) : null;
}

export type { TaskDefinition, TaskField } from "./types";
