import { AppError } from "@/server/errors";
import { createRemoteRunner, type RemoteRunner } from "@/server/inference/remote";
import type { ExecutorOptions } from "./types";

/** The remote runner for a model the operator configured an endpoint for (never a URL from a request). */
export function remoteRunnerFor(opts: ExecutorOptions): RemoteRunner {
  const remote = opts.inference?.remote;
  const model = opts.prepared.model;
  if (!remote || !remote.endpoints[model]) {
    throw new AppError("UNPROCESSABLE", `Model ${model} was planned for remote inference, but this worker has no endpoint configured for it (REMOTE_ENDPOINTS).`);
  }
  return createRemoteRunner({
    model,
    endpoints: remote.endpoints,
    accessToken: opts.hub.accessToken,
    concurrency: remote.concurrency,
    timeoutMs: remote.timeoutMs,
    maxRetries: remote.maxRetries,
  });
}

/** Scores by label name (as the Inference API answers) to a probability row in `labels` order. */
export function scoresByName(model: string, byLabel: Record<string, number>, labels: string[]): number[] {
  const row = new Array<number>(labels.length).fill(0);
  const index = new Map(labels.map((l, i) => [l, i]));
  for (const [label, score] of Object.entries(byLabel)) {
    const i = index.get(label);
    if (i === undefined) {
      throw new AppError("UNPROCESSABLE", `Remote inference for model ${model} answered label "${label}", which is not among the model's labels (${labels.join(", ")}).`);
    }
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new AppError("UNPROCESSABLE", `Remote inference for model ${model} answered a non-numeric score for label "${label}".`);
    }
    row[i] = score;
  }
  return row;
}
