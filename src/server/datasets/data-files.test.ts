import { describe, expect, it } from "vitest";
import { defaultSplitPatterns, globToRegExp, imagefolderLabels, inferFormat, matchFiles } from "./data-files";

const match = (paths: string[], patterns: string[]) => matchFiles(paths.map((path) => ({ path })), patterns).map((f) => f.path);

describe("default data file layouts (datasets' rules)", () => {
  it("finds split names in file names", () => {
    const paths = ["README.md", "train.csv", "dev.csv", "test.csv", ".gitattributes"];
    const patterns = defaultSplitPatterns(paths);
    expect(Object.keys(patterns)).toEqual(["train", "validation", "test"]);
    expect(match(paths, patterns.validation)).toEqual(["dev.csv"]);
  });
  it("prefers a folder per split, and reads sharded data/{split}-xxxxx-of-xxxxx files first", () => {
    const folders = ["train/part-0.jsonl", "train/part-1.jsonl", "validation/data.jsonl", "README.md"];
    const p = defaultSplitPatterns(folders);
    expect(Object.keys(p)).toEqual(["train", "validation"]);
    expect(match(folders, p.train)).toEqual(["train/part-0.jsonl", "train/part-1.jsonl"]);
    const sharded = ["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet", "data/validation_matched-00000-of-00001.parquet"];
    expect(Object.keys(defaultSplitPatterns(sharded))).toEqual(["train", "validation_matched"]);
  });
  it("puts everything in train when no split name appears, ignoring files no builder reads", () => {
    expect(defaultSplitPatterns(["README.md", "LICENSE", "data.jsonl"])).toEqual({ train: ["**"] });
    expect(defaultSplitPatterns(["README.md", "LICENSE"])).toEqual({});
  });
  it("keeps hidden files out unless the pattern names them", () => {
    expect(match([".cache/train.csv", "train.csv"], ["**"])).toEqual(["train.csv"]);
    expect(match([".cache/train.csv"], [".cache/*"])).toEqual([".cache/train.csv"]);
  });
  it("chooses the builder by the most common extension", () => {
    expect(inferFormat(["a.csv", "b.tsv", "c.json"])).toEqual({ format: "csv" });
    expect(inferFormat(["a.txt"])).toEqual({ error: expect.stringContaining(".txt") });
  });
  it("names imagefolder classes after the folders, sorted, only when there are two or more", () => {
    expect(imagefolderLabels(["train/dog/1.png", "train/cat/2.jpg", "test/cat/3.png"])).toEqual(["cat", "dog"]);
    expect(imagefolderLabels(["train/1.png", "test/2.png"], ["train", "test"])).toBeNull();
  });
  it("globs like fsspec: character classes, ** across folders, * within one", () => {
    expect(globToRegExp("**/dev[-._ 0-9]*").test("dev.tsv")).toBe(true);
    expect(globToRegExp("**/dev[-._ 0-9]*").test("sub/dev-1.tsv")).toBe(true);
    expect(globToRegExp("**/dev[-._ 0-9]*").test("device.tsv")).toBe(false);
    expect(globToRegExp("**/train/**").test("train/cat/1.png")).toBe(true);
    expect(globToRegExp("data/*.csv").test("data/sub/a.csv")).toBe(false);
  });
});
