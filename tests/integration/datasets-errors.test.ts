import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { AppError } from "@/server/errors";
import { httpByteSource } from "@/server/datasets/byte-source";
import { openSplit, readSplitRows, type RowProblem } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import { prepareDataset } from "@/server/evaluations/prepare-evaluation";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { buildDatasetFixtures, card, put } from "./datasets-fixtures";

/** Bad input gives an AppError whose message names the dataset, config, split (and column). */
let hub: TestHub;
let cfg: HubConfig;
let ids: Awaited<ReturnType<typeof buildDatasetFixtures>>;

beforeAll(async () => {
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  ids = await buildDatasetFixtures(hub.store);
});
afterAll(() => hub.close());

async function layoutOf(dataset: string, config: string, split: string) {
  const repo = await resolveRepo({ hub: cfg, type: "dataset", name: dataset });
  return { repo, layout: resolveSplit(repo, config, split) };
}

async function openOf(dataset: string, config: string, split: string) {
  const { repo, layout } = await layoutOf(dataset, config, split);
  return openSplit({ hub: cfg, dataset: repo.name, revision: repo.sha, layout });
}

async function caught(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected an error");
}

describe("configs and splits that do not exist", () => {
  it("a config: NOT_FOUND on field config, naming the dataset and the available configs", async () => {
    const err = await caught(layoutOf(ids.squadParquet, "default", "validation"));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.field).toBe("config");
    expect(err.message).toBe('Dataset fixtures/squad-parquet has no config "default" (available: plain_text).');
  });
  it("a split: NOT_FOUND on field split, naming dataset, config and the available splits", async () => {
    const err = await caught(layoutOf(ids.sst2Csv, "default", "test"));
    expect(err.field).toBe("split");
    expect(err.message).toBe('Dataset fixtures/sst2-csv (config "default") has no split "test" (available: train, validation).');
  });
  it("a split whose pattern matches no file", async () => {
    const err = await caught(layoutOf(ids.corruptParquet, "default", "test"));
    expect(err.message).toBe('Split "test" of dataset fixtures/corrupt-parquet (config "default") has no data files (patterns: data/test-*).');
  });
  it("a repo whose files no builder reads", async () => {
    const err = await caught(layoutOf(ids.noData, "default", "train"));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toContain("fixtures/no-data");
    expect(err.message).toContain(".txt");
  });
});

describe("empty splits and unreadable files", () => {
  it("an empty split opens with 0 rows, and preparing an evaluation on it says so", async () => {
    expect((await openOf(ids.emptySplit, "default", "test")).numRows).toBe(0);
    const err = await caught(prepareDataset({ hub: cfg, dataset: ids.emptySplit, config: "default", split: "test", task: "text-classification", columnMapping: { text: "sentence", target: "label" } }));
    expect(err.message).toBe('Split "test" of fixtures/empty-split (config "default") is empty.');
  });
  it("a file that is not parquet: UNPROCESSABLE naming the file, dataset, config and split", async () => {
    const err = await caught(openOf(ids.corruptParquet, "default", "train"));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toMatch(/^Cannot read file "data\/train-00000-of-00001\.parquet" of dataset fixtures\/corrupt-parquet \(config "default", split "train"\) as parquet: /);
  });
  it("a missing file behind a URL: NOT_FOUND naming the path and dataset", async () => {
    const source = httpByteSource({ url: `${hub.url}/datasets/${ids.sst2Csv}/resolve/main/nope.csv`, byteLength: 10, label: "nope.csv of dataset fixtures/sst2-csv" });
    const err = await caught(source.slice(0, 5));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toBe("Cannot download nope.csv of dataset fixtures/sst2-csv: the file does not exist (404).");
  });
  it("a truncated JSON Lines file names the file and the byte where the broken value starts", async () => {
    await put(hub.store, "fixtures/truncated-jsonl", [{ path: "train.jsonl", content: '{"a": 1}\n{"a": 2' }]);
    const err = await caught(openOf("fixtures/truncated-jsonl", "default", "train"));
    expect(err.message).toBe('Cannot read file "train.jsonl" of dataset fixtures/truncated-jsonl (config "default", split "train") as JSON: the JSON ends inside a value that started at byte 9 (truncated or malformed file).');
  });
  it("a single JSON object with a list of records, without `field`: refused with the field to use", async () => {
    const err = await caught(openOf(ids.squadV2NoField, "default", "validation"));
    expect(err.message).toContain('it is one JSON object (keys: version, data) whose "data" is a list of records');
    expect(err.message).toContain("add `field: data` to this config in the card's `configs`");
  });
  it("a CSV header without a column the card declares names the column", async () => {
    await put(hub.store, "fixtures/csv-missing-column", [
      { path: "README.md", content: card({ dataset_info: { features: [{ name: "sentence", dtype: "string" }, { name: "label", dtype: "int64" }] } }) },
      { path: "train.csv", content: "text,label\n a,1\n" },
    ]);
    const err = await caught(openOf("fixtures/csv-missing-column", "default", "train"));
    expect(err.message).toBe('File "train.csv" of dataset fixtures/csv-missing-column (config "default", split "train") has no column "sentence" declared in the card\'s features (its header: text, label).');
  });
});

describe("malformed card YAML", () => {
  it("opening a split names the dataset and the YAML error", async () => {
    const err = await caught(openOf(ids.malformedCard, "default", "train"));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.field).toBe("dataset");
    expect(err.message).toMatch(/^The dataset card \(README\.md\) of fixtures\/malformed-card has malformed YAML metadata, so its configs, splits and features cannot be read: .+ at line 3, column \d+$/);
  });
  it("a config the broken card would have declared: the hint points at the card", async () => {
    const err = await caught(layoutOf(ids.malformedCard, "plain_text", "train"));
    expect(err.message).toContain("Its README.md has no readable YAML metadata");
  });
});

describe("cells that do not fit their feature", () => {
  it("are reported with row, column and reason, and become null; no row is dropped", async () => {
    const { repo, layout } = await layoutOf(ids.badCells, "default", "train");
    const problems: RowProblem[] = [];
    const rows: Record<string, unknown>[] = [];
    for await (const b of readSplitRows({ hub: cfg, dataset: repo.name, revision: repo.sha, layout, onInvalid: (p) => problems.push(p) })) rows.push(...b);
    expect(rows).toEqual([
      { sentence: "good", score: 1, label: 1 },
      { sentence: "bad", score: null, label: 0 },
      { sentence: "short row", score: 2, label: null },
      { sentence: "ugly", score: 3, label: null },
    ]);
    expect(problems).toEqual([
      { row: 1, column: "score", reason: 'expected an integer (int32), got "lots"' },
      { row: 2, column: "(row)", reason: "line 4 of train.csv has 2 fields, the header has 3" },
      { row: 2, column: "label", reason: "missing cell" },
      { row: 3, column: "label", reason: 'label "neutral" is not one of the ClassLabel names (negative, positive)' },
    ]);
  });
  it("a column that does not exist is named, with the columns that do", async () => {
    const { repo, layout } = await layoutOf(ids.squadParquet, "plain_text", "validation");
    const err = await caught(async () => {
      for await (const _ of readSplitRows({ hub: cfg, dataset: repo.name, revision: repo.sha, layout, columns: ["answers.txt"] })) void _;
    });
    expect(err.message).toBe('Column "answers.txt" does not exist in dataset fixtures/squad-parquet (config "plain_text", split "validation"); columns: id, title, context, question, answers, answers.text, answers.answer_start.');
  });
});

describe("private datasets", () => {
  it("need the token: without it the dataset is not found; with it the rows are read", async () => {
    const err = await caught(resolveRepo({ hub: { hubUrl: hub.url }, type: "dataset", name: ids.privateCsv }));
    expect(err.code).toBe("NOT_FOUND");
    expect((await openOf(ids.privateCsv, "default", "train")).numRows).toBe(3);
  });
});
