import { AppError } from "@/server/errors";
import { authHeaders, resolveUrl, type HubConfig } from "./hub-config";

export interface DownloadRepoFileOptions {
  hub: HubConfig;
  type: "model" | "dataset";
  name: string;
  revision: string;
  path: string;
}

/** Fetches one file at a pinned revision; `null` when the file does not exist. */
export async function downloadRepoFile(opts: DownloadRepoFileOptions): Promise<Uint8Array | null> {
  const url = resolveUrl(opts.hub, opts.type, opts.name, opts.revision, opts.path);
  const res = await (opts.hub.fetch ?? fetch)(url, { headers: authHeaders(opts.hub) });
  if (res.status === 404) return null;
  if (!res.ok) {
    throw new AppError("UPSTREAM", `Could not download ${opts.path} from ${opts.type} ${opts.name}: HTTP ${res.status}.`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

export async function downloadRepoJson<T = unknown>(opts: DownloadRepoFileOptions): Promise<T | null> {
  const bytes = await downloadRepoFile(opts);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new AppError("UNPROCESSABLE", `${opts.path} in ${opts.type} ${opts.name} is not valid JSON.`);
  }
}
