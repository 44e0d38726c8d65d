import { isMap, isSeq, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import { ModelCardConflictError, ModelIndexError } from "./errors";
import { parseModelIndex, type EvalResult, type LenientModelIndex } from "./model-index";
import { canonical } from "./yaml-text";

/** What merging did to the `model-index` node. */
export interface MergeCounts {
  /** Metrics appended. */
  added: number;
  /** New metrics that replaced the value (and token) of at least one existing metric. */
  updated: number;
}

interface MetricRef {
  id: string;
  node: YAMLMap;
  value: unknown;
  verifyToken: unknown;
}

interface GroupRef {
  id: string;
  metrics: YAMLSeq;
  refs: MetricRef[];
}

type GroupFields = {
  task: { type: unknown; name?: unknown };
  dataset: Record<"type" | "name", unknown> & Partial<Record<"config" | "split" | "revision" | "args", unknown>>;
  source?: { url: unknown; name?: unknown } | null;
};
type MetricFields = { type: unknown; name?: unknown; config?: unknown; args?: unknown; verified?: unknown };

/**
 * Everything huggingface_hub's `EvalResult.is_equal_except_value` compares, split in the part shared
 * by a `results[]` entry and the part of one metric. Only the known keys count, as in Python.
 */
function groupId(r: GroupFields): string {
  const { task, dataset, source } = r;
  return canonical({
    task: { type: task.type, name: task.name },
    dataset: {
      type: dataset.type,
      name: dataset.name,
      config: dataset.config,
      split: dataset.split,
      revision: dataset.revision,
      args: dataset.args,
    },
    source: source ? { url: source.url, name: source.name } : undefined,
  });
}

/** `verified` is compared as a boolean, so a verified result never matches a self-reported one. */
function metricId(m: MetricFields): string {
  return canonical({ type: m.type, name: m.name, config: m.config, args: m.args, verified: m.verified === true });
}

/**
 * Merges `results` into a `model-index` sequence node of `doc`, editing it in place so untouched
 * entries keep their comments and scalar styles. Mirrors `metadata_update`: a match on every field but
 * value/verifyToken updates the existing metric, anything else is appended, grouped with an existing
 * `results[]` entry of the same task, dataset and source.
 *
 * @throws ModelIndexError when the existing `model-index` is malformed.
 * @throws ModelCardConflictError when a self-reported value differs and `overwrite` is false.
 */
export function mergeResultsIntoNode(opts: {
  doc: Document;
  node: YAMLSeq;
  modelName: string;
  results: EvalResult[];
  overwrite: boolean;
}): MergeCounts {
  const { doc, node, modelName, results, overwrite } = opts;
  const data = parseModelIndex(node.toJS(doc));
  const groups = collectGroups(node, data);
  const counts: MergeCounts = { added: 0, updated: 0 };

  for (const result of results) {
    const gid = groupId(result);
    for (const metric of result.metrics) {
      const mid = metricId(metric);
      const matches = groups.filter((g) => g.id === gid).flatMap((g) => g.refs.filter((r) => r.id === mid));
      if (matches.length > 0) {
        if (updateMatches(matches, metric, overwrite)) counts.updated++;
        continue;
      }
      const group = groups.find((g) => g.id === gid) ?? addGroup(doc, node, modelName, result, gid, groups);
      const metricNode = doc.createNode(metric) as YAMLMap;
      group.metrics.add(metricNode);
      group.refs.push({ id: mid, node: metricNode, value: metric.value, verifyToken: metric.verifyToken });
      counts.added++;
    }
  }
  return counts;
}

function updateMatches(matches: MetricRef[], metric: EvalResult["metrics"][number], overwrite: boolean): boolean {
  const verified = metric.verified === true;
  let changed = false;
  for (const ref of matches) {
    const sameValue = canonical(ref.value) === canonical(metric.value);
    const sameToken = !verified || canonical(ref.verifyToken) === canonical(metric.verifyToken);
    if (sameValue && sameToken) continue;
    // Our own verified results are always refreshed; a self-reported number needs `overwrite`.
    if (!verified && !overwrite) {
      throw new ModelCardConflictError(
        `You passed a new value for the existing metric 'name: ${metric.name}, type: ${metric.type}'. ` +
          "Set `overwrite: true` to overwrite existing metrics.",
      );
    }
    ref.node.set("value", metric.value);
    ref.value = metric.value;
    if (verified) {
      if (metric.verifyToken === undefined) ref.node.delete("verifyToken");
      else ref.node.set("verifyToken", metric.verifyToken);
      ref.verifyToken = metric.verifyToken;
    }
    changed = true;
  }
  return changed;
}

function addGroup(
  doc: Document,
  node: YAMLSeq,
  modelName: string,
  result: EvalResult,
  id: string,
  groups: GroupRef[],
): GroupRef {
  const entries = node.items.filter(isMap);
  const entry = entries.find((e) => e.get("name") === modelName) ?? entries[0];
  let resultsNode: unknown = entry?.get("results", true);
  if (!entry) {
    const created = doc.createNode({ name: modelName, results: [] }) as YAMLMap;
    node.add(created);
    resultsNode = created.get("results", true);
  }
  const groupNode = doc.createNode({ ...result, metrics: [] }) as YAMLMap;
  (resultsNode as YAMLSeq).add(groupNode);
  const group: GroupRef = { id, metrics: collection(groupNode.get("metrics", true), "metrics", isSeq), refs: [] };
  groups.push(group);
  return group;
}

/** Pairs the validated plain data with the YAML nodes it came from. */
function collectGroups(node: YAMLSeq, data: LenientModelIndex): GroupRef[] {
  const groups: GroupRef[] = [];
  data.forEach((entry, i) => {
    const resultsNode = collection(node.items[i], `model-index[${i}]`, isMap).get("results", true);
    const resultsSeq = collection(resultsNode, `model-index[${i}].results`, isSeq);
    entry.results.forEach((result, j) => {
      const path = `model-index[${i}].results[${j}]`;
      const resultMap = collection(resultsSeq.items[j], path, isMap);
      const metrics = collection(resultMap.get("metrics", true), `${path}.metrics`, isSeq);
      const refs = result.metrics.map((m, k) => ({
        id: metricId(m),
        node: collection(metrics.items[k], `${path}.metrics[${k}]`, isMap),
        value: m.value,
        verifyToken: m.verifyToken,
      }));
      groups.push({ id: groupId(result), metrics, refs });
    });
  });
  return groups;
}

/** Aliases and tags would make in-place edits unsafe; the validated data promised a collection here. */
function collection<T>(value: unknown, path: string, guard: (v: unknown) => v is T): T {
  if (!guard(value)) throw new ModelIndexError(path, "expected a plain YAML collection (aliases are not supported)");
  return value;
}
