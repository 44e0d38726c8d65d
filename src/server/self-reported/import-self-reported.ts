import { listModels } from "@huggingface/hub";
import type { Db } from "@/server/db/client";
import { downloadRepoFile } from "@/server/hub/download-repo-file";
import type { HubConfig } from "@/server/hub/hub-config";
import { extractSelfReported, selfReportedKey, type SelfReportedRow } from "./extract-self-reported";

export interface ImportSelfReportedOptions {
  db: Db;
  hub: HubConfig;
  /** Datasets to import; defaults to every dataset with a leaderboard or earlier self-reported rows. */
  datasets?: string[];
  /** Models looked at per dataset at most (most downloaded first), so a huge tag cannot run forever. */
  maxModelsPerDataset?: number;
  log?: (line: string) => void;
}

export interface ImportSelfReportedSummary {
  datasets: string[];
  /** Model cards read (one per model and dataset). */
  models: number;
  /** Rows created or updated. */
  upserted: number;
  /** Rows removed because the card no longer claims them (or the model lost the dataset tag). */
  deleted: number;
  /** What was not imported, with why: a bad card, a bad metric, a hub error. */
  skipped: { dataset: string; model?: string; reason: string }[];
}

/** The datasets with a leaderboard (any submission) or with self-reported rows from an earlier run. */
async function defaultDatasets(db: Db): Promise<string[]> {
  const [submitted, imported] = await Promise.all([
    db.submission.findMany({ select: { dataset: true }, distinct: ["dataset"] }),
    db.selfReportedResult.findMany({ select: { dataset: true }, distinct: ["dataset"] }),
  ]);
  return [...new Set([...submitted, ...imported].map((r) => r.dataset))].sort();
}

/** Replaces one model's rows for one dataset by what its card claims now, in one transaction. */
async function storeModelRows(db: Db, model: string, modelSha: string, dataset: string, rows: SelfReportedRow[]) {
  const keep = new Set(rows.map(selfReportedKey));
  return db.$transaction(async (tx) => {
    const existing = await tx.selfReportedResult.findMany({ where: { model, dataset } });
    const gone = existing.filter((e) => !keep.has(selfReportedKey(e))).map((e) => e.id);
    if (gone.length) await tx.selfReportedResult.deleteMany({ where: { id: { in: gone } } });
    const importedAt = new Date();
    for (const r of rows) {
      const data = { modelSha, metricName: r.metricName, value: r.value, source: r.source ?? undefined, importedAt };
      await tx.selfReportedResult.upsert({
        where: { model_dataset_config_split_task_metric: { model, dataset, config: r.config, split: r.split, task: r.task, metric: r.metric } },
        create: { model, dataset, config: r.config, split: r.split, task: r.task, metric: r.metric, ...data },
        update: data,
      });
    }
    return { upserted: rows.length, deleted: gone.length };
  });
}

/**
 * Imports the self-reported `model-index` results of every model tagged `dataset:<id>` on the hub:
 * each card is read at the commit the listing reports, its claims for that dataset replace the
 * model's earlier rows (vanished claims are deleted), and rows of models no longer tagged are
 * removed. Per-card and per-dataset failures are recorded in `skipped`; the job itself only fails
 * when the database does. Idempotent: a second run with unchanged cards changes nothing but
 * `importedAt`.
 */
export async function importSelfReported(opts: ImportSelfReportedOptions): Promise<ImportSelfReportedSummary> {
  const log = opts.log ?? (() => {});
  const datasets = opts.datasets ?? (await defaultDatasets(opts.db));
  const summary: ImportSelfReportedSummary = { datasets, models: 0, upserted: 0, deleted: 0, skipped: [] };
  for (const dataset of datasets) {
    const upsertedBefore = summary.upserted;
    const listed: { name: string; sha: string }[] = [];
    const tagged: string[] = [];
    try {
      for await (const m of listModels({
        search: { tags: [`dataset:${dataset}`] },
        additionalFields: ["sha"],
        hubUrl: opts.hub.hubUrl,
        accessToken: opts.hub.accessToken,
        fetch: opts.hub.fetch,
        limit: opts.maxModelsPerDataset ?? 1000,
      })) {
        tagged.push(m.name);
        if (typeof m.sha === "string") listed.push({ name: m.name, sha: m.sha });
        else summary.skipped.push({ dataset, model: m.name, reason: "the hub gave no commit sha" });
      }
    } catch (err) {
      // Without the full listing we cannot tell untagged models from unlisted ones: keep every row.
      summary.skipped.push({ dataset, reason: `could not list the models tagged dataset:${dataset}: ${(err as Error).message}` });
      log(`self-reported: ${dataset}: listing failed: ${(err as Error).message}`);
      continue;
    }
    for (const { name: model, sha } of listed) {
      let readme: string | null;
      try {
        const bytes = await downloadRepoFile({ hub: opts.hub, type: "model", name: model, revision: sha, path: "README.md" });
        readme = bytes && new TextDecoder().decode(bytes);
      } catch (err) {
        summary.skipped.push({ dataset, model, reason: (err as Error).message });
        continue;
      }
      summary.models++;
      const extracted = extractSelfReported(readme ?? "", dataset);
      for (const s of extracted.skipped) summary.skipped.push({ dataset, model, reason: s.reason });
      // An unreadable card tells nothing about what it claims: keep the rows of the last good read.
      if (!extracted.readable) continue;
      const stored = await storeModelRows(opts.db, model, sha, dataset, extracted.rows);
      summary.upserted += stored.upserted;
      summary.deleted += stored.deleted;
    }
    const untagged = await opts.db.selfReportedResult.deleteMany({ where: { dataset, model: { notIn: tagged } } });
    summary.deleted += untagged.count;
    log(`self-reported: ${dataset}: ${listed.length} models, ${summary.upserted - upsertedBefore} results`);
  }
  return summary;
}
