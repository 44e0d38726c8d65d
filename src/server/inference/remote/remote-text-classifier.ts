import { AppError } from "@/server/errors";
import { createRemoteRunner, type RemoteRunnerFacts, type RemoteRunnerOptions } from "./create-remote-runner";

export interface RemoteTextClassifierOptions extends RemoteRunnerOptions {
  /** The model's labels in id order (config.json `id2label`), so rows line up with the local runner's logits. */
  labels: string[];
}

/** Same shape as the local `TextClassifier`, with the remote runner's facts. */
export interface RemoteTextClassifier {
  /** Log-probabilities per input text in `labels` order: softmax of a row gives back the endpoint's scores. */
  classify(texts: string[], pairs?: string[]): Promise<number[][]>;
  dispose(): Promise<void>;
  readonly runner: RemoteRunnerFacts;
}

/**
 * Adapts the remote runner to what the evaluation loop expects of a text classifier: one row of
 * "logits" per text in the model's label order. The endpoint returns scores per label name, so
 * they are mapped by name; all labels are requested (`top_k`), a label the endpoint leaves out gets
 * -Infinity (probability 0), and a label the model does not declare is an error.
 */
export function createRemoteTextClassifier(opts: RemoteTextClassifierOptions): RemoteTextClassifier {
  if (opts.labels.length === 0) throw new RangeError("labels must not be empty.");
  const index = new Map(opts.labels.map((label, i) => [label, i]));
  const remote = createRemoteRunner(opts);
  return {
    get runner() {
      return remote.runner;
    },
    async classify(texts, pairs) {
      if (pairs) throw new AppError("UNPROCESSABLE", `Remote text classification takes single texts; model ${opts.model} cannot be sent sentence pairs.`);
      const scores = await remote.textClassification(texts, { top_k: opts.labels.length });
      return scores.map((byLabel) => {
        const row = new Array<number>(opts.labels.length).fill(-Infinity);
        for (const [label, score] of Object.entries(byLabel)) {
          const i = index.get(label);
          if (i === undefined) {
            throw new AppError(
              "UNPROCESSABLE",
              `Remote inference for model ${opts.model} answered label "${label}", which is not among the model's labels (${opts.labels.join(", ")}).`,
            );
          }
          row[i] = Math.log(score);
        }
        return row;
      });
    },
    dispose: () => remote.dispose(),
  };
}
