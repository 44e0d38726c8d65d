import type { Db } from "@/server/db/client";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { TASKS, type TaskField, type TaskId } from "@/server/tasks";
import type { EvaluationExample, EvaluationExamplesPage, EvaluationExamplesQuery } from "@/schemas/evaluation-examples";
import { loadEvaluationPredictions, type EvaluationPredictions } from "./load-evaluation-predictions";
import { prepareDataset, type PreparedDataset } from "./prepare-evaluation";

export interface ListEvaluationExamplesOptions {
  db: Db;
  hub: HubConfig;
  id: string;
  query: EvaluationExamplesQuery;
}

/** Fields shown as the example's input: everything but the reference (and images, which are not text). */
function inputFields(task: TaskId, columns: Record<string, string>): TaskField[] {
  const fields = TASKS[task].fields as readonly TaskField[];
  return fields.filter((f) => columns[f.id] && f.id !== "target" && !["label", "tags", "answer-texts", "answer-starts", "class-index", "image"].includes(f.kind));
}

/** JSON-safe cell (parquet int64 arrives as bigint). */
function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

function searchText(input: Record<string, unknown>): string {
  return Object.values(input)
    .map((v) => (Array.isArray(v) ? v.join(" ") : typeof v === "string" ? v : ""))
    .join("\n")
    .toLowerCase();
}

/**
 * One page of an evaluation's examples: stored predictions filtered by correctness and label, joined
 * with the mapped input columns re-read from the split at the evaluated commit. Only the input
 * columns are read, and reading stops once the page's rows are found; a text search reads rows in
 * order until the page (plus one match, to know whether there is more) is filled.
 */
export async function listEvaluationExamples(opts: ListEvaluationExamplesOptions): Promise<EvaluationExamplesPage> {
  const { query } = opts;
  const data = await loadEvaluationPredictions({ db: opts.db, id: opts.id });
  const ev = data.evaluation;
  const task = ev.task as TaskId;
  checkLabel(data, "label", query.label);
  checkLabel(data, "predicted", query.predicted);
  if (query.predicted && data.kind !== "label") throw new AppError("UNPROCESSABLE", "predicted filters label tasks only.", { field: "predicted" });
  const candidates: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (query.label && !data.hasLabel(i, query.label)) continue;
    if (query.predicted && !data.predictedIs(i, query.predicted)) continue;
    if (query.errorsOnly && data.example(i).correct) continue;
    candidates.push(i);
  }
  const columnMapping = ((ev.manifest?.columnMapping as Record<string, string> | undefined) ?? {}) as Record<string, string>;
  const ds = await prepareDataset({ hub: opts.hub, dataset: ev.dataset, revision: ev.datasetSha, config: ev.config, split: ev.split, task, columnMapping });
  const fields = inputFields(task, ds.columns);
  const start = (query.page - 1) * query.pageSize;
  const base = { task, labels: data.labels, fields: fields.map((f) => f.id), page: query.page, pageSize: query.pageSize, errorRule: data.errorRule };
  if (query.q && fields.length === 0) throw new AppError("UNPROCESSABLE", `${TASKS[task].name} examples have no text input to search.`, { field: "q" });
  if (!query.q) {
    const onPage = candidates.slice(start, start + query.pageSize);
    const inputs = await readInputs(opts.hub, ds, fields, new Set(onPage.map((i) => data.example(i).row)));
    return { ...base, total: candidates.length, hasMore: start + onPage.length < candidates.length, examples: onPage.map((i) => toExample(data, i, inputs)) };
  }
  // Text search: scan the candidates' rows in order; the total is known only if the scan ends.
  const needle = query.q.toLowerCase();
  const byRow = new Map(candidates.map((i) => [data.example(i).row, i]));
  const found: number[] = [];
  const inputs = new Map<number, Record<string, unknown>>();
  let matches = 0;
  let stoppedEarly = false;
  if (candidates.length > 0) {
    const first = data.example(candidates[0]).row;
    const last = data.example(candidates.at(-1)!).row;
    await scanRows(opts.hub, ds, fields, first, last, (row, input) => {
      const i = byRow.get(row);
      if (i === undefined || !searchText(input).includes(needle)) return false;
      matches++;
      if (matches > start && found.length < query.pageSize) {
        found.push(i);
        inputs.set(row, input);
        return false;
      }
      if (found.length === query.pageSize && matches > start + query.pageSize) {
        stoppedEarly = true;
        return true;
      }
      return false;
    });
  }
  return { ...base, total: stoppedEarly ? null : matches, hasMore: stoppedEarly, examples: found.map((i) => toExample(data, i, inputs)) };
}

function checkLabel(data: EvaluationPredictions, field: "label" | "predicted", value: string | undefined) {
  if (!value) return;
  if (data.labels.length === 0) throw new AppError("UNPROCESSABLE", `This ${data.evaluation.task} evaluation has no labels to filter by.`, { field });
  if (!data.labels.includes(value)) {
    throw new AppError("UNPROCESSABLE", `"${value}" is not one of the evaluation's ${data.evaluation.task === "token-classification" ? "entity types" : "labels"}: ${data.labels.join(", ")}.`, { field });
  }
}

function toExample(data: EvaluationPredictions, i: number, inputs: Map<number, Record<string, unknown>>): EvaluationExample {
  const { predictionId, referenceId, ...e } = data.example(i);
  const input = inputs.get(e.row) ?? {};
  // Causal-LM choice has no label set: the prediction is an index into the row's own classes.
  if (data.kind === "label" && data.labels.length === 0 && Array.isArray(input.classes)) {
    const classes = input.classes as unknown[];
    return { ...e, input, prediction: classes[predictionId!] ?? e.prediction, reference: classes[referenceId!] ?? e.reference };
  }
  return { ...e, input };
}

/** The input fields of the given rows (stops as soon as every row is found). */
async function readInputs(hub: HubConfig, ds: PreparedDataset, fields: TaskField[], rows: Set<number>): Promise<Map<number, Record<string, unknown>>> {
  const out = new Map<number, Record<string, unknown>>();
  if (rows.size === 0 || fields.length === 0) return out;
  const sorted = [...rows].sort((a, b) => a - b);
  await scanRows(hub, ds, fields, sorted[0], sorted.at(-1)!, (row, input) => {
    if (rows.has(row)) out.set(row, input);
    return out.size === rows.size;
  });
  return out;
}

/** Reads rows first..last of the split (input columns only); `visit` returns true to stop. */
async function scanRows(
  hub: HubConfig,
  ds: PreparedDataset,
  fields: TaskField[],
  first: number,
  last: number,
  visit: (row: number, input: Record<string, unknown>) => boolean,
): Promise<void> {
  const columns = [...new Set(fields.map((f) => ds.columns[f.id]))];
  let row = first;
  const split = { hub, dataset: ds.repo.name, revision: ds.repo.sha, layout: ds.layout, columns, offset: first, limit: last - first + 1, onInvalid: () => {} };
  for await (const batch of readSplitRows(split, ds.opened)) {
    for (const values of batch) {
      const input = Object.fromEntries(fields.map((f) => [f.id, plain(values[ds.columns[f.id]] ?? null)]));
      if (visit(row++, input)) return;
    }
  }
}
