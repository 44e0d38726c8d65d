import { z } from "zod";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { parseRemoteEndpoints } from "@/server/inference/remote/remote-endpoints";

/**
 * The one place that reads process.env. Entry points (web, worker, CLI) call `readEnv()` once and
 * pass the values down as options, so library code never depends on ambient state.
 */
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/evalhub"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so several deployments (or test suites) share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default("evalhub"),
  HF_ENDPOINT: z.string().url().default("https://huggingface.co"),
  /** Server-side token used to read private repos and open pull requests. Never sent to browsers. */
  HF_TOKEN: z
    .string()
    .regex(/^hf_/, "HF_TOKEN must start with hf_")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  EVAL_BATCH_SIZE: z.coerce.number().int().min(1).max(1024).default(32),
  INFERENCE_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  MODEL_CACHE_DIR: z.string().default(".data/model-cache"),
  /** Rows per evaluation; larger splits are evaluated on a seeded uniform sample of this size. */
  EVAL_MAX_ROWS: z.coerce.number().int().min(1).optional().or(z.literal("").transform(() => undefined)),
  /**
   * Operator-configured remote inference: JSON `{"owner/model": {"endpointUrl": "https://..."}}`.
   * Models listed here run remotely when they have no ONNX weights for the local runner.
   */
  REMOTE_ENDPOINTS: z.string().optional(),
  REMOTE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  REMOTE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  REMOTE_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(4),
  /** The dataset viewer API; for the local hub this is the hub's own URL. */
  DATASETS_SERVER_URL: z.string().url().default("https://datasets-server.huggingface.co"),
  /** SMTP server for notification emails (`smtp://user:pass@host:port`); unset = no email. Never logged. */
  SMTP_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().default("EvalHub <evalhub@localhost>"),
  /**
   * The deployment's Ed25519 signing key for result verifyTokens (PKCS#8 PEM). Unset: a key is
   * generated once and kept in SIGNING_KEY_FILE. Never logged, never sent to browsers.
   */
  SIGNING_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  SIGNING_KEY_FILE: z.string().default(".data/signing-key.pem"),
  /** Submissions per hour allowed per Hub username, per email and per client IP (0 = unlimited). */
  RATE_LIMIT_PER_USERNAME: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(60),
  /**
   * Reverse proxies in front of the web process that append the client's address to
   * X-Forwarded-For; the per-IP limit trusts that many entries from the right. Without a proxy a
   * client can claim any IP, so deploy behind one.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** How long a worker's hold on a job or an inference lease lasts without renewal (a killed worker's work is taken over after this). */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** How often the worker re-enqueues what PostgreSQL says is pending but Redis lost (0 = never). */
  RECONCILE_EVERY_MS: z.coerce.number().int().min(0).default(15_000),
  /** How often self-reported model-index results are imported from the hub's model cards (0 = never). */
  SELF_REPORTED_IMPORT_EVERY_MS: z.coerce.number().int().min(0).default(6 * 3600_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** The inference configuration from the environment (REMOTE_ENDPOINTS is validated here). */
export function inferenceConfig(env: Env): InferenceConfig {
  const endpoints = parseRemoteEndpoints(env.REMOTE_ENDPOINTS);
  if (Object.keys(endpoints).length === 0) return { remote: null };
  return { remote: { endpoints, concurrency: env.REMOTE_CONCURRENCY, timeoutMs: env.REMOTE_TIMEOUT_MS, maxRetries: env.REMOTE_MAX_RETRIES } };
}

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
