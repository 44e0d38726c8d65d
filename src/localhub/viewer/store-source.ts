import type { Readable } from "node:stream";
import type { ByteSource, FileOpener } from "@/server/datasets/byte-source";
import type { DatasetRepoSnapshot } from "@/server/datasets/resolve-split";
import type { RepoRef } from "../names";
import type { RepoFile } from "../repo-types";
import type { HubStore } from "../store";

async function collect(stream: Readable): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A blob of the local hub's git store as a ByteSource: ranges and sequential streams are piped
 * from `git cat-file`, so nothing is buffered beyond the requested range.
 */
export function storeByteSource(store: HubStore, repo: RepoRef, file: { oid: string; size: number }): ByteSource {
  return {
    byteLength: file.size,
    async slice(start, end) {
      const last = Math.min(end ?? file.size, file.size) - 1;
      if (last < start) return new ArrayBuffer(0);
      const bytes = await collect(store.streamFile(repo, file.oid, start, last));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    async *stream(start = 0) {
      if (start >= file.size) return;
      for await (const chunk of store.streamFile(repo, file.oid, start, file.size - 1)) yield new Uint8Array(chunk as Buffer);
    },
  };
}

/** A dataset at a commit as the readers of src/server/datasets see it, plus an opener for its files. */
export interface StoreDataset {
  snapshot: DatasetRepoSnapshot;
  files: RepoFile[];
  open: FileOpener;
}

export async function storeDataset(store: HubStore, repo: RepoRef, sha: string): Promise<StoreDataset> {
  const snap = await store.snapshot(repo, sha);
  const byPath = new Map(snap.files.map((f) => [f.path, f]));
  const open: FileOpener = (f) => {
    const entry = byPath.get(f.path);
    if (!entry) throw new Error(`No file ${f.path} at ${sha}`);
    return storeByteSource(store, repo, entry);
  };
  return {
    snapshot: { name: repo.name, sha, cardData: snap.cardData ?? {}, files: snap.files.map((f) => ({ path: f.path, size: f.size })) },
    files: snap.files,
    open,
  };
}
