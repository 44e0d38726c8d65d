import type { Feature } from "@/server/datasets/features";
import type { FieldKind } from "./types";

const isValue = (f: Feature, dtype: RegExp) => f.kind === "value" && dtype.test(f.dtype);
const isLabel = (f: Feature) => f.kind === "class_label" || isValue(f, /int|string/);
const sequenceOf = (f: Feature, inner: (g: Feature) => boolean) => f.kind === "sequence" && (f.feature.kind === "unknown" || inner(f.feature));

/**
 * Whether a column's feature can feed a task field. A column whose type is unknown (no card
 * features, nothing inferable) is accepted here and checked row by row while reading.
 */
export function featureFits(kind: FieldKind, feature: Feature): boolean {
  if (feature.kind === "unknown") return true;
  switch (kind) {
    case "text":
      return isValue(feature, /string/);
    case "label":
      return isLabel(feature);
    case "tokens":
    case "answer-texts":
    case "classes":
      return sequenceOf(feature, (g) => isValue(g, /string/));
    case "tags":
      return sequenceOf(feature, isLabel);
    case "answer-starts":
      return sequenceOf(feature, (g) => isValue(g, /int/));
    case "image":
      return feature.kind === "image" || isValue(feature, /binary/);
    case "class-index":
      return isValue(feature, /int/);
  }
}

/** What a field needs, for error messages ("... but the tokens field needs a sequence of strings"). */
export const FIELD_KIND_NEEDS: Record<FieldKind, string> = {
  text: "a string column",
  label: "a ClassLabel, integer or string column",
  tokens: "a sequence of strings (one per word)",
  tags: "a sequence of ClassLabel, integer or string tags (one per word)",
  "answer-texts": "a sequence of strings (answer texts)",
  "answer-starts": "a sequence of integers (answer start offsets)",
  image: "an Image column",
  classes: "a sequence of strings (the candidate completions)",
  "class-index": "an integer column (index into the classes)",
};
