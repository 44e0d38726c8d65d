import { createHash } from "node:crypto";

/** Bumped whenever a change alters predictions or scores, so old keys are not reused. */
export const CODE_VERSION = "evalhub-0.1.0";

export interface EvaluationKeyInput {
  model: string;
  modelSha: string;
  dataset: string;
  datasetSha: string;
  config: string;
  split: string;
  task: string;
  columnMapping: Record<string, string>;
  runner: { name: string; [param: string]: unknown };
  limit?: number | null;
  labelMapping?: Record<string, string>;
}

/** Stable JSON: object keys sorted at every level, so equal inputs hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The identity of an evaluation: identical keys are never run twice. */
export function evaluationKey(input: EvaluationKeyInput): string {
  const digest = createHash("sha256")
    .update(canonical({ ...input, limit: input.limit ?? null, codeVersion: CODE_VERSION }))
    .digest("hex");
  return `ek_${digest.slice(0, 40)}`;
}
