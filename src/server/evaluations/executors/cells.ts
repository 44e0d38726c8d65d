import type { Feature } from "@/server/datasets/features";

/** A cell's value, or why it cannot be used. */
export type Cell<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = <T>(reason: string): Cell<T> => ({ ok: false, reason });
const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);

export function textCell(cell: unknown, what = "text"): Cell<string> {
  if (cell == null) return bad(`missing ${what}`);
  if (typeof cell !== "string") return bad(`${what} is ${Array.isArray(cell) ? "a list" : typeof cell}, not a string`);
  return ok(cell);
}

export function stringListCell(cell: unknown, what: string, { allowEmpty = false } = {}): Cell<string[]> {
  if (cell == null) return bad(`missing ${what}`);
  if (!Array.isArray(cell)) return bad(`${what} is ${typeof cell}, not a list of strings`);
  if (!allowEmpty && cell.length === 0) return bad(`${what} is empty`);
  const i = cell.findIndex((x) => typeof x !== "string");
  if (i >= 0) return bad(`${what}[${i}] is ${cell[i] === null ? "null" : typeof cell[i]}, not a string`);
  return ok(cell as string[]);
}

export function intListCell(cell: unknown, what: string): Cell<number[]> {
  if (cell == null) return bad(`missing ${what}`);
  if (!Array.isArray(cell)) return bad(`${what} is ${typeof cell}, not a list of integers`);
  const values = cell.map(num);
  const i = values.findIndex((x) => typeof x !== "number" || !Number.isInteger(x));
  if (i >= 0) return bad(`${what}[${i}] is ${JSON.stringify(values[i])}, not an integer`);
  return ok(values as number[]);
}

/**
 * Turns label cells into dataset label ids: ClassLabel/int columns hold ids, string columns hold
 * names (matched case-insensitively against `names`).
 */
export function labelReader(feature: Feature | null, names: string[]): (cell: unknown) => Cell<number> {
  if (feature && (feature.kind === "class_label" || (feature.kind === "value" && /int/.test(feature.dtype)))) {
    return (cell) => {
      const v = num(cell);
      if (v == null) return bad("missing label");
      if (typeof v !== "number" || !Number.isInteger(v)) return bad(`label ${JSON.stringify(v)} is not an integer class id`);
      if (v === -1) return bad("label is -1 (no label, as in unlabeled test splits)");
      if (v < 0 || v >= names.length) return bad(`label ${v} is outside 0..${names.length - 1}`);
      return ok(v);
    };
  }
  const lower = names.map((n) => n.toLowerCase());
  return (cell) => {
    if (cell == null) return bad("missing label");
    const i = lower.indexOf(String(cell).toLowerCase());
    return i >= 0 ? ok(i) : bad(`label "${String(cell)}" is not one of the labels (${names.join(", ")})`);
  };
}

/** Tag sequences as tag names: ids through the ClassLabel names, strings as they are. */
export function tagsReader(names: string[]): (cell: unknown) => Cell<string[]> {
  return (cell) => {
    if (cell == null) return bad("missing tags");
    if (!Array.isArray(cell)) return bad(`tags are ${typeof cell}, not a list`);
    const out: string[] = [];
    for (let i = 0; i < cell.length; i++) {
      const v = num(cell[i]);
      if (typeof v === "string") out.push(v);
      else if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < names.length) out.push(names[v]);
      else return bad(`tag ${i} is ${JSON.stringify(v)}, not a tag name nor a class id in 0..${names.length - 1}`);
    }
    return ok(out);
  };
}

/** Image cells: raw bytes, or the HF Image struct `{bytes, path}`. */
export function imageCell(cell: unknown): Cell<Uint8Array> {
  if (cell == null) return bad("missing image");
  if (cell instanceof Uint8Array) return cell.length ? ok(cell) : bad("image is empty (0 bytes)");
  if (typeof cell === "object" && "bytes" in (cell as object)) return imageCell((cell as { bytes: unknown }).bytes);
  return bad(`image is ${typeof cell}, not image bytes`);
}
