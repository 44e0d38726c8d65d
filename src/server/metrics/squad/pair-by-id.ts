import { MetricInputError } from "../types";

/**
 * Pairs each reference with the prediction of the same `id`, in reference order (so statistics rows
 * line up with references, and a second system's rows line up with the first's).
 *
 * Stricter than `evaluate`, on purpose: there a duplicated prediction id silently keeps the last one,
 * a reference without a prediction scores 0 (v1.1) or crashes (v2.0), and an unknown prediction id is
 * ignored; each of these is almost always a join bug in the caller, so here it is an error naming the id.
 */
export function pairById<P extends { id: string }, R extends { id: string }>(predictions: readonly P[], references: readonly R[]): P[] {
  if (predictions.length === 0 && references.length === 0) {
    throw new MetricInputError("no examples to score: predictions and references are empty", { field: "references" });
  }
  const byId = new Map<string, number>();
  predictions.forEach((p, i) => {
    const first = byId.get(p.id);
    if (first !== undefined) {
      throw new MetricInputError(`prediction id "${p.id}" appears twice (examples ${first} and ${i})`, { index: i, field: "predictions" });
    }
    byId.set(p.id, i);
  });
  const seen = new Map<string, number>();
  const paired = references.map((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) {
      throw new MetricInputError(`reference id "${r.id}" appears twice (examples ${first} and ${i})`, { index: i, field: "references" });
    }
    seen.set(r.id, i);
    const j = byId.get(r.id);
    if (j === undefined) throw new MetricInputError(`no prediction has the reference id "${r.id}"`, { index: i, field: "references" });
    return predictions[j];
  });
  predictions.forEach((p, i) => {
    if (!seen.has(p.id)) throw new MetricInputError(`no reference has the prediction id "${p.id}"`, { index: i, field: "predictions" });
  });
  return paired;
}
