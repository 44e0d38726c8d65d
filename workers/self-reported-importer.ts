import { Queue, Worker, type Job } from "bullmq";
import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import { createRedis } from "@/server/queue";
import { importSelfReported, type ImportSelfReportedSummary } from "@/server/self-reported/import-self-reported";
import { SELF_REPORTED_QUEUE, SELF_REPORTED_SCHEDULER_ID, selfReportedImportJob } from "@/server/self-reported/import-job";

export interface SelfReportedImporterOptions {
  db: Db;
  hub: HubConfig;
  redisUrl: string;
  prefix: string;
  /** Interval between imports; the first one runs at once. 0 removes the schedule (no imports). */
  everyMs: number;
  log?: (line: string) => void;
}

/**
 * Imports self-reported model-card results on a BullMQ job scheduler: every worker process upserts
 * the same scheduler (so N workers still mean one job per interval) and runs a Worker of
 * concurrency 1 on its own queue.
 */
export function startSelfReportedImporter(opts: SelfReportedImporterOptions): {
  queue: Queue;
  worker: Worker;
  /** Resolves once the schedule is registered in Redis. */
  ready: Promise<void>;
  close(): Promise<void>;
} {
  const log = opts.log ?? ((line: string) => console.log(line));
  const queue = new Queue(SELF_REPORTED_QUEUE, { connection: createRedis(opts.redisUrl, { forWorker: true }), prefix: opts.prefix });
  queue.on("error", (err) => log(`self-reported queue error: ${err.message}`));
  const worker = new Worker(
    SELF_REPORTED_QUEUE,
    async (job: Job): Promise<ImportSelfReportedSummary> => {
      const { datasets } = selfReportedImportJob.schema.parse(job.data ?? {});
      const summary = await importSelfReported({ db: opts.db, hub: opts.hub, datasets, log });
      log(
        `self-reported import: ${summary.datasets.length} datasets, ${summary.models} cards, ${summary.upserted} rows upserted, ${summary.deleted} deleted, ${summary.skipped.length} skipped`,
      );
      for (const s of summary.skipped) log(`  skipped ${s.dataset}${s.model ? ` ${s.model}` : ""}: ${s.reason}`);
      return summary;
    },
    { connection: createRedis(opts.redisUrl, { forWorker: true }), prefix: opts.prefix, concurrency: 1 },
  );
  worker.on("error", (err) => log(`self-reported worker error: ${err.message}`));
  const schedule = async () => {
    if (opts.everyMs > 0) {
      const template = { name: selfReportedImportJob.name, data: {}, opts: selfReportedImportJob.options };
      await queue.upsertJobScheduler(SELF_REPORTED_SCHEDULER_ID, { every: opts.everyMs }, template);
    } else {
      await queue.removeJobScheduler(SELF_REPORTED_SCHEDULER_ID);
    }
  };
  const ready = schedule().catch((err: Error) => log(`self-reported scheduler: ${err.message}`));
  return {
    queue,
    worker,
    ready,
    async close() {
      await ready;
      await worker.close();
      await queue.close();
    },
  };
}
