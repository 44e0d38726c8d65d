import { cachedAsyncBuffer, parquetMetadataAsync } from "hyparquet";
import { AppError } from "@/server/errors";
import { fromTypedFeatures, type Features } from "@/server/datasets/features";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { listConfigs, listSplits, resolveSplit } from "@/server/datasets/resolve-split";
import { HubError } from "../errors";
import type { RepoRef } from "../names";
import type { HubStore } from "../store";
import { storeByteSource, storeDataset } from "./store-source";
import { writeParquet } from "./write-parquet";

/**
 * The local hub's parquet export, like the dataset viewer's: every split of every config is
 * written to the branch `refs/convert/parquet` as `{config}/{split}/0000.parquet`, with the features
 * in the files' `huggingface` metadata. It is made lazily, on the first viewer request after main
 * moves, and the branch's head commit records which main commit it was made from (and which
 * configs failed, with why), so a restarted hub does not redo it.
 */
export const CONVERT_REF = "refs/convert/parquet";

export interface ExportedSplit {
  config: string;
  split: string;
  /** Path on the convert branch. */
  path: string;
  oid: string;
  /** Parquet file size. */
  size: number;
  numRows: number;
  /** Uncompressed size of the data (sum of row groups' total_byte_size), standing in for Arrow memory size. */
  numBytesMemory: number;
  features: Features;
}

export interface ParquetExport {
  /** Main commit the export was made from. */
  sourceSha: string;
  /** Head of refs/convert/parquet. */
  convertSha: string;
  /** Configs in card order (default first), each with its splits in order. */
  configs: { name: string; splits: string[] }[];
  splits: ExportedSplit[];
  /** config -> why it could not be converted. */
  failed: Record<string, string>;
  /** config -> total size of its original data files. */
  originalBytes: Record<string, number>;
  /** config -> the `datasets` builder its files need (`parquet`, `csv`, `json`, `imagefolder`). */
  builders: Record<string, string>;
}

const SOURCE_RE = /^Converted from main@([0-9a-f]{40})$/m;
const FAILED_RE = /^Failed configs: (.*)$/m;

const inflight = new Map<string, Promise<ParquetExport>>();
const loaded = new Map<string, Promise<ParquetExport>>();

/** The export for main's current commit, converting first when the branch is missing or stale. */
export async function ensureParquetExport(store: HubStore, repo: RepoRef): Promise<ParquetExport> {
  const mainSha = await store.resolveRef(repo, "refs/heads/main");
  if (!mainSha) throw new AppError("NOT_FOUND", `Dataset ${repo.name} has no commit on main.`, { field: "dataset" });
  const key = `${store.gitDir(repo)}@${mainSha}`;
  let pending = inflight.get(key);
  if (!pending) {
    pending = (async () => {
      const current = await store.resolveRef(repo, CONVERT_REF);
      if (current) {
        const info = await store.commitInfo(repo, current);
        if (SOURCE_RE.exec(info.message)?.[1] === mainSha) return loadExport(store, repo, mainSha, current, parseFailed(info.message));
      }
      return convert(store, repo, mainSha);
    })();
    inflight.set(key, pending);
    pending.catch(() => inflight.delete(key));
    // Only the latest main commit matters; older entries are dropped once this one settles.
    void pending.then(() => {
      for (const k of inflight.keys()) if (k.startsWith(`${store.gitDir(repo)}@`) && k !== key) inflight.delete(k);
    }, () => {});
  }
  return pending;
}

function parseFailed(message: string): Record<string, string> {
  try {
    return JSON.parse(FAILED_RE.exec(message)?.[1] ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

async function convert(store: HubStore, repo: RepoRef, mainSha: string): Promise<ParquetExport> {
  const ds = await storeDataset(store, repo, mainSha);
  const files: { path: string; content: Uint8Array }[] = [];
  const failed: Record<string, string> = {};
  for (const config of listConfigs(ds.snapshot)) {
    const written: typeof files = [];
    try {
      for (const split of listSplits(ds.snapshot, config)) {
        const layout = resolveSplit(ds.snapshot, config, split);
        const opened = await openSplit({ dataset: repo.name, revision: mainSha, layout, open: ds.open });
        const hasImage = Object.values(opened.features).some((f) => f.kind === "image");
        const { bytes } = await writeParquet({
          features: Object.fromEntries(opened.topColumns.map((c) => [c, opened.features[c]])),
          rows: readSplitRows({ dataset: repo.name, revision: mainSha, layout, open: ds.open }, opened),
          rowGroupSize: hasImage ? 100 : 1000,
        });
        written.push({ path: `${config}/${split}/0000.parquet`, content: bytes });
      }
      files.push(...written);
    } catch (err) {
      failed[config] = err instanceof Error ? err.message : String(err);
    }
  }
  const message = "Update parquet files";
  const description = `Converted from main@${mainSha}\nFailed configs: ${JSON.stringify(failed)}`;
  if (!(await store.resolveRef(repo, CONVERT_REF))) {
    try {
      await store.createBranch(repo, CONVERT_REF, { empty: true, author: "parquet-converter" });
    } catch (err) {
      // Another conversion created it first.
      if (!(err instanceof HubError && err.code === "Conflict")) throw err;
    }
  }
  const head = (await store.resolveRef(repo, CONVERT_REF))!;
  const existing = (await store.snapshot(repo, head)).files.map((f) => f.path);
  const old = existing.filter((p) => p !== ".gitattributes");
  // As on the Hub, the branch carries a .gitattributes marking parquet files as LFS.
  if (!existing.includes(".gitattributes")) files.push({ path: ".gitattributes", content: new TextEncoder().encode("*.parquet filter=lfs diff=lfs merge=lfs -text\n") });
  const { oid: convertSha } = await store.commit({ repo, branch: CONVERT_REF, message, description, files, deletes: old, author: "parquet-converter" });
  return loadExport(store, repo, mainSha, convertSha, failed);
}

/** Reads the export's parquet footers (cached by convert commit: a commit never changes). */
function loadExport(store: HubStore, repo: RepoRef, mainSha: string, convertSha: string, failed: Record<string, string>): Promise<ParquetExport> {
  const key = `${store.gitDir(repo)}@${convertSha}`;
  let hit = loaded.get(key);
  if (!hit) {
    hit = (async () => {
      const ds = await storeDataset(store, repo, mainSha);
      const convertFiles = (await store.snapshot(repo, convertSha)).files;
      const configs = listConfigs(ds.snapshot).map((name) => {
        let splits: string[] = [];
        try {
          splits = listSplits(ds.snapshot, name);
        } catch {
          // A config whose listing fails is in `failed`.
        }
        return { name, splits };
      });
      const splits: ExportedSplit[] = [];
      for (const c of configs) {
        for (const split of c.splits) {
          const file = convertFiles.find((f) => f.path === `${c.name}/${split}/0000.parquet`);
          if (!file) continue;
          const metadata = await parquetMetadataAsync(cachedAsyncBuffer(storeByteSource(store, repo, file)));
          const kv = metadata.key_value_metadata?.find((e) => e.key === "huggingface")?.value;
          const features = kv ? fromTypedFeatures((JSON.parse(kv) as { info?: { features?: unknown } }).info?.features) : {};
          splits.push({
            config: c.name,
            split,
            path: file.path,
            oid: file.oid,
            size: file.size,
            numRows: Number(metadata.num_rows),
            numBytesMemory: metadata.row_groups.reduce((n, g) => n + Number(g.total_byte_size), 0),
            features,
          });
        }
      }
      const originalBytes: Record<string, number> = {};
      const builders: Record<string, string> = {};
      for (const c of configs) {
        const paths = new Set<string>();
        for (const split of c.splits) {
          try {
            const layout = resolveSplit(ds.snapshot, c.name, split);
            builders[c.name] ??= layout.format;
            for (const f of layout.files) paths.add(f.path);
          } catch {
            // Unresolvable splits add nothing.
          }
        }
        originalBytes[c.name] = ds.snapshot.files.filter((f) => paths.has(f.path)).reduce((n, f) => n + f.size, 0);
      }
      return { sourceSha: mainSha, convertSha, configs, splits, failed, originalBytes, builders };
    })();
    loaded.set(key, hit);
    hit.catch(() => loaded.delete(key));
    if (loaded.size > 500) loaded.delete(loaded.keys().next().value!);
  }
  return hit;
}
