import { parse } from "yaml";
import type { TaskId } from "@/server/tasks";

/** A preset read from a benchmark's `eval.yaml` (the Hub's Inspect-AI-based benchmark format). */
export interface EvalYamlTask {
  /** The benchmark's task id (its leaderboard name). */
  id: string;
  config: string;
  split: string;
  /** `field_spec.input` / `field_spec.target` columns. */
  input?: string;
  target?: string;
  /** Multiple-choice tasks name a choices column. */
  choices?: string;
}

export interface EvalYaml {
  name?: string;
  framework?: string;
  tasks: EvalYamlTask[];
}

/**
 * Parses `eval.yaml` (`name`, `evaluation_framework`, `tasks[]` with `id`, optional `config` (default
 * "default") and `split` (default "test"), and `field_spec`). Throws with the reason when malformed.
 */
export function parseEvalYaml(text: string): EvalYaml {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new Error(`eval.yaml is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Error("eval.yaml must be a mapping with a tasks list");
  const d = doc as Record<string, unknown>;
  const rawTasks = Array.isArray(d.tasks) ? d.tasks : d.task && typeof d.task === "object" ? [d.task] : null;
  if (!rawTasks) throw new Error("eval.yaml has no tasks list");
  const tasks = rawTasks.map((t, i) => {
    const task = (t ?? {}) as Record<string, unknown>;
    if (typeof task.id !== "string" || !task.id) throw new Error(`eval.yaml tasks[${i}] has no id`);
    const spec = (task.field_spec ?? {}) as Record<string, unknown>;
    return {
      id: task.id,
      config: typeof task.config === "string" ? task.config : "default",
      split: typeof task.split === "string" ? task.split : "test",
      input: typeof spec.input === "string" ? spec.input : undefined,
      target: typeof spec.target === "string" ? spec.target : undefined,
      choices: typeof spec.choices === "string" ? spec.choices : undefined,
    };
  });
  return { name: typeof d.name === "string" ? d.name : undefined, framework: typeof d.evaluation_framework === "string" ? d.evaluation_framework : undefined, tasks };
}

/**
 * Presets EvalHub can run from a benchmark task: an `input` text column and a `target` label column
 * make a text-classification evaluation (multiple-choice `choices` tasks need a generative runner).
 */
export function evalYamlPresets(evalYaml: EvalYaml): { config: string; split: string; task: TaskId; columnMapping: Record<string, string>; benchmarkTask: string }[] {
  return evalYaml.tasks
    .filter((t) => t.input && t.target && !t.choices)
    .map((t) => ({ config: t.config, split: t.split, task: "text-classification" as const, columnMapping: { text: t.input!, target: t.target! }, benchmarkTask: t.id }));
}
