import { GENERATION_HANDLERS } from "./generation-handlers";
import type { StubEntityGroup, StubHandler, StubLabelScore } from "./types";

/**
 * Deterministic stand-ins for one model per task, built from keyword rules, so the "remote" path
 * can be demonstrated and tested offline. Scores are honest functions of the input, not constants.
 */

const POSITIVE = ["good", "great", "excellent", "love", "wonderful", "best", "fun", "enjoyable"];
const NEGATIVE = ["bad", "awful", "terrible", "hate", "boring", "worst", "dull", "poor"];

const words = (text: string): string[] => text.toLowerCase().match(/[a-z']+/g) ?? [];

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Sorted by score, highest first, as the pipelines return them. */
const ranked = (items: StubLabelScore[]) => [...items].sort((a, b) => b.score - a.score);

export function keywordSentiment(text: string): StubLabelScore[] {
  const ws = words(text);
  const pos = ws.filter((w) => POSITIVE.includes(w)).length;
  const neg = ws.filter((w) => NEGATIVE.includes(w)).length;
  const [pNeg, pPos] = softmax([neg, pos]);
  return ranked([
    { label: "negative", score: pNeg },
    { label: "positive", score: pPos },
  ]);
}

const GAZETTEER: Record<string, string> = { paris: "LOC", london: "LOC", berlin: "LOC", alice: "PER", bob: "PER", acme: "ORG" };

/** Aggregated ("simple") entity groups for gazetteer words, with character offsets. */
export function gazetteerEntities(text: string): StubEntityGroup[] {
  const out: StubEntityGroup[] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const group = GAZETTEER[m[0].toLowerCase()];
    if (group) out.push({ entity_group: group, score: 0.99, word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The context sentence sharing most words with the question (first one on ties). */
export function overlapAnswer(input: { question: string; context: string }) {
  const q = new Set(words(input.question));
  let best = { answer: "", score: 0, start: 0, end: 0 };
  for (const m of input.context.matchAll(/[^.!?]+[.!?]?/g)) {
    const sentence = m[0].trim();
    if (!sentence) continue;
    const ws = words(sentence);
    const score = ws.length ? ws.filter((w) => q.has(w)).length / ws.length : 0;
    if (score > best.score || !best.answer) {
      const start = m.index + m[0].indexOf(sentence);
      best = { answer: sentence, score, start, end: start + sentence.length };
    }
  }
  return best;
}

/** Lead-1: the first sentence. */
export const leadSentence = (text: string) => (text.match(/[^.!?]+[.!?]?/)?.[0] ?? "").trim();

const EN_FR: Record<string, string> = { hello: "bonjour", world: "monde", the: "le", cat: "chat", is: "est", black: "noir", good: "bon" };

/** Word-by-word lexicon lookup; unknown words are copied. */
export const lexiconTranslate = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => EN_FR[w.toLowerCase()] ?? w)
    .join(" ");

/** Classifies images by their magic bytes. */
export function magicBytesClassifier(image: Buffer): StubLabelScore[] {
  const png = image.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const jpeg = image[0] === 0xff && image[1] === 0xd8;
  const label = png ? "png" : jpeg ? "jpeg" : "other";
  return ranked(["png", "jpeg", "other"].map((l) => ({ label: l, score: l === label ? 0.9 : 0.05 })));
}

/** Scores each candidate label by how often its words occur in the text (softmax). */
export function keywordZeroShot(text: string, parameters: { candidate_labels: string[] }): StubLabelScore[] {
  const ws = words(text);
  const counts = parameters.candidate_labels.map((label) => words(label).filter((w) => ws.includes(w)).length);
  const probs = softmax(counts);
  return ranked(parameters.candidate_labels.map((label, i) => ({ label, score: probs[i] })));
}

export const DEMO_HANDLERS = {
  "evalhub-demo/sentiment-keywords": { task: "text-classification", run: keywordSentiment },
  "evalhub-demo/ner-gazetteer": { task: "token-classification", run: gazetteerEntities },
  "evalhub-demo/qa-overlap": { task: "question-answering", run: overlapAnswer },
  "evalhub-demo/summarize-lead": { task: "summarization", run: leadSentence },
  "evalhub-demo/translate-en-fr-lexicon": { task: "translation", run: lexiconTranslate },
  "evalhub-demo/image-magic-bytes": { task: "image-classification", run: magicBytesClassifier },
  "evalhub-demo/zero-shot-keywords": { task: "zero-shot-classification", run: keywordZeroShot },
  ...GENERATION_HANDLERS,
} satisfies Record<string, StubHandler>;
