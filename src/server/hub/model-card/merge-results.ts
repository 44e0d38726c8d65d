import { isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { ModelCardConflictError, ModelIndexError } from "./errors";
import { parseModelIndex, type EvalResult, type LenientModelIndex } from "./model-index";
import { canonical } from "./yaml-text";

/**
 * One change to the parsed `model-index`, in terms of its source text, so untouched entries can be
 * kept byte for byte: a scalar whose text is replaced, an item appended to a block sequence, or a
 * change the text cannot take that way (then the sequence is re-emitted).
 */
export type NodeEdit =
  | { kind: "scalar"; scalar: Scalar; value: unknown }
  | { kind: "append"; seq: YAMLSeq; item: Node }
  | { kind: "other" };

/** What merging did to the `model-index` node. */
export interface MergeCounts {
  /** Metrics appended. */
  added: number;
  /** New metrics that replaced the value (and token) of at least one existing metric. */
  updated: number;
  /** The same changes as source-text edits, in the order they were made. */
  edits: NodeEdit[];
}

interface MetricRef {
  id: string;
  node: YAMLMap;
  value: unknown;
  verifyToken: unknown;
  verified: unknown;
}

interface GroupRef {
  id: string;
  metrics: YAMLSeq;
  refs: MetricRef[];
  /** Created by this merge: its metrics are written with it, not appended one by one. */
  fresh: boolean;
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

/**
 * `verified` is compared as the card holds it, as Python compares `True`, `False` and `None`: a
 * verified result never matches a self-reported one, and `verified: false` does not match an absent
 * `verified` either (`null` and absent are the same `None`).
 */
function metricId(m: MetricFields): string {
  return canonical({ type: m.type, name: m.name, config: m.config, args: m.args, verified: m.verified });
}

/**
 * Merges `results` into a `model-index` sequence node of `doc`, editing it in place so untouched
 * entries keep their comments and scalar styles. Mirrors `metadata_update` (huggingface_hub
 * repocard.py): a new metric that matches existing ones on every field but value and verifyToken
 * (`EvalResult.is_equal_except_value`) replaces their value, and their token when they are verified;
 * if value or token differ and `overwrite` is false it throws, as Python raises `ValueError`. Anything
 * else is appended (and later new metrics are matched against it too).
 *
 * One deliberate difference: Python re-emits the whole `model-index` grouped by (task type, dataset
 * type, config, split, revision), so a new metric whose task name, dataset name, args or source differ
 * from its group's first entry loses them. Here it joins an existing `results[]` entry only when all
 * of those are equal, and otherwise gets its own entry, so nothing it carries is dropped.
 *
 * @throws ModelIndexError when the existing `model-index` is malformed.
 * @throws ModelCardConflictError when a matching metric's value or token differs and `overwrite` is false.
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
  const counts: MergeCounts = { added: 0, updated: 0, edits: [] };

  for (const result of results) {
    const gid = groupId(result);
    for (const metric of result.metrics) {
      const mid = metricId(metric);
      const matches = groups.filter((g) => g.id === gid).flatMap((g) => g.refs.filter((r) => r.id === mid));
      if (matches.length > 0) {
        if (updateMatches(matches, metric, overwrite, counts.edits)) counts.updated++;
        continue;
      }
      const group = groups.find((g) => g.id === gid) ?? addGroup({ doc, node, modelName, result, id: gid, groups, edits: counts.edits });
      const metricNode = doc.createNode(metric) as YAMLMap;
      group.metrics.add(metricNode);
      if (!group.fresh) counts.edits.push(appendEdit(group.metrics, metricNode));
      group.refs.push({ id: mid, node: metricNode, value: metric.value, verifyToken: metric.verifyToken, verified: metric.verified });
      counts.added++;
    }
  }
  return counts;
}

function updateMatches(matches: MetricRef[], metric: EvalResult["metrics"][number], overwrite: boolean, edits: NodeEdit[]): boolean {
  let changed = false;
  for (const ref of matches) {
    const sameValue = canonical(ref.value) === canonical(metric.value);
    const sameToken = canonical(ref.verifyToken) === canonical(metric.verifyToken);
    if (sameValue && sameToken) continue;
    // Python compares the whole EvalResult here (`new_result != existing_result`), token included.
    if (!overwrite) {
      throw new ModelCardConflictError(
        `You passed a new value for the existing metric 'name: ${metric.name}, type: ${metric.type}'. ` +
          "Set `overwrite: true` to overwrite existing metrics.",
      );
    }
    if (!sameValue) {
      edits.push(scalarEdit(ref.node, "value", metric.value));
      ref.node.set("value", metric.value);
      ref.value = metric.value;
      changed = true;
    }
    // Only a verified metric takes the new token; a self-reported one keeps whatever it had.
    if (ref.verified === true && !sameToken) {
      edits.push(metric.verifyToken === undefined ? { kind: "other" } : scalarEdit(ref.node, "verifyToken", metric.verifyToken));
      if (metric.verifyToken === undefined) ref.node.delete("verifyToken");
      else ref.node.set("verifyToken", metric.verifyToken);
      ref.verifyToken = metric.verifyToken;
      changed = true;
    }
  }
  return changed;
}

function addGroup(o: {
  doc: Document;
  node: YAMLSeq;
  modelName: string;
  result: EvalResult;
  id: string;
  groups: GroupRef[];
  edits: NodeEdit[];
}): GroupRef {
  const { doc, node, modelName, result } = o;
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
  o.edits.push(entry ? appendEdit(resultsNode as YAMLSeq, groupNode) : { kind: "other" });
  const group: GroupRef = { id: o.id, metrics: collection(groupNode.get("metrics", true), "metrics", isSeq), refs: [], fresh: true };
  o.groups.push(group);
  return group;
}

/** Replacing a parsed scalar's text; anything else (a missing key, a collection) is re-emitted. */
function scalarEdit(map: YAMLMap, key: string, value: unknown): NodeEdit {
  const scalar = map.get(key, true);
  return isScalar(scalar) && scalar.range ? { kind: "scalar", scalar, value } : { kind: "other" };
}

/** Appending to a parsed block sequence; a flow (`[...]`) or new one is re-emitted. */
function appendEdit(seq: YAMLSeq, item: Node): NodeEdit {
  return seq.range && !seq.flow ? { kind: "append", seq, item } : { kind: "other" };
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
        verified: m.verified,
      }));
      groups.push({ id: groupId(result), metrics, refs, fresh: false });
    });
  });
  return groups;
}

/** Aliases and tags would make in-place edits unsafe; the validated data promised a collection here. */
function collection<T>(value: unknown, path: string, guard: (v: unknown) => v is T): T {
  if (!guard(value)) throw new ModelIndexError(path, "expected a plain YAML collection (aliases are not supported)");
  return value;
}
