import { asyncBufferFromUrl, cachedAsyncBuffer, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { AppError } from "@/server/errors";
import { authHeaders, resolveUrl, type HubConfig } from "@/server/hub/hub-config";
import type { SplitLayout } from "./resolve-split";

export interface ReadSplitOptions {
  hub: HubConfig;
  dataset: string;
  /** Commit sha the reads are pinned to. */
  revision: string;
  layout: SplitLayout;
  /** Only these columns are fetched (parquet is columnar: the others are never downloaded). */
  columns?: string[];
  /** Stop after this many rows. */
  limit?: number;
}

/** Opens the split's files and reads their footers: row counts and schemas, without data pages. */
export async function openSplit(opts: ReadSplitOptions) {
  const files = [];
  for (const f of opts.layout.files) {
    const url = resolveUrl(opts.hub, "dataset", opts.dataset, opts.revision, f.path);
    const requestInit = { headers: authHeaders(opts.hub) };
    const buffer = cachedAsyncBuffer(
      await asyncBufferFromUrl({ url, byteLength: f.size, requestInit, fetch: opts.hub.fetch }),
    );
    let metadata;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (err) {
      throw new AppError("UNPROCESSABLE", `Cannot read ${f.path} of dataset ${opts.dataset} as parquet: ${(err as Error).message}`, { field: "split" });
    }
    files.push({ path: f.path, buffer, metadata, numRows: Number(metadata.num_rows) });
  }
  const columns = new Set(files[0]?.metadata.schema.slice(1).map((s) => s.name) ?? []);
  const numRows = files.reduce((n, f) => n + f.numRows, 0);
  return { files, columns, numRows };
}

/**
 * Streams the rows of a split one row group at a time, so memory holds one row group, not the split.
 */
export async function* readSplitRows(
  opts: ReadSplitOptions,
  opened?: Awaited<ReturnType<typeof openSplit>>,
): AsyncGenerator<Record<string, unknown>[]> {
  const split = opened ?? (await openSplit(opts));
  let remaining = opts.limit ?? Infinity;
  for (const file of split.files) {
    let rowStart = 0;
    for (const group of file.metadata.row_groups) {
      if (remaining <= 0) return;
      const groupRows = Number(group.num_rows);
      const rowEnd = rowStart + Math.min(groupRows, remaining);
      const rows = (await parquetReadObjects({
        file: file.buffer,
        metadata: file.metadata,
        columns: opts.columns,
        rowStart,
        rowEnd,
      })) as Record<string, unknown>[];
      remaining -= rows.length;
      rowStart += groupRows;
      yield rows;
    }
  }
}
