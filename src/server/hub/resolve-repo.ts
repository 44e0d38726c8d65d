import { datasetInfo, HubApiError, listFiles, modelInfo } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import type { HubConfig } from "./hub-config";

export interface ResolvedRepo {
  type: "model" | "dataset";
  name: string;
  /** The commit every later read is pinned to. */
  sha: string;
  cardData: Record<string, unknown>;
  pipelineTag?: string;
  files: { path: string; size: number }[];
}

export interface ResolveRepoOptions {
  hub: HubConfig;
  type: "model" | "dataset";
  name: string;
  revision?: string;
  /** Which input field to blame in error messages (e.g. "dataset", "models.1"). */
  field?: string;
}

/** Looks a repo up at a revision and pins it to a commit sha; 404s become user-facing errors. */
export async function resolveRepo(opts: ResolveRepoOptions): Promise<ResolvedRepo> {
  const { hub, type, name } = opts;
  const field = opts.field ?? type;
  const revision = opts.revision ?? "main";
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(name) || name.includes("..") || name.includes("--")) {
    throw new AppError("UNPROCESSABLE", `"${name}" is not a valid ${type} id (expected owner/name).`, { field });
  }
  const common = { name, revision, hubUrl: hub.hubUrl, accessToken: hub.accessToken, fetch: hub.fetch };
  let sha: string | undefined;
  let cardData: Record<string, unknown> = {};
  let pipelineTag: string | undefined;
  try {
    if (type === "model") {
      const info = await modelInfo({ ...common, additionalFields: ["sha", "cardData"] });
      sha = info.sha;
      cardData = (info.cardData as Record<string, unknown> | undefined) ?? {};
      pipelineTag = info.task;
    } else {
      const info = await datasetInfo({ ...common, additionalFields: ["sha", "cardData"] });
      sha = (info as { sha?: string }).sha;
      cardData = ((info as { cardData?: unknown }).cardData as Record<string, unknown> | undefined) ?? {};
    }
  } catch (err) {
    throw toRepoError(err, type, name, field);
  }
  if (!sha) throw new AppError("UPSTREAM", `The hub returned no commit sha for ${type} ${name}.`, { field });
  const files: ResolvedRepo["files"] = [];
  try {
    for await (const entry of listFiles({
      repo: { type, name },
      revision: sha,
      recursive: true,
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.fetch,
    })) {
      if (entry.type === "file") files.push({ path: entry.path, size: entry.size });
    }
  } catch (err) {
    throw toRepoError(err, type, name, field);
  }
  return { type, name, sha, cardData, pipelineTag, files };
}

function toRepoError(err: unknown, type: string, name: string, field: string): Error {
  if (err instanceof HubApiError) {
    if (err.statusCode === 404) return new AppError("NOT_FOUND", `${cap(type)} "${name}" was not found on the hub.`, { field });
    if (err.statusCode === 401 || err.statusCode === 403) {
      return new AppError("NOT_FOUND", `${cap(type)} "${name}" is private or gated and the server's token cannot read it.`, { field });
    }
    return new AppError("UPSTREAM", `The hub answered ${err.statusCode} for ${type} "${name}": ${err.message}`, { field });
  }
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) {
    return new AppError("UNAVAILABLE", `The hub is unreachable (${(err.cause as Error | undefined)?.message ?? err.message}).`, { field });
  }
  return err instanceof Error ? err : new Error(String(err));
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
