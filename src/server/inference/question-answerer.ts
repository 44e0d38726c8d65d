import { AppError } from "@/server/errors";
import { loadTransformers, modelLoadError, tokenizerMaxLength, type LocalModelOptions } from "./local-model";

export type QuestionAnswererOptions = LocalModelOptions;

export interface QaItem {
  question: string;
  context: string;
}

export interface QaAnswerOptions {
  /** Longest answer in tokens (HF `max_answer_len`, default 15). */
  maxAnswerTokens?: number;
  /** Tokens shared by consecutive context windows (HF `doc_stride`, default min(128, maxLength / 2)). */
  docStride?: number;
  /** Questions are cut to this many tokens (HF `max_question_len`, default 64). */
  maxQuestionTokens?: number;
  /**
   * HF `handle_impossible_answer`: answer "" (start = end = 0) when the no-answer probability beats
   * the best span. Off by default: `text` is then always the best span.
   */
  handleImpossibleAnswer?: boolean;
  /** Context windows per model call (default 16). */
  batchSize?: number;
}

export interface QaPrediction {
  /** Exactly `context.slice(start, end)`. */
  text: string;
  /** Character offsets into the context. */
  start: number;
  end: number;
  /** Probability of the best span (start probability × end probability in its window). */
  score: number;
  /** Null-answer probability: min over windows of P(start = [CLS]) × P(end = [CLS]) (squad_v2's no_answer_probability). */
  noAnswerScore: number;
  /** Context windows the answer was searched in. */
  windows: number;
  truncatedQuestion: boolean;
}

export interface QuestionAnswerer {
  answer(items: QaItem[], opts?: QaAnswerOptions): Promise<QaPrediction[]>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number };
  dispose(): Promise<void>;
}

// Same character class as BertPreTokenizer: Unicode punctuation plus every ASCII symbol.
const PUNCTUATION = "\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E";
const WORD = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, "gu");

/**
 * Words of the original text with their character offsets: runs of non-space, non-punctuation
 * characters, and each punctuation mark alone (BERT's pre-tokenization, done on the raw text so
 * offsets stay exact). Every token of a word maps back to the word's span.
 */
export function splitContextWords(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** HF's default when the tokenizer allows more (QuestionAnsweringPipeline `max_seq_len`). */
const DEFAULT_MAX_LENGTH = 384;

/** The special tokens a pair gets: `prefix A middle B suffix`, with token types (null: the tokenizer makes none). */
export interface PairTemplate {
  prefix: number[];
  middle: number[];
  suffix: number[];
  /** Token types of prefix, A, middle, B, suffix. */
  types: { prefix: number[]; a: number; middle: number[]; b: number; suffix: number[] } | null;
}

type EncodeFn = (text: string) => number[];

/**
 * Finds where a pair's special tokens go by encoding a known pair ("a", "b") and locating each
 * side's tokens: `[CLS] a [SEP] b [SEP]` for BERT, `<s> a </s></s> b </s>` for RoBERTa.
 */
export function pairTemplate(encode: EncodeFn, encodePair: (a: string, b: string) => { ids: number[]; types: number[] | null }): PairTemplate {
  const a = encode("a");
  const b = encode("b");
  const pair = encodePair("a", "b");
  const find = (needle: number[], from: number) => {
    for (let i = from; i + needle.length <= pair.ids.length; i++) if (needle.every((id, k) => pair.ids[i + k] === id)) return i;
    return -1;
  };
  const ia = find(a, 0);
  const ib = ia < 0 ? -1 : find(b, ia + a.length);
  if (a.length === 0 || b.length === 0 || ia < 0 || ib < 0) throw new Error("cannot tell where the tokenizer puts the special tokens of a question/context pair");
  const { ids, types } = pair;
  return {
    prefix: ids.slice(0, ia),
    middle: ids.slice(ia + a.length, ib),
    suffix: ids.slice(ib + b.length),
    types: types
      ? { prefix: types.slice(0, ia), a: types[ia]!, middle: types.slice(ia + a.length, ib), b: types[ib]!, suffix: types.slice(ib + b.length) }
      : null,
  };
}

/** One model input: a question with one window of its context. */
export interface QaWindow {
  item: number;
  ids: number[];
  types: number[] | null;
  /** Positions (in `ids`) of context tokens, and the character span of each one's word. */
  contextFrom: number;
  contextTo: number;
  spans: { start: number; end: number }[];
}

export interface EncodedContext {
  ids: number[];
  spans: { start: number; end: number }[];
}

/** Context tokens word by word, so every token keeps its word's character span. */
export function encodeContext(context: string, encodeWord: (word: string, afterSpace: boolean) => number[]): EncodedContext {
  const ids: number[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const w of splitContextWords(context)) {
    const afterSpace = w.start > 0 && /\s/u.test(context[w.start - 1]!);
    for (const id of encodeWord(context.slice(w.start, w.end), afterSpace)) {
      ids.push(id);
      spans.push(w);
    }
  }
  return { ids, spans };
}

/**
 * Overlapping windows over the context (HF `doc_stride`): each holds as many context tokens as fit
 * next to the question; consecutive windows share `stride` tokens, so no answer is silently cut.
 */
export function buildWindows(opts: {
  item: number;
  question: number[];
  context: EncodedContext;
  template: PairTemplate;
  maxLength: number;
  docStride: number;
}): QaWindow[] {
  const { template: t, question, context } = opts;
  const fixed = t.prefix.length + question.length + t.middle.length + t.suffix.length;
  const capacity = opts.maxLength - fixed;
  if (capacity < 1) throw new Error(`no room for context: ${fixed} of ${opts.maxLength} tokens are question and special tokens`);
  const stride = Math.max(0, Math.min(opts.docStride, Math.floor(capacity / 2)));
  const n = context.ids.length;
  const windows: QaWindow[] = [];
  for (let from = 0; ; from += capacity - stride) {
    const to = Math.min(from + capacity, n);
    const ids = [...t.prefix, ...question, ...t.middle, ...context.ids.slice(from, to), ...t.suffix];
    const contextFrom = t.prefix.length + question.length + t.middle.length;
    const types = t.types
      ? [...t.types.prefix, ...question.map(() => t.types!.a), ...t.types.middle, ...Array(to - from).fill(t.types.b), ...t.types.suffix]
      : null;
    windows.push({ item: opts.item, ids, types, contextFrom, contextTo: contextFrom + (to - from), spans: context.spans.slice(from, to) });
    if (to >= n) break;
  }
  return windows;
}

/** HF postprocessing of one window: softmax over [CLS] + context tokens, the null score, the best span. */
export function decodeWindow(start: ArrayLike<number>, end: ArrayLike<number>, w: QaWindow, maxAnswerTokens: number) {
  const allowed = [0];
  for (let i = w.contextFrom; i < w.contextTo; i++) allowed.push(i);
  const probs = (logits: ArrayLike<number>) => {
    let max = -Infinity;
    for (const i of allowed) max = Math.max(max, logits[i]!);
    const p = new Float64Array(w.ids.length);
    let z = 0;
    for (const i of allowed) z += p[i] = Math.exp(logits[i]! - max);
    for (const i of allowed) p[i]! /= z;
    return p;
  };
  const ps = probs(start);
  const pe = probs(end);
  const nullScore = ps[0]! * pe[0]!;
  let best = { score: -1, from: -1, to: -1 };
  for (let i = w.contextFrom; i < w.contextTo; i++) {
    const last = Math.min(w.contextTo, i + maxAnswerTokens);
    for (let j = i; j < last; j++) {
      const score = ps[i]! * pe[j]!;
      if (score > best.score) best = { score, from: i, to: j };
    }
  }
  return { nullScore, best };
}

type Tensorish = { dims: number[]; data: ArrayLike<number> };

/** The model's output checked against the expected [rows, seqLen] shape. */
function logitsOf(out: Record<string, unknown>, name: "start_logits" | "end_logits", rows: number, seqLen: number, model: string): Tensorish {
  const t = out[name] as Tensorish | undefined;
  if (!t || !Array.isArray(t.dims)) {
    throw new AppError("UNPROCESSABLE", `Model ${model} did not return ${name}: is it an extractive question-answering model (…ForQuestionAnswering)?`);
  }
  if (t.dims.length !== 2 || t.dims[0] !== rows || t.dims[1] !== seqLen) {
    throw new AppError("UNPROCESSABLE", `Model ${model} returned ${name} of shape [${t.dims.join(", ")}], expected [${rows}, ${seqLen}] (batch, sequence length).`);
  }
  return t;
}

/**
 * Loads an ONNX extractive QA model (`…ForQuestionAnswering`: start/end logits per token) with
 * @huggingface/transformers and answers like HF's QuestionAnsweringPipeline: question first,
 * long contexts in overlapping windows, the best span of at most `maxAnswerTokens` inside the
 * context, returned as the exact substring of the context.
 */
export async function loadQuestionAnswerer(opts: QuestionAnswererOptions): Promise<QuestionAnswerer> {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  let tokenizer: Awaited<ReturnType<typeof tf.AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForQuestionAnswering.from_pretrained>>;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForQuestionAnswering.from_pretrained(opts.model, modelOptions);
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  const maxLength = Math.min(tokenizerMaxLength(tokenizer) ?? DEFAULT_MAX_LENGTH, DEFAULT_MAX_LENGTH);
  const encode: EncodeFn = (text) => tokenizer.encode(text, { add_special_tokens: false });
  let template: PairTemplate;
  try {
    template = pairTemplate(encode, (a, b) => {
      const enc = tokenizer(a, { text_pair: b }) as { input_ids: Tensorish; token_type_ids?: Tensorish };
      return { ids: Array.from(enc.input_ids.data, Number), types: enc.token_type_ids ? Array.from(enc.token_type_ids.data, Number) : null };
    });
  } catch (err) {
    await model.dispose();
    throw new AppError("UNPROCESSABLE", `Model ${opts.model}: ${(err as Error).message}.`);
  }
  const padId = Number(tokenizer.pad_token_id ?? 0);

  async function run(windows: QaWindow[]) {
    const rows = windows.length;
    const seqLen = Math.max(...windows.map((w) => w.ids.length));
    const ids = new BigInt64Array(rows * seqLen).fill(BigInt(padId));
    const mask = new BigInt64Array(rows * seqLen);
    const types = new BigInt64Array(rows * seqLen);
    windows.forEach((w, r) => {
      w.ids.forEach((id, i) => {
        ids[r * seqLen + i] = BigInt(id);
        mask[r * seqLen + i] = 1n;
        types[r * seqLen + i] = BigInt(w.types?.[i] ?? 0);
      });
    });
    const inputs: Record<string, unknown> = {
      input_ids: new tf.Tensor("int64", ids, [rows, seqLen]),
      attention_mask: new tf.Tensor("int64", mask, [rows, seqLen]),
    };
    if (template.types) inputs.token_type_ids = new tf.Tensor("int64", types, [rows, seqLen]);
    const out = (await model(inputs)) as Record<string, unknown>;
    return {
      seqLen,
      start: logitsOf(out, "start_logits", rows, seqLen, opts.model),
      end: logitsOf(out, "end_logits", rows, seqLen, opts.model),
    };
  }

  return {
    runner: { name: "local", library, dtype: "fp32", maxLength },
    async answer(items, answerOpts = {}) {
      const maxAnswerTokens = answerOpts.maxAnswerTokens ?? 15;
      const docStride = answerOpts.docStride ?? Math.min(128, Math.floor(maxLength / 2));
      const batchSize = answerOpts.batchSize ?? 16;
      const specials = template.prefix.length + template.middle.length + template.suffix.length;
      // At least half the window stays for the context.
      const maxQuestion = Math.min(answerOpts.maxQuestionTokens ?? 64, Math.floor((maxLength - specials) / 2));
      const words = new Map<string, number[]>();
      const encodeWord = (word: string, afterSpace: boolean) => {
        // A leading space matters to byte-level BPE (Ġ); BERT's pre-tokenizer drops it.
        const text = afterSpace ? ` ${word}` : word;
        let found = words.get(text);
        if (!found) words.set(text, (found = encode(text)));
        return found;
      };
      const contexts = new Map<string, EncodedContext>();
      const results: QaPrediction[] = [];
      const windows: QaWindow[] = [];
      items.forEach((item, i) => {
        const fullQuestion = encode(item.question);
        const question = fullQuestion.slice(0, maxQuestion);
        let context = contexts.get(item.context);
        if (!context) contexts.set(item.context, (context = encodeContext(item.context, encodeWord)));
        const own = context.ids.length > 0 ? buildWindows({ item: i, question, context, template, maxLength, docStride }) : [];
        windows.push(...own);
        results.push({ text: "", start: 0, end: 0, score: 0, noAnswerScore: own.length ? Infinity : 1, windows: own.length, truncatedQuestion: question.length < fullQuestion.length });
      });
      for (let from = 0; from < windows.length; from += batchSize) {
        const batch = windows.slice(from, from + batchSize);
        const { seqLen, start, end } = await run(batch);
        batch.forEach((w, r) => {
          const offset = r * seqLen;
          const view = (d: ArrayLike<number>) => Array.prototype.slice.call(d, offset, offset + seqLen) as number[];
          const { nullScore, best } = decodeWindow(view(start.data), view(end.data), w, maxAnswerTokens);
          const result = results[w.item]!;
          result.noAnswerScore = Math.min(result.noAnswerScore, nullScore);
          if (best.score > result.score) {
            const span = { start: w.spans[best.from - w.contextFrom]!.start, end: w.spans[best.to - w.contextFrom]!.end };
            Object.assign(result, { score: best.score, ...span, text: items[w.item]!.context.slice(span.start, span.end) });
          }
        });
      }
      if (answerOpts.handleImpossibleAnswer) {
        for (const r of results) if (r.noAnswerScore > r.score) Object.assign(r, { text: "", start: 0, end: 0 });
      }
      return results;
    },
    async dispose() {
      await model.dispose();
    },
  };
}
