import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import type { Predictions } from "../prediction-store";
import type { PreparedEvaluation } from "../prepare-evaluation";

/** A row (or a whole example) that could not be used, and why. */
export interface InvalidRow {
  row: number;
  column: string;
  reason: string;
}

export interface Example<I, R> {
  row: number;
  input: I;
  reference: R;
}

export interface ExecutorOptions {
  hub: HubConfig;
  prepared: PreparedEvaluation;
  cacheDir: string;
  threads?: number;
  /** Operator configuration of remote endpoints (for models whose runner is "remote"). */
  inference?: InferenceConfig;
}

/**
 * Runs one task over batches of examples: turns dataset rows into model inputs and references,
 * calls the model (local or remote), and appends the predictions to its table.
 */
export interface Executor<I = unknown, R = unknown> {
  /** Dataset columns to read. */
  columns: string[];
  /** The example of a row, or which cell cannot be used and why. */
  read(row: Record<string, unknown>): { input: I; reference: R } | { column: string; reason: string };
  /**
   * A cheap size of an input (e.g. characters), when padding makes batches of similar sizes cheaper:
   * the loop then sorts a window of examples by it before cutting batches.
   */
  lengthOf?(input: I): number;
  /** Predicts a batch; returns the examples the model could not handle (e.g. an undecodable image). */
  run(batch: Example<I, R>[]): Promise<InvalidRow[]>;
  predictions: Predictions;
  /** The runner and its parameters for the manifest, plus counters such as truncated examples. */
  info(): Record<string, unknown>;
  dispose(): Promise<void>;
}
