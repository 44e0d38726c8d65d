import { authHeaders, type HubConfig } from "@/server/hub/hub-config";

export interface PostPrCommentOptions {
  hub: HubConfig;
  model: string;
  /** The PR's discussion number. */
  num: number;
  /** Markdown. */
  comment: string;
}

/**
 * Comments on a model PR (`POST /api/models/{repo}/discussions/{num}/comment`, which
 * @huggingface/hub has no helper for). Throws an Error whose message is safe to show: it never
 * holds the token.
 */
export async function postPrComment(opts: PostPrCommentOptions): Promise<void> {
  const url = `${opts.hub.hubUrl.replace(/\/$/, "")}/api/models/${opts.model}/discussions/${opts.num}/comment`;
  let res: Response;
  try {
    res = await (opts.hub.fetch ?? fetch)(url, {
      method: "POST",
      headers: { ...authHeaders(opts.hub), "Content-Type": "application/json" },
      body: JSON.stringify({ comment: opts.comment }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new Error(`the hub could not be reached (${(err as Error).message})`);
  }
  if (res.ok) return;
  const body = await res.text().catch(() => "");
  const detail = (() => {
    try {
      return (JSON.parse(body) as { error?: string }).error ?? body;
    } catch {
      return body;
    }
  })().slice(0, 200);
  const why = res.status === 401 || res.status === 403 ? "the server's token may not comment on this pull request" : res.status === 404 ? "the pull request no longer exists" : `the hub answered ${res.status}`;
  throw new Error(`${why}${detail ? `: ${detail}` : ""}`);
}
