import type { DatasetOptions } from "@/server/datasets/get-dataset-options";
import type { CompatibleModel } from "@/server/models/list-compatible-models";
import type { listTasks } from "@/server/tasks/list-tasks";

/** Types and small helpers shared by the form's sections (client-safe: types only from the server). */
export type Task = ReturnType<typeof listTasks>[number];
export type { CompatibleModel, DatasetOptions };

export const inputClass = "rounded border border-gray-300 bg-white px-3 py-2 dark:border-gray-700 dark:bg-gray-900";
export const buttonClass = "rounded border border-indigo-600 px-3 py-2 text-sm text-indigo-700 disabled:opacity-50 dark:text-indigo-300";

/** A preview cell: strings as they are, everything else as JSON, missing values as ∅. */
export const cell = (v: unknown) => (v === null || v === undefined ? "∅" : typeof v === "string" ? v : JSON.stringify(v));

export const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** The mapping without unmapped (optional) fields, as the API expects it. */
export function mappedColumns(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => column));
}

/** Form strings to the types the task's parameter schema takes; empty inputs fall back to defaults. */
export function typedParameters(task: Task, values: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of task.parameters) {
    const raw = values[p.name];
    if (raw === undefined || raw === "") continue;
    out[p.name] = p.type === "integer" || p.type === "number" ? Number(raw) : raw;
  }
  return out;
}
