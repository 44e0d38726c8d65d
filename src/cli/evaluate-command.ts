import { inferenceConfig, readEnv } from "@/env";
import { AppError } from "@/server/errors";
import { computeResults } from "@/server/evaluations/compute-results";
import { prepareDataset, prepareModel } from "@/server/evaluations/prepare-evaluation";
import { runInference } from "@/server/evaluations/run-inference";
import { TASKS, normalizeTaskId, parseTaskParameters } from "@/server/tasks";
import { CliError, one, required, type ParsedArgs } from "./args";

/**
 * `evalhub evaluate`: the same pipeline as the queue (prepare, infer, score), in-process, printing
 * JSON. Mapping flags follow train-eval-index's col_mapping direction: `--map COLUMN=FIELD`.
 */
export async function evaluateCommand(args: ParsedArgs): Promise<void> {
  const env = readEnv();
  const hub = { hubUrl: one(args, "hub") ?? env.HF_ENDPOINT, accessToken: env.HF_TOKEN };
  const taskArg = required(args, "task");
  const task = normalizeTaskId(taskArg);
  if (!task) throw new CliError(`--task ${taskArg} is not a known task (known: ${Object.keys(TASKS).join(", ")})`);
  const columnMapping: Record<string, string> = {};
  for (const m of args.options.get("map") ?? []) {
    const [column, field] = m.split("=");
    if (!column || !field) throw new CliError(`--map ${m}: expected COLUMN=FIELD, e.g. --map sentence=text`);
    // The original tool's cards name the first sentence of a pair text1.
    columnMapping[field === "text1" ? "text" : field] = column;
  }
  const rawParameters: Record<string, unknown> = {};
  for (const p of args.options.get("param") ?? []) {
    const eq = p.indexOf("=");
    if (eq < 1) throw new CliError(`--param ${p}: expected NAME=VALUE, e.g. --param max_new_tokens=64`);
    const value = p.slice(eq + 1);
    // Numbers and booleans as JSON, anything else as the string it is.
    rawParameters[p.slice(0, eq)] = /^(-?\d+(\.\d+)?|true|false)$/.test(value) ? JSON.parse(value) : value;
  }
  let parameters: Record<string, unknown>;
  try {
    parameters = parseTaskParameters(task, rawParameters);
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    throw new CliError(`--param: ${issues.map((i) => `${i.path.map(String).join(".") || "parameters"} ${i.message}`).join("; ") || (err as Error).message}`);
  }
  const labelMapping: Record<string, string> = {};
  for (const m of args.options.get("label-map") ?? []) {
    const [from, to] = m.split("=");
    if (!from || !to) throw new CliError(`--label-map ${m}: expected MODEL_LABEL=DATASET_LABEL, e.g. --label-map LABEL_1=positive`);
    labelMapping[from] = to;
  }
  const limitArg = one(args, "limit");
  const limit = limitArg === undefined ? null : Number(limitArg);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) throw new CliError(`--limit must be a positive integer`);
  const metrics = (one(args, "metrics")?.split(",").map((m) => m.trim()).filter(Boolean)) ?? TASKS[task].defaultMetrics;
  try {
    const dataset = await prepareDataset({
      hub,
      dataset: required(args, "dataset"),
      config: one(args, "config") ?? "default",
      split: required(args, "split"),
      task,
      columnMapping,
    });
    const inference = inferenceConfig(env);
    const prepared = await prepareModel({ hub, dataset, task, columnMapping, parameters, model: required(args, "model"), limit, labelMapping, inference });
    const output = await runInference({
      hub,
      prepared,
      batchSize: Number(one(args, "batch-size") ?? env.EVAL_BATCH_SIZE),
      cacheDir: env.MODEL_CACHE_DIR,
      threads: env.INFERENCE_THREADS,
      inference,
    });
    const results = computeResults(output.predictions, metrics);
    const report = {
      model: prepared.model,
      modelSha: prepared.modelSha,
      dataset: dataset.repo.name,
      datasetSha: dataset.repo.sha,
      config: prepared.config,
      split: prepared.split,
      task,
      parameters,
      evaluationKey: prepared.key,
      results: Object.fromEntries(results.map((r) => [r.metric, r.value])),
      intervals: Object.fromEntries(results.filter((r) => r.ci).map((r) => [r.metric, [r.ci!.low, r.ci!.high]])),
      rows: { read: output.rowsRead, scored: output.predictions.length, invalid: output.invalid },
      sampling: output.sampling,
      runner: output.runner,
      timings: output.timings,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  }
}
