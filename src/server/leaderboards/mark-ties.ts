import type { Db } from "@/server/db/client";
import { loadPredictions, type Predictions } from "@/server/evaluations/prediction-store";
import type { MetricId } from "@/server/metrics";
import { pairedTie, type PairableRun } from "./paired-tie";

/** How a row compares with the leader (`Comparison`), and so whether it is tied (`TieInfo`). */
export interface Comparison {
  /** The leader's model id. */
  with: string;
  /**
   * "paired-bootstrap": both runs scored the same examples and the 95% interval of the paired
   * difference contains 0. "ci-overlap": the rows' own 95% intervals overlap (a conservative rule,
   * used when no paired test applies).
   */
  test: "paired-bootstrap" | "ci-overlap";
  /** Paired test only: row minus leader, its 95% interval, the examples and resamples used. */
  difference?: number;
  interval?: [number, number];
  rows?: number;
  resamples?: number;
  /** The difference is not significant by `test`. */
  tied: boolean;
}

/** A comparison that found the row tied with the leader. */
export type TieInfo = Comparison & { tied: true };

export interface TieCandidate {
  run: PairableRun;
  model: string;
  value: number | undefined;
  interval: [number, number] | undefined;
}

/** Paired tests per page view at most; rows beyond use CI overlap so a huge board stays fast. */
const MAX_PAIRED_PER_VIEW = 30;

/**
 * Compares each candidate with the leader on `metric`: by a paired bootstrap where both runs scored
 * the same examples with stored label predictions, else by CI overlap. `null` = no comparison
 * possible (no value, or no intervals for the overlap rule).
 */
export async function compareWithLeader(opts: { db: Db; metric: MetricId; leader: TieCandidate; others: TieCandidate[] }): Promise<(Comparison | null)[]> {
  const { leader, metric } = opts;
  const loaded = new Map<string, Promise<Predictions | null>>();
  const load = (key: string) => {
    let p = loaded.get(key);
    if (!p) loaded.set(key, (p = loadPredictions(opts.db, key)));
    return p;
  };
  const ciOverlap = (c: TieCandidate): Comparison | null => {
    const a = c.interval;
    const b = leader.interval;
    return a && b ? { with: leader.model, test: "ci-overlap", tied: a[0] <= b[1] && a[1] >= b[0] } : null;
  };
  return Promise.all(
    opts.others.map(async (c, i) => {
      if (c.value === undefined || leader.value === undefined) return null;
      const paired = i < MAX_PAIRED_PER_VIEW ? await pairedTie({ db: opts.db, metric, leader: leader.run, other: c.run, load }) : null;
      if (!paired) return ciOverlap(c);
      const { tied, difference, interval, rows, resamples } = paired;
      return { with: leader.model, test: "paired-bootstrap", tied, difference, interval, rows, resamples };
    }),
  );
}
