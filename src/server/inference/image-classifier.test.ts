import { describe, expect, it } from "vitest";
import { labelsFromConfig } from "./image-classifier";

// Loading and running models needs a hub: see tests/integration/image-classifier.test.ts.
describe("labelsFromConfig", () => {
  it("orders id2label by numeric id, not by key order", () => {
    expect(labelsFromConfig({ "2": "remote", "0": "cat", "10": "ten", "1": "couch" })).toEqual([
      "cat", "couch", "remote", "LABEL_3", "LABEL_4", "LABEL_5", "LABEL_6", "LABEL_7", "LABEL_8", "LABEL_9", "ten",
    ]);
  });

  it("names gaps LABEL_i as transformers.js does, and ignores non-numeric keys", () => {
    expect(labelsFromConfig({ "1": "cat", x: "junk" })).toEqual(["LABEL_0", "cat"]);
    expect(labelsFromConfig(undefined)).toEqual([]);
    expect(labelsFromConfig({})).toEqual([]);
  });
});
