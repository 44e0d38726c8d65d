import { InferenceClient, type InferenceProviderOrPolicy } from "@huggingface/inference";
import { callWithRetries, type CallContext, type RetryEvent } from "./call-with-retries";
import { mapWithConcurrency } from "./map-with-concurrency";
import { redactUrl, resolveRemoteTarget, type RemoteEndpointsConfig } from "./remote-endpoints";
import {
  remoteImageClassification,
  remoteQuestionAnswering,
  remoteSummarization,
  remoteTextClassification,
  remoteTokenClassification,
  remoteTranslation,
  remoteZeroShotClassification,
  type Answer,
  type EntityGroup,
  type ImageInput,
  type LabelScores,
  type QuestionAnsweringInput,
  type QuestionAnsweringParameters,
  type SummarizationParameters,
  type TaskCall,
  type TextClassificationParameters,
  type TokenClassificationParameters,
  type TranslationParameters,
  type ZeroShotClassificationParameters,
} from "./remote-tasks";
import { abortableSleep } from "./retry-policy";

export interface RemoteRunnerOptions {
  /** The model to run: its endpoint from `endpoints`, else Inference Providers if allowed. */
  model: string;
  /** Operator configuration only (see `parseRemoteEndpoints`), never a URL from a user request. */
  endpoints: RemoteEndpointsConfig;
  /** Let models without a configured endpoint use Inference Providers. Default false. */
  allowProviders?: boolean;
  /** Provider or policy for those models. Default "auto". */
  provider?: InferenceProviderOrPolicy;
  /** Sent as `Authorization: Bearer`; never logged nor put in an error. */
  accessToken?: string;
  /** Requests in flight at once (the client sends one request per input). */
  concurrency: number;
  /** Per attempt, in ms. */
  timeoutMs: number;
  /** Retries per input after its first attempt, for 429, 5xx, network errors and timeouts. */
  maxRetries: number;
  /** Threaded to the client for every request (tests pass one to count or intercept requests). */
  fetch?: typeof fetch;
  /** First backoff delay when the server gives no Retry-After. Default 500 ms. */
  backoffBaseMs?: number;
  /** Default 30 s. */
  backoffMaxMs?: number;
  /** Cap on a server's Retry-After. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Waits between retries; tests inject one that records delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, in [0, 1). */
  random?: () => number;
  /** Cancels everything in flight (e.g. the job was cancelled). */
  signal?: AbortSignal;
  /** Told about every retry (to log it: the event carries no token). */
  onRetry?: (event: RetryEvent) => void;
}

/** What the manifest records about how predictions were produced. */
export interface RemoteRunnerFacts {
  name: "remote";
  /** The endpoint without query or credentials; in provider mode the last URL requested (null before any). */
  endpoint: string | null;
  provider?: string;
  /** The client as it announced itself ("@huggingface/inference/4.13.30"); null before any request. */
  library: string | null;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  /** Retries performed so far, over all calls of this runner. */
  retries: number;
}

/** Batch methods: one request per input, at most `concurrency` at once, results in input order. */
export interface RemoteRunner {
  readonly model: string;
  /** A snapshot of the facts, current when read. */
  readonly runner: RemoteRunnerFacts;
  textClassification(texts: string[], parameters?: TextClassificationParameters): Promise<LabelScores[]>;
  tokenClassification(texts: string[], parameters?: TokenClassificationParameters): Promise<EntityGroup[][]>;
  questionAnswering(inputs: QuestionAnsweringInput[], parameters?: QuestionAnsweringParameters): Promise<Answer[]>;
  summarization(texts: string[], parameters?: SummarizationParameters): Promise<string[]>;
  translation(texts: string[], parameters?: TranslationParameters): Promise<string[]>;
  imageClassification(images: ImageInput[]): Promise<LabelScores[]>;
  zeroShotClassification(texts: string[], parameters: ZeroShotClassificationParameters): Promise<LabelScores[]>;
  dispose(): Promise<void>;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}.`);
}

/**
 * Runs a model through the unmodified `@huggingface/inference` client, against a dedicated endpoint
 * URL the operator configured or, if allowed, Inference Providers. Reliability (timeouts, retries,
 * Retry-After) is ours: the client's unbounded 503 loop is switched off.
 */
export function createRemoteRunner(opts: RemoteRunnerOptions): RemoteRunner {
  checkCount("concurrency", opts.concurrency, 1);
  checkCount("timeoutMs", opts.timeoutMs, 1);
  checkCount("maxRetries", opts.maxRetries, 0);
  const target = resolveRemoteTarget(opts);
  const token = opts.accessToken || undefined;
  const client =
    target.kind === "endpoint" ? new InferenceClient(token, { endpointUrl: target.endpointUrl }) : new InferenceClient(token);
  const route = target.kind === "endpoint" ? {} : { model: opts.model, provider: target.provider };
  const facts: RemoteRunnerFacts = {
    name: "remote",
    endpoint: target.kind === "endpoint" ? redactUrl(target.endpointUrl) : null,
    ...(target.kind === "provider" ? { provider: target.provider } : {}),
    library: null,
    concurrency: opts.concurrency,
    timeoutMs: opts.timeoutMs,
    maxRetries: opts.maxRetries,
    retries: 0,
  };
  const baseFetch = opts.fetch ?? fetch;
  const ctx: CallContext = {
    model: opts.model,
    where: target.kind === "endpoint" ? `the endpoint ${facts.endpoint}` : `Inference Providers (${target.provider})`,
    settings: {
      maxRetries: opts.maxRetries,
      timeoutMs: opts.timeoutMs,
      backoffBaseMs: opts.backoffBaseMs ?? 500,
      backoffMaxMs: opts.backoffMaxMs ?? 30_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      sleep: opts.sleep ?? abortableSleep,
      random: opts.random ?? Math.random,
    },
    fetch: (input, init) => {
      const agent = new Headers(init?.headers).get("user-agent");
      if (agent) facts.library = agent.split(" ")[0];
      return baseFetch(input, init);
    },
    secrets: token ? [token] : [],
    onRequest: (url) => {
      if (target.kind === "provider") facts.endpoint = redactUrl(url);
    },
    onRetry: (event) => {
      facts.retries++;
      opts.onRetry?.(event);
    },
  };

  function batch<T, R>(items: readonly T[], one: (call: TaskCall, item: T) => Promise<R>): Promise<R[]> {
    return mapWithConcurrency(
      items,
      opts.concurrency,
      (item, _index, signal) =>
        callWithRetries(
          ctx,
          (attempt) => one({ client, route, options: { signal: attempt.signal, fetch: attempt.fetch, retry_on_error: false } }, item),
          signal,
        ),
      opts.signal,
    );
  }

  return {
    model: opts.model,
    get runner() {
      return { ...facts };
    },
    textClassification: (texts, parameters) => batch(texts, (call, text) => remoteTextClassification(call, text, parameters)),
    tokenClassification: (texts, parameters) => batch(texts, (call, text) => remoteTokenClassification(call, text, parameters)),
    questionAnswering: (inputs, parameters) => batch(inputs, (call, input) => remoteQuestionAnswering(call, input, parameters)),
    summarization: (texts, parameters) => batch(texts, (call, text) => remoteSummarization(call, text, parameters)),
    translation: (texts, parameters) => batch(texts, (call, text) => remoteTranslation(call, text, parameters)),
    imageClassification: (images) => batch(images, (call, image) => remoteImageClassification(call, image)),
    zeroShotClassification: (texts, parameters) => batch(texts, (call, text) => remoteZeroShotClassification(call, text, parameters)),
    // Nothing is held open: the client keeps no state beyond fetch's own connection pool.
    async dispose() {},
  };
}
