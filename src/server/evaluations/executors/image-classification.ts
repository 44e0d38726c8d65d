import { loadImageClassifier } from "@/server/inference/image-classifier";
import { imageCell, labelReader } from "./cells";
import { labelTable, pushProbabilities, softmax } from "./label-table";
import { remoteRunnerFor, scoresByName } from "./remote";
import type { Executor, ExecutorOptions, InvalidRow } from "./types";

/** Image classification; an image the model cannot decode is recorded as an invalid row, not a failure. */
export async function imageClassificationExecutor(opts: ExecutorOptions): Promise<Executor<Uint8Array, number>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const table = labelTable(prepared);
  const toReference = labelReader(prepared.dataset.labelFeature, prepared.alignment.datasetLabels);
  const labels = prepared.alignment.modelLabels;
  let classify: (images: Uint8Array[]) => Promise<(number[] | { error: string })[]>;
  let info: () => Record<string, unknown>;
  let dispose: () => Promise<void>;
  if (prepared.runner.name === "remote") {
    const remote = remoteRunnerFor(opts);
    classify = async (images) => (await remote.imageClassification(images)).map((byLabel) => scoresByName(prepared.model, byLabel, labels));
    info = () => ({ ...remote.runner });
    dispose = () => remote.dispose();
  } else {
    const local = await loadImageClassifier({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
    classify = async (images) => (await local.classify(images)).map((r) => (Array.isArray(r) ? softmax(r) : r));
    info = () => ({ ...local.runner });
    dispose = () => local.dispose();
  }
  return {
    columns: [...new Set([cols.image, cols.target])],
    read(row) {
      const image = imageCell(row[cols.image]);
      if (!image.ok) return { column: cols.image, reason: image.reason };
      const ref = toReference(row[cols.target]);
      if (!ref.ok) return { column: cols.target, reason: ref.reason };
      return { input: image.value, reference: ref.value };
    },
    async run(batch) {
      const out = await classify(batch.map((e) => e.input));
      const problems: InvalidRow[] = [];
      batch.forEach((e, i) => {
        const r = out[i];
        if (Array.isArray(r)) pushProbabilities(table, prepared, e.row, r, e.reference);
        else problems.push({ row: e.row, column: cols.image, reason: r.error });
      });
      return problems;
    },
    predictions: table,
    info,
    dispose,
  };
}
