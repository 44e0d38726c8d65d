import { readFile } from "node:fs/promises";
import { METRICS } from "@/server/metrics";
import { CiOptionsSchema, runMetric } from "@/server/metrics/run-metric";
import { MetricInputError } from "@/server/metrics/types";
import { CliError, one, type ParsedArgs } from "./args";

/** Reads a JSON Lines file; errors name the file and the line. Blank lines at the end are ignored. */
async function readJsonLines(file: string): Promise<{ values: unknown[]; lines: number[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const raw = text.split("\n");
  while (raw.length && raw[raw.length - 1].trim() === "") raw.pop();
  const values: unknown[] = [];
  const lines: number[] = [];
  raw.forEach((line, i) => {
    try {
      values.push(JSON.parse(line));
      lines.push(i + 1);
    } catch (err) {
      throw new CliError(`${file} line ${i + 1}: not valid JSON (${(err as Error).message}); each line must be one JSON value`);
    }
  });
  return { values, lines };
}

/**
 * `evalhub metric NAME --predictions FILE --references FILE [--args JSON] [--ci] [--compare FILE]`
 * and `evalhub metric --list`.
 */
export async function metricCommand(args: ParsedArgs): Promise<void> {
  if (args.options.has("list")) {
    const rows = Object.values(METRICS).map((m) => ({
      id: m.id,
      name: m.name,
      tasks: m.tasks,
      range: m.range,
      higherIsBetter: m.higherIsBetter,
      primary: m.primary,
      decomposable: Boolean(m.statistics),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const id = args.positional[1];
  if (!id) throw new CliError("which metric? usage: evalhub metric NAME --predictions FILE --references FILE (or --list)");
  const predFile = one(args, "predictions");
  const refFile = one(args, "references");
  if (!predFile || !refFile) throw new CliError("--predictions FILE and --references FILE are required");
  const [preds, refs] = await Promise.all([readJsonLines(predFile), readJsonLines(refFile)]);
  const compareFile = one(args, "compare");
  const compare = compareFile ? await readJsonLines(compareFile) : null;
  let metricArgs: unknown = {};
  const rawArgs = one(args, "args");
  if (rawArgs) {
    try {
      metricArgs = JSON.parse(rawArgs);
    } catch (err) {
      throw new CliError(`--args is not valid JSON: ${(err as Error).message}`);
    }
  }
  const ciRequested = args.options.has("ci") || compare;
  const ci = ciRequested
    ? CiOptionsSchema.safeParse({
        ...(one(args, "resamples") ? { resamples: Number(one(args, "resamples")) } : {}),
        ...(one(args, "seed") ? { seed: Number(one(args, "seed")) } : {}),
        ...(one(args, "confidence") ? { confidence: Number(one(args, "confidence")) } : {}),
      })
    : null;
  if (ci && !ci.success) throw new CliError(`invalid bootstrap option: ${ci.error.issues[0].path.join(".")}: ${ci.error.issues[0].message}`);
  const files = { predictions: [predFile, preds.lines], references: [refFile, refs.lines], compare: [compareFile, compare?.lines ?? []] } as const;
  try {
    const result = runMetric({
      id,
      predictions: preds.values,
      references: refs.values,
      args: metricArgs,
      ci: args.options.has("ci") && ci?.success ? ci.data : null,
      compare: compare?.values ?? null,
      locate: (which, index) => `${files[which][0]} line ${files[which][1][index] ?? index + 1}`,
    });
    // evaluate's wer and cer return a bare number; so do we, unless intervals or details were asked for.
    const bare = (id === "wer" || id === "cer") && !args.options.has("ci") && !compare && !args.options.has("details");
    const shown = bare && typeof result === "object" ? (result as Record<string, unknown>)[id] : result;
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } catch (err) {
    if (err instanceof MetricInputError) throw new CliError(err.message);
    throw err;
  }
}
