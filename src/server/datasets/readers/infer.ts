import { value, type Feature, type Features } from "../features";
import { parseBoolCell, parseFloatCell, parseIntCell } from "./cast";

/**
 * Feature inference for files without declared features. It sees every row (it runs during the
 * counting pass), so a column is typed by all its values, not a sample, and state per column is a
 * few flags: memory does not grow with the split.
 *
 * CSV (pandas-like): a column is int64 if every non-empty cell is an integer, else float64 if every
 * cell is a number (`nan`, `inf` included), else bool if every cell is true/false (any case), else
 * string. Empty cells are null and do not vote; an all-empty column is string (pandas would say
 * float64). Unlike pandas, "NA", "null" or "None" are kept as text, not turned into missing values.
 *
 * JSON (pyarrow-like): numbers are int64 unless one is fractional (float64); lists become
 * Sequence of their merged element type; objects become dicts (nested dicts stay nested; the
 * flattened names such as `answers.text` come from `flattenFeatures`). Cells whose types conflict
 * (a string here, a number there) make the column `Json` (kind unknown, values passed through).
 */
export class CsvTypeSketch {
  private cols: { int: boolean; float: boolean; bool: boolean; seen: boolean }[] = [];

  constructor(readonly names: string[]) {
    this.cols = names.map(() => ({ int: true, float: true, bool: true, seen: false }));
  }

  add(fields: (string | null)[]): void {
    for (let i = 0; i < this.cols.length; i++) {
      const s = fields[i];
      if (s === null || s === undefined || s === "") continue;
      const c = this.cols[i];
      c.seen = true;
      if (c.int && parseIntCell(s) === undefined) c.int = false;
      if (c.float && parseFloatCell(s) === undefined) c.float = false;
      if (c.bool && parseBoolCell(s) === undefined) c.bool = false;
    }
  }

  features(): Features {
    const out: Features = {};
    this.names.forEach((name, i) => {
      const c = this.cols[i];
      out[name] = !c.seen ? value("string") : c.int ? value("int64") : c.float ? value("float64") : c.bool ? value("bool") : value("string");
    });
    return out;
  }
}

interface Sketch {
  null: boolean;
  bool?: boolean;
  int?: boolean;
  float?: boolean;
  string?: boolean;
  list?: Sketch;
  dict?: Map<string, Sketch>;
}

const emptySketch = (): Sketch => ({ null: false });

function addToSketch(s: Sketch, v: unknown): void {
  if (v === null || v === undefined) s.null = true;
  else if (typeof v === "boolean") s.bool = true;
  else if (typeof v === "number") {
    if (Number.isInteger(v)) s.int = true;
    else s.float = true;
  } else if (typeof v === "string") s.string = true;
  else if (Array.isArray(v)) {
    s.list ??= emptySketch();
    for (const x of v) addToSketch(s.list, x);
  } else if (typeof v === "object") {
    s.dict ??= new Map();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      let sub = s.dict.get(k);
      if (!sub) s.dict.set(k, (sub = emptySketch()));
      addToSketch(sub, x);
    }
  }
}

function sketchToFeature(s: Sketch): Feature {
  const kinds = [s.bool && "bool", (s.int || s.float) && "number", s.string && "string", s.list && "list", s.dict && "dict"].filter(Boolean);
  if (kinds.length === 0) return value("null");
  if (kinds.length > 1) return { kind: "unknown", raw: { _type: "Json" } };
  switch (kinds[0]) {
    case "bool":
      return value("bool");
    case "number":
      return value(s.float ? "float64" : "int64");
    case "string":
      return value("string");
    case "list":
      return { kind: "sequence", feature: sketchToFeature(s.list!) };
    default:
      return { kind: "dict", fields: Object.fromEntries([...s.dict!.entries()].map(([k, sub]) => [k, sketchToFeature(sub)])) };
  }
}

export class JsonTypeSketch {
  private root = new Map<string, Sketch>();

  add(row: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(row)) {
      let s = this.root.get(k);
      if (!s) this.root.set(k, (s = emptySketch()));
      addToSketch(s, v);
    }
  }

  features(): Features {
    return Object.fromEntries([...this.root.entries()].map(([k, s]) => [k, sketchToFeature(s)]));
  }
}
