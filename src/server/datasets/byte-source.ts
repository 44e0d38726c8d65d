import { AppError } from "@/server/errors";
import { authHeaders, resolveUrl, type HubConfig } from "@/server/hub/hub-config";

/**
 * Random access to the bytes of one file, wherever it lives (a Hub URL with range requests, the
 * local hub's git store, memory). Same shape as hyparquet's `AsyncBuffer`, so parquet reads use it
 * directly; `stream` is an optional fast path for sequential reads (CSV, JSON Lines).
 */
export interface ByteSource {
  byteLength: number;
  /** Bytes [start, end) (end defaults to byteLength). */
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  /** Sequential chunks from `start` to the end, with backpressure. */
  stream?(start?: number): AsyncIterable<Uint8Array>;
}

/** Opens one file of a split; `size` comes from the repo listing. */
export type FileOpener = (file: { path: string; size: number }) => ByteSource | Promise<ByteSource>;

/** Size of the chunks read from a source without `stream` (one range request each over HTTP). */
export const CHUNK_SIZE = 1 << 20;

/** Reads a source front to back in chunks; memory holds one chunk at a time. */
export async function* readChunks(source: ByteSource, chunkSize = CHUNK_SIZE): AsyncGenerator<Uint8Array> {
  if (source.stream) {
    yield* source.stream(0);
    return;
  }
  for (let start = 0; start < source.byteLength; start += chunkSize) {
    yield new Uint8Array(await source.slice(start, Math.min(start + chunkSize, source.byteLength)));
  }
}

/** Reads a whole (small) source, e.g. one image of an imagefolder. */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(0, source.byteLength));
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    byteLength: bytes.byteLength,
    async slice(start, end) {
      return bytes.slice(start, end ?? bytes.byteLength).buffer as ArrayBuffer;
    },
  };
}

export interface HttpByteSourceOptions {
  url: string;
  byteLength: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Names the file in error messages, e.g. `data/train.csv of dataset org/ds`. */
  label?: string;
}

/**
 * A file behind an HTTP URL: `slice` sends `Range: bytes=a-b` (what hyparquet's asyncBufferFromUrl
 * does), `stream` one plain GET whose body is read as it arrives.
 */
export function httpByteSource(opts: HttpByteSourceOptions): ByteSource {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const label = opts.label ?? opts.url;
  const request = async (range?: string): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(opts.url, { headers: { ...opts.headers, ...(range ? { Range: range } : {}) } });
    } catch (err) {
      throw new AppError("UNAVAILABLE", `Cannot download ${label}: ${(err as Error).message}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      if (res.status === 404) throw new AppError("NOT_FOUND", `Cannot download ${label}: the file does not exist (404).`);
      if (res.status === 401 || res.status === 403) throw new AppError("NOT_FOUND", `Cannot download ${label}: access denied (${res.status}).`);
      throw new AppError("UPSTREAM", `Cannot download ${label}: the server answered ${res.status}.`);
    }
    return res;
  };
  return {
    byteLength: opts.byteLength,
    async slice(start, end) {
      const last = (end ?? opts.byteLength) - 1;
      if (last < start) return new ArrayBuffer(0);
      const res = await request(`bytes=${start}-${last}`);
      const buf = await res.arrayBuffer();
      // A server that ignores Range answers 200 with the whole file.
      return res.status === 200 ? buf.slice(start, last + 1) : buf;
    },
    async *stream(start = 0) {
      if (start >= opts.byteLength) return;
      const res = await request(start > 0 ? `bytes=${start}-` : undefined);
      if (!res.body) return;
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
        await res.body.cancel().catch(() => {});
      }
    },
  };
}

/** Opens files of a dataset repo at a commit through `{hub}/datasets/{id}/resolve/{sha}/{path}`. */
export function hubFileOpener(hub: HubConfig, dataset: string, revision: string): FileOpener {
  return (file) =>
    httpByteSource({
      url: resolveUrl(hub, "dataset", dataset, revision, file.path),
      byteLength: file.size,
      headers: authHeaders(hub),
      fetch: hub.fetch,
      label: `${file.path} of dataset ${dataset}`,
    });
}
