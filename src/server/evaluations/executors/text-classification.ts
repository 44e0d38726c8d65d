import { createRemoteTextClassifier } from "@/server/inference/remote";
import { loadTextClassifier } from "@/server/inference/text-classifier";
import { AppError } from "@/server/errors";
import { labelReader, textCell } from "./cells";
import { labelTable, pushProbabilities, softmax } from "./label-table";
import type { Executor, ExecutorOptions } from "./types";

type Input = { text: string; pair?: string };

/** Text classification, single texts or sentence pairs (text, text2), locally or remotely. */
export async function textClassificationExecutor(opts: ExecutorOptions): Promise<Executor<Input, number>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const remote = opts.inference?.remote;
  const classifier =
    prepared.runner.name === "remote"
      ? (() => {
          if (!remote?.endpoints[prepared.model]) {
            throw new AppError("UNPROCESSABLE", `Model ${prepared.model} was planned for remote inference, but this worker has no endpoint configured for it (REMOTE_ENDPOINTS).`);
          }
          return createRemoteTextClassifier({
            model: prepared.model,
            endpoints: remote.endpoints,
            accessToken: opts.hub.accessToken,
            concurrency: remote.concurrency,
            timeoutMs: remote.timeoutMs,
            maxRetries: remote.maxRetries,
            labels: prepared.alignment.modelLabels,
          });
        })()
      : await loadTextClassifier({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
  const table = labelTable(prepared);
  const toReference = labelReader(prepared.dataset.labelFeature, prepared.alignment.datasetLabels);
  return {
    columns: [...new Set([cols.text, ...(cols.text2 ? [cols.text2] : []), cols.target])],
    read(row) {
      const text = textCell(row[cols.text]);
      if (!text.ok) return { column: cols.text, reason: text.reason };
      const pair = cols.text2 ? textCell(row[cols.text2], "second text") : null;
      if (pair && !pair.ok) return { column: cols.text2, reason: pair.reason };
      const ref = toReference(row[cols.target]);
      if (!ref.ok) return { column: cols.target, reason: ref.reason };
      return { input: { text: text.value, ...(pair ? { pair: pair.value } : {}) }, reference: ref.value };
    },
    lengthOf: (input) => input.text.length + (input.pair?.length ?? 0),
    async run(batch) {
      const texts = batch.map((e) => e.input.text);
      const pairs = cols.text2 ? batch.map((e) => e.input.pair!) : undefined;
      const logits = await classifier.classify(texts, pairs);
      batch.forEach((e, i) => pushProbabilities(table, prepared, e.row, softmax(logits[i]), e.reference));
      return [];
    },
    predictions: table,
    info: () => ({ ...classifier.runner, ...("truncated" in classifier ? { truncated: classifier.truncated() } : {}) }),
    dispose: () => classifier.dispose(),
  };
}
