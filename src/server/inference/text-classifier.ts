import path from "node:path";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";

export interface TextClassifierOptions {
  hub: HubConfig;
  model: string;
  /** Commit sha: every file is fetched at this exact revision. */
  revision: string;
  cacheDir: string;
  threads?: number;
}

export interface TextClassifier {
  /** Logits per input text, shape [texts.length][numLabels]. */
  classify(texts: string[]): Promise<number[][]>;
  dispose(): Promise<void>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number | null };
}

/**
 * Loads an ONNX text-classification model with @huggingface/transformers from the configured hub
 * (huggingface.co or the local hub) and returns raw logits, so callers decide how to map labels.
 */
export async function loadTextClassifier(opts: TextClassifierOptions): Promise<TextClassifier> {
  const tf = await import("@huggingface/transformers");
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
  const common = {
    revision: opts.revision,
    dtype: "fp32" as const,
    session_options: opts.threads ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1 } : undefined,
  };
  let tokenizer: Awaited<ReturnType<typeof tf.AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForSequenceClassification.from_pretrained>>;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForSequenceClassification.from_pretrained(opts.model, common);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    // Network trouble is worth a retry; a file transformers.js cannot parse is not.
    const transient = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|status 5\d\d/i.test(message);
    throw new AppError(
      transient ? "UNAVAILABLE" : "UNPROCESSABLE",
      `Model ${opts.model}@${opts.revision.slice(0, 10)} could not be loaded by transformers.js: ${message.split("\n")[0].slice(0, 300)}`,
    );
  }
  const maxLength = Number.isFinite(tokenizer.model_max_length) && tokenizer.model_max_length < 1e6 ? tokenizer.model_max_length : null;
  return {
    runner: { name: "local", library: `@huggingface/transformers@${env.version}`, dtype: "fp32", maxLength },
    async classify(texts) {
      const inputs = tokenizer(texts, { padding: true, truncation: maxLength !== null, max_length: maxLength ?? undefined });
      const out = await model(inputs);
      const logits = out.logits as { dims: number[]; data: Float32Array };
      const [rows, cols] = logits.dims;
      const result: number[][] = [];
      for (let r = 0; r < rows; r++) result.push(Array.from(logits.data.subarray(r * cols, (r + 1) * cols)));
      return result;
    },
    async dispose() {
      await model.dispose();
    },
  };
}
