import { listDatasets } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { normalizeTaskId, type TaskId } from "@/server/tasks";
import { ttlCache } from "@/server/ttl-cache";

export interface PopularDataset {
  id: string;
  downloads: number;
  likes: number;
  /** Tasks EvalHub can run from the card's `train-eval-index` (one click in the form). */
  evalTasks: TaskId[];
}

export interface ListPopularDatasetsOptions {
  hub: HubConfig;
  /** Name search; without it, the most downloaded datasets. */
  search?: string;
  limit?: number;
}

/** Datasets for the home page: most downloaded first, with the tasks their cards preconfigure (cached for a minute). */
export const listPopularDatasets = ttlCache(
  60_000,
  (opts: ListPopularDatasetsOptions) => JSON.stringify([opts.hub.hubUrl, opts.search ?? "", opts.limit ?? 12]),
  listPopularDatasetsUncached,
);

export async function listPopularDatasetsUncached(opts: ListPopularDatasetsOptions): Promise<PopularDataset[]> {
  const out: PopularDataset[] = [];
  try {
    for await (const d of listDatasets({
      search: opts.search ? { query: opts.search } : undefined,
      sort: "downloads",
      additionalFields: ["cardData"],
      hubUrl: opts.hub.hubUrl,
      accessToken: opts.hub.accessToken,
      fetch: opts.hub.fetch,
      limit: opts.limit ?? 12,
    })) {
      const index = (d.cardData as { "train-eval-index"?: { task?: unknown }[] } | undefined)?.["train-eval-index"];
      const evalTasks = Array.isArray(index) ? [...new Set(index.map((e) => normalizeTaskId(String(e?.task ?? ""))).filter((t): t is TaskId => t !== null))] : [];
      out.push({ id: d.name, downloads: d.downloads, likes: d.likes, evalTasks });
    }
  } catch (err) {
    throw new AppError("UPSTREAM", `Could not list datasets on the hub: ${(err as Error).message}`);
  }
  return out.sort((a, b) => b.downloads - a.downloads || a.id.localeCompare(b.id));
}
