import { Document, isSeq, type YAMLSeq } from "yaml";
import { z } from "zod";
import { ModelIndexError } from "./errors";
import { parseYaml } from "./parse-card";
import { PARSE_OPTIONS, canonical, detectEol, toStringOptions, withEol } from "./yaml-text";

/** One entry of a `.eval_results/<name>.yaml` file (hub-docs `eval_results.yaml`). */
export interface EvalResultsEntry {
  /** `id` is the benchmark dataset, `task_id` a task of its `eval.yaml`. */
  dataset: { id: string; task_id: string; revision?: string };
  value: number;
  verifyToken?: string;
  /** ISO-8601 date or datetime, always written as a string. */
  date?: string;
  source?: { url: string; name?: string; user?: string; org?: string };
  notes?: string;
}

/** Options of `buildEvalResultsEntry`. */
export interface BuildEvalResultsEntryOptions {
  /** Benchmark dataset id, its `eval.yaml` task id, and the dataset commit evaluated. */
  dataset: { id: string; taskId: string; revision?: string };
  value: number;
  /** Signature proving the result came from this service. */
  verifyToken?: string;
  /** When the evaluation ran; a `Date` is written as an ISO-8601 string. */
  date: string | Date;
  /** Attribution, e.g. the run page. */
  source?: { url: string; name?: string; user?: string; org?: string };
  /** Details of the setup, e.g. "zero-shot". */
  notes?: string;
}

/** Builds one entry, keys in the order of huggingface_hub's `eval_result_entries_to_yaml`. */
export function buildEvalResultsEntry(opts: BuildEvalResultsEntryOptions): EvalResultsEntry {
  if (!Number.isFinite(opts.value)) {
    throw new ModelIndexError("value", `must be a finite number, got ${opts.value}`, "EVAL_RESULTS_INVALID");
  }
  const { id, taskId, revision } = opts.dataset;
  const entry: EvalResultsEntry = { dataset: { id, task_id: taskId }, value: opts.value };
  if (revision !== undefined) entry.dataset.revision = revision;
  if (opts.verifyToken !== undefined) entry.verifyToken = opts.verifyToken;
  entry.date = opts.date instanceof Date ? opts.date.toISOString() : opts.date;
  if (opts.source) {
    const { url, name, user, org } = opts.source;
    entry.source = { url };
    if (name !== undefined) entry.source.name = name;
    if (user !== undefined) entry.source.user = user;
    if (org !== undefined) entry.source.org = org;
  }
  if (opts.notes !== undefined) entry.notes = opts.notes;
  return entry;
}

const fileSchema = z.array(
  z.looseObject({
    dataset: z.looseObject({
      id: z.string(),
      task_id: z.string(),
      revision: z.union([z.string(), z.number()]).nullish(),
    }),
    value: z.unknown().refine((v) => v !== undefined, "required"),
  }),
);

/** Options of `mergeEvalResultsFile`. */
export interface MergeEvalResultsFileOptions {
  /** The current file, or `null` when it does not exist yet. */
  content: string | null;
  /** Entries to write; one with the same dataset id, task_id and revision as an existing entry replaces it. */
  entries: EvalResultsEntry[];
}

/** Outcome of `mergeEvalResultsFile`. */
export interface MergeEvalResultsFileResult {
  /** The new file; identical to the input when nothing changed. */
  content: string;
  changed: boolean;
  added: number;
  updated: number;
}

/**
 * Merges entries into a `.eval_results/*.yaml` file, keeping the other entries, comments and line
 * endings (the file is re-emitted by the yaml library, so spacing of other entries may be normalised).
 *
 * @throws CardParseError for malformed YAML, ModelIndexError for entries of the wrong shape.
 */
export function mergeEvalResultsFile(opts: MergeEvalResultsFileOptions): MergeEvalResultsFileResult {
  const { content, entries } = opts;
  const eol = content === null ? "\n" : detectEol(content);
  const doc =
    content === null
      ? new Document([], PARSE_OPTIONS)
      : parseYaml(content, ".eval_results file", 0, "EVAL_RESULTS_INVALID");
  // An empty file (or one holding only comments) is an empty list.
  if (doc.toJS() == null) doc.contents = doc.createNode([]);
  if (!isSeq(doc.contents)) throw new ModelIndexError("(root)", "expected a list of results", "EVAL_RESULTS_INVALID");
  const seq = doc.contents as YAMLSeq;
  const parsed = fileSchema.safeParse(seq.toJS(doc));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    throw new ModelIndexError(path || "(root)", issue?.message ?? "invalid entry", "EVAL_RESULTS_INVALID");
  }
  const current: unknown[] = parsed.data;

  let added = 0;
  let updated = 0;
  for (const entry of entries) {
    const key = entryKey(entry.dataset);
    const index = current.findIndex((e) => entryKey((e as EvalResultsEntry).dataset) === key);
    if (index < 0) {
      seq.add(doc.createNode(entry));
      current.push(entry);
      added++;
      continue;
    }
    if (canonical(current[index]) === canonical(entry)) continue;
    seq.items[index] = doc.createNode(entry);
    current[index] = entry;
    updated++;
  }

  if (content !== null && added + updated === 0) return { content, changed: false, added, updated };
  const text = withEol(doc.toString(toStringOptions(false)), eol);
  return { content: text, changed: text !== content, added, updated };
}

function entryKey(dataset: { id: string; task_id: string; revision?: unknown }): string {
  return canonical({ id: dataset.id, task_id: dataset.task_id, revision: dataset.revision });
}
