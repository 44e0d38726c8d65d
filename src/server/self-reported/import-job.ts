import { z } from "zod";

/** The BullMQ queue of the self-reported import, separate from evaluations so it never waits behind them. */
export const SELF_REPORTED_QUEUE = "self-reported-import";

/** One scheduler per deployment (per queue prefix): upserting it again only changes its interval. */
export const SELF_REPORTED_SCHEDULER_ID = "self-reported-import";

/** The job's payload: optionally a fixed list of datasets; by default every dataset with a leaderboard. */
export const selfReportedImportJob = {
  name: "import-self-reported",
  schema: z.object({ datasets: z.array(z.string().min(1)).optional() }),
  // A failed run is simply retried by the next scheduled one.
  options: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } },
} as const;
