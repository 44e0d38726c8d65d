import { Document, Pair, Scalar, isMap, isNode, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { ModelIndexError } from "./errors";
import { locateCardBlock } from "./parse-card";
import { parseModelIndex, type EvalResult } from "./model-index";
import { mergeResultsIntoNode, type NodeEdit } from "./merge-results";
import { PARSE_OPTIONS, detectEol, toStringOptions, withEol } from "./yaml-text";

/** Options of `mergeModelCard`. */
export interface MergeModelCardOptions {
  /** The current README.md, or `null` when the repo has none (a card is created). */
  content: string | null;
  /** `model-index[].name` used when a new entry has to be created (usually the repo id). */
  modelName: string;
  /** Results to write, e.g. from `buildEvalResult`. */
  results: EvalResult[];
  /**
   * Replace the value (and, for a verified metric, the verifyToken) of a matching metric instead of
   * throwing `ModelCardConflictError`, as `metadata_update(overwrite=True)`. Default `false`.
   */
  overwrite?: boolean;
}

/** Outcome of `mergeModelCard`. */
export interface MergeModelCardResult {
  /** The new README.md; identical to the input when nothing changed. */
  content: string;
  changed: boolean;
  /** Metrics appended to `model-index`. */
  added: number;
  /** Metrics whose existing value (and verifyToken) was replaced. */
  updated: number;
}

/**
 * Adds evaluation results to a model card's `model-index` with huggingface_hub `metadata_update`
 * semantics. Only the `model-index` key is rewritten: the body, every other front matter key (with its
 * comments and quoting) and the line endings are kept byte for byte. Merging the same results twice
 * returns the same bytes with `changed: false`.
 *
 * @throws CardParseError, ModelIndexError or ModelCardConflictError.
 */
export function mergeModelCard(opts: MergeModelCardOptions): MergeModelCardResult {
  const { content, modelName, results, overwrite = false } = opts;
  const block = content === null ? null : locateCardBlock(content);
  const eol = content === null ? "\n" : detectEol(content);
  const doc = block?.doc ?? new Document({}, PARSE_OPTIONS);
  const map = isMap(doc.contents) ? (doc.contents as YAMLMap) : null;
  const pair = map?.items.find((p) => keyName(p.key) === "model-index");

  const node = existingModelIndex(doc, pair) ?? (doc.createNode([{ name: modelName, results: [] }]) as YAMLSeq);
  const { edits, ...counts } = mergeResultsIntoNode({ doc, node, modelName, results, overwrite });

  if (content !== null && counts.added + counts.updated === 0) {
    return { content, changed: false, ...counts };
  }
  const yaml = block && content !== null ? content.slice(block.yamlStart, block.yamlEnd) : "";
  const indentSeq = indentSeqOf(yaml, map, pair);
  if (block && content !== null && pair?.value === node && edits.every((e) => e.kind !== "other")) {
    // Existing entries keep their exact text: only the changed scalars and the new items are written.
    const newYaml = applyEdits({ yaml, doc, edits: edits as TextEdit[], indentSeq, eol });
    const next = content.slice(0, block.yamlStart) + newYaml + content.slice(block.yamlEnd);
    return { content: next, changed: next !== content, ...counts };
  }
  const rendered = renderPair(node, indentSeq);
  if (content === null) return { content: frontMatter(rendered, eol, ""), changed: true, ...counts };
  if (!block) return { content: frontMatter(rendered, eol, content), changed: true, ...counts };

  const newYaml = spliceYaml({ yaml, doc, map, pair, node, rendered, eol, indentSeq });
  const next = content.slice(0, block.yamlStart) + newYaml + content.slice(block.yamlEnd);
  return { content: next, changed: next !== content, ...counts };
}

type AnyPair = Pair<unknown, unknown>;

function keyName(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/**
 * The `model-index` sequence to edit in place, or `null` when it is absent or falsy (`~`, `[]`, ""),
 * which Python's `if model_index:` also treats as absent.
 *
 * @throws ModelIndexError when it is anything else than a list of entries.
 */
function existingModelIndex(doc: Document, pair: AnyPair | undefined): YAMLSeq | null {
  const value = pair?.value;
  const data: unknown = isNode(value) ? value.toJS(doc) : value;
  const falsy = !data || (typeof data === "object" && Object.keys(data).length === 0);
  if (falsy) return null;
  parseModelIndex(data);
  if (!isSeq(value)) throw new ModelIndexError("model-index", "expected a YAML sequence (aliases are not supported)");
  return value;
}

/** `model-index:` and its value as YAML text, without a trailing newline. */
function renderPair(node: YAMLSeq, indentSeq: boolean): string {
  const tmp = new Document({}, PARSE_OPTIONS);
  // A fresh key: the original key's comments stay where they are in the untouched text.
  (tmp.contents as YAMLMap).items.push(new Pair(new Scalar("model-index"), node));
  return tmp.toString(toStringOptions(indentSeq)).trimEnd();
}

/** The sequence alone, its continuation lines indented to `col` (the first line's indent is in the file). */
function renderSeq(node: YAMLSeq, indentSeq: boolean, col: number): string {
  const { commentBefore, spaceBefore } = node;
  // Both sit before the sequence's first `-` and are kept there verbatim.
  node.commentBefore = undefined;
  node.spaceBefore = undefined;
  try {
    const text = new Document(node, PARSE_OPTIONS).toString(toStringOptions(indentSeq)).trimEnd();
    const pad = " ".repeat(col);
    return text.replace(/\n/g, `\n${pad}`).replace(new RegExp(`\n${pad}(?=\n)`, "g"), "\n");
  } finally {
    node.commentBefore = commentBefore;
    node.spaceBefore = spaceBefore;
  }
}

/** Python's layout for a card built from scratch: `---\n{yaml}\n---\n{body}`. */
function frontMatter(yaml: string, eol: "\n" | "\r\n", body: string): string {
  return `---${eol}${withEol(yaml, eol)}${eol}---${eol}${body}`;
}

interface SpliceOptions {
  yaml: string;
  doc: Document;
  map: YAMLMap | null;
  pair: AnyPair | undefined;
  node: YAMLSeq;
  rendered: string;
  eol: "\n" | "\r\n";
  indentSeq: boolean;
}

/** Replaces (or appends) only the `model-index` text of the front matter. */
function spliceYaml(o: SpliceOptions): string {
  const { yaml, map, pair, eol } = o;
  const text = withEol(o.rendered, eol);
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  const blockMap =
    map === null
      ? o.doc.contents === null
      : !map.flow && (map.items.length === 0 || startsLine(yaml, map.range?.[0] ?? 0));

  if (pair && keyRange && blockMap && startsLine(yaml, keyRange[0])) {
    const seqRange = pair.value === o.node && !o.node.flow ? o.node.range : undefined;
    if (seqRange) {
      // Edited in place: keep the key line and its comments, rewrite only the sequence.
      const [start, , end] = seqRange;
      const value = withEol(renderSeq(o.node, o.indentSeq, column(yaml, start)), eol);
      const trailing = /\s*$/.exec(yaml.slice(start, end))?.[0] ?? "";
      return yaml.slice(0, start) + value + trailing + yaml.slice(end);
    }
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    const start = keyRange[0];
    const end = valueRange?.[2] ?? keyRange[2];
    const trailing = /\s*$/.exec(yaml.slice(start, end))?.[0] ?? "";
    return yaml.slice(0, start) + text + trailing + yaml.slice(end);
  }
  if (!pair && blockMap) {
    const cut = yaml.trimEnd().length;
    if (cut === 0) return text + yaml;
    return yaml.slice(0, cut) + eol + text + yaml.slice(cut);
  }
  // Flow-style or indented top-level mapping (or a lone `~`): re-emit the whole block.
  if (!isMap(o.doc.contents)) o.doc.contents = o.doc.createNode({});
  o.doc.set("model-index", o.node);
  return withEol(o.doc.toString(toStringOptions(o.indentSeq)).trimEnd(), eol);
}

type TextEdit = Exclude<NodeEdit, { kind: "other" }>;

/**
 * Applies scalar replacements and block-sequence appends to the front matter text. A new item goes
 * right after the sequence's last item (before any comment that follows it), at the sequence's column.
 */
function applyEdits(o: { yaml: string; doc: Document; edits: TextEdit[]; indentSeq: boolean; eol: "\n" | "\r\n" }): string {
  const { yaml, eol } = o;
  const patches = o.edits.map((edit, order) => {
    if (edit.kind === "scalar") {
      const [start, end] = edit.scalar.range!;
      const text = new Document(edit.value, PARSE_OPTIONS).toString(toStringOptions(o.indentSeq)).trimEnd();
      return { start, end, text: withEol(text, eol), order };
    }
    const [seqStart, end] = edit.seq.range!;
    const pad = " ".repeat(column(yaml, seqStart));
    const item = new Document([edit.item.toJSON()], PARSE_OPTIONS).toString(toStringOptions(o.indentSeq)).trimEnd();
    const lines = item.split("\n").map((line) => (line ? pad + line : line));
    const lead = end > 0 && yaml[end - 1] !== "\n" ? eol : "";
    return { start: end, end, text: lead + lines.join(eol) + (lead ? "" : eol), order };
  });
  // From the end backwards so earlier offsets stay valid; inserts at one offset keep their order.
  patches.sort((a, b) => b.start - a.start || b.order - a.order);
  let out = yaml;
  for (const p of patches) out = out.slice(0, p.start) + p.text + out.slice(p.end);
  return out;
}

function startsLine(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === "\n" || text[offset - 1] === "\r";
}

/**
 * PyYAML writes `- item` at its key's column. Follow what the card already does: the sequences nested
 * in `model-index` first (the top-level one keeps its own indent when spliced), then any other.
 */
function indentSeqOf(yaml: string, map: YAMLMap | null, pair: AnyPair | undefined): boolean {
  const nested = isSeq(pair?.value) ? pair.value.items.flatMap((item) => (isMap(item) ? item.items : [])) : [];
  const candidates = [...nested, ...(pair ? [pair] : []), ...(map?.items ?? [])];
  for (const p of candidates) {
    const value = p.value;
    if (!isSeq(value) || value.flow || value.items.length === 0 || !value.range) continue;
    if (!isScalar(p.key) || !p.key.range) continue;
    return column(yaml, value.range[0]) > column(yaml, p.key.range[0]);
  }
  return false;
}

function column(text: string, offset: number): number {
  return offset - (Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1);
}
