import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { storeDataset } from "@/localhub/viewer/store-source";
import { describeFeature, getPath } from "@/server/datasets/features";
import { openSplit, readSplitRows, type ReadSplitOptions, type RowProblem } from "@/server/datasets/read-split-rows";
import { listConfigs, listSplits, resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { buildDatasetFixtures, CONLL_TAGS, hasWmt, put, squadRows, sst2Rows, wmtRows } from "./datasets-fixtures";

/**
 * The readers against real data in every layout, through the same HTTP client code production
 * uses (range requests to the local hub's resolve URLs), and directly over its git store.
 */
let hub: TestHub;
let cfg: HubConfig;
let ids: Awaited<ReturnType<typeof buildDatasetFixtures>>;
const sst2 = sst2Rows();
const squad = squadRows();

beforeAll(async () => {
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  ids = await buildDatasetFixtures(hub.store);
});
afterAll(() => hub.close());

async function open(dataset: string, config: string, split: string) {
  const repo = await resolveRepo({ hub: cfg, type: "dataset", name: dataset });
  const layout = resolveSplit(repo, config, split);
  const opts: ReadSplitOptions = { hub: cfg, dataset: repo.name, revision: repo.sha, layout };
  return { repo, layout, opts, opened: await openSplit(opts) };
}

async function readAll(opts: ReadSplitOptions) {
  const rows: Record<string, unknown>[] = [];
  const problems: RowProblem[] = [];
  let batches = 0;
  for await (const batch of readSplitRows({ ...opts, onInvalid: (p) => problems.push(p) })) {
    rows.push(...batch);
    batches++;
  }
  return { rows, problems, batches };
}

const types = (opened: Awaited<ReturnType<typeof openSplit>>) => Object.fromEntries(Object.entries(opened.flatFeatures).map(([k, f]) => [k, describeFeature(f)]));

describe("SST-2 in four layouts", () => {
  it("CSV without a card: splits from file names, types inferred, all 872 rows in order", async () => {
    const repo = await resolveRepo({ hub: cfg, type: "dataset", name: ids.sst2Csv });
    expect(listConfigs(repo)).toEqual(["default"]);
    expect(listSplits(repo, "default")).toEqual(["train", "validation"]);
    const { opts, opened, layout } = await open(ids.sst2Csv, "default", "validation");
    expect(layout.format).toBe("csv");
    expect(opened.numRows).toBe(872);
    expect(opened.featuresSource).toBe("inferred");
    expect(types(opened)).toEqual({ sentence: "string", label: "int64" });
    const { rows, problems, batches } = await readAll(opts);
    expect(problems).toEqual([]);
    expect(batches).toBe(1);
    expect(rows).toEqual(sst2.map((r) => ({ sentence: r.sentence, label: r.label })));
  });

  it("the shared TSV as is: `dev` is the validation split and the card's ClassLabel types the label", async () => {
    const { opts, opened } = await open(ids.sst2Tsv, "default", "validation");
    expect(types(opened)).toEqual({ text: "string", label: "ClassLabel(negative, positive)" });
    const { rows } = await readAll(opts);
    expect(rows).toHaveLength(872);
    expect(rows.filter((r) => r.label === 1)).toHaveLength(444);
    expect(rows.filter((r) => r.label === 0)).toHaveLength(428);
    expect(rows[0]).toEqual({ text: "it 's a charming and often affecting journey . ", label: 1 });
  });

  it("JSON Lines with label names: ClassLabel turns them into ids; only requested columns are returned", async () => {
    const { opts } = await open(ids.sst2Jsonl, "default", "validation");
    const { rows } = await readAll({ ...opts, columns: ["label"] });
    expect(rows.map((r) => r.label)).toEqual(sst2.map((r) => r.label));
    expect(Object.keys(rows[0])).toEqual(["label"]);
  });

  it("a folder per split, the split sharded over two files, read in order", async () => {
    const { opts, opened, layout } = await open(ids.sst2Folders, "default", "validation");
    expect(layout.files.map((f) => f.path)).toEqual(["validation/part-0.csv", "validation/part-1.csv"]);
    expect(opened.numRows).toBe(872);
    const { rows } = await readAll(opts);
    expect(rows.map((r) => r.sentence)).toEqual(sst2.map((r) => r.sentence));
  });

  it("offset and limit pick a window without reading past it", async () => {
    const { opts } = await open(ids.sst2Csv, "default", "validation");
    const { rows } = await readAll({ ...opts, offset: 870, limit: 5 });
    expect(rows.map((r) => r.sentence)).toEqual(sst2.slice(870).map((r) => r.sentence));
  });
});

describe("SQuAD: nested answers, flattened names", () => {
  it("parquet with card configs and features (sequence of a struct = dict of lists)", async () => {
    const { opts, opened, layout } = await open(ids.squadParquet, "plain_text", "validation");
    expect(layout.format).toBe("parquet");
    expect(layout.numExamples).toBe(810);
    expect(opened.numRows).toBe(810);
    expect(opened.featuresSource).toBe("card");
    expect(types(opened)).toEqual({
      id: "string",
      title: "string",
      context: "string",
      question: "string",
      answers: "dict(text, answer_start)",
      "answers.text": "Sequence(string)",
      "answers.answer_start": "Sequence(int32)",
    });
    const { rows, batches } = await readAll({ ...opts, columns: ["id", "question", "answers.text", "answers.answer_start"] });
    expect(batches).toBe(4); // row groups of 250: one at a time
    expect(rows).toEqual(squad.map((r) => ({ id: r.id, question: r.question, "answers.text": r.answers.text, "answers.answer_start": r.answers.answer_start })));
    expect(rows[0]).toEqual({ id: "56be4db0acb8001400a502ec", question: "Which NFL team represented the AFC at Super Bowl 50?", "answers.text": ["Denver Broncos", "Denver Broncos", "Denver Broncos"], "answers.answer_start": [177, 177, 177] });
  });

  it("JSON Lines without a card: nested dicts and lists inferred from the objects", async () => {
    const { opts, opened } = await open(ids.squadJsonl, "default", "validation");
    expect(opened.featuresSource).toBe("inferred");
    expect(types(opened)["answers.text"]).toBe("Sequence(string)");
    expect(types(opened)["answers.answer_start"]).toBe("Sequence(int64)");
    const { rows } = await readAll(opts);
    expect(rows).toEqual(squad);
    expect(getPath(rows[5], "answers.text")).toEqual(squad[5].answers.text);
  });

  it("SQuAD v2's single {version, data} object, read with `field: data` from the card, unanswerable rows included", async () => {
    const { opts, opened } = await open(ids.squadV2, "default", "validation");
    expect(opened.numRows).toBe(14);
    const { rows } = await readAll(opts);
    expect(rows[0]).toMatchObject({ id: "56ddde6b9a695914005b9628", question: "In what country is Normandy located?", answers: { text: ["France", "France", "France", "France"], answer_start: [159, 159, 159, 159] } });
    expect(rows.filter((r) => (getPath(r, "answers.text") as string[]).length === 0).length).toBeGreaterThan(0);
  });
});

describe("CoNLL, images, WMT", () => {
  it("pretty-printed JSON objects with ClassLabel tag sequences from the card", async () => {
    const { opts, opened } = await open(ids.conll, "default", "train");
    expect(opened.numRows).toBe(10);
    expect(types(opened)).toEqual({ words: "Sequence(string)", ner: `Sequence(ClassLabel(${CONLL_TAGS.join(", ")}))` });
    const { rows, problems } = await readAll(opts);
    expect(problems).toEqual([]);
    expect(rows[1]).toEqual({ words: ["CHICAGO", "AT", "ATLANTA"], ner: [3, 0, 5] });
  });

  it("imagefolder: class names from sorted folder names, bytes only when the image column is read", async () => {
    const { opts, opened } = await open(ids.coco, "default", "train");
    expect(types(opened)).toEqual({ image: "Image", label: "ClassLabel(cats, remotes)" });
    const labels = await readAll({ ...opts, columns: ["label"] });
    expect(labels.rows).toEqual([{ label: 0 }, { label: 1 }]);
    const { rows } = await readAll(opts);
    const image = rows[1].image as { bytes: Uint8Array; path: string };
    expect(image.path).toBe("train/remotes/000000039769-copy.png");
    expect(image.bytes.byteLength).toBe(694_498);
    expect([...image.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it.skipIf(!hasWmt() && !process.env.CI)("WMT21 de-en as JSON Lines of translation dicts (skipped: ../shared/data/wmt21-newstest is absent)", async () => {
    const wmt = wmtRows();
    await put(hub.store, "fixtures/wmt21-de-en", [{ path: "test.jsonl", content: wmt.map((r) => JSON.stringify(r)).join("\n") }]);
    const { opts, opened } = await open("fixtures/wmt21-de-en", "default", "test");
    expect(opened.numRows).toBe(1000);
    expect(types(opened)).toEqual({ translation: "dict(de, en)", "translation.de": "string", "translation.en": "string" });
    const { rows } = await readAll({ ...opts, columns: ["translation.de", "translation.en"] });
    expect(rows[999]).toEqual({ "translation.de": wmt[999].translation.de, "translation.en": wmt[999].translation.en });
  });
});

describe("byte sources", () => {
  it("reading straight from the local hub's git store gives the same rows as HTTP range requests", async () => {
    for (const [id, config, split] of [[ids.squadParquet, "plain_text", "validation"], [ids.sst2Tsv, "default", "validation"], [ids.conll, "default", "train"]] as const) {
      const { repo, layout, opts } = await open(id, config, split);
      const viaHttp = await readAll(opts);
      const ds = await storeDataset(hub.store, { type: "dataset", name: repo.name }, repo.sha);
      const viaStore = await readAll({ dataset: repo.name, revision: repo.sha, layout, open: ds.open });
      expect(viaStore.rows).toEqual(viaHttp.rows);
    }
  });
});
