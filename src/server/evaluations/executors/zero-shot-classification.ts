import { loadZeroShotClassifier } from "@/server/inference/zero-shot-classifier";
import { labelReader, textCell } from "./cells";
import { labelTable, pushProbabilities } from "./label-table";
import { remoteRunnerFor, scoresByName } from "./remote";
import type { Executor, ExecutorOptions } from "./types";

/** Zero-shot classification through an NLI model: the dataset's label names are the candidates. */
export async function zeroShotClassificationExecutor(opts: ExecutorOptions): Promise<Executor<string, number>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const table = labelTable(prepared);
  const candidates = prepared.alignment.datasetLabels;
  const hypothesisTemplate = String(prepared.parameters.hypothesis_template ?? "This example is {}.");
  const toReference = labelReader(prepared.dataset.labelFeature, candidates);
  let classify: (texts: string[]) => Promise<number[][]>;
  let info: () => Record<string, unknown>;
  let dispose: () => Promise<void>;
  if (prepared.runner.name === "remote") {
    const remote = remoteRunnerFor(opts);
    classify = async (texts) =>
      (await remote.zeroShotClassification(texts, { candidate_labels: candidates, hypothesis_template: hypothesisTemplate })).map((byLabel) =>
        scoresByName(prepared.model, byLabel, candidates),
      );
    info = () => ({ ...remote.runner, hypothesisTemplate });
    dispose = () => remote.dispose();
  } else {
    const local = await loadZeroShotClassifier({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
    classify = (texts) => local.classify(texts, candidates, { hypothesisTemplate });
    info = () => ({ ...local.runner, hypothesisTemplate });
    dispose = () => local.dispose();
  }
  return {
    columns: [...new Set([cols.text, cols.target])],
    read(row) {
      const text = textCell(row[cols.text]);
      if (!text.ok) return { column: cols.text, reason: text.reason };
      const ref = toReference(row[cols.target]);
      if (!ref.ok) return { column: cols.target, reason: ref.reason };
      return { input: text.value, reference: ref.value };
    },
    lengthOf: (text) => text.length,
    async run(batch) {
      const scores = await classify(batch.map((e) => e.input));
      batch.forEach((e, i) => pushProbabilities(table, prepared, e.row, scores[i], e.reference));
      return [];
    },
    predictions: table,
    info,
    dispose,
  };
}
