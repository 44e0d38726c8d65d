import { AppError } from "@/server/errors";
import { readChunks, type ByteSource } from "../byte-source";
import { extensionOf } from "../data-files";
import type { Features } from "../features";
import { castRow } from "./cast";
import { JsonTypeSketch } from "./infer";
import { JsonRowSplitter, type JsonRowMode } from "./json-splitter";
import { BATCH_ROWS, type FormatReader, type ReadRowsOptions, type Row } from "./types";

interface JsonFile {
  path: string;
  source: ByteSource;
  label: string;
}

type Parsed = { row: Row } | { error: string };

/**
 * The rows of one JSON file as parsed objects (or the reason a row is unreadable), streamed: JSON
 * Lines (compact or pretty-printed), a top-level list of records (a list of strings gives `text`
 * rows, as in `datasets`), or with `field` the list under that key of a single object.
 */
async function* jsonRows(file: JsonFile, field: string | undefined): AsyncGenerator<Parsed> {
  const mode: JsonRowMode = field ? { kind: "field", field } : { kind: "top" };
  const splitter = new JsonRowSplitter(mode);
  let values = 0;
  let firstObject: Row | null = null;
  const parse = (text: string, offset: number): Parsed => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      return { error: `malformed JSON at byte ${offset} of ${file.path}: ${(err as Error).message}` };
    }
    if (typeof v === "string" && !field) return { row: { text: v } };
    if (!v || typeof v !== "object" || Array.isArray(v)) return { error: `the JSON value at byte ${offset} of ${file.path} is not an object` };
    return { row: v as Row };
  };
  // A `.json` file holding one object: we must see whether a second value follows before yielding it.
  let held: Parsed | null = null;
  const emit = function* (p: Parsed): Generator<Parsed> {
    values++;
    if (!field && values === 1 && splitter.rowsAreTopLevel && extensionOf(file.path) === "json" && "row" in p) {
      held = p;
      firstObject = p.row;
      return;
    }
    if (held) {
      yield held;
      held = null;
    }
    yield p;
  };
  for await (const chunk of readChunks(file.source)) {
    for (const r of splitter.push(chunk)) yield* emit(parse(r.text, r.offset));
  }
  const end = splitter.end();
  for (const r of end.rows) yield* emit(parse(r.text, r.offset));
  if (end.error) throw new AppError("UNPROCESSABLE", `Cannot read ${file.label} as JSON: ${end.error}.`, { field: "split" });
  if (field && !splitter.foundField) {
    throw new AppError(
      "UNPROCESSABLE",
      `Cannot read ${file.label}: the card says field "${field}", but the file has no list under that key (top-level keys: ${splitter.topKeys.join(", ") || "none"}).`,
      { field: "split" },
    );
  }
  if (held && values === 1 && firstObject) refuseSingleObject(file, firstObject);
  if (held) yield held;
}

/**
 * `datasets` reads a single JSON object holding a list of records only with `field=`; without it the
 * result would be one row of nested junk. We say so instead, and name the field to use.
 */
function refuseSingleObject(file: JsonFile, obj: Row): void {
  const lists = Object.entries(obj).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === "object" && !Array.isArray(x)));
  if (lists.length === 0) return;
  const keys = Object.keys(obj);
  throw new AppError(
    "UNPROCESSABLE",
    `Cannot read ${file.label}: it is one JSON object (keys: ${keys.join(", ")}) whose "${lists[0][0]}" is a list of records. ` +
      `The datasets library reads such a file only with field="${lists[0][0]}": add \`field: ${lists[0][0]}\` to this config in the card's \`configs\`, or convert the file to JSON Lines.`,
    { field: "split" },
  );
}

/**
 * A JSON / JSON Lines split. Opening streams every file once to count rows and (without declared
 * features) infer them from every row; rows are then streamed again in batches. Memory holds one
 * row (plus one batch), whatever the file size.
 */
export async function openJsonSplit(files: JsonFile[], cardFeatures: Features | null, opts: { field?: string } = {}): Promise<FormatReader> {
  const declared = cardFeatures && Object.keys(cardFeatures).length > 0 ? cardFeatures : null;
  const sketch = declared ? null : new JsonTypeSketch();
  let numRows = 0;
  for (const file of files) {
    for await (const p of jsonRows(file, opts.field)) {
      numRows++;
      if (sketch && "row" in p) sketch.add(p.row);
    }
  }
  const features: Features = declared ?? sketch!.features();
  const columns = Object.keys(features);

  async function* rows(ropts: ReadRowsOptions): AsyncGenerator<Row[]> {
    const wanted = ropts.columns ?? columns;
    const subset: Features = Object.fromEntries(wanted.filter((c) => c in features).map((c) => [c, features[c]]));
    let skip = ropts.offset ?? 0;
    let remaining = ropts.limit ?? Infinity;
    let rowIndex = 0;
    let batch: Row[] = [];
    for (const file of files) {
      for await (const p of jsonRows(file, opts.field)) {
        const row = rowIndex++;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (remaining <= 0) break;
        const report = (column: string, reason: string) => ropts.onInvalid?.({ row, column, reason });
        if ("error" in p) {
          report("(row)", p.error);
          batch.push(Object.fromEntries(Object.keys(subset).map((c) => [c, null])));
        } else {
          batch.push(castRow(p.row, subset, report));
        }
        remaining--;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (remaining <= 0) break;
    }
    if (batch.length > 0) yield batch;
  }

  return { numRows, columns, features, featuresSource: declared ? "card" : "inferred", rows };
}
