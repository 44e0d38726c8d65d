import path from "node:path";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { cacheWordPieceWords } from "./word-cache";

/** Where and how a local (transformers.js) model is loaded: shared by every task's local runner. */
export interface LocalModelOptions {
  hub: HubConfig;
  model: string;
  /** Commit sha: every file is fetched at this exact revision. */
  revision: string;
  cacheDir: string;
  /** ONNX Runtime intra-op threads; default: ONNX Runtime's own choice. */
  threads?: number;
}

export type Transformers = typeof import("@huggingface/transformers");

/**
 * Points transformers.js at the configured hub (huggingface.co or the local hub) and returns the
 * module plus the options every `from_pretrained` call takes (revision, fp32, thread count).
 */
export async function loadTransformers(opts: LocalModelOptions) {
  const tf: Transformers = await import("@huggingface/transformers");
  const { env } = tf;
  const hubUrl = opts.hub.hubUrl.replace(/\/$/, "");
  env.allowRemoteModels = true;
  env.allowLocalModels = false;
  env.remoteHost = `${hubUrl}/`;
  env.cacheDir = path.resolve(opts.cacheDir);
  env.useFSCache = true;
  // transformers.js sends the token only to huggingface.co; the local hub needs it for private repos.
  if (opts.hub.accessToken) {
    const token = opts.hub.accessToken;
    const origin = new URL(hubUrl).origin;
    const base = opts.hub.fetch ?? fetch;
    (env as { fetch: typeof fetch }).fetch = (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith(origin)) return base(input, init);
      const headers = new Headers(init?.headers);
      headers.set("Authorization", `Bearer ${token}`);
      return base(input, { ...init, headers });
    };
  }
  const modelOptions = {
    revision: opts.revision,
    dtype: "fp32" as const,
    session_options: opts.threads ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1 } : undefined,
  };
  return { tf, modelOptions, library: `@huggingface/transformers@${env.version}` };
}

/**
 * The error for a model transformers.js could not load: network trouble is worth a retry
 * (UNAVAILABLE); a file it cannot parse is not (UNPROCESSABLE).
 */
export function modelLoadError(opts: Pick<LocalModelOptions, "model" | "revision">, err: unknown): AppError {
  const message = (err as Error)?.message ?? String(err);
  const transient = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|status 5\d\d/i.test(message);
  return new AppError(
    transient ? "UNAVAILABLE" : "UNPROCESSABLE",
    `Model ${opts.model}@${opts.revision.slice(0, 10)} could not be loaded by transformers.js: ${withoutServerPaths(message.split("\n")[0]).slice(0, 300)}`,
  );
}

/**
 * Failure reasons reach users (run page, email, PR comment): replace the server's absolute paths
 * (the model cache) with the file's path inside the repo.
 */
export function withoutServerPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?[\\/][^\s'"]*?[\\/](?=(?:onnx[\\/])?[\w.-]+\.(?:onnx|json|txt|model)\b)/g, "");
}

/** The tokenizer's usable maximum length, or null when it declares none (the 1e30 sentinel). */
export function tokenizerMaxLength(tokenizer: { model_max_length?: number }): number | null {
  const n = tokenizer.model_max_length;
  return typeof n === "number" && Number.isFinite(n) && n < 1e6 ? n : null;
}

/**
 * A sequence classifier (text, pairs, NLI) and its tokenizer, with the WordPiece word cache
 * installed: what the text and zero-shot classifiers share.
 */
export async function loadSequenceClassifier(opts: LocalModelOptions) {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  try {
    const tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    const model = await tf.AutoModelForSequenceClassification.from_pretrained(opts.model, modelOptions);
    return { tf, tokenizer, model, library, maxLength: tokenizerMaxLength(tokenizer), wordPieceCache: cacheWordPieceWords(tokenizer) };
  } catch (err) {
    throw modelLoadError(opts, err);
  }
}
