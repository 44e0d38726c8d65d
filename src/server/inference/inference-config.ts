import type { RemoteEndpointsConfig } from "./remote";

/**
 * How models may run, as the server operator configured it (never taken from a user request):
 * locally with ONNX weights, or remotely on an endpoint configured per model.
 */
export interface InferenceConfig {
  remote: {
    endpoints: RemoteEndpointsConfig;
    concurrency: number;
    timeoutMs: number;
    maxRetries: number;
  } | null;
}

export const LOCAL_ONLY: InferenceConfig = { remote: null };
