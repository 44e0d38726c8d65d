import { CAUSAL_LM_SPECS, trainCausalLmSpec, type TrainedCausalLm } from "@/seed/causal-lm";
import { causalLmLogits, logSoftmaxAt } from "@/seed/causal-lm/train";
import { EOS_ID, LM_MAX_LENGTH, LM_SPECIAL_TOKENS, lmEncode } from "@/seed/causal-lm/vocab";
import { loadSst2Splits } from "@/seed/sst2";
import { StubHttpError } from "./respond";
import type { StubFaults, StubParameters } from "./types";

/** Text Generation Inference's `PrefillToken` (docs/openapi.json): the first one has no logprob. */
export interface TgiPrefillToken {
  id: number;
  text: string;
  logprob: number | null;
}

/** TGI's `Token`: a generated token. */
export interface TgiToken {
  id: number;
  text: string;
  logprob: number;
  special: boolean;
}

/** TGI's `GenerateResponse`; the compat route (`POST /`) answers a list with one of these. */
export interface TgiGenerateResponse {
  generated_text: string;
  details?: {
    finish_reason: "length" | "eos_token" | "stop_sequence";
    generated_tokens: number;
    seed: number | null;
    /** Empty unless `decoder_input_details` was asked for. */
    prefill: TgiPrefillToken[];
    tokens: TgiToken[];
  };
}

/**
 * A stub route for the `text-generation` task. The stub's `respond` wraps `run`'s result in a
 * one-element list, as TGI's compat route does for a single `inputs` string.
 */
export type TextGenerationStubHandler = {
  task: "text-generation";
  run: (text: string, parameters: StubParameters) => TgiGenerateResponse;
  faults?: StubFaults;
};

const SPECIAL = new Set<number>(LM_SPECIAL_TOKENS.map((_, id) => id));
/** TGI's default `max_new_tokens`. */
const DEFAULT_MAX_NEW_TOKENS = 100;
/** The endpoint's limits (TGI `--max-input-tokens`, `--max-total-tokens`): the model's declared length. */
const MAX_INPUT_TOKENS = LM_MAX_LENGTH;
const MAX_TOTAL_TOKENS = 2 * LM_MAX_LENGTH;

function intParameter(parameters: StubParameters, name: string, fallback: number | null): number | null {
  const v = parameters[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new StubHttpError(422, `Input validation error: \`${name}\` must be a non-negative integer`);
  return v;
}

/** The WordPiece decoder with cleanup, for whole-word tokens: words joined by spaces, no space before punctuation. */
const decode = (tokens: string[]) => tokens.join(" ").replace(/ ([.,!?:;'])/g, "$1");

/**
 * Serves one of the demo causal LMs the way Text Generation Inference does: greedy decoding, and
 * with `details: true` / `decoder_input_details: true` the log-probability of every input token,
 * which is how a remote client scores prompt completions. The forward pass is the TypeScript copy
 * of the ONNX graph, so the numbers match the local model to float32 rounding.
 */
export function causalLmTextGenerationHandler(model: TrainedCausalLm): TextGenerationStubHandler {
  const { vocab, weights } = model;
  return {
    task: "text-generation",
    run(text, parameters) {
      let ids = lmEncode(vocab, text);
      const truncate = intParameter(parameters, "truncate", null);
      if (truncate !== null && truncate > 0 && ids.length > truncate) ids = ids.slice(ids.length - truncate);
      const maxNewTokens = intParameter(parameters, "max_new_tokens", DEFAULT_MAX_NEW_TOKENS)!;
      // Worded like TGI's input validation errors.
      if (ids.length > MAX_INPUT_TOKENS) {
        throw new StubHttpError(422, `Input validation error: \`inputs\` must have less than ${MAX_INPUT_TOKENS} tokens. Given: ${ids.length}`);
      }
      if (ids.length + maxNewTokens > MAX_TOTAL_TOKENS) {
        throw new StubHttpError(
          422,
          `Input validation error: \`inputs\` tokens + \`max_new_tokens\` must be <= ${MAX_TOTAL_TOKENS}. Given: ${ids.length} \`inputs\` tokens and ${maxNewTokens} \`max_new_tokens\``,
        );
      }
      const inputLogits = causalLmLogits(weights, ids);
      const prefill: TgiPrefillToken[] = ids.map((id, i) => ({
        id,
        text: vocab.tokens[id]!,
        logprob: i === 0 ? null : logSoftmaxAt(inputLogits[i - 1]!, id),
      }));
      const sequence = [...ids];
      let last = inputLogits[inputLogits.length - 1]!;
      const tokens: TgiToken[] = [];
      let finishReason: "length" | "eos_token" = "length";
      while (tokens.length < maxNewTokens) {
        let next = 0;
        for (let v = 1; v < last.length; v++) if (last[v]! > last[next]!) next = v;
        tokens.push({ id: next, text: vocab.tokens[next]!, logprob: logSoftmaxAt(last, next), special: SPECIAL.has(next) });
        if (next === EOS_ID) {
          finishReason = "eos_token";
          break;
        }
        sequence.push(next);
        // The model has no cache; recomputing is cheap at this size.
        const all = causalLmLogits(weights, sequence);
        last = all[all.length - 1]!;
      }
      const generated = decode(tokens.filter((t) => !t.special).map((t) => t.text));
      const fullText = parameters.return_full_text === true;
      const response: TgiGenerateResponse = { generated_text: fullText ? text + generated : generated };
      if (parameters.details === true) {
        response.details = {
          finish_reason: finishReason,
          generated_tokens: tokens.length,
          seed: null,
          prefill: parameters.decoder_input_details === true ? prefill : [],
          tokens,
        };
      }
      return response;
    },
  };
}

/**
 * Routes for both demo causal LMs, keyed by their hub ids, trained exactly as the seed trains them
 * (a few hundred milliseconds; call once per stub).
 */
export function buildTextGenerationHandlers(): Record<string, TextGenerationStubHandler> {
  const splits = loadSst2Splits();
  return Object.fromEntries(CAUSAL_LM_SPECS.map((spec) => [spec.name, causalLmTextGenerationHandler(trainCausalLmSpec(spec, splits))]));
}
