import { readEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { importSelfReported } from "@/server/self-reported/import-self-reported";
import { CliError, one, type ParsedArgs } from "./args";

/**
 * `evalhub import-self-reported [--dataset ID ...] [--hub URL]`: one run of the self-reported
 * import (the worker repeats it on a schedule); prints the summary as JSON.
 */
export async function importSelfReportedCommand(args: ParsedArgs): Promise<void> {
  const env = readEnv();
  const hub = { hubUrl: one(args, "hub") ?? env.HF_ENDPOINT, accessToken: env.HF_TOKEN };
  const datasets = args.options.get("dataset");
  if (datasets?.includes("true")) throw new CliError("--dataset needs a dataset id, e.g. --dataset evalhub-demo/sst2");
  const db = getDb(env.DATABASE_URL);
  try {
    const summary = await importSelfReported({ db, hub, datasets: datasets?.length ? datasets : undefined, log: (l) => process.stderr.write(`${l}\n`) });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await db.$disconnect();
  }
}
