/** The subset of `datasets` feature types EvalHub understands, normalised from card YAML. */
export type Feature =
  | { kind: "value"; dtype: string }
  | { kind: "class_label"; names: string[] }
  | { kind: "sequence"; feature: Feature }
  | { kind: "dict"; fields: Record<string, Feature> }
  | { kind: "image" }
  | { kind: "unknown"; raw: unknown };

export type Features = Record<string, Feature>;

/**
 * Parses `dataset_info.features` as the `datasets` library writes it in a dataset card:
 * a list of `{name, dtype}` / `{name, class_label: {names: {"0": "neg"}}}` / `{name, sequence: ...}` /
 * `{name, struct: [...]}` entries.
 */
export function parseCardFeatures(raw: unknown): Features | null {
  if (!Array.isArray(raw)) return null;
  const out: Features = {};
  for (const entry of raw) {
    if (!entry || typeof entry !== "object" || typeof (entry as { name?: unknown }).name !== "string") continue;
    const e = entry as Record<string, unknown>;
    out[e.name as string] = parseFeatureSpec(e);
  }
  return out;
}

function parseFeatureSpec(e: Record<string, unknown>): Feature {
  if (typeof e.dtype === "string") {
    return e.dtype === "image" ? { kind: "image" } : { kind: "value", dtype: e.dtype };
  }
  if (e.dtype && typeof e.dtype === "object") return parseFeatureSpec(e.dtype as Record<string, unknown>);
  if (e.class_label && typeof e.class_label === "object") {
    const names = (e.class_label as { names?: unknown }).names;
    return { kind: "class_label", names: classLabelNames(names) };
  }
  if (e.sequence !== undefined) {
    const inner = e.sequence;
    if (typeof inner === "string") return { kind: "sequence", feature: { kind: "value", dtype: inner } };
    if (inner && typeof inner === "object") return { kind: "sequence", feature: parseFeatureSpec(inner as Record<string, unknown>) };
  }
  if (Array.isArray(e.struct)) return { kind: "dict", fields: parseCardFeatures(e.struct) ?? {} };
  return { kind: "unknown", raw: e };
}

function classLabelNames(names: unknown): string[] {
  if (Array.isArray(names)) return names.map(String);
  if (names && typeof names === "object") {
    return Object.entries(names as Record<string, unknown>)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, v]) => String(v));
  }
  return [];
}

export function describeFeature(f: Feature): string {
  switch (f.kind) {
    case "value":
      return f.dtype;
    case "class_label":
      return `ClassLabel(${f.names.join(", ")})`;
    case "sequence":
      return `Sequence(${describeFeature(f.feature)})`;
    case "dict":
      return "dict";
    case "image":
      return "Image";
    default:
      return "unknown";
  }
}
