import { AppError } from "@/server/errors";
import type { Feature } from "@/server/datasets/features";
import type { LabelAlignment } from "./align-labels";

/** The entity type of an IOB-style tag: "B-PER" -> "PER", "O" -> null. */
export const entityType = (tag: string): string | null => (tag === "O" ? null : tag.replace(/^[BIESLU]-/, ""));

/**
 * Aligns a token classifier's tags with the dataset's tag names (user mapping, exact, then
 * case-insensitive). Unlike whole-text labels, a model may know entity types the dataset does not
 * use (they count as errors in seqeval), so only a model sharing no entity type with the dataset is
 * refused. `modelToDataset[i]` is -1 for a model tag kept under its own name. Remote models declare
 * no tags up front: their entity groups are matched by type at run time.
 */
export function alignTags(opts: {
  model: string;
  id2label: Record<string, string> | null;
  labelFeature: Feature;
  userMapping?: Record<string, string>;
  field: string;
}): LabelAlignment {
  const modelLabels = opts.id2label
    ? Object.entries(opts.id2label).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => String(v))
    : [];
  const feature = opts.labelFeature;
  const datasetLabels = feature.kind === "class_label" ? feature.names : modelLabels;
  if (feature.kind === "value" && /int/.test(feature.dtype) && modelLabels.length === 0) {
    throw new AppError("UNPROCESSABLE", `The dataset's tags are plain integers without ClassLabel names, so they cannot be compared with model ${opts.model}'s entity groups.`, { field: "columnMapping.tags" });
  }
  const user = opts.userMapping ?? {};
  const how: LabelAlignment["how"] = {};
  const modelToDataset: Record<number, number> = {};
  modelLabels.forEach((label, i) => {
    let j = label in user ? datasetLabels.indexOf(user[label]) : -1;
    if (j >= 0) how[label] = "user";
    if (j < 0 && (j = datasetLabels.indexOf(label)) >= 0) how[label] = "exact";
    if (j < 0 && (j = datasetLabels.findIndex((d) => d.toLowerCase() === label.toLowerCase())) >= 0) how[label] = "case-insensitive";
    modelToDataset[i] = j;
  });
  if (modelLabels.length > 0 && feature.kind === "class_label") {
    const shared = modelLabels.filter((l, i) => modelToDataset[i] >= 0 && entityType(l) !== null);
    if (shared.length === 0) {
      throw new AppError(
        "UNPROCESSABLE",
        `The tags of model ${opts.model} (${modelLabels.join(", ")}) share no entity type with the dataset's tags (${datasetLabels.join(", ")}). Supply labelMapping (model tag -> dataset tag) to align them.`,
        { field: opts.field, details: { modelLabels, datasetLabels } },
      );
    }
  }
  return { modelToDataset, how, datasetLabels, modelLabels };
}
