import { afterEach, describe, expect, it } from "vitest";
import { enRoLexicon, loadEuroparlSample, loadWmtEnRoSplits, wordTokens } from "../seed/generation";
import { generationOptions, GENERATION_HANDLERS, languageOf } from "./generation-handlers";
import { startInferenceStub, type InferenceStub } from "./server";

let stub: InferenceStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const LEAD = "evalhub-demo/summarize-lead-sentence";
const FIRST = "evalhub-demo/summarize-first-words";
const LEXICON = "evalhub-demo/translate-en-ro-lexicon";
const COPY = "evalhub-demo/translate-copy";

async function call(model: string, body: unknown): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(stub!.endpointUrl(model), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), text };
}

const ARTICLE = "The warning begins at 22:00 GMT on Saturday.\nThe ice could lead to difficult driving conditions. Only the south escapes.";

describe("generation handlers", () => {
  it("summarize in the [{summary_text}] shape: lead sentence vs first four words", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    expect((await call(LEAD, { inputs: ARTICLE })).json).toEqual([{ summary_text: "The warning begins at 22:00 GMT on Saturday." }]);
    expect((await call(FIRST, { inputs: ARTICLE })).json).toEqual([{ summary_text: "The warning begins at" }]);
    // A sentence ends at . ! ? before a capital, not inside "U.S." or a number.
    expect((await call(LEAD, { inputs: "Sales rose 2.5% in the U.S. market. Prices fell." })).json).toEqual([
      { summary_text: "Sales rose 2.5% in the U.S. market." },
    ]);
  });

  it("cut the output to max_new_tokens words and accept other generation parameters", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    const params = { truncation: "only_first", generate_parameters: { max_new_tokens: 3, num_beams: 4, do_sample: false } };
    expect((await call(LEAD, { inputs: ARTICLE, parameters: params })).json).toEqual([{ summary_text: "The warning begins" }]);
    expect((await call(COPY, { inputs: "one two three four", parameters: params })).json).toEqual([{ translation_text: "one two three" }]);
    // A limit above the output's length changes nothing (whitespace included).
    expect((await call(LEAD, { inputs: ARTICLE, parameters: { generate_parameters: { max_new_tokens: 100 } } })).json).toEqual([
      { summary_text: "The warning begins at 22:00 GMT on Saturday." },
    ]);
  });

  it("reject malformed generation parameters with 400", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    for (const parameters of [
      { generate_parameters: { max_new_tokens: 0 } },
      { generate_parameters: { max_new_tokens: 2.5 } },
      { generate_parameters: { max_new_tokens: "10" } },
      { generate_parameters: [1] },
      { truncation: "sometimes" },
    ]) {
      const res = await call(LEAD, { inputs: ARTICLE, parameters });
      expect(res.status, JSON.stringify(parameters)).toBe(400);
      expect(res.json).toHaveProperty("error");
    }
    expect(generationOptions({})).toEqual({ maxNewTokens: undefined, truncate: true });
    expect(generationOptions({ truncation: "do_not_truncate", generate_parameters: { max_new_tokens: 5 } })).toEqual({ maxNewTokens: 5, truncate: false });
  });

  it("truncate inputs over 1,024 words unless truncation is do_not_truncate", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    const long = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(" ");
    const [{ summary_text }] = (await call(LEAD, { inputs: long })).json as [{ summary_text: string }];
    expect(summary_text.split(" ")).toHaveLength(1024);
    expect(summary_text.endsWith(" w1023")).toBe(true);
    const refused = await call(LEAD, { inputs: long, parameters: { truncation: "do_not_truncate" } });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: expect.stringContaining("at most 1024 words") });
  });

  it("translate English to Romanian with the learned lexicon, copy unknown words, keep capitals and punctuation", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    const en = "Ban said that the military solution is not possible, and Trump agreed.";
    const [{ translation_text: ro }] = (await call(LEXICON, { inputs: en, parameters: { src_lang: "en", tgt_lang: "ro" } })).json as [{ translation_text: string }];
    expect(ro).not.toBe(en);
    expect(ro.split(" ")).toHaveLength(en.split(" ").length);
    expect(ro).toMatch(/ că /); // that -> că, learned from the training split
    expect(ro).toMatch(/ și /); // and -> și
    expect(ro.startsWith("Ban ")).toBe(true); // unknown name: copied
    expect(ro.endsWith(".")).toBe(true);
    expect((await call(COPY, { inputs: en })).json).toEqual([{ translation_text: en }]);
  });

  it("accept en/ro language codes in the usual spellings and refuse other pairs", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    for (const [src, tgt] of [["en_XX", "ro_RO"], ["eng_Latn", "ron_Latn"], ["en", "ro"]]) {
      expect((await call(LEXICON, { inputs: "the council", parameters: { src_lang: src, tgt_lang: tgt } })).status).toBe(200);
    }
    const wrong = await call(LEXICON, { inputs: "the council", parameters: { src_lang: "en", tgt_lang: "fr" } });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ error: expect.stringContaining("English to Romanian only") });
    expect((await call(COPY, { inputs: "x", parameters: { src_lang: "de" } })).status).toBe(400);
    expect(languageOf("ro-RO")).toBe("ro");
  });

  it("answer a batch of translation inputs with one result per input", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    const res = await call(COPY, { inputs: ["a b", "c"], parameters: { generate_parameters: { max_new_tokens: 1 } } });
    expect(res.json).toEqual([{ translation_text: "a" }, { translation_text: "c" }]);
  });

  it("are deterministic: the same request gives the same bytes", async () => {
    stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
    const { test } = loadWmtEnRoSplits();
    const body = { inputs: test[0]!.translation.en, parameters: { src_lang: "en", tgt_lang: "ro" } };
    const a = await call(LEXICON, body);
    const b = await call(LEXICON, body);
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
  });

  it("translate with a lexicon that never saw the test split", () => {
    const { train, test } = loadWmtEnRoSplits();
    const seen = new Set([...train, ...loadEuroparlSample()].flatMap((r) => wordTokens(r.translation.en)));
    const entries = Object.keys(enRoLexicon().entries);
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.filter((w) => !seen.has(w))).toEqual([]);
    // So words that occur only in the test split are copied unchanged.
    const testOnly = [...new Set(test.flatMap((r) => wordTokens(r.translation.en)))].filter((w) => !seen.has(w) && /^[a-z]+$/.test(w));
    expect(testOnly.length).toBeGreaterThan(50);
    const run = GENERATION_HANDLERS[LEXICON].run;
    expect(testOnly.filter((w) => run(w, {}) !== w)).toEqual([]);
  });
});
