import type { InferenceClient, InferenceProviderOrPolicy, Options } from "@huggingface/inference";

type ArgsOf<K extends keyof InferenceClient> = InferenceClient[K] extends (args: infer A, options?: Options) => unknown ? A : never;
type ParametersOf<K extends keyof InferenceClient> = NonNullable<ArgsOf<K> extends { parameters?: infer P } ? P : never>;

export type TextClassificationParameters = ParametersOf<"textClassification">;
export type TokenClassificationParameters = ParametersOf<"tokenClassification">;
export type QuestionAnsweringParameters = ParametersOf<"questionAnswering">;
export type SummarizationParameters = ParametersOf<"summarization">;
export type TranslationParameters = ParametersOf<"translation">;
export type ZeroShotClassificationParameters = ParametersOf<"zeroShotClassification">;

/** Label -> score, in the order the server ranked them. */
export type LabelScores = Record<string, number>;

export interface EntityGroup {
  entity_group: string;
  score: number;
  word: string;
  start: number;
  end: number;
}

export interface Answer {
  answer: string;
  score: number;
  start: number;
  end: number;
}

export interface QuestionAnsweringInput {
  question: string;
  context: string;
}

/** Image bytes as read from a dataset (sent raw, as the client does for image tasks). */
export type ImageInput = Uint8Array | ArrayBuffer | Blob;

/** One request's worth of client, routing arguments and per-attempt options. */
export interface TaskCall {
  client: InferenceClient;
  /** Provider mode: `{model, provider}`; endpoint mode: `{}` (the client is bound to the URL). */
  route: { model?: string; provider?: InferenceProviderOrPolicy };
  options: Options;
}

const toRecord = (items: { label: string; score: number }[]): LabelScores =>
  Object.fromEntries(items.map((item) => [item.label, item.score]));

/** The client accepts the server's nested `[[{label, score}]]` and hands back the inner list. */
export async function remoteTextClassification(call: TaskCall, text: string, parameters?: TextClassificationParameters): Promise<LabelScores> {
  const out = await call.client.textClassification({ ...call.route, inputs: text, parameters }, call.options);
  return toRecord(out);
}

/**
 * The client requires `entity_group`, i.e. aggregated output, so "simple" aggregation is asked for
 * unless the caller chooses another strategy.
 */
export async function remoteTokenClassification(
  call: TaskCall,
  text: string,
  parameters?: TokenClassificationParameters,
): Promise<EntityGroup[]> {
  const out = await call.client.tokenClassification(
    { ...call.route, inputs: text, parameters: { aggregation_strategy: "simple", ...parameters } },
    call.options,
  );
  return out.map(({ entity_group, score, word, start, end }) => ({ entity_group: entity_group ?? "", score, word, start, end }));
}

export async function remoteQuestionAnswering(
  call: TaskCall,
  input: QuestionAnsweringInput,
  parameters?: QuestionAnsweringParameters,
): Promise<Answer> {
  const out = await call.client.questionAnswering(
    { ...call.route, inputs: { question: input.question, context: input.context }, parameters },
    call.options,
  );
  return { answer: out.answer, score: out.score, start: out.start ?? 0, end: out.end ?? 0 };
}

export async function remoteSummarization(call: TaskCall, text: string, parameters?: SummarizationParameters): Promise<string> {
  const out = await call.client.summarization({ ...call.route, inputs: text, parameters }, call.options);
  return out.summary_text;
}

/** The client returns an object for a one-element answer and the array otherwise. */
export async function remoteTranslation(call: TaskCall, text: string, parameters?: TranslationParameters): Promise<string> {
  const out: unknown = await call.client.translation({ ...call.route, inputs: text, parameters }, call.options);
  const first = (Array.isArray(out) ? out[0] : out) as { translation_text: string };
  return first.translation_text;
}

/** Sent as the raw bytes; the client has no way to send parameters with a binary body. */
export async function remoteImageClassification(call: TaskCall, image: ImageInput): Promise<LabelScores> {
  const blob = image instanceof Blob ? image : new Blob([image instanceof ArrayBuffer ? image : new Uint8Array(image)]);
  const out = await call.client.imageClassification({ ...call.route, inputs: blob }, call.options);
  return toRecord(out);
}

/** The client also accepts the legacy `{labels, scores}` answer and normalises it. */
export async function remoteZeroShotClassification(
  call: TaskCall,
  text: string,
  parameters: ZeroShotClassificationParameters,
): Promise<LabelScores> {
  const out = await call.client.zeroShotClassification({ ...call.route, inputs: text, parameters }, call.options);
  return toRecord(out);
}
