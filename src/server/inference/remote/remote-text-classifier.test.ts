import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInferenceStub, type InferenceStub } from "@/inference-stub";
import { AppError } from "@/server/errors";
import { createRemoteTextClassifier } from "./remote-text-classifier";

let stub: InferenceStub;
beforeAll(async () => {
  stub = await startInferenceStub({
    handlers: {
      // Ranked by score, as pipelines answer; honours top_k.
      "org/three": {
        task: "text-classification",
        run: (text, parameters) => {
          const all = [
            { label: "pos", score: text.includes("good") ? 0.7 : 0.1 },
            { label: "neu", score: 0.2 },
            { label: "neg", score: text.includes("good") ? 0.1 : 0.7 },
          ].sort((a, b) => b.score - a.score);
          return all.slice(0, typeof parameters.top_k === "number" ? parameters.top_k : 1);
        },
      },
      "org/renamed": { task: "text-classification", run: () => [{ label: "LABEL_0", score: 1 }] },
    },
  });
});
afterAll(() => stub.close());

const softmax = (row: number[]) => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

function classifier(model: string, labels: string[]) {
  return createRemoteTextClassifier({
    model,
    labels,
    endpoints: { [model]: { endpointUrl: stub.endpointUrl(model) } },
    concurrency: 2,
    timeoutMs: 5000,
    maxRetries: 0,
  });
}

describe("createRemoteTextClassifier", () => {
  it("returns rows in the model's label order whose softmax is the endpoint's scores", async () => {
    const rows = await classifier("org/three", ["neg", "neu", "pos"]).classify(["good film", "bad film"]);
    expect(softmax(rows[0]).map((p) => +p.toFixed(12))).toEqual([0.1, 0.2, 0.7]);
    expect(softmax(rows[1]).map((p) => +p.toFixed(12))).toEqual([0.7, 0.2, 0.1]);
    expect(stub.requestsFor("org/three")[0].json).toEqual({ inputs: "good film", parameters: { top_k: 3 } });
  });

  it("rejects a label the model does not declare", async () => {
    const err = await classifier("org/renamed", ["negative", "positive"]).classify(["x"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/answered label "LABEL_0", which is not among the model's labels \(negative, positive\)/);
  });
});
