import type { StubHandler, StubParameters } from "./types";

/** Throw from a handler to answer with a chosen status, as a real pipeline rejects bad input. */
export class StubHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "StubHttpError";
  }
}

export interface StubBody {
  /** The body as received. */
  raw: Buffer;
  contentType: string | null;
  /** Parsed when the content type is JSON; undefined otherwise. */
  json: unknown;
}

const bad = (message: string) => new StubHttpError(400, message);

function jsonObject(body: StubBody): { inputs: unknown; parameters: StubParameters } {
  const json = body.json;
  if (!json || typeof json !== "object" || Array.isArray(json)) throw bad("Body must be a JSON object with `inputs`.");
  const { inputs, parameters } = json as { inputs?: unknown; parameters?: unknown };
  if (inputs === undefined) throw bad("Missing `inputs`.");
  if (parameters !== undefined && (typeof parameters !== "object" || parameters === null || Array.isArray(parameters))) {
    throw bad("`parameters` must be an object.");
  }
  return { inputs, parameters: (parameters as StubParameters | undefined) ?? {} };
}

function text(inputs: unknown): string {
  if (typeof inputs !== "string") throw bad("`inputs` must be a string.");
  return inputs;
}

function texts(inputs: unknown): string[] {
  if (Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => typeof x === "string")) return inputs;
  throw bad("`inputs` must be a string or a non-empty array of strings.");
}

function candidateLabels(parameters: StubParameters): string[] {
  const raw = parameters.candidate_labels;
  // The Inference API also accepts a comma-separated string.
  const labels = typeof raw === "string" ? raw.split(",").map((s) => s.trim()).filter(Boolean) : raw;
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === "string")) {
    throw bad("`parameters.candidate_labels` must be a non-empty list of strings.");
  }
  return labels;
}

/** Computes the wire response for one request, in the exact shape the Inference API uses for the task. */
export function respond(handler: StubHandler, body: StubBody): unknown {
  switch (handler.task) {
    case "text-classification": {
      const { inputs, parameters } = jsonObject(body);
      // One input answers [[...]]; a batch answers one inner list per input.
      const list = typeof inputs === "string" ? [inputs] : texts(inputs);
      return list.map((t) => handler.run(t, parameters));
    }
    case "token-classification": {
      const { inputs, parameters } = jsonObject(body);
      return handler.run(text(inputs), parameters);
    }
    case "question-answering": {
      const { inputs, parameters } = jsonObject(body);
      const qa = inputs as { question?: unknown; context?: unknown } | null;
      if (!qa || typeof qa.question !== "string" || typeof qa.context !== "string") {
        throw bad("`inputs` must be {question, context} strings.");
      }
      return handler.run({ question: qa.question, context: qa.context }, parameters);
    }
    case "summarization": {
      const { inputs, parameters } = jsonObject(body);
      return [{ summary_text: handler.run(text(inputs), parameters) }];
    }
    case "translation": {
      const { inputs, parameters } = jsonObject(body);
      const list = typeof inputs === "string" ? [inputs] : texts(inputs);
      return list.map((t) => ({ translation_text: handler.run(t, parameters) }));
    }
    case "image-classification": {
      if (body.json !== undefined) {
        const { inputs, parameters } = jsonObject(body);
        return handler.run(Buffer.from(text(inputs), "base64"), parameters);
      }
      if (body.raw.length === 0) throw bad("Empty image body.");
      return handler.run(body.raw, {});
    }
    case "zero-shot-classification": {
      const { inputs, parameters } = jsonObject(body);
      const sequence = text(inputs);
      const result = handler.run(sequence, { ...parameters, candidate_labels: candidateLabels(parameters) });
      if (!handler.legacyFormat) return result;
      return { sequence, labels: result.map((r) => r.label), scores: result.map((r) => r.score) };
    }
  }
}

/** Default error bodies, worded like the Inference API's. */
export function errorBody(status: number, model: string): { error: string; estimated_time?: number } {
  if (status === 503) return { error: `Model ${model} is currently loading`, estimated_time: 20 };
  if (status === 429) return { error: "Rate limit reached. Please retry later." };
  if (status === 401) return { error: "Invalid credentials in Authorization header" };
  if (status >= 500) return { error: "Internal server error" };
  return { error: `Request failed with status ${status}` };
}
