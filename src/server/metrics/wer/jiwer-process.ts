/**
 * jiwer's transforms and per-sentence counting as the `evaluate` library's wer/cer apply them with
 * jiwer 3.x (`jiwer.compute_measures`): one alignment per (reference, prediction) pair, then
 * sum of (S + D + I) over sum of (S + D + H).
 *   wer: jiwer `wer_default` = RemoveMultipleSpaces, Strip, ReduceToListOfListOfWords.
 *   cer: evaluate's `cer_transform` = RemoveMultipleSpaces, Strip, ReduceToSingleSentence(""),
 *        ReduceToListOfListOfChars (the single-sentence step only matters with concatenate_texts).
 */
import { alignmentCounts, tokenIds, type AlignmentCounts } from "../edit-distance";
import { MetricInputError, assertSameLength } from "../types";

/** Python's `str.isspace()` set, which is what `str.strip()` and `re`'s `\s` use (JS's `\s` differs). */
const PY_WS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const MULTIPLE_SPACES = new RegExp(`[${PY_WS}]{2,}`, "g");
const EDGES = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, "g");

/** RemoveMultipleSpaces (`re.sub(r"\s\s+", " ", s)`) then Strip (`str.strip()`). */
export function collapseAndStrip(s: string): string {
  return s.replace(MULTIPLE_SPACES, " ").replace(EDGES, "");
}

/** Words as `wer_default` makes them: split on " " only, so a lone tab or newline does not split words. */
export function werWords(s: string): string[] {
  return collapseAndStrip(s)
    .split(" ")
    .filter((w) => w.length > 0);
}

/** Characters as evaluate's `cer_transform` makes them: code points (as Python iterates), spaces included. */
export function cerChars(s: string): Int32Array {
  return codePoints(collapseAndStrip(s));
}

function codePoints(s: string): Int32Array {
  return Int32Array.from(s, (ch) => ch.codePointAt(0)!);
}

/** Row layout of the per-example statistics shared by wer and cer. */
export const EDIT_WIDTH = 6;
const [ERRORS, REF_LEN, SUB, DEL, INS, HIT] = [0, 1, 2, 3, 4, 5];

/**
 * One row per example: [S + D + I, reference length, S, D, I, H]. Rejects what jiwer 3 rejects:
 * an empty reference string, and a reference left with no words/characters by the transform.
 */
export function editStatistics(
  predictions: readonly unknown[],
  references: readonly unknown[],
  unit: "word" | "char",
): Float64Array {
  assertSameLength(predictions, references);
  const data = new Float64Array(predictions.length * EDIT_WIDTH);
  for (let k = 0; k < predictions.length; k++) {
    const reference = asText(references[k], k, "references");
    const prediction = asText(predictions[k], k, "predictions");
    rejectEmptyReference(reference, k);
    let ref: ArrayLike<number>;
    let hyp: ArrayLike<number>;
    if (unit === "word") {
      const vocabulary = new Map<string, number>();
      ref = tokenIds(werWords(reference), vocabulary);
      hyp = tokenIds(werWords(prediction), vocabulary);
    } else {
      ref = cerChars(reference);
      hyp = cerChars(prediction);
    }
    if (ref.length === 0) rejectBlankReference(k, unit);
    writeRow(data, k, alignmentCounts(ref, hyp));
  }
  return data;
}

/**
 * cer with `concatenate_texts`: evaluate hands jiwer 3 the whole lists, so ReduceToSingleSentence
 * joins the stripped, non-empty texts with "" and ONE alignment covers the whole corpus. Not
 * decomposable per example; the cost is quadratic in the total number of characters.
 */
export function concatenatedCharCounts(predictions: readonly unknown[], references: readonly unknown[]): Float64Array {
  assertSameLength(predictions, references);
  const refs = references.map((r, k) => asText(r, k, "references"));
  const preds = predictions.map((p, k) => asText(p, k, "predictions"));
  refs.forEach(rejectEmptyReference);
  const join = (texts: string[]) => codePoints(texts.map(collapseAndStrip).filter((t) => t.length > 0).join(""));
  const ref = join(refs);
  if (ref.length === 0) rejectBlankReference(0, "char");
  const data = new Float64Array(EDIT_WIDTH);
  writeRow(data, 0, alignmentCounts(ref, join(preds)));
  return data;
}

function rejectEmptyReference(reference: string, k: number): void {
  if (reference.length > 0) return;
  throw new MetricInputError(
    `reference ${k} is an empty string; jiwer rejects it ("one or more references are empty strings")`,
    { index: k, field: "references" },
  );
}

function rejectBlankReference(k: number, unit: "word" | "char"): never {
  throw new MetricInputError(
    `reference ${k} has no ${unit === "word" ? "words" : "characters"} once whitespace is stripped; jiwer rejects it ` +
      `("each reference should be a non-empty list of strings")`,
    { index: k, field: "references" },
  );
}

function writeRow(data: Float64Array, k: number, c: AlignmentCounts): void {
  const row = k * EDIT_WIDTH;
  data[row + ERRORS] = c.substitutions + c.deletions + c.insertions;
  data[row + REF_LEN] = c.hits + c.substitutions + c.deletions;
  data[row + SUB] = c.substitutions;
  data[row + DEL] = c.deletions;
  data[row + INS] = c.insertions;
  data[row + HIT] = c.hits;
}

/** Scalar outputs from summed rows; `key` is "wer" or "cer". */
export function finalizeEdits(key: "wer" | "cer", sums: Float64Array): Record<string, number> {
  return {
    [key]: sums[REF_LEN] > 0 ? sums[ERRORS] / sums[REF_LEN] : 0,
    substitutions: sums[SUB],
    deletions: sums[DEL],
    insertions: sums[INS],
    hits: sums[HIT],
  };
}

/**
 * The `evaluate` library declares these columns as `Value("string")`, whose encoder applies
 * Python's `str()`; integers are accepted the same way, anything else that is not text is rejected.
 */
export function asText(value: unknown, index: number, field: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  throw new MetricInputError(`${field}[${index}] must be a string, got ${value === null ? "null" : typeof value}`, {
    index,
    field,
  });
}
