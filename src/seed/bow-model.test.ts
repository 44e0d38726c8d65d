import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env, pipeline, type TextClassificationPipeline } from "@huggingface/transformers";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOW_MODEL_SPECS, bowOnnx, encodeForModel, trainBowModel, type TrainedBowModel } from "./bow-model";
import { buildBowModelRepo } from "./demo-content";
import { loadSst2Splits, SST2_LABELS } from "./sst2";
import { argmax, bowLogits } from "./train";
import { writeRepoDir } from "./write-repo-dir";

const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
const splits = loadSst2Splits();
const models: TrainedBowModel[] = BOW_MODEL_SPECS.map((spec) => trainBowModel(spec, splits));
type Top1 = { label: string; score: number };

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

describe("bag-of-words demo models", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-bow-"));
    for (const model of models) await writeRepoDir(buildBowModelRepo(model, { datasetId: "evalhub-demo/sst2", trainExamples: 472 }), root);
    env.allowRemoteModels = false;
    env.localModelPath = root;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("have clearly different validation accuracies, ordered tiny < small < base", () => {
    const [tiny, small, base] = models.map((m) => m.validationAccuracy);
    expect(tiny).toBeCloseTo(0.5875, 9);
    expect(small).toBeCloseTo(0.6525, 9);
    expect(base).toBeCloseTo(0.7275, 9);
    expect(small! - tiny!).toBeGreaterThan(0.05);
    expect(base! - small!).toBeGreaterThan(0.05);
  });

  it("declare input_ids and attention_mask only, at opset 13, with dynamic batch and length", () => {
    const decoded = onnx.ModelProto.decode(bowOnnx(models[0]!));
    expect(Number(decoded.opsetImport[0]!.version)).toBe(13);
    expect(decoded.graph!.input!.map((i) => i.name)).toEqual(["input_ids", "attention_mask"]);
    expect(decoded.graph!.input![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam)).toEqual(["batch_size", "sequence_length"]);
    expect(decoded.graph!.output!.map((o) => o.name)).toEqual(["logits"]);
  });

  for (const [i, spec] of BOW_MODEL_SPECS.entries()) {
    it(`${spec.name}: the transformers.js pipeline reproduces the TS forward pass on all of validation`, async () => {
      const model = models[i]!;
      const classify = (await pipeline("text-classification", spec.name, { dtype: "fp32" })) as TextClassificationPipeline;
      const sentences = splits.validation.map((r) => r.sentence);
      // One call with every sentence: transformers.js pads them into one batch.
      const outputs = (await classify(sentences)) as Top1[];
      let correct = 0;
      outputs.forEach((out, j) => {
        const logits = bowLogits(model.weights, encodeForModel(model.vocab, sentences[j]!));
        const expected = argmax(logits);
        expect(out.label, sentences[j]).toBe(SST2_LABELS[expected]);
        expect(out.score).toBeCloseTo(softmax(logits)[expected]!, 5);
        if (out.label === SST2_LABELS[splits.validation[j]!.label]) correct++;
      });
      expect(Math.abs(correct / sentences.length - model.validationAccuracy)).toBeLessThan(1e-9);
      await classify.dispose();
    });
  }

  it("give the same scores for a sentence alone and inside a padded batch", async () => {
    const classify = (await pipeline("text-classification", BOW_MODEL_SPECS[2]!.name, { dtype: "fp32" })) as TextClassificationPipeline;
    const batch = ["bad", "a charming and often affecting journey , with a long tail of words that pad the others .", "good fun"];
    const together = (await classify(batch, { top_k: null })) as Top1[][];
    for (const [j, text] of batch.entries()) {
      const alone = (await classify(text, { top_k: null })) as Top1[];
      expect(together[j]!.map((o) => o.label)).toEqual(alone.map((o) => o.label));
      together[j]!.forEach((o, k) => expect(o.score).toBeCloseTo(alone[k]!.score, 6));
    }
    await classify.dispose();
  });
});
