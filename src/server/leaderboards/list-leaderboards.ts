import type { Db } from "@/server/db/client";

/**
 * Datasets with at least one succeeded evaluation or imported self-reported result, most models
 * first. `models` counts distinct models from either source.
 */
export async function listLeaderboards(opts: { db: Db }) {
  const [evaluated, claimed] = await Promise.all([
    opts.db.evaluation.findMany({
      where: { status: "succeeded" },
      select: { model: true, submission: { select: { dataset: true } } },
      distinct: ["model", "submissionId"],
    }),
    opts.db.selfReportedResult.findMany({ select: { dataset: true, model: true }, distinct: ["dataset", "model"] }),
  ]);
  const models = new Map<string, Set<string>>();
  const add = (dataset: string, model: string) => {
    let set = models.get(dataset);
    if (!set) models.set(dataset, (set = new Set()));
    set.add(model);
  };
  for (const e of evaluated) add(e.submission.dataset, e.model);
  for (const c of claimed) add(c.dataset, c.model);
  return [...models.entries()]
    .map(([dataset, set]) => ({ dataset, models: set.size }))
    .sort((a, b) => b.models - a.models || a.dataset.localeCompare(b.dataset));
}
