import { readEnv } from "@/env";
import { migrateDatabase } from "@/server/db/migrate";
import { CliError, parseArgs } from "./args";
import { evaluateCommand } from "./evaluate-command";
import { hubSeedCommand, hubServeCommand } from "./hub-commands";
import { importSelfReportedCommand } from "./import-command";
import { metricCommand } from "./metric-command";

const USAGE = `evalhub: evaluate any model on any dataset

  evalhub hub serve --dir DIR [--port 7860] [--host 127.0.0.1]
      Serve a folder of repos as a Hub-compatible API (see docs/local-hub.md).
  evalhub hub seed --dir DIR
      Build the demo dataset and models into DIR (existing repos are kept).
  evalhub evaluate --model M --dataset D [--config default] --split S --task TASK
                   --map COLUMN=FIELD ... [--metrics accuracy,f1] [--limit N] [--hub URL]
                   [--label-map MODEL_LABEL=DATASET_LABEL ...] [--param NAME=VALUE ...]
      Run one evaluation in-process (no queue) and print the results as JSON. TASK is one of
      text-classification, token-classification, question-answering, summarization, translation,
      image-classification, zero-shot-classification, text-generation (or an AutoTrain task_id).
      --limit N evaluates a seeded uniform sample of N rows (the same rule as EVAL_MAX_ROWS);
      --param sets a task parameter (max_new_tokens, aggregation_strategy, hypothesis_template, ...).
  evalhub metric NAME --predictions FILE --references FILE [--args JSON] [--ci [--resamples 1000] [--seed 0]]
                 [--compare FILE] [--details]
      Compute a metric on JSON Lines files (one prediction/reference per line); --ci adds bootstrap
      intervals, --compare a paired bootstrap test against a second system's predictions,
      --details the error counts beside WER/CER (which otherwise print a bare number).
  evalhub metric --list
      Every metric with its tasks, range and whether higher is better.
  evalhub import-self-reported [--dataset ID ...] [--hub URL]
      Import self-reported model-index results from model cards (default: every dataset with a
      leaderboard); the worker repeats this every SELF_REPORTED_IMPORT_EVERY_MS.
  evalhub db migrate
      Apply the database migrations (DATABASE_URL).
`;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [group, command] = args.positional;
  if (group === "hub" && command === "serve") return hubServeCommand(args);
  if (group === "hub" && command === "seed") return hubSeedCommand(args);
  if (group === "evaluate") return evaluateCommand(args);
  if (group === "metric") return metricCommand(args);
  if (group === "import-self-reported") return importSelfReportedCommand(args);
  if (group === "db" && command === "migrate") {
    const env = readEnv();
    const { applied } = await migrateDatabase({ databaseUrl: env.DATABASE_URL, log: console.log });
    console.log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
    return;
  }
  if (!group || group === "help" || args.options.has("help")) {
    process.stdout.write(USAGE);
    return;
  }
  throw new CliError(`unknown command "${args.positional.join(" ")}"\n\n${USAGE}`);
}

const argv = process.argv.slice(2);
main(argv)
  .then(async () => {
    // Servers keep running; one-shot commands exit even if a library left a handle open.
    if (argv[0] === "hub" && argv[1] === "serve") return;
    await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
    process.exit(0);
  })
  .catch((err) => {
  if (err instanceof CliError) {
    process.stderr.write(`evalhub: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`evalhub: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
