import { listModels, modelInfo, HubApiError } from "@huggingface/hub";
import { LOCAL_FILES } from "@/server/evaluations/prepare-evaluation";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { LOCAL_ONLY, type InferenceConfig } from "@/server/inference/inference-config";
import { TASKS, type TaskId } from "@/server/tasks";

type PipelineType = NonNullable<NonNullable<NonNullable<Parameters<typeof listModels>[0]>["search"]>["task"]>;

/** How EvalHub would run a model for a task: what the form shows next to each model. */
export type ModelRunner = { kind: "local" } | { kind: "remote" } | { kind: "unavailable"; reason: string };

export interface CompatibleModel {
  id: string;
  task: string | null;
  downloads: number;
  likes: number;
  /** Tagged `dataset:<id>` for the requested dataset (trained or evaluated on it). */
  onDataset: boolean;
  runner: ModelRunner;
}

export interface ListCompatibleModelsOptions {
  hub: HubConfig;
  task: TaskId;
  /** Models tagged with this dataset come first, as in the original tool. */
  dataset?: string;
  /** Name search for any other model of the task. */
  search?: string;
  /** Describe exactly this model id (any task), e.g. one the user typed. */
  model?: string;
  limit?: number;
  /** Operator configuration of remote endpoints; decides "remote" vs "not runnable". */
  inference?: InferenceConfig;
}

/**
 * The runner a model would get for a task, from its file list and the operator's endpoints: the
 * same order of preference as `prepareModel` (local ONNX first, then a configured endpoint). Label
 * alignment and sentence pairs depend on the dataset and are checked at submission.
 */
export function describeRunner(opts: { task: TaskId; model: string; files: readonly string[]; inference?: InferenceConfig }): ModelRunner {
  const needed = LOCAL_FILES[opts.task];
  const missing = needed ? needed.filter((p) => !opts.files.includes(p)) : null;
  if (missing && missing.length === 0) return { kind: "local" };
  const endpoints = (opts.inference ?? LOCAL_ONLY).remote?.endpoints ?? {};
  const endpoint = Object.hasOwn(endpoints, opts.model) ? endpoints[opts.model] : undefined;
  if (endpoint && opts.task !== "text-generation") return { kind: "remote" };
  const local = missing
    ? `no ${missing.join(", ")} for the local runner`
    : `the local runner does not run ${TASKS[opts.task].name.toLowerCase()} models`;
  const remote = opts.task === "text-generation" ? "remote endpoints return no token log-probabilities" : "no remote endpoint is configured for it";
  return { kind: "unavailable", reason: `${local}, and ${remote}` };
}

/**
 * Models for a task the way the original tool found them: the task's pipeline tag plus the
 * dataset's `dataset:` tag, most downloaded first; then, with `search`, any other model of the task
 * whose name matches. Each says how it would run. Models outside these lists can be described by id.
 */
export async function listCompatibleModels(opts: ListCompatibleModelsOptions): Promise<CompatibleModel[]> {
  if (opts.model) return [await describeModel({ ...opts, model: opts.model })];
  const limit = opts.limit ?? 50;
  const pipelineTag = TASKS[opts.task].pipelineTag as PipelineType;
  const list = async (search: { task: PipelineType; tags?: string[]; query?: string }, onDataset: boolean) => {
    const out: CompatibleModel[] = [];
    try {
      const models = listModels({ search, hubUrl: opts.hub.hubUrl, accessToken: opts.hub.accessToken, fetch: opts.hub.fetch, limit, additionalFields: ["filePaths"] });
      for await (const m of models) {
        const runner = describeRunner({ task: opts.task, model: m.name, files: m.filePaths ?? [], inference: opts.inference });
        out.push({ id: m.name, task: m.task ?? null, downloads: m.downloads, likes: m.likes, onDataset, runner });
      }
    } catch (err) {
      throw new AppError("UPSTREAM", `Could not list ${opts.task} models on the hub: ${(err as Error).message}`);
    }
    return out.sort((a, b) => b.downloads - a.downloads || a.id.localeCompare(b.id));
  };
  const tagged = opts.dataset ? await list({ task: pipelineTag, tags: [`dataset:${opts.dataset}`] }, true) : [];
  const others = opts.search || !opts.dataset ? await list({ task: pipelineTag, ...(opts.search ? { query: opts.search } : {}) }, false) : [];
  const seen = new Set(tagged.map((m) => m.id));
  return [...tagged, ...others.filter((m) => !seen.has(m.id))].slice(0, limit);
}

/** One model by id: missing models and models of another task are "not runnable" with the reason. */
async function describeModel(opts: ListCompatibleModelsOptions & { model: string }): Promise<CompatibleModel> {
  const base = { id: opts.model, task: null, downloads: 0, likes: 0, onDataset: false };
  try {
    const info = await modelInfo({ name: opts.model, hubUrl: opts.hub.hubUrl, accessToken: opts.hub.accessToken, fetch: opts.hub.fetch, additionalFields: ["filePaths"] });
    const files = info.filePaths ?? [];
    const task = info.task ?? null;
    const described = { ...base, id: info.name, task, downloads: info.downloads, likes: info.likes };
    const pipelineTag = TASKS[opts.task].pipelineTag;
    if (task && task !== pipelineTag) return { ...described, runner: { kind: "unavailable", reason: `it is a ${task} model, not ${pipelineTag}` } };
    return { ...described, runner: describeRunner({ task: opts.task, model: info.name, files, inference: opts.inference }) };
  } catch (err) {
    if (err instanceof HubApiError && (err.statusCode === 404 || err.statusCode === 401)) {
      return { ...base, runner: { kind: "unavailable", reason: "no such model on the hub (or it is private)" } };
    }
    throw new AppError("UPSTREAM", `Could not look up ${opts.model} on the hub: ${(err as Error).message}`);
  }
}
