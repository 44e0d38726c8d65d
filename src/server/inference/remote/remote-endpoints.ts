import { PROVIDERS_OR_POLICIES, type InferenceProviderOrPolicy } from "@huggingface/inference";
import { z } from "zod";
import { AppError } from "@/server/errors";

/**
 * Dedicated endpoints configured by the server operator: model id -> URL the client POSTs to.
 * Never built from a user request, so users cannot make the server call arbitrary URLs.
 */
export type RemoteEndpointsConfig = Record<string, { endpointUrl: string }>;

/** Hub repo ids: "name" or "owner/name". */
const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

function endpointUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  // fetch refuses URLs with credentials; the token goes in the Authorization header instead.
  if (url.username || url.password) return "must not contain credentials (the access token is sent as a header)";
  return null;
}

const EndpointSchema = z
  .object({
    endpointUrl: z.string().superRefine((value, ctx) => {
      const problem = endpointUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  })
  .strict();

const EndpointsSchema = z.record(z.string(), EndpointSchema);

/**
 * Parses the operator's JSON (e.g. the REMOTE_ENDPOINTS environment variable):
 * `{"owner/model": {"endpointUrl": "https://xyz.endpoints.huggingface.cloud"}}`.
 * An empty or missing value means no endpoints. Errors name the model key at fault.
 */
export function parseRemoteEndpoints(json: string | undefined, name = "REMOTE_ENDPOINTS"): RemoteEndpointsConfig {
  if (json === undefined || json.trim() === "") return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${name} is not valid JSON: ${(err as Error).message}`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new Error(`${name} must be a JSON object mapping model ids to {"endpointUrl": "..."}.`);
  }
  const problems = Object.keys(raw)
    .filter((key) => !MODEL_ID.test(key))
    .map((key) => `${JSON.stringify(key)}: not a model id (expected "owner/name")`);
  const parsed = EndpointsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key, ...rest] = issue.path.map(String);
      const where = [JSON.stringify(key), ...rest].join(".");
      problems.push(`${where}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new Error(`Invalid ${name}:\n  ${problems.join("\n  ")}`);
  return parsed.data;
}

export type RemoteTarget =
  | { kind: "endpoint"; endpointUrl: string }
  | { kind: "provider"; provider: InferenceProviderOrPolicy };

export interface ResolveRemoteTargetOptions {
  model: string;
  endpoints: RemoteEndpointsConfig;
  /** Send models without a configured endpoint to Inference Providers (billed to the token). */
  allowProviders?: boolean;
  /** Provider or policy for such models; default "auto" (the first provider the Hub lists). */
  provider?: InferenceProviderOrPolicy;
}

/** A configured endpoint wins; otherwise Inference Providers, if the operator allowed them. */
export function resolveRemoteTarget(opts: ResolveRemoteTargetOptions): RemoteTarget {
  const entry = Object.hasOwn(opts.endpoints, opts.model) ? opts.endpoints[opts.model] : undefined;
  if (entry) return { kind: "endpoint", endpointUrl: entry.endpointUrl };
  if (!opts.allowProviders) {
    throw new AppError(
      "UNPROCESSABLE",
      `Model ${opts.model} has no remote inference endpoint on this server, and Inference Providers are disabled.`,
      { field: "model" },
    );
  }
  const provider = opts.provider ?? "auto";
  if (!(PROVIDERS_OR_POLICIES as readonly string[]).includes(provider)) {
    throw new AppError("UNPROCESSABLE", `Unknown inference provider "${provider}".`, { field: "provider" });
  }
  return { kind: "provider", provider };
}

/** The URL without query string, fragment or credentials: safe for manifests and messages. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "[invalid URL]";
  }
}
