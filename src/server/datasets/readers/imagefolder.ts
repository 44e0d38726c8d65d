import type { ByteSource } from "../byte-source";
import { readAll } from "../byte-source";
import type { Features } from "../features";
import { castRow } from "./cast";
import { BATCH_ROWS, type FormatReader, type ReadRowsOptions, type Row } from "./types";

interface ImageFile {
  path: string;
  /** Opened only when the image column is read. */
  open: () => ByteSource | Promise<ByteSource>;
}

/**
 * An imagefolder split: one row per image file, `{image: {bytes, path}, label}` where `label` is the
 * index of the image's folder name among the sorted class names (when there are classes). Counting
 * needs no I/O; image bytes are fetched only when the `image` column is read.
 */
export function openImagefolderSplit(files: ImageFile[], labels: string[] | null, cardFeatures: Features | null): FormatReader {
  const inferred: Features = { image: { kind: "image" } };
  if (labels) inferred.label = { kind: "class_label", names: labels };
  const declared = cardFeatures && Object.keys(cardFeatures).length > 0 ? cardFeatures : null;
  const features = declared ?? inferred;
  const columns = Object.keys(inferred);

  async function* rows(ropts: ReadRowsOptions): AsyncGenerator<Row[]> {
    const wanted = ropts.columns ?? columns;
    const subset: Features = Object.fromEntries(wanted.filter((c) => c in features).map((c) => [c, features[c]]));
    const start = ropts.offset ?? 0;
    const end = Math.min(files.length, start + (ropts.limit ?? Infinity));
    let batch: Row[] = [];
    for (let i = start; i < end; i++) {
      const file = files[i];
      const raw: Row = {};
      if ("image" in subset) raw.image = { bytes: await readAll(await file.open()), path: file.path };
      if ("label" in subset && labels) {
        const parts = file.path.split("/");
        raw.label = labels.indexOf(parts[parts.length - 2]);
      }
      batch.push(castRow(raw, subset, (column, reason) => ropts.onInvalid?.({ row: i, column, reason })));
      // Images are big: smaller batches keep memory bounded.
      if (batch.length >= Math.min(BATCH_ROWS, 64)) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  return { numRows: files.length, columns, features, featuresSource: declared ? "card" : "inferred", rows };
}
