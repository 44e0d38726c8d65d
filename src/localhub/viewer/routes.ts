import { AppError } from "@/server/errors";
import { checkCardYaml } from "@/server/datasets/card-yaml";
import { toTypedFeatures } from "@/server/datasets/features";
import { listConfigs, listSplits, resolveSplit } from "@/server/datasets/resolve-split";
import { isHubError } from "../errors";
import { readableRepo, sendJson, type HubContext, type Params, type Route } from "../http";
import { isValidNamePart, type RepoRef } from "../names";
import { ensureParquetExport, type ExportedSplit, type ParquetExport } from "./convert";
import { imageInfo } from "./image-info";
import {
  configSize,
  datasetInfo,
  featureItems,
  parquetUrl,
  readExportRows,
  ROWS_PER_PAGE,
  splitSize,
  toCells,
  truncatedRowItems,
  type AssetContext,
} from "./responses";
import { storeDataset } from "./store-source";

/**
 * The dataset viewer API (datasets-server) at the local hub's root: `/is-valid`, `/splits`,
 * `/info`, `/first-rows`, `/rows`, `/parquet`, `/size`, the image assets their rows point to, and
 * the Hub's `/api/datasets/{id}/parquet` listing. Everything is computed from the repo and its
 * parquet export on `refs/convert/parquet` (see convert.ts). Errors are `{error}` with the
 * viewer's `X-Error-Code` values.
 */
class ViewerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const missing = (name: string) => new ViewerError(422, "MissingRequiredParameter", `Parameter '${name}' is required`);
const notFound = (message: string) => new ViewerError(404, "ResponseNotFound", message);
const datasetError = (code: string, message: string, cause: string) =>
  new ViewerError(500, code, message, { cause_exception: code, cause_message: cause });

function param(ctx: HubContext, name: string): string | undefined {
  const v = ctx.url.searchParams.get(name);
  return v && v.trim() ? v : undefined;
}

function required(ctx: HubContext, name: string): string {
  const v = param(ctx, name);
  if (!v) throw missing(name);
  return v;
}

/** `offset`/`length` exactly as libapi validates them (integers; length 0..100). */
function intParam(ctx: HubContext, name: "offset" | "length", fallback: number): number {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new ViewerError(422, "InvalidParameter", `Parameter '${name}' must be integer`);
  const n = Number(raw);
  if (n < 0) throw new ViewerError(422, "InvalidParameter", `Parameter '${name}' must be positive`);
  if (name === "length" && n > ROWS_PER_PAGE) throw new ViewerError(422, "InvalidParameter", `Parameter 'length' must not be greater than ${ROWS_PER_PAGE}`);
  return n;
}

/**
 * The dataset if the caller may read it. Like the viewer behind the Hub's auth check: a missing or
 * private dataset is 401 ExternalUnauthenticatedError without a token, 404
 * ExternalAuthenticatedError with one.
 */
async function access(ctx: HubContext, dataset: string): Promise<RepoRef> {
  const parts = dataset.split("/");
  const repo: RepoRef = { type: "dataset", name: dataset };
  let exists = false;
  try {
    exists = parts.length === 2 && parts.every(isValidNamePart) && (await ctx.store.repoExists(repo));
  } catch {
    exists = false; // a reserved or malformed name is simply not a dataset
  }
  const visible = exists && (!(await ctx.store.getMeta(repo)).private || ctx.user !== null);
  if (visible) return repo;
  if (!ctx.user) {
    throw new ViewerError(401, "ExternalUnauthenticatedError", "The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication.");
  }
  throw new ViewerError(404, "ExternalAuthenticatedError", "The dataset does not exist, or is not accessible with the current credentials (private or gated). Please check the spelling of the dataset name or retry with other authentication credentials.");
}

async function exportOf(ctx: HubContext, repo: RepoRef): Promise<ParquetExport> {
  await assertCardReadable(ctx, repo);
  try {
    return await ensureParquetExport(ctx.store, repo);
  } catch (err) {
    if (err instanceof AppError) throw datasetError("ConfigNamesError", err.message, err.message);
    throw err;
  }
}

/** A card whose YAML does not parse fails every endpoint, naming the dataset (the real viewer fails too). */
async function assertCardReadable(ctx: HubContext, repo: RepoRef): Promise<void> {
  const sha = await ctx.store.resolveRef(repo, "refs/heads/main");
  if (!sha) throw datasetError("EmptyDatasetError", "The dataset is empty.", `Dataset ${repo.name} has no commit on main.`);
  const ds = await storeDataset(ctx.store, repo, sha);
  const readme = ds.files.find((f) => f.path === "README.md");
  if (!readme || Object.keys(ds.snapshot.cardData).length > 0) return;
  try {
    await checkCardYaml({ dataset: repo.name, readme, open: ds.open });
  } catch (err) {
    if (err instanceof AppError) throw datasetError("ConfigNamesError", err.message, err.message);
    throw err;
  }
}

function configOf(exp: ParquetExport, dataset: string, config: string): { name: string; splits: string[] } {
  const c = exp.configs.find((x) => x.name === config);
  if (!c) throw notFound(`Not found: dataset ${dataset} has no config "${config}" (available: ${exp.configs.map((x) => x.name).join(", ") || "none"}).`);
  const failure = exp.failed[config];
  if (failure) throw datasetError("DatasetGenerationError", `The dataset generation failed for config "${config}" of ${dataset}: ${failure}`, failure);
  return c;
}

function splitOf(exp: ParquetExport, dataset: string, config: string, split: string): ExportedSplit {
  const c = configOf(exp, dataset, config);
  const s = exp.splits.find((x) => x.config === config && x.split === split);
  if (!s) throw notFound(`Not found: config "${config}" of dataset ${dataset} has no split "${split}" (available: ${c.splits.join(", ") || "none"}).`);
  return s;
}

async function isValid(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = param(ctx, "config");
  const split = param(ctx, "split");
  const repo = await access(ctx, dataset);
  let ok = false;
  try {
    const exp = await exportOf(ctx, repo);
    ok = exp.splits.some((s) => (!config || s.config === config) && (!split || s.split === split));
  } catch (err) {
    if (!(err instanceof ViewerError)) throw err;
  }
  sendJson(ctx.res, 200, { viewer: ok, preview: ok, search: false, filter: false, statistics: false });
}

/** `/splits` is answered from the card and the file layout, without reading data. */
async function splits(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = param(ctx, "config");
  const repo = await access(ctx, dataset);
  await assertCardReadable(ctx, repo);
  const sha = (await ctx.store.resolveRef(repo, "refs/heads/main"))!;
  const { snapshot } = await storeDataset(ctx.store, repo, sha);
  let configs: string[];
  try {
    configs = listConfigs(snapshot);
  } catch (err) {
    if (err instanceof AppError) throw datasetError("ConfigNamesError", err.message, err.message);
    throw err;
  }
  if (config && !configs.includes(config)) throw notFound(`Not found: dataset ${dataset} has no config "${config}" (available: ${configs.join(", ")}).`);
  const items: { dataset: string; config: string; split: string }[] = [];
  const failed: { dataset: string; config: string; error: { error: string } }[] = [];
  for (const c of config ? [config] : configs) {
    try {
      const names = listSplits(snapshot, c);
      for (const s of names) resolveSplit(snapshot, c, s);
      items.push(...names.map((s) => ({ dataset, config: c, split: s })));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (config) throw datasetError("SplitNamesError", err.message, err.message);
      failed.push({ dataset, config: c, error: { error: err.message } });
    }
  }
  if (items.length === 0 && failed.length === 0) {
    throw datasetError("EmptyDatasetError", "The dataset is empty.", `The repository of dataset ${dataset} at ${sha} doesn't contain any data files`);
  }
  sendJson(ctx.res, 200, { splits: items, pending: [], failed });
}

async function info(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = param(ctx, "config");
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  const card = (await ctx.store.snapshot(repo, exp.sourceSha)).cardData ?? {};
  if (config) {
    configOf(exp, dataset, config);
    sendJson(ctx.res, 200, { dataset_info: datasetInfo(exp, dataset, config, card), partial: false });
    return;
  }
  const ok = exp.configs.filter((c) => !exp.failed[c.name]);
  sendJson(ctx.res, 200, {
    dataset_info: Object.fromEntries(ok.map((c) => [c.name, datasetInfo(exp, dataset, c.name, card)])),
    pending: [],
    failed: Object.keys(exp.failed).map((c) => ({ kind: "config-info", dataset, config: c, split: null })),
    partial: false,
  });
}

async function firstRows(ctx: HubContext): Promise<void> {
  const [dataset, config, split] = ["dataset", "config", "split"].map((n) => param(ctx, n));
  if (!dataset || !config || !split) throw new ViewerError(422, "MissingRequiredParameter", "Parameters 'dataset', 'config' and 'split' are required");
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  const s = splitOf(exp, dataset, config, split);
  const assets: AssetContext = { baseUrl: ctx.baseUrl, dataset, revision: exp.sourceSha, config, split, family: "assets" };
  const rows = (await readExportRows(ctx.store, repo, s, 0, ROWS_PER_PAGE)).map((r, i) => toCells(r, i, s.features, assets));
  const features = featureItems(s.features);
  const surrounding = Buffer.byteLength(JSON.stringify({ dataset, config, split, features, rows: [], truncated: false }));
  const imageColumns = Object.entries(s.features).filter(([, f]) => f.kind === "image").map(([n]) => n);
  const { items, truncated } = truncatedRowItems(rows, surrounding, imageColumns);
  sendJson(ctx.res, 200, { dataset, config, split, features, rows: items, truncated: s.numRows > rows.length || truncated });
}

async function rows(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = required(ctx, "config");
  const split = required(ctx, "split");
  const offset = intParam(ctx, "offset", 0);
  const length = intParam(ctx, "length", ROWS_PER_PAGE);
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  const s = splitOf(exp, dataset, config, split);
  const assets: AssetContext = { baseUrl: ctx.baseUrl, dataset, revision: exp.sourceSha, config, split, family: "cached-assets" };
  const read = offset < s.numRows && length > 0 ? await readExportRows(ctx.store, repo, s, offset, length) : [];
  sendJson(ctx.res, 200, {
    features: featureItems(s.features),
    rows: read.map((r, i) => ({ row_idx: offset + i, row: toCells(r, offset + i, s.features, assets), truncated_cells: [] })),
    num_rows_total: s.numRows,
    num_rows_per_page: ROWS_PER_PAGE,
    partial: false,
  });
}

const byConfigSplit = (a: ExportedSplit, b: ExportedSplit) => (a.config === b.config ? (a.split < b.split ? -1 : a.split > b.split ? 1 : 0) : a.config < b.config ? -1 : 1);

async function parquet(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = param(ctx, "config");
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  if (config) configOf(exp, dataset, config);
  const files = exp.splits
    .filter((s) => !config || s.config === config)
    .sort(byConfigSplit)
    .map((s) => ({ dataset, config: s.config, split: s.split, url: parquetUrl(ctx.baseUrl, dataset, s.path), filename: s.path.split("/").pop()!, size: s.size }));
  const body: Record<string, unknown> = {
    parquet_files: files,
    pending: [],
    failed: config ? [] : Object.keys(exp.failed).map((c) => ({ kind: "config-parquet", dataset, config: c, split: null })),
    partial: false,
  };
  if (config) body.features = toTypedFeatures(exp.splits.find((s) => s.config === config)?.features ?? {});
  sendJson(ctx.res, 200, body);
}

async function size(ctx: HubContext): Promise<void> {
  const dataset = required(ctx, "dataset");
  const config = param(ctx, "config");
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  if (config) {
    configOf(exp, dataset, config);
    sendJson(ctx.res, 200, {
      size: { config: configSize(exp, dataset, config), splits: exp.splits.filter((s) => s.config === config).map((s) => splitSize(s, dataset)) },
      partial: false,
    });
    return;
  }
  const configs = exp.configs.filter((c) => !exp.failed[c.name]).map((c) => configSize(exp, dataset, c.name));
  const sum = (k: "num_bytes_original_files" | "num_bytes_parquet_files" | "num_bytes_memory" | "num_rows") => configs.reduce((n, c) => n + c[k], 0);
  sendJson(ctx.res, 200, {
    size: {
      dataset: {
        dataset,
        num_bytes_original_files: sum("num_bytes_original_files"),
        num_bytes_parquet_files: sum("num_bytes_parquet_files"),
        num_bytes_memory: sum("num_bytes_memory"),
        num_rows: sum("num_rows"),
        estimated_num_rows: null,
      },
      configs,
      splits: exp.splits.filter((s) => !exp.failed[s.config]).map((s) => splitSize(s, dataset)),
    },
    pending: [],
    failed: Object.keys(exp.failed).map((c) => ({ kind: "config-size", dataset, config: c, split: null })),
    partial: false,
  });
}

/** `/{assets|cached-assets}/{owner}/{name}/--/{sha}/--/{config}/{split}/{row}/{column}/image.{ext}` */
async function asset(ctx: HubContext, _params: Params, rest: string[]): Promise<void> {
  const [owner, name, sep1, sha, sep2, config, split, row, column] = rest;
  if (rest.length !== 10 || sep1 !== "--" || sep2 !== "--" || !/^\d+$/.test(row)) throw notFound("Not found: malformed asset URL.");
  const dataset = `${owner}/${name}`;
  const repo = await access(ctx, dataset);
  const exp = await exportOf(ctx, repo);
  // Like the viewer's cache: an asset of another revision is gone; call /rows again.
  if (exp.sourceSha !== sha) throw notFound(`Not found: the assets of ${dataset} at ${sha} are no longer cached; call /rows again for fresh URLs.`);
  const s = splitOf(exp, dataset, config, split);
  if (s.features[column]?.kind !== "image") throw notFound(`Not found: column "${column}" of ${dataset} is not an Image column.`);
  const [cell] = await readExportRows(ctx.store, repo, s, Number(row), 1);
  const bytes = (cell?.[column] as { bytes?: unknown } | null | undefined)?.bytes;
  if (!(bytes instanceof Uint8Array)) throw notFound(`Not found: row ${row} of ${dataset} (config "${config}", split "${split}") has no image in "${column}".`);
  ctx.res.writeHead(200, { "Content-Type": imageInfo(bytes).contentType, "Content-Length": bytes.byteLength, "Cache-Control": "public, max-age=3600" });
  ctx.res.end(ctx.req.method === "HEAD" ? undefined : Buffer.from(bytes));
}

/**
 * `GET /api/datasets/{id}/parquet[/{config}[/{split}]]` (the Hub's listing: `{config: {split: [urls]}}`,
 * `{split: [urls]}` or `[urls]`) and `/{config}/{split}/{n}.parquet`, which redirects to the file.
 */
async function hubParquet(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, { ...params, kind: "datasets" });
  const dataset = repo.name;
  let exp: ParquetExport;
  try {
    exp = await ensureParquetExport(ctx.store, repo);
  } catch (err) {
    if (err instanceof AppError) throw new ViewerError(404, "ResponseNotFound", err.message);
    throw err;
  }
  const api = `${ctx.baseUrl}/api/datasets/${dataset}/parquet`;
  const urls = (s: ExportedSplit) => [`${api}/${encodeURIComponent(s.config)}/${encodeURIComponent(s.split)}/0.parquet`];
  const [config, split, file] = rest;
  const inConfig = (c: string) => {
    if (!exp.configs.some((x) => x.name === c) || exp.failed[c]) throw new ViewerError(404, "ResponseNotFound", `Dataset ${dataset} has no parquet export for config "${c}".`);
    return exp.splits.filter((s) => s.config === c);
  };
  if (rest.length === 0) {
    const out: Record<string, Record<string, string[]>> = {};
    for (const s of exp.splits) (out[s.config] ??= {})[s.split] = urls(s);
    sendJson(ctx.res, 200, out);
    return;
  }
  const splitsOfConfig = inConfig(config);
  if (rest.length === 1) {
    sendJson(ctx.res, 200, Object.fromEntries(splitsOfConfig.map((s) => [s.split, urls(s)])));
    return;
  }
  const s = splitsOfConfig.find((x) => x.split === split);
  if (!s) throw new ViewerError(404, "ResponseNotFound", `Config "${config}" of dataset ${dataset} has no split "${split}".`);
  if (rest.length === 2) {
    sendJson(ctx.res, 200, urls(s));
    return;
  }
  if (rest.length === 3 && /^0+\.parquet$/.test(file)) {
    ctx.res.writeHead(302, { Location: parquetUrl(ctx.baseUrl, dataset, s.path), "Content-Length": 0 });
    ctx.res.end();
    return;
  }
  throw new ViewerError(404, "ResponseNotFound", `No parquet file ${rest.join("/")} in the export of ${dataset}.`);
}

/** Maps errors to the viewer's `{error}` + `X-Error-Code`; Hub errors keep the Hub's format. */
function handle(fn: (ctx: HubContext, params: Params, rest: string[]) => Promise<void>) {
  return async (ctx: HubContext, params: Params, rest: string[]) => {
    try {
      await fn(ctx, params, rest);
    } catch (err) {
      if (isHubError(err)) throw err;
      if (err instanceof ViewerError) {
        sendJson(ctx.res, err.status, { error: err.message, ...err.extra }, { "X-Error-Code": err.code });
        return;
      }
      console.error("[localhub viewer] unexpected error", err);
      sendJson(ctx.res, 500, { error: "Unexpected error." }, { "X-Error-Code": "UnexpectedError" });
    }
  };
}

export const viewerRoutes: Route[] = [
  { methods: ["GET"], pattern: "/is-valid", handler: handle(isValid) },
  { methods: ["GET"], pattern: "/splits", handler: handle(splits) },
  { methods: ["GET"], pattern: "/info", handler: handle(info) },
  { methods: ["GET"], pattern: "/first-rows", handler: handle(firstRows) },
  { methods: ["GET"], pattern: "/rows", handler: handle(rows) },
  { methods: ["GET"], pattern: "/parquet", handler: handle(parquet) },
  { methods: ["GET"], pattern: "/size", handler: handle(size) },
  { methods: ["GET", "HEAD"], pattern: "/assets/*", handler: handle(asset) },
  { methods: ["GET", "HEAD"], pattern: "/cached-assets/*", handler: handle(asset) },
  { methods: ["GET"], pattern: "/api/datasets/:owner/:name/parquet", handler: handle(hubParquet) },
  { methods: ["GET"], pattern: "/api/datasets/:owner/:name/parquet/*", handler: handle(hubParquet) },
];
