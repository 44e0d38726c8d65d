import { AppError } from "@/server/errors";
import { readChunks, type ByteSource } from "../byte-source";
import { extensionOf } from "../data-files";
import type { Features } from "../features";
import { castRow } from "./cast";
import { parseCsvStream } from "./csv-parser";
import { CsvTypeSketch } from "./infer";
import { BATCH_ROWS, type FormatReader, type ReadRowsOptions, type Row } from "./types";

interface CsvFile {
  path: string;
  source: ByteSource;
  label: string;
}

const sepOf = (path: string, sep?: string) => sep ?? (extensionOf(path) === "tsv" ? "\t" : ",");

/** Records of one file with its header split off; parse errors name the file. */
async function* records(file: CsvFile, sep: string): AsyncGenerator<{ fields: string[]; line: number }> {
  try {
    yield* parseCsvStream(readChunks(file.source), sep);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("UNPROCESSABLE", `Cannot read ${file.label} as CSV: ${(err as Error).message}.`, { field: "split" });
  }
}

/**
 * A CSV/TSV split. Opening streams every file once: it reads the header, counts rows and (without
 * declared features) types each column from all its cells. Rows are then streamed again in
 * batches, cast to the features; a row with too few or too many fields is reported, not dropped.
 */
export async function openCsvSplit(files: CsvFile[], cardFeatures: Features | null, opts: { sep?: string } = {}): Promise<FormatReader> {
  let header: string[] | null = null;
  let numRows = 0;
  let sketch: CsvTypeSketch | null = null;
  for (const file of files) {
    let fileHeader: string[] | null = null;
    for await (const rec of records(file, sepOf(file.path, opts.sep))) {
      if (!fileHeader) {
        fileHeader = rec.fields;
        if (!header) {
          header = fileHeader;
          checkHeader(file, header, cardFeatures);
          if (!cardFeatures) sketch = new CsvTypeSketch(header);
        }
        continue;
      }
      numRows++;
      if (sketch) sketch.add(alignFields(rec.fields, fileHeader, header!));
    }
    if (!fileHeader) throw new AppError("UNPROCESSABLE", `${cap(file.label)} is empty: it has no header line.`, { field: "split" });
  }
  const columns = header ?? [];
  const features: Features = cardFeatures && Object.keys(cardFeatures).length > 0 ? cardFeatures : (sketch?.features() ?? {});

  async function* rows(ropts: ReadRowsOptions): AsyncGenerator<Row[]> {
    const wanted = ropts.columns ?? Object.keys(features);
    const subset: Features = Object.fromEntries(wanted.filter((c) => c in features).map((c) => [c, features[c]]));
    let skip = ropts.offset ?? 0;
    let remaining = ropts.limit ?? Infinity;
    let rowIndex = 0;
    let batch: Row[] = [];
    for (const file of files) {
      let fileHeader: string[] | null = null;
      for await (const rec of records(file, sepOf(file.path, opts.sep))) {
        if (!fileHeader) {
          fileHeader = rec.fields;
          continue;
        }
        const row = rowIndex++;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (remaining <= 0) break;
        const report = (column: string, reason: string) => ropts.onInvalid?.({ row, column, reason });
        if (rec.fields.length !== fileHeader.length) {
          report("(row)", `line ${rec.line} of ${file.path} has ${rec.fields.length} fields, the header has ${fileHeader.length}`);
        }
        const raw: Row = {};
        fileHeader.forEach((name, i) => {
          if (i < rec.fields.length) raw[name] = rec.fields[i] === "" ? null : rec.fields[i];
        });
        batch.push(castRow(raw, subset, report));
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

  return { numRows, columns, features, featuresSource: cardFeatures && Object.keys(cardFeatures).length > 0 ? "card" : "inferred", rows };
}

function checkHeader(file: CsvFile, header: string[], cardFeatures: Features | null): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new AppError("UNPROCESSABLE", `${cap(file.label)} has the column "${name}" twice in its header.`, { field: "split" });
    seen.add(name);
  }
  if (!cardFeatures) return;
  const missing = Object.keys(cardFeatures).filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `${cap(file.label)} has no column ${missing.map((c) => `"${c}"`).join(", ")} declared in the card's features (its header: ${header.join(", ")}).`,
      { field: "split" },
    );
  }
}

/** Cells of a record in the first file's column order (later files may order columns differently). */
function alignFields(fields: string[], fileHeader: string[], header: string[]): (string | null)[] {
  if (fileHeader === header) return fields;
  return header.map((name) => {
    const i = fileHeader.indexOf(name);
    return i >= 0 && i < fields.length ? fields[i] : null;
  });
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
