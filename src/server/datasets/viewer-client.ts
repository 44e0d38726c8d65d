/**
 * A client for the dataset viewer API (`https://datasets-server.huggingface.co`, or the local hub's
 * root, which serves the same endpoints). Plain fetch: huggingface.js has no client for it.
 * Shapes follow dataset-viewer's openapi.json; see ../shared/research/hub-api.md section 3.
 */
export const DEFAULT_VIEWER_URL = "https://datasets-server.huggingface.co";

export interface ViewerClientOptions {
  /** Default https://datasets-server.huggingface.co (DATASETS_SERVER_URL). */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …` (private and gated datasets). */
  accessToken?: string;
  fetch?: typeof fetch;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

export interface ViewerFeatureItem {
  feature_idx: number;
  name: string;
  type: unknown;
}
export interface ViewerRowItem {
  row_idx: number;
  row: Record<string, unknown>;
  truncated_cells: string[];
}
export interface ViewerIsValid {
  viewer: boolean;
  preview: boolean;
  search: boolean;
  filter: boolean;
  statistics: boolean;
}
export interface ViewerSplits {
  splits: { dataset: string; config: string; split: string }[];
  pending?: unknown[];
  failed?: { dataset: string; config: string; error: { error: string } }[];
}
export interface ViewerDatasetInfo {
  description?: string;
  citation?: string;
  homepage?: string;
  license?: string;
  features: Record<string, unknown>;
  builder_name?: string;
  dataset_name?: string;
  config_name?: string;
  version?: unknown;
  splits?: Record<string, { name: string; num_bytes?: number; num_examples: number; dataset_name?: string | null }>;
  download_size?: number;
  dataset_size?: number;
}
export interface ViewerInfo<C extends string | undefined = string> {
  /** With a config: that config's info; without: keyed by config name. */
  dataset_info: C extends string ? ViewerDatasetInfo : Record<string, ViewerDatasetInfo>;
  partial: boolean;
  pending?: unknown[];
  failed?: unknown[];
}
export interface ViewerFirstRows {
  dataset: string;
  config: string;
  split: string;
  features: ViewerFeatureItem[];
  rows: ViewerRowItem[];
  truncated: boolean;
}
export interface ViewerRows {
  features: ViewerFeatureItem[];
  rows: ViewerRowItem[];
  num_rows_total: number;
  num_rows_per_page: number;
  partial: boolean;
}
export interface ViewerParquetFile {
  dataset: string;
  config: string;
  split: string;
  url: string;
  filename: string;
  size: number;
}
export interface ViewerParquet {
  parquet_files: ViewerParquetFile[];
  pending?: unknown[];
  failed?: unknown[];
  partial: boolean;
  features?: Record<string, unknown>;
}
export interface ViewerSize {
  size: {
    dataset?: { dataset: string; num_bytes_original_files?: number; num_bytes_parquet_files: number; num_bytes_memory: number; num_rows: number; estimated_num_rows?: number | null };
    config?: { dataset: string; config: string; num_bytes_original_files?: number; num_bytes_parquet_files: number; num_bytes_memory: number; num_rows: number; num_columns: number; estimated_num_rows?: number | null };
    configs?: { dataset: string; config: string; num_bytes_original_files?: number; num_bytes_parquet_files: number; num_bytes_memory: number; num_rows: number; num_columns: number; estimated_num_rows?: number | null }[];
    splits: { dataset: string; config: string; split: string; num_bytes_parquet_files: number; num_bytes_memory: number; num_rows: number; num_columns: number; estimated_num_rows?: number | null }[];
  };
  pending?: unknown[];
  failed?: unknown[];
  partial: boolean;
}

/** A failed viewer call: the HTTP status and `X-Error-Code`, or status null when unreachable. */
export class ViewerApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "ViewerApiError";
  }

  /**
   * The viewer has nothing for this request (unreachable, 404 not found / not computed, 501 not
   * implemented, 5xx): callers fall back to reading the repo itself.
   */
  get viewerHasNothing(): boolean {
    return this.status === null || this.status === 401 || this.status === 404 || this.status === 501 || this.status >= 500;
  }
}

export interface ViewerClient {
  baseUrl: string;
  isValid(dataset: string): Promise<ViewerIsValid>;
  splits(dataset: string, config?: string): Promise<ViewerSplits>;
  info(dataset: string, config: string): Promise<ViewerInfo<string>>;
  infoAll(dataset: string): Promise<ViewerInfo<undefined>>;
  firstRows(dataset: string, config: string, split: string): Promise<ViewerFirstRows>;
  rows(dataset: string, config: string, split: string, opts?: { offset?: number; length?: number }): Promise<ViewerRows>;
  parquet(dataset: string, config?: string): Promise<ViewerParquet>;
  size(dataset: string, config?: string): Promise<ViewerSize>;
}

export function createViewerClient(opts: ViewerClientOptions = {}): ViewerClient {
  const baseUrl = (opts.baseUrl ?? DEFAULT_VIEWER_URL).replace(/\/+$/, "");
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  async function get<T>(endpoint: string, params: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(`${baseUrl}${endpoint}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { Accept: "application/json", ...(opts.accessToken ? { Authorization: `Bearer ${opts.accessToken}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new ViewerApiError(`The dataset viewer at ${baseUrl} is unreachable (${cause ?? (err as Error).message}).`, null, null);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const message = (body as { error?: unknown } | undefined)?.error;
      throw new ViewerApiError(
        `The dataset viewer answered ${res.status} to ${endpoint}: ${typeof message === "string" ? message : text.slice(0, 200) || res.statusText}`,
        res.status,
        res.headers.get("x-error-code"),
      );
    }
    if (body === undefined) throw new ViewerApiError(`The dataset viewer sent a non-JSON answer to ${endpoint}.`, res.status, null);
    return body as T;
  }
  return {
    baseUrl,
    isValid: (dataset) => get("/is-valid", { dataset }),
    splits: (dataset, config) => get("/splits", { dataset, config }),
    info: (dataset, config) => get("/info", { dataset, config }),
    infoAll: (dataset) => get("/info", { dataset }),
    firstRows: (dataset, config, split) => get("/first-rows", { dataset, config, split }),
    rows: (dataset, config, split, o = {}) => get("/rows", { dataset, config, split, offset: o.offset ?? 0, length: o.length ?? 100 }),
    parquet: (dataset, config) => get("/parquet", { dataset, config }),
    size: (dataset, config) => get("/size", { dataset, config }),
  };
}
