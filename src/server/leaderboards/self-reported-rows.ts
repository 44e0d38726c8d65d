import type { Db } from "@/server/db/client";
import { isMetricId } from "@/server/metrics";
import type { LeaderboardRow } from "./get-leaderboard";

/** One model's self-reported claims for one (config, split, task), as a leaderboard row's data. */
export type SelfReportedGroup = Pick<LeaderboardRow, "key" | "model" | "modelSha" | "config" | "split" | "task" | "results"> & { importedAt: string };

/**
 * The dataset's imported model-card claims grouped per (model, config, split, task). Metrics EvalHub
 * does not know (a card may say `acc` or `bleurt`) are dropped, and so is a group left with none.
 */
export async function loadSelfReportedGroups(db: Db, dataset: string): Promise<SelfReportedGroup[]> {
  const rows = await db.selfReportedResult.findMany({ where: { dataset }, orderBy: [{ model: "asc" }, { metric: "asc" }] });
  const groups = new Map<string, SelfReportedGroup>();
  for (const r of rows) {
    if (!isMetricId(r.metric)) continue;
    const key = `self-reported:${r.model}:${r.config}:${r.split}:${r.task}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, model: r.model, modelSha: r.modelSha, config: r.config, split: r.split, task: r.task, results: {}, importedAt: r.importedAt.toISOString() };
      groups.set(key, g);
    }
    g.results[r.metric] = r.value;
  }
  return [...groups.values()];
}
