import { listModels } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { TASKS, type TaskId } from "@/server/tasks";

type PipelineType = NonNullable<NonNullable<NonNullable<Parameters<typeof listModels>[0]>["search"]>["task"]>;

export interface CompatibleModel {
  id: string;
  task: string | null;
  downloads: number;
  likes: number;
  /** Tagged `dataset:<id>` for the requested dataset (trained or evaluated on it). */
  onDataset: boolean;
}

export interface ListCompatibleModelsOptions {
  hub: HubConfig;
  task: TaskId;
  /** Models tagged with this dataset come first, as in the original tool. */
  dataset?: string;
  /** Name search for any other model of the task. */
  search?: string;
  limit?: number;
}

/**
 * Models for a task the way the original tool found them: the task's pipeline tag plus the
 * dataset's `dataset:` tag, most downloaded first; then, with `search`, any other model of the task
 * whose name matches. Models outside these lists can still be submitted by id.
 */
export async function listCompatibleModels(opts: ListCompatibleModelsOptions): Promise<CompatibleModel[]> {
  const limit = opts.limit ?? 50;
  const pipelineTag = TASKS[opts.task].pipelineTag as PipelineType;
  const list = async (search: { task: PipelineType; tags?: string[]; query?: string }, onDataset: boolean) => {
    const out: CompatibleModel[] = [];
    try {
      for await (const m of listModels({ search, hubUrl: opts.hub.hubUrl, accessToken: opts.hub.accessToken, fetch: opts.hub.fetch, limit })) {
        out.push({ id: m.name, task: m.task ?? null, downloads: m.downloads, likes: m.likes, onDataset });
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
