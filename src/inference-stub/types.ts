/** Task outputs in the shapes the Inference API returns (hub-api.md §4). */
export interface StubLabelScore {
  label: string;
  score: number;
}

export interface StubEntityGroup {
  entity_group: string;
  score: number;
  word: string;
  start: number;
  end: number;
}

export interface StubAnswer {
  answer: string;
  score: number;
  start: number;
  end: number;
}

/** The `parameters` object of the request body ({} when absent). */
export type StubParameters = Record<string, unknown>;

/**
 * What a route computes, per task. `run` gets one input and returns the natural result; the stub
 * wraps it in the exact wire shape (e.g. text-classification's nested `[[...]]`). It must be
 * deterministic (keyword rules, lengths, ...) so tests can assert outputs.
 */
export type StubHandler = (
  | { task: "text-classification"; run: (text: string, parameters: StubParameters) => StubLabelScore[] }
  | { task: "token-classification"; run: (text: string, parameters: StubParameters) => StubEntityGroup[] }
  | {
      task: "question-answering";
      run: (input: { question: string; context: string }, parameters: StubParameters) => StubAnswer;
    }
  | { task: "summarization"; run: (text: string, parameters: StubParameters) => string }
  | { task: "translation"; run: (text: string, parameters: StubParameters) => string }
  | {
      task: "image-classification";
      /** Raw image bytes (binary body, or base64 `inputs` of a JSON body). */
      run: (image: Buffer, parameters: StubParameters) => StubLabelScore[];
    }
  | {
      task: "zero-shot-classification";
      run: (text: string, parameters: StubParameters & { candidate_labels: string[] }) => StubLabelScore[];
      /** Answer in the legacy `{sequence, labels, scores}` shape instead of `[{label, score}]`. */
      legacyFormat?: boolean;
    }
) & { faults?: StubFaults };

export type StubTask = StubHandler["task"];

/** One scripted misbehaviour for one request. */
export interface StubFault {
  /** Answer with this HTTP status (and a JSON `{error}` body) instead of the result. */
  status?: number;
  /** `Retry-After` header value: seconds, or an HTTP date. */
  retryAfter?: number | string;
  /** Wait this long before answering (longer than the client's timeout simulates a hang). */
  delayMs?: number;
  /** Error body to send instead of the default `{error}`. */
  body?: unknown;
}

export interface StubFaults {
  /** Shorthand: the first `count` requests to the route get this fault. */
  failFirst?: StubFault & { count: number };
  /** Request k (0-based, after any `failFirst` ones) gets `script[k]`; later requests are normal. */
  script?: StubFault[];
  /** Delay every response that has no scripted fault. */
  delayMs?: number;
}

export interface StubRequestRecord {
  /** Model id the route serves, or null for an unknown path. */
  model: string | null;
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string | null;
  contentType: string | null;
  userAgent: string | null;
  /** Parsed JSON body, or null for a binary / empty body. */
  json: unknown;
  /** Body size in bytes. */
  bytes: number;
  /** Status sent, or 0 if the client went away before the answer. */
  status: number;
  startedAt: number;
  endedAt: number;
}

export interface StubRouteStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}
