import { createHash } from "node:crypto";
import { deriveFacts } from "./card";
import type { RepoRef } from "./names";
import type { HubStore } from "./store";

/** A repo as the Hub's `/api/models` and `/api/datasets` describe it (all fields we know). */
export type RepoRecord = { _id: string; id: string } & Record<string, unknown>;

// Fields the Hub returns without `expand`, per endpoint. Info endpoints return everything.
const LIST_DEFAULTS = {
  model: ["likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name", "createdAt", "modelId"],
  dataset: ["author", "sha", "lastModified", "private", "gated", "disabled", "downloads", "likes", "tags", "description", "createdAt", "trendingScore", "key"],
} as const;

/** Stable 24-hex id (the Hub's Mongo `_id`), derived from type and name so no storage is needed. */
export function repoObjectId(repo: RepoRef): string {
  return createHash("sha1").update(`${repo.type}:${repo.name}`).digest("hex").slice(0, 24);
}

/**
 * Builds the full record of a repo at commit `sha` (null for a repo whose main branch has no
 * commit). `blobs` adds size and blobId to siblings (huggingface_hub's `files_metadata=True`).
 */
export async function repoRecord(store: HubStore, repo: RepoRef, sha: string | null, opts: { blobs?: boolean } = {}): Promise<RepoRecord> {
  const meta = await store.getMeta(repo);
  const snap = sha ? await store.snapshot(repo, sha) : { files: [], description: "", cardData: undefined, config: undefined };
  const commit = sha ? await store.commitInfo(repo, sha) : undefined;
  const paths = snap.files.map((f) => f.path);
  const facts = deriveFacts(repo.type, snap.cardData, snap.config, paths);
  const lastModified = commit?.date ?? (meta.createdAt || new Date(0).toISOString());

  const common: RepoRecord = {
    _id: repoObjectId(repo),
    id: repo.name,
    author: repo.name.split("/")[0],
    sha: sha ?? undefined,
    lastModified,
    createdAt: meta.createdAt || lastModified,
    private: meta.private,
    gated: meta.gated,
    disabled: false,
    downloads: meta.downloads,
    downloadsAllTime: meta.downloads,
    likes: meta.likes,
    trendingScore: 0,
    tags: facts.tags,
    cardData: snap.cardData,
    siblings: snap.files.map((f) => (opts.blobs ? { rfilename: f.path, size: f.size, blobId: f.oid } : { rfilename: f.path })),
    usedStorage: snap.files.reduce((sum, f) => sum + f.size, 0),
  };
  if (repo.type === "dataset") {
    return { ...common, description: snap.description, citation: snap.cardData?.citation, paperswithcode_id: null, key: "" };
  }
  return {
    ...common,
    modelId: repo.name,
    pipeline_tag: facts.pipeline_tag,
    library_name: facts.library_name,
    config: snap.config,
    "model-index": snap.cardData?.["model-index"],
    spaces: [],
    inferenceProviderMapping: {},
  };
}

/**
 * Keeps `_id`, `id` and the requested fields (`expand`), or the endpoint's default fields.
 * Unknown expand keys are ignored instead of rejected, so newer clients keep working.
 */
export function pickFields(record: RepoRecord, type: RepoRef["type"], expand: string[], kind: "list" | "info"): RepoRecord {
  if (expand.length === 0 && kind === "info") return record;
  const fields: readonly string[] = expand.length > 0 ? expand : LIST_DEFAULTS[type];
  const out: RepoRecord = { _id: record._id, id: record.id };
  for (const f of fields) if (f in record) out[f] = record[f];
  return out;
}
