import { describe, expect, it } from "vitest";
import type { ResolvedRepo } from "@/server/hub/resolve-repo";
import { globToRegExp, listConfigs, listSplits, resolveSplit } from "./resolve-split";

function repo(cardData: Record<string, unknown>, paths: string[]): ResolvedRepo {
  return { type: "dataset", name: "org/ds", sha: "s".repeat(40), cardData, files: paths.map((path) => ({ path, size: 10 })) };
}

const pushToHubCard = {
  configs: [
    { config_name: "default", data_files: [{ split: "train", path: "data/train-*" }, { split: "validation", path: "data/validation-*" }] },
    { config_name: "mnli", data_files: [{ split: "validation_matched", path: ["mnli/validation_matched-*"] }] },
  ],
  dataset_info: [
    {
      config_name: "default",
      features: [{ name: "sentence", dtype: "string" }, { name: "label", dtype: { class_label: { names: { "0": "negative", "1": "positive" } } } }],
      splits: [{ name: "validation", num_examples: 400 }],
    },
  ],
};
const files = ["README.md", "data/train-00000-of-00001.parquet", "data/validation-00000-of-00002.parquet", "data/validation-00001-of-00002.parquet", "mnli/validation_matched-00000-of-00001.parquet"];

describe("resolveSplit (push_to_hub layout)", () => {
  it("finds the files of a split from the card's data_files, in order, with features", () => {
    const layout = resolveSplit(repo(pushToHubCard, files), "default", "validation");
    expect(layout.files.map((f) => f.path)).toEqual(["data/validation-00000-of-00002.parquet", "data/validation-00001-of-00002.parquet"]);
    expect(layout.features?.label).toEqual({ kind: "class_label", names: ["negative", "positive"] });
    expect(layout.numExamples).toBe(400);
  });
  it("lists configs and splits", () => {
    const r = repo(pushToHubCard, files);
    expect(listConfigs(r)).toEqual(["default", "mnli"]);
    expect(listSplits(r, "mnli")).toEqual(["validation_matched"]);
  });
  it("names the available configs and splits when one does not exist", () => {
    const r = repo(pushToHubCard, files);
    expect(() => resolveSplit(r, "qqp", "validation")).toThrow('Dataset org/ds has no config "qqp" (available: default, mnli).');
    expect(() => resolveSplit(r, "default", "test")).toThrow('Dataset org/ds (config "default") has no split "test" (available: train, validation).');
  });
  it("falls back to data/{split}-*.parquet without a card", () => {
    const layout = resolveSplit(repo({}, files.slice(0, 3)), "default", "train");
    expect(layout.files.map((f) => f.path)).toEqual(["data/train-00000-of-00001.parquet"]);
    expect(layout.features).toBeNull();
  });
  it("says so when a split's pattern matches no file", () => {
    expect(() => resolveSplit(repo(pushToHubCard, ["README.md"]), "default", "train")).toThrow(/has no data files/);
  });
});

describe("globToRegExp", () => {
  it("follows fsspec-style globs", () => {
    expect(globToRegExp("data/train-*").test("data/train-00000-of-00001.parquet")).toBe(true);
    expect(globToRegExp("data/train-*").test("data/sub/train-0.parquet")).toBe(false);
    expect(globToRegExp("**/train.parquet").test("a/b/train.parquet")).toBe(true);
    expect(globToRegExp("data/t?st.csv").test("data/test.csv")).toBe(true);
    expect(globToRegExp("a.b").test("aXb")).toBe(false);
  });
});

describe("resolveSplit (other layouts)", () => {
  it("reads builder options and a mapping of data_files from the card", () => {
    const card = { configs: [{ config_name: "squad_v2", data_files: { validation: "sample.json" }, field: "data" }, { config_name: "semi", data_files: "x.csv", sep: ";" }] };
    const r = repo(card, ["sample.json", "x.csv"]);
    expect(resolveSplit(r, "squad_v2", "validation")).toMatchObject({ format: "json", options: { field: "data" }, files: [{ path: "sample.json" }] });
    expect(resolveSplit(r, "semi", "train")).toMatchObject({ format: "csv", options: { sep: ";" } });
  });
  it("lists a config marked default first", () => {
    const card = { configs: [{ config_name: "a", data_files: "a.csv" }, { config_name: "b", data_files: "b.csv", default: true }] };
    expect(listConfigs(repo(card, ["a.csv", "b.csv"]))).toEqual(["b", "a"]);
  });
  it("an imagefolder gets its class names from all splits' folders", () => {
    const r = repo({}, ["train/dog/1.png", "train/cat/2.png", "test/bird/3.jpg"]);
    expect(resolveSplit(r, "default", "test")).toMatchObject({ format: "imagefolder", labels: ["bird", "cat", "dog"], files: [{ path: "test/bird/3.jpg" }] });
  });
  it("refuses a malformed configs entry, naming the dataset", () => {
    expect(() => listConfigs(repo({ configs: "default" }, []))).toThrow('The card of dataset org/ds has a malformed "configs" entry');
  });
});
