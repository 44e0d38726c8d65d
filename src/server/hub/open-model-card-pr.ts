import { commit, HubApiError, whoAmI } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import { downloadRepoFile } from "./download-repo-file";
import { authHeaders, repoUrl, type HubConfig } from "./hub-config";
import { mergeModelCard, type EvalResult } from "./model-card";

export interface OpenModelCardPrOptions {
  hub: HubConfig;
  model: string;
  title: string;
  description: string;
  results: EvalResult[];
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
 * split): an open PR of ours with the same title is updated in place instead of opening another.
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
    const current = await downloadRepoFile({ hub, type: "model", name: model, revision: branch, path: "README.md" });
    const merged = mergeModelCard({
      content: current ? new TextDecoder().decode(current) : null,
      modelName: model.split("/").pop() ?? model,
      results: opts.results,
      // Our own earlier numbers for the same model/dataset revision are replaced, not duplicated.
      overwrite: true,
    });
    if (existing && !merged.changed) {
      return { url: `${repoUrl(hub, "model", model)}/discussions/${existing.num}`, number: existing.num, changed: false };
    }
    const out = await commit({
      repo: { type: "model", name: model },
      title: opts.title,
      description: opts.description,
      operations: [{ operation: "addOrUpdate", path: "README.md", content: new Blob([merged.content]) }],
      branch: existing ? branch : undefined,
      isPullRequest: existing ? undefined : true,
      accessToken: hub.accessToken,
      hubUrl: hub.hubUrl,
      fetch: hub.fetch,
      useXet: false,
    });
    if (existing) {
      return { url: `${repoUrl(hub, "model", model)}/discussions/${existing.num}`, number: existing.num, changed: true };
    }
    const url = out?.pullRequestUrl;
    const num = url ? Number(url.split("/").pop()) : NaN;
    if (!url || !Number.isInteger(num)) throw new AppError("UPSTREAM", "The hub accepted the commit but returned no pull request URL.");
    return { url, number: num, changed: true };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof HubApiError) {
      const why =
        err.statusCode === 401 || err.statusCode === 403
          ? "the server's token has no write access to this model"
          : err.statusCode === 404
            ? "the model repo no longer exists"
            : `the hub answered ${err.statusCode}: ${err.message}`;
      throw new AppError("UPSTREAM", `Could not open a pull request on ${model}: ${why}.`);
    }
    throw new AppError("UPSTREAM", `Could not open a pull request on ${model}: ${(err as Error).message}`);
  }
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
