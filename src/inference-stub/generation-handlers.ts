import {
  GENERATION_MODELS,
  SUMMARIZE_FIRST_WORDS_ID,
  SUMMARIZE_LEAD_ID,
  TRANSLATE_COPY_ID,
  TRANSLATE_LEXICON_ID,
  type GenerationModel,
} from "../seed/generation/models";
import { MAX_INPUT_WORDS } from "../seed/generation/summarizers";
import { StubHttpError } from "./respond";
import type { StubHandler, StubParameters } from "./types";

/**
 * Summarization and translation demo models (src/seed/generation/) behind the Inference API's
 * parameters: `truncation`, `generate_parameters` (max_new_tokens honoured, counted in words; the
 * rest accepted and ignored, the rules being deterministic) and, for translation, src_lang/tgt_lang.
 */

const TRUNCATION = ["do_not_truncate", "longest_first", "only_first", "only_second"];

const bad = (message: string) => new StubHttpError(400, message);

export interface GenerationOptions {
  /** Cut the output to this many words. */
  maxNewTokens: number | undefined;
  /** `truncation: "do_not_truncate"`: too long an input is an error instead of being cut. */
  truncate: boolean;
}

/** Validates the parameters shared by both tasks, with the Inference API's names. */
export function generationOptions(parameters: StubParameters): GenerationOptions {
  const gp = parameters.generate_parameters;
  if (gp !== undefined && gp !== null && (typeof gp !== "object" || Array.isArray(gp))) {
    throw bad("`parameters.generate_parameters` must be an object.");
  }
  const max = (gp as Record<string, unknown> | null | undefined)?.max_new_tokens;
  if (max !== undefined && max !== null && (typeof max !== "number" || !Number.isInteger(max) || max < 1)) {
    throw bad("`parameters.generate_parameters.max_new_tokens` must be a positive integer.");
  }
  const truncation = parameters.truncation;
  if (truncation !== undefined && truncation !== null && !TRUNCATION.includes(truncation as string)) {
    throw bad(`\`parameters.truncation\` must be one of ${TRUNCATION.join(", ")}.`);
  }
  return { maxNewTokens: (max as number | null | undefined) ?? undefined, truncate: truncation !== "do_not_truncate" };
}

/** The text up to the end of its `count`-th word, keeping its whitespace (line breaks end sentences). */
function firstWordsOf(text: string, count: number): { text: string; cut: boolean } {
  let n = 0;
  for (const m of text.matchAll(/\S+/g)) {
    if (++n > count) return { text: text.slice(0, m.index).trimEnd(), cut: true };
  }
  return { text, cut: false };
}

/** Applies the input limit, runs the rule and cuts its output to max_new_tokens words. */
export function generate(model: GenerationModel, text: string, parameters: StubParameters): string {
  const opts = generationOptions(parameters);
  const input = firstWordsOf(text, MAX_INPUT_WORDS);
  if (input.cut && !opts.truncate) {
    throw bad(`Input is too long: the model reads at most ${MAX_INPUT_WORDS} words; set \`truncation\` to truncate it.`);
  }
  const output = model.run(input.text);
  if (opts.maxNewTokens === undefined) return output;
  const cut = output.split(/\s+/).filter(Boolean);
  return cut.length > opts.maxNewTokens ? cut.slice(0, opts.maxNewTokens).join(" ") : output;
}

/** "en", "en_XX", "en-US", "eng_Latn", "English" -> "en"; "ro", "ro_RO", "ron_Latn", "rum" -> "ro". */
export function languageOf(code: string): string {
  const head = code.toLowerCase().split(/[_-]/)[0]!;
  if (["en", "eng", "english"].includes(head)) return "en";
  if (["ro", "ron", "rum", "romanian"].includes(head)) return "ro";
  return head;
}

function checkLanguages(model: string, parameters: StubParameters): void {
  for (const [key, expected] of [
    ["src_lang", "en"],
    ["tgt_lang", "ro"],
  ] as const) {
    const value = parameters[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") throw bad(`\`parameters.${key}\` must be a string.`);
    if (languageOf(value) !== expected) {
      throw bad(`${model} translates English to Romanian only; got ${key}=${JSON.stringify(value)}.`);
    }
  }
}

type Handler<T extends StubHandler["task"]> = Extract<StubHandler, { task: T }>;

const summarizer = (model: GenerationModel): Handler<"summarization"> => ({
  task: "summarization",
  run: (text, parameters) => generate(model, text, parameters),
});

const translator = (model: GenerationModel): Handler<"translation"> => ({
  task: "translation",
  run: (text, parameters) => {
    checkLanguages(model.id, parameters);
    return generate(model, text, parameters);
  },
});

const byId = (id: string) => GENERATION_MODELS.find((m) => m.id === id)!;

/** Model id -> stub handler, for `startInferenceStub({ handlers })` (merge into DEMO_HANDLERS to serve them from the CLI). */
export const GENERATION_HANDLERS = {
  [SUMMARIZE_LEAD_ID]: summarizer(byId(SUMMARIZE_LEAD_ID)),
  [SUMMARIZE_FIRST_WORDS_ID]: summarizer(byId(SUMMARIZE_FIRST_WORDS_ID)),
  [TRANSLATE_LEXICON_ID]: translator(byId(TRANSLATE_LEXICON_ID)),
  [TRANSLATE_COPY_ID]: translator(byId(TRANSLATE_COPY_ID)),
} satisfies Record<string, StubHandler>;
