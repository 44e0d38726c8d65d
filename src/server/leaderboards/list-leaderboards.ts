import type { Db } from "@/server/db/client";

/** Datasets with at least one succeeded evaluation, most evaluated first. */
export async function listLeaderboards(opts: { db: Db }) {
  const rows = await opts.db.submission.groupBy({
    by: ["dataset"],
    where: { evaluations: { some: { status: "succeeded" } } },
    _count: { _all: true },
  });
  const counts = await Promise.all(
    rows.map(async (r) => ({
      dataset: r.dataset,
      models: (
        await opts.db.evaluation.findMany({
          where: { status: "succeeded", submission: { dataset: r.dataset } },
          select: { model: true },
          distinct: ["model"],
        })
      ).length,
    })),
  );
  return counts.sort((a, b) => b.models - a.models || a.dataset.localeCompare(b.dataset));
}
