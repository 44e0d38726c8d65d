import { AppError } from "@/server/errors";

export interface LabelAlignment {
  /** Model output index -> dataset label id (ClassLabel index) */
  modelToDataset: Record<number, number>;
  /** How each model label was matched, for the manifest. */
  how: Record<string, "user" | "exact" | "case-insensitive" | "LABEL_n">;
  datasetLabels: string[];
  modelLabels: string[];
}

/**
 * Aligns a model's `id2label` with the dataset's ClassLabel names: exact name, then
 * case-insensitive, then the `LABEL_n` convention (n is the dataset's ClassLabel id).
 * Every model label must land on a distinct dataset label, or the evaluation is refused.
 */
export function alignLabels(opts: {
  model: string;
  id2label: Record<string, string>;
  datasetLabels: string[];
  /** The user's own mapping, model label -> dataset label name; applied before the automatic rules. */
  userMapping?: Record<string, string>;
}): LabelAlignment {
  const modelEntries = Object.entries(opts.id2label)
    .map(([k, v]) => [Number(k), String(v)] as const)
    .sort((a, b) => a[0] - b[0]);
  const modelLabels = modelEntries.map(([, v]) => v);
  const modelToDataset: Record<number, number> = {};
  const how: LabelAlignment["how"] = {};
  const used = new Set<number>();
  const user = opts.userMapping ?? {};
  for (const [from, to] of Object.entries(user)) {
    if (!modelLabels.includes(from)) {
      throw new AppError("UNPROCESSABLE", `labelMapping names "${from}", which is not a label of model ${opts.model} (${modelLabels.join(", ")}).`, {
        field: "labelMapping",
        details: { modelLabels, datasetLabels: opts.datasetLabels },
      });
    }
    if (!opts.datasetLabels.includes(to)) {
      throw new AppError("UNPROCESSABLE", `labelMapping maps "${from}" to "${to}", which is not a label of the dataset (${opts.datasetLabels.join(", ")}).`, {
        field: "labelMapping",
        details: { modelLabels, datasetLabels: opts.datasetLabels },
      });
    }
  }
  // The user's mapping first; then exact names claim their dataset label, so "negative" beats "Negative".
  const matchers: [LabelAlignment["how"][string], (label: string) => number][] = [
    ["user", (label) => (label in user ? opts.datasetLabels.indexOf(user[label]) : -1)],
    ["exact", (label) => opts.datasetLabels.indexOf(label)],
    ["case-insensitive", (label) => opts.datasetLabels.findIndex((d) => d.toLowerCase() === label.toLowerCase())],
    [
      "LABEL_n",
      (label) => {
        const m = /^LABEL_(\d+)$/.exec(label);
        return m && Number(m[1]) < opts.datasetLabels.length ? Number(m[1]) : -1;
      },
    ],
  ];
  for (const [kind, match] of matchers) {
    for (const [index, label] of modelEntries) {
      if (index in modelToDataset) continue;
      const target = match(label);
      if (target < 0 || used.has(target)) continue;
      used.add(target);
      modelToDataset[index] = target;
      how[label] = kind;
    }
  }
  const unmatched = modelEntries.filter(([index]) => !(index in modelToDataset)).map(([, label]) => label);
  if (unmatched.length > 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `The labels of model ${opts.model} (${modelLabels.join(", ")}) cannot be aligned with the dataset's labels (${opts.datasetLabels.join(", ")}): no match for ${unmatched.join(", ")}. Supply labelMapping (model label -> dataset label) to align them.`,
      { field: "models", details: { modelLabels, datasetLabels: opts.datasetLabels } },
    );
  }
  return { modelToDataset, how, datasetLabels: opts.datasetLabels, modelLabels };
}
