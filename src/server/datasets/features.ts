/**
 * The `datasets` feature types EvalHub understands, in one normalised form, plus converters from
 * the two serialisations found in the wild (the card YAML list and the `_type` JSON of
 * `dataset_info.json`, parquet `huggingface` metadata and the dataset viewer) and back to `_type`.
 *
 * Normalisation follows `datasets` 4: `Sequence(dict)` is a dict of lists, so it becomes a `dict`
 * whose fields are `sequence`s; a `sequence` is always a list of its element (`List` in `_type` form).
 */
export type Feature =
  | { kind: "value"; dtype: string }
  | { kind: "class_label"; names: string[] }
  | { kind: "sequence"; feature: Feature; length?: number }
  | { kind: "dict"; fields: Record<string, Feature>; translation?: boolean }
  | { kind: "image" }
  | { kind: "unknown"; raw: unknown };

export type Features = Record<string, Feature>;

const DTYPE_ALIASES: Record<string, string> = { float: "float32", double: "float64", half: "float16", boolean: "bool", str: "string" };

export const value = (dtype: string): Feature => ({ kind: "value", dtype: DTYPE_ALIASES[dtype] ?? dtype });

/**
 * Parses `dataset_info.features` as the `datasets` library writes it in a dataset card: a list of
 * `{name, dtype}` / `{name, dtype: {class_label: {names: {"0": "neg"}}}}` / `{name, sequence: ...}` /
 * `{name, list: ...}` / `{name, struct: [...]}` entries. Returns null when there is no list.
 */
export function parseCardFeatures(raw: unknown): Features | null {
  if (!Array.isArray(raw)) return null;
  const out: Features = {};
  for (const entry of raw) {
    if (!entry || typeof entry !== "object" || typeof (entry as { name?: unknown }).name !== "string") continue;
    const { name, ...spec } = entry as Record<string, unknown>;
    out[name as string] = parseYamlSpec(spec);
  }
  return out;
}

/** One YAML feature spec (the entry without its `name`), as `Features._from_yaml_list` reads it. */
function parseYamlSpec(spec: unknown): Feature {
  if (typeof spec === "string") return spec === "image" ? { kind: "image" } : value(spec);
  if (Array.isArray(spec)) return { kind: "dict", fields: parseCardFeatures(spec) ?? {} };
  if (!spec || typeof spec !== "object") return { kind: "unknown", raw: spec };
  const e = spec as Record<string, unknown>;
  if ("dtype" in e) return parseYamlSpec(e.dtype);
  if ("struct" in e) return parseYamlSpec(Array.isArray(e.struct) ? e.struct : []);
  if ("class_label" in e) {
    const names = (e.class_label as { names?: unknown } | null)?.names;
    return { kind: "class_label", names: classLabelNames(names) };
  }
  for (const key of ["sequence", "list", "large_list"] as const) {
    if (!(key in e)) continue;
    const inner = parseYamlSpec(e[key]);
    const length = typeof e.length === "number" && e.length >= 0 ? e.length : undefined;
    // A `sequence` of a struct is a struct of lists in `datasets`; a `list` of one is a list of structs.
    if (key === "sequence" && inner.kind === "dict") return sequenceOfDict(inner, length);
    return length === undefined ? { kind: "sequence", feature: inner } : { kind: "sequence", feature: inner, length };
  }
  if ("image" in e) return { kind: "image" };
  if ("translation" in e) {
    const languages = ((e.translation as { languages?: unknown } | null)?.languages ?? []) as unknown[];
    return { kind: "dict", translation: true, fields: Object.fromEntries(languages.map((l) => [String(l), value("string")])) };
  }
  return { kind: "unknown", raw: e };
}

function sequenceOfDict(dict: Extract<Feature, { kind: "dict" }>, length?: number): Feature {
  const fields: Features = {};
  for (const [k, f] of Object.entries(dict.fields)) {
    fields[k] = f.kind === "dict" ? sequenceOfDict(f, length) : length === undefined ? { kind: "sequence", feature: f } : { kind: "sequence", feature: f, length };
  }
  return { kind: "dict", fields };
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

/**
 * Parses the `_type` JSON form (`{"dtype": "string", "_type": "Value"}`, `{"names": [...], "_type":
 * "ClassLabel"}`, `{"feature": F, "_type": "List" | "Sequence" | "LargeList"}`, legacy `[F]`, a plain
 * object for a dict, `{"_type": "Image"}`, `{"languages": [...], "_type": "Translation"}`).
 */
export function fromTypedFeature(raw: unknown): Feature {
  if (Array.isArray(raw)) return raw.length === 1 ? { kind: "sequence", feature: fromTypedFeature(raw[0]) } : { kind: "unknown", raw };
  if (!raw || typeof raw !== "object") return { kind: "unknown", raw };
  const o = raw as Record<string, unknown>;
  switch (o._type) {
    case undefined:
      return { kind: "dict", fields: fromTypedFeatures(o) };
    case "Value":
      return value(String(o.dtype));
    case "ClassLabel": {
      const names = Array.isArray(o.names) ? o.names.map(String) : Array.from({ length: Number(o.num_classes) || 0 }, (_, i) => String(i));
      return { kind: "class_label", names };
    }
    case "Sequence":
    case "List":
    case "LargeList": {
      const inner = fromTypedFeature(o.feature);
      const length = typeof o.length === "number" && o.length >= 0 ? o.length : undefined;
      if (o._type === "Sequence" && inner.kind === "dict") return sequenceOfDict(inner, length);
      return length === undefined ? { kind: "sequence", feature: inner } : { kind: "sequence", feature: inner, length };
    }
    case "Image":
      return { kind: "image" };
    case "Translation": {
      const languages = Array.isArray(o.languages) ? o.languages.map(String) : [];
      return { kind: "dict", translation: true, fields: Object.fromEntries(languages.map((l) => [l, value("string")])) };
    }
    default:
      return { kind: "unknown", raw };
  }
}

export function fromTypedFeatures(raw: unknown): Features {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromTypedFeature(v)]));
}

/** The `_type` JSON form the dataset viewer returns (current `datasets`: `List`, not `Sequence`). */
export function toTypedFeature(f: Feature): unknown {
  switch (f.kind) {
    case "value":
      return { dtype: f.dtype, _type: "Value" };
    case "class_label":
      return { names: f.names, _type: "ClassLabel" };
    case "sequence":
      return f.length === undefined ? { feature: toTypedFeature(f.feature), _type: "List" } : { feature: toTypedFeature(f.feature), length: f.length, _type: "List" };
    case "dict":
      if (f.translation) return { languages: Object.keys(f.fields), _type: "Translation" };
      return toTypedFeatures(f.fields);
    case "image":
      return { _type: "Image" };
    default:
      return f.raw && typeof f.raw === "object" && "_type" in f.raw ? f.raw : { _type: "Json" };
  }
}

export function toTypedFeatures(features: Features): Record<string, unknown> {
  return Object.fromEntries(Object.entries(features).map(([k, f]) => [k, toTypedFeature(f)]));
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
      return f.translation ? `Translation(${Object.keys(f.fields).join(", ")})` : `dict(${Object.keys(f.fields).join(", ")})`;
    case "image":
      return "Image";
    default:
      return "unknown";
  }
}

/**
 * Nested dicts flattened to dotted names, the way `Dataset.flatten()` does: `answers` (a dict of
 * lists) gives `answers.text` and `answers.answer_start`. Top-level names stay, so a mapping can
 * name either `answers` or `answers.text`. Lists of dicts are not flattened (as in `datasets`), but
 * `getPath` still reads `col.field` from them, element by element.
 */
export function flattenFeatures(features: Features): Features {
  const out: Features = {};
  const walk = (prefix: string, f: Feature) => {
    out[prefix] = f;
    if (f.kind === "dict") for (const [k, sub] of Object.entries(f.fields)) walk(`${prefix}.${k}`, sub);
  };
  for (const [name, f] of Object.entries(features)) walk(name, f);
  return out;
}

/**
 * Reads a dotted column from a row: `getPath(row, "answers.text")` is `row.answers.text`. A key that
 * exists as such (a column whose name contains a dot) wins. Through a list, the path is read from
 * each element, so `answers.text` of `[{text}, {text}]` is the list of texts.
 */
export function getPath(row: Record<string, unknown>, path: string): unknown {
  if (path in row) return row[path];
  const parts = path.split(".");
  const read = (v: unknown, i: number): unknown => {
    if (i === parts.length) return v;
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return v.map((x) => read(x, i));
    if (typeof v !== "object") return undefined;
    // Prefer the longest key that exists, so `a.b` inside a dict also resolves.
    const o = v as Record<string, unknown>;
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join(".");
      if (key in o) return read(o[key], j);
    }
    return undefined;
  };
  return read(row, 0);
}

/** Whether `path` names a column of `features`, top-level or flattened. */
export function hasPath(features: Features, path: string): boolean {
  return path in flattenFeatures(features);
}
