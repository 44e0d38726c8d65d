import { z } from "zod";
import { MetricInputError } from "../types";

/** One example's reference(s), as the `evaluate` library takes them: a string or a list of strings. */
export const ReferenceSchema = z.union([z.string(), z.array(z.string())]);
export type Reference = z.infer<typeof ReferenceSchema>;

/**
 * Checks predictions and references the way `evaluate`'s sacrebleu/chrf/ter do (same number of
 * references for every example, at least one example) and returns each example's references as a
 * list. A bare string is one reference; `evaluate` decides that from the first example only, we
 * accept it per example.
 */
export function toReferenceLists(predictions: readonly unknown[], references: readonly unknown[]): { refs: string[][]; nrefs: number } {
  if (predictions.length !== references.length) {
    throw new MetricInputError(
      `predictions has ${predictions.length} examples but references has ${references.length}; they must pair up one to one`,
      { field: "references" },
    );
  }
  if (predictions.length === 0) throw new MetricInputError("no examples: predictions and references are empty", { field: "predictions" });
  const refs: string[][] = new Array(references.length);
  let nrefs = -1;
  for (let i = 0; i < references.length; i++) {
    if (typeof predictions[i] !== "string") {
      throw new MetricInputError(`predictions[${i}] must be a string`, { index: i, field: "predictions" });
    }
    const r = references[i];
    const list = typeof r === "string" ? [r] : r;
    if (!Array.isArray(list) || list.some((x) => typeof x !== "string")) {
      throw new MetricInputError(`references[${i}] must be a string or a list of strings`, { index: i, field: "references" });
    }
    if (nrefs === -1) {
      nrefs = list.length;
      if (nrefs === 0) throw new MetricInputError("references[0] is an empty list; each example needs at least one reference", { index: 0, field: "references" });
    } else if (list.length !== nrefs) {
      throw new MetricInputError(
        `references[${i}] has ${list.length} references but references[0] has ${nrefs}; sacreBLEU requires the same number of references for each prediction`,
        { index: i, field: "references" },
      );
    }
    refs[i] = list as string[];
  }
  return { refs, nrefs };
}
