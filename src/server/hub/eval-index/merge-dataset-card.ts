import { isMap, isScalar, isSeq, stringify, type Pair, type YAMLMap } from "yaml";
import { locateCardBlock } from "@/server/hub/model-card/parse-card";
import { detectEol } from "@/server/hub/model-card/yaml-text";
import type { TrainEvalIndexEntry } from "./build-train-eval-index";

function render(entries: unknown[], eol: string): string {
  return stringify({ "train-eval-index": entries }, { indentSeq: false, lineWidth: 0 }).replace(/\n$/, "").replace(/\n/g, eol);
}

const sameSlot = (e: Partial<TrainEvalIndexEntry> | undefined, entry: TrainEvalIndexEntry) =>
  e?.config === entry.config && e?.task?.replace(/_/g, "-") === entry.task && e?.splits?.eval_split === entry.splits.eval_split;

/**
 * Adds a `train-eval-index` entry to a dataset card, replacing an entry for the same config, task
 * and eval split. Only the text of that key is written: the body and every other key (comments,
 * spacing, quoting) stay byte for byte.
 */
export function mergeTrainEvalIndex(content: string | null, entry: TrainEvalIndexEntry): { content: string; changed: boolean } {
  const eol = content ? detectEol(content) : "\n";
  if (!content) return { content: `---${eol}${render([entry], eol)}${eol}---${eol}`, changed: true };
  const block = locateCardBlock(content);
  if (!block) return { content: `---${eol}${render([entry], eol)}${eol}---${eol}${content}`, changed: true };
  const yamlText = content.slice(block.yamlStart, block.yamlEnd);
  const map = isMap(block.doc.contents) ? (block.doc.contents as YAMLMap) : null;
  const pair = map?.items.find((p) => isScalar(p.key) && p.key.value === "train-eval-index") as Pair<{ range?: number[] }, unknown> | undefined;
  const existing = pair && isSeq(pair.value) ? (pair.value.toJSON() as Partial<TrainEvalIndexEntry>[]) : [];
  const index = existing.findIndex((e) => sameSlot(e, entry));
  if (index >= 0 && JSON.stringify(existing[index]) === JSON.stringify(entry)) return { content, changed: false };
  const entries = index >= 0 ? existing.map((e, i) => (i === index ? entry : e)) : [...existing, entry];
  let newYaml: string;
  const keyRange = (pair?.key as { range?: number[] } | undefined)?.range;
  const valueRange = (pair?.value as { range?: number[] } | undefined)?.range;
  if (pair && keyRange && valueRange) {
    // Replace just this key's text; whatever follows its value (newline, next keys) is untouched.
    // (A block sequence's range can include its final newline.)
    const rest = yamlText.slice(valueRange[1]);
    newYaml = yamlText.slice(0, keyRange[0]) + render(entries, eol) + (rest && !/^\r?\n/.test(rest) ? eol : "") + rest;
  } else {
    const sep = yamlText.length === 0 || /\r?\n$/.test(yamlText) ? "" : eol;
    newYaml = yamlText + sep + render(entries, eol);
  }
  return { content: content.slice(0, block.yamlStart) + newYaml + content.slice(block.yamlEnd), changed: true };
}
