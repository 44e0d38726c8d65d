import type { Db } from "@/server/db/client";
import { submissionStatus } from "./views";

export async function listRecentSubmissions(opts: { db: Db; limit?: number }) {
  const rows = await opts.db.submission.findMany({
    orderBy: { createdAt: "desc" },
    take: opts.limit ?? 10,
    include: { evaluations: { select: { status: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    dataset: s.dataset,
    config: s.config,
    split: s.split,
    models: s.evaluations.length,
    status: submissionStatus(s.evaluations.map((e) => e.status)),
    createdAt: s.createdAt.toISOString(),
  }));
}
