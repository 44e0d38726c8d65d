import type { Feature, Features } from "../features";

/**
 * Casting raw cells (CSV strings, parsed JSON, parquet values) to their feature, the way
 * `datasets`' `table_cast` does for the cases that matter here: numbers from strings, ClassLabel
 * from a label name or an id, lists and dicts element by element. A cell that does not fit is
 * reported (never dropped silently) and becomes null.
 */
export type Report = (column: string, reason: string) => void;

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOATS: Record<string, number> = { nan: NaN, "-nan": NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity };
const BOOLS: Record<string, boolean> = { true: true, false: false };

export const isIntDtype = (dtype: string) => /^u?int(8|16|32|64)$/.test(dtype);
export const isFloatDtype = (dtype: string) => /^float(16|32|64)$/.test(dtype) || dtype.startsWith("decimal");
export const isStringDtype = (dtype: string) => dtype === "string" || dtype === "large_string";

export function parseIntCell(s: string): number | bigint | undefined {
  const t = s.trim();
  if (!INT_RE.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BigInt(t);
}

export function parseFloatCell(s: string): number | undefined {
  const t = s.trim();
  if (FLOAT_RE.test(t)) return Number(t);
  const special = SPECIAL_FLOATS[t.toLowerCase()];
  return special === undefined ? undefined : special;
}

export function parseBoolCell(s: string): boolean | undefined {
  return BOOLS[s.trim().toLowerCase()];
}

/** int64 cells arrive from parquet as bigint; they become numbers whenever that is exact. */
export function normalizeBigInt(v: bigint): number | bigint {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

const describe = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : Array.isArray(v) ? "a list" : v && typeof v === "object" ? "an object" : String(v));

export function castValue(v: unknown, f: Feature, column: string, report: Report): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") v = normalizeBigInt(v);
  switch (f.kind) {
    case "value":
      return castScalar(v, f.dtype, column, report);
    case "class_label": {
      let id: unknown = v;
      if (typeof v === "string") {
        const byName = f.names.indexOf(v);
        id = byName >= 0 ? byName : parseIntCell(v);
        if (id === undefined) {
          report(column, `label ${describe(v)} is not one of the ClassLabel names (${f.names.join(", ")})`);
          return null;
        }
      }
      if (typeof id === "bigint") id = Number(id);
      if (typeof id !== "number" || !Number.isInteger(id)) {
        report(column, `expected a ClassLabel id, got ${describe(v)}`);
        return null;
      }
      // -1 is how `datasets` marks "no label" (e.g. GLUE test splits); keep it for the consumer to judge.
      if (id < -1 || id >= f.names.length) {
        report(column, `ClassLabel id ${id} is outside 0..${f.names.length - 1}`);
        return null;
      }
      return id;
    }
    case "sequence": {
      if (!Array.isArray(v)) {
        report(column, `expected a list, got ${describe(v)}`);
        return null;
      }
      return v.map((x) => castValue(x, f.feature, column, report));
    }
    case "dict": {
      if (typeof v !== "object" || Array.isArray(v) || v instanceof Uint8Array) {
        report(column, `expected an object with ${Object.keys(f.fields).join(", ")}, got ${describe(v)}`);
        return null;
      }
      return castRow(v as Record<string, unknown>, f.fields, report, `${column}.`);
    }
    case "image":
      return castImage(v, column, report);
    default:
      return v;
  }
}

function castScalar(v: unknown, dtype: string, column: string, report: Report): unknown {
  if (isIntDtype(dtype)) {
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "bigint") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "string") {
      const n = parseIntCell(v);
      if (n !== undefined) return n;
      // pandas reads "3.0" in an int column as float; accept integral floats.
      const x = parseFloatCell(v);
      if (x !== undefined && Number.isInteger(x)) return x;
    }
    report(column, `expected an integer (${dtype}), got ${describe(v)}`);
    return null;
  }
  if (isFloatDtype(dtype)) {
    if (typeof v === "number") return v;
    if (typeof v === "string") {
      const x = parseFloatCell(v);
      if (x !== undefined) return x;
    }
    report(column, `expected a number (${dtype}), got ${describe(v)}`);
    return null;
  }
  if (dtype === "bool") {
    if (typeof v === "boolean") return v;
    if (typeof v === "number" && (v === 0 || v === 1)) return v === 1;
    if (typeof v === "string") {
      const b = parseBoolCell(v);
      if (b !== undefined) return b;
    }
    report(column, `expected a boolean, got ${describe(v)}`);
    return null;
  }
  if (isStringDtype(dtype)) {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    report(column, `expected a string, got ${describe(v)}`);
    return null;
  }
  if (dtype === "binary" || dtype === "large_binary") {
    if (v instanceof Uint8Array) return v;
    if (typeof v === "string") return new TextEncoder().encode(v);
    report(column, `expected bytes, got ${describe(v)}`);
    return null;
  }
  // Dates, timestamps, decimals, null: passed through as read.
  return v;
}

function castImage(v: unknown, column: string, report: Report): unknown {
  if (typeof v === "string") return { bytes: null, path: v };
  if (v instanceof Uint8Array) return { bytes: v, path: null };
  if (typeof v === "object" && v && ("bytes" in v || "path" in v)) {
    const o = v as { bytes?: unknown; path?: unknown };
    const bytes = o.bytes instanceof Uint8Array ? o.bytes : typeof o.bytes === "string" ? Uint8Array.from(o.bytes, (c) => c.charCodeAt(0)) : null;
    return { bytes, path: typeof o.path === "string" ? o.path : null };
  }
  report(column, `expected an image ({bytes, path} or a path), got ${describe(v)}`);
  return null;
}

/**
 * Casts a raw row to the features: every feature becomes a key (missing ones null, reported as a
 * missing cell), keys that are not features are dropped.
 */
export function castRow(raw: Record<string, unknown>, features: Features, report: Report, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(features)) {
    if (!(name in raw)) {
      if (!prefix) report(name, "missing cell");
      out[name] = null;
      continue;
    }
    out[name] = castValue(raw[name], f, prefix + name, report);
  }
  return out;
}
