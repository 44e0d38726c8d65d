/** The "remote" runner: models served by Inference Endpoints / Providers through @huggingface/inference. */
export { createRemoteRunner, type RemoteRunner, type RemoteRunnerFacts, type RemoteRunnerOptions } from "./create-remote-runner";
export {
  parseRemoteEndpoints,
  redactUrl,
  resolveRemoteTarget,
  type RemoteEndpointsConfig,
  type RemoteTarget,
  type ResolveRemoteTargetOptions,
} from "./remote-endpoints";
export type { RetryEvent } from "./call-with-retries";
export { parseRetryAfterMs, backoffDelayMs } from "./retry-policy";
export { mapWithConcurrency } from "./map-with-concurrency";
export * from "./remote-tasks";
export { createRemoteTextClassifier, type RemoteTextClassifier, type RemoteTextClassifierOptions } from "./remote-text-classifier";
