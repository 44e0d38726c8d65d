import { entityGroupsToWordTags } from "@/server/inference/entity-groups-to-tags";
import { loadTokenClassifier } from "@/server/inference/token-classifier";
import { RecordTable } from "../record-table";
import { entityType } from "../align-tags";
import { stringListCell, tagsReader } from "./cells";
import { remoteRunnerFor } from "./remote";
import type { Executor, ExecutorOptions } from "./types";

type Strategy = "first" | "average" | "max";

/**
 * Token classification at the word level: the model's tags (local: per word from sub-word tokens
 * by the aggregation strategy; remote: entity groups turned back into IOB2 word tags) are mapped
 * to the dataset's tag names and stored as tag sequences for seqeval.
 */
export async function tokenClassificationExecutor(opts: ExecutorOptions): Promise<Executor<string[], string[]>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const { datasetLabels, modelLabels, modelToDataset } = prepared.alignment;
  const strategy = (prepared.parameters.aggregation_strategy ?? "first") as Strategy;
  const table = new RecordTable<string[], string[]>(prepared.task);
  const toReference = tagsReader(datasetLabels);
  // Model tag -> dataset tag name (a tag the dataset lacks keeps its own name: seqeval counts it wrong).
  const byModelTag = new Map(modelLabels.map((l, i) => [l, modelToDataset[i] >= 0 ? datasetLabels[modelToDataset[i]] : l]));
  const typeToDataset = new Map(datasetLabels.map((d) => [entityType(d)?.toLowerCase(), entityType(d)]));
  const mapRemoteTag = (tag: string) => {
    const type = entityType(tag);
    if (type === null) return "O";
    return `${tag.slice(0, 2)}${typeToDataset.get(type.toLowerCase()) ?? type}`;
  };
  let tag: (sentences: string[][]) => Promise<string[][]>;
  let info: () => Record<string, unknown>;
  let dispose: () => Promise<void>;
  let truncatedWords = 0;
  let truncatedExamples = 0;
  if (prepared.runner.name === "remote") {
    const remote = remoteRunnerFor(opts);
    tag = async (sentences) => {
      const groups = await remote.tokenClassification(sentences.map((w) => w.join(" ")), { aggregation_strategy: "simple" });
      return sentences.map((words, i) => entityGroupsToWordTags(words, groups[i]).map(mapRemoteTag));
    };
    info = () => ({ ...remote.runner, aggregationStrategy: "simple (server side)" });
    dispose = () => remote.dispose();
  } else {
    const local = await loadTokenClassifier({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
    tag = async (sentences) => {
      const out = await local.tagWords(sentences, { strategy });
      out.truncatedWords.forEach((n) => {
        truncatedWords += n;
        if (n > 0) truncatedExamples++;
      });
      return out.tags.map((tags) => tags.map((t) => byModelTag.get(t) ?? t));
    };
    info = () => ({ ...local.runner, aggregationStrategy: strategy, truncatedExamples, truncatedWords });
    dispose = () => local.dispose();
  }
  return {
    columns: [...new Set([cols.tokens, cols.tags])],
    read(row) {
      const words = stringListCell(row[cols.tokens], "tokens");
      if (!words.ok) return { column: cols.tokens, reason: words.reason };
      const tags = toReference(row[cols.tags]);
      if (!tags.ok) return { column: cols.tags, reason: tags.reason };
      if (tags.value.length !== words.value.length) return { column: cols.tags, reason: `${tags.value.length} tags for ${words.value.length} tokens` };
      return { input: words.value, reference: tags.value };
    },
    lengthOf: (words) => words.reduce((n, w) => n + w.length + 1, 0),
    async run(batch) {
      const predicted = await tag(batch.map((e) => e.input));
      batch.forEach((e, i) => table.push(e.row, predicted[i], e.reference));
      return [];
    },
    predictions: table,
    info,
    dispose,
  };
}
