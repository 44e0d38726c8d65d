import { commit, HubApiError, whoAmI, type CommitOperation } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import { downloadRepoFile } from "./download-repo-file";
import { authHeaders, repoUrl, type HubConfig } from "./hub-config";
import { mergeEvalResultsFile, mergeModelCard, type EvalResult, type EvalResultsEntry } from "./model-card";

export interface OpenModelCardPrOptions {
  hub: HubConfig;
  model: string;
  title: string;
  description: string;
  results: EvalResult[];
  /** Also merge these entries into this `.eval_results/*.yaml` file (benchmark datasets). */
  evalResults?: { path: string; entries: EvalResultsEntry[] } | null;
}

export interface OpenedPr {
  url: string;
  number: number;
  /** False when an existing open PR of ours already carried these results. */
  changed: boolean;
}

interface DiscussionSummary {
  num: number;
  title: string;
  status: string;
  isPullRequest: boolean;
  author?: { name?: string };
}

/**
 * Adds results to a model card through a pull request. One PR per model per (dataset, config,
 * split): an open PR of ours with the same title is updated in place (a new commit on its branch)
 * instead of opening another.
 *
 * @throws AppError whose message says why no PR could be opened (no token, no write access, repo
 * gone, hub unreachable); callers keep the results and show it.
 */
export async function openModelCardPr(opts: OpenModelCardPrOptions): Promise<OpenedPr> {
  const { hub, model } = opts;
  if (!hub.accessToken) {
    throw new AppError("UNPROCESSABLE", "No pull request was opened: the server has no HF_TOKEN with write access.");
  }
  try {
    const me = await whoAmI({ accessToken: hub.accessToken, hubUrl: hub.hubUrl, fetch: hub.fetch });
    const existing = (await listOpenPrs(hub, model)).find((d) => d.title === opts.title && d.author?.name === me.name);
    const branch = existing ? `refs/pr/${existing.num}` : "main";
    const operations = await changedFiles(opts, branch);
    const prUrl = (num: number) => `${repoUrl(hub, "model", model)}/discussions/${num}`;
    if (existing && operations.length === 0) return { url: prUrl(existing.num), number: existing.num, changed: false };
    const out = await commit({
      repo: { type: "model", name: model },
      title: opts.title,
      description: opts.description,
      operations,
      branch: existing ? branch : undefined,
      isPullRequest: existing ? undefined : true,
      accessToken: hub.accessToken,
      hubUrl: hub.hubUrl,
      fetch: hub.fetch,
      useXet: false,
    });
    if (existing) return { url: prUrl(existing.num), number: existing.num, changed: true };
    const url = out?.pullRequestUrl;
    const num = url ? Number(url.split("/").pop()) : NaN;
    if (!url || !Number.isInteger(num)) throw new AppError("UPSTREAM", "The hub accepted the commit but returned no pull request URL.");
    return { url, number: num, changed: true };
  } catch (err) {
    throw pullRequestFailure(model, err, hub);
  }
}

/**
 * Any failure around a model-card PR as an AppError whose message a user can act on (no write
 * access, repo gone, hub unreachable), without the token or internals.
 */
export function pullRequestFailure(model: string, err: unknown, hub: HubConfig): AppError {
  if (err instanceof AppError) return err;
  return new AppError("UPSTREAM", `Could not open a pull request on ${model}: ${failureReason(err, hub)}.`);
}

/** README.md (and the `.eval_results` file) merged at `branch`; only the files whose bytes change. */
async function changedFiles(opts: OpenModelCardPrOptions, branch: string): Promise<CommitOperation[]> {
  const { hub, model } = opts;
  const read = async (path: string) => {
    const bytes = await downloadRepoFile({ hub, type: "model", name: model, revision: branch, path });
    return bytes ? new TextDecoder().decode(bytes) : null;
  };
  const card = mergeModelCard({
    content: await read("README.md"),
    modelName: model.split("/").pop() ?? model,
    results: opts.results,
    // Our own earlier numbers for the same model/dataset revision are replaced, not duplicated.
    overwrite: true,
  });
  const operations: CommitOperation[] = [];
  if (card.changed) operations.push({ operation: "addOrUpdate", path: "README.md", content: new Blob([card.content]) });
  if (opts.evalResults) {
    const file = mergeEvalResultsFile({ content: await read(opts.evalResults.path), entries: opts.evalResults.entries });
    if (file.changed) operations.push({ operation: "addOrUpdate", path: opts.evalResults.path, content: new Blob([file.content]) });
  }
  return operations;
}

function failureReason(err: unknown, hub: HubConfig): string {
  if (err instanceof HubApiError) {
    if (err.statusCode === 401 || err.statusCode === 403) return "the server's token has no write access to this model";
    if (err.statusCode === 404) return "the model repo no longer exists";
    return `the hub answered ${err.statusCode}: ${err.message}`;
  }
  const cause = (err as { cause?: { code?: string } }).cause;
  if (err instanceof TypeError && (/fetch failed/i.test(err.message) || cause?.code)) {
    return `the hub at ${hub.hubUrl} is unreachable (${cause?.code ?? err.message})`;
  }
  return (err as Error).message;
}

async function listOpenPrs(hub: HubConfig, model: string): Promise<DiscussionSummary[]> {
  const out: DiscussionSummary[] = [];
  for (let page = 0; page < 50; page++) {
    const url = `${hub.hubUrl.replace(/\/$/, "")}/api/models/${model}/discussions?type=pull_request&status=open&p=${page}`;
    const res = await (hub.fetch ?? fetch)(url, { headers: authHeaders(hub) });
    if (!res.ok) throw new HubApiError(url, res.status, undefined, await res.text());
    const body = (await res.json()) as { discussions: DiscussionSummary[]; count: number; start: number };
    out.push(...body.discussions.filter((d) => d.isPullRequest && d.status === "open"));
    if (body.discussions.length === 0 || body.start + body.discussions.length >= body.count) break;
  }
  return out;
}
