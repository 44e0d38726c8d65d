import { asyncBufferFromUrl, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { getDatasetOptions } from "@/server/datasets/get-dataset-options";
import { createViewerClient, ViewerApiError } from "@/server/datasets/viewer-client";
import type { HubConfig } from "@/server/hub/hub-config";
import { buildDatasetFixtures, card, cocoImage, put, squadRows, sst2Rows, toCsv } from "./datasets-fixtures";

/**
 * The local hub's dataset viewer endpoints, compared field by field with the responses documented
 * by huggingface/dataset-viewer (docs/source/*.md and openapi.json examples, copied below), and
 * the parquet export on refs/convert/parquet they are computed from.
 */
let hub: TestHub;
let cfg: HubConfig;
let ids: Awaited<ReturnType<typeof buildDatasetFixtures>>;

beforeAll(async () => {
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  ids = await buildDatasetFixtures(hub.store);
});
afterAll(() => hub.close());

async function call(path: string, opts: { token?: boolean } = {}) {
  const res = await fetch(`${hub.url}${path}`, { headers: opts.token === false ? {} : { Authorization: `Bearer ${hub.accessToken}` } });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, code: res.headers.get("x-error-code"), type: res.headers.get("content-type"), body };
}
const ok = async (path: string) => {
  const r = await call(path);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Record<string, any>;
};

/** The structure of a JSON value: keys and value types, arrays by their first element. */
function shape(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === "object") {
    const entries: [string, unknown][] = Object.entries(v as object).map(([k, x]) => [k, shape(x)]);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return typeof v;
}

// Documented responses (dataset-viewer docs/source/*.md @ f62009e, abridged to one item per list).
const DOC = {
  isValid: { viewer: true, preview: true, search: true, filter: true, statistics: true },
  splits: { splits: [{ dataset: "ibm/duorc", config: "ParaphraseRC", split: "train" }], pending: [], failed: [] },
  info: {
    dataset_info: {
      description: "",
      citation: "",
      homepage: "",
      license: "",
      features: { plot_id: { dtype: "string", _type: "Value" } },
      builder_name: "parquet",
      dataset_name: "duorc",
      config_name: "SelfRC",
      version: { version_str: "0.0.0", major: 0, minor: 0, patch: 0 },
      splits: { train: { name: "train", num_bytes: 248966361, num_examples: 60721, dataset_name: null } },
      download_size: 21001846,
      dataset_size: 356348071,
    },
    partial: false,
  },
  firstRows: {
    dataset: "stanfordnlp/imdb",
    config: "plain_text",
    split: "train",
    features: [{ feature_idx: 0, name: "text", type: { dtype: "string", _type: "Value" } }],
    rows: [{ row_idx: 0, row: { text: "I rented I AM CURIOUS-YELLOW", label: 0 }, truncated_cells: [] }],
    truncated: true,
  },
  rows: {
    features: [{ feature_idx: 0, name: "text", type: { dtype: "string", _type: "Value" } }],
    rows: [{ row_idx: 234, row: { text: "Well, you know the rest!", label: 0 }, truncated_cells: [] }],
    num_rows_total: 25000,
    num_rows_per_page: 100,
    partial: false,
  },
  imageCell: { src: "https://datasets-server.huggingface.co/cached-assets/uoft-cs/cifar100/--/aadb3af7/--/cifar100/train/0/img/image.jpg", height: 32, width: 32 },
  parquet: {
    parquet_files: [{ dataset: "ibm/duorc", config: "ParaphraseRC", split: "test", url: "https://huggingface.co/datasets/ibm/duorc/resolve/refs%2Fconvert%2Fparquet/ParaphraseRC/test/0000.parquet", filename: "0000.parquet", size: 6136591 }],
    pending: [],
    failed: [],
    partial: false,
  },
  size: {
    size: {
      dataset: { dataset: "ibm/duorc", num_bytes_original_files: 58710973, num_bytes_parquet_files: 58710973, num_bytes_memory: 1060742354, num_rows: 187213 },
      configs: [{ dataset: "ibm/duorc", config: "ParaphraseRC", num_bytes_original_files: 37709127, num_bytes_parquet_files: 37709127, num_bytes_memory: 704394283, num_rows: 100972, num_columns: 7 }],
      splits: [{ dataset: "ibm/duorc", config: "ParaphraseRC", split: "train", num_bytes_parquet_files: 26005668, num_bytes_memory: 494389683, num_rows: 69524, num_columns: 7 }],
    },
    pending: [],
    failed: [],
    partial: false,
  },
};
/** openapi.json SizeResponse: `estimated_num_rows` (integer or null) is required too. */
const withEstimate = <T extends object>(o: T) => ({ ...o, estimated_num_rows: null });

describe("viewer endpoints: documented shapes", () => {
  it("/is-valid", async () => {
    const body = await ok(`/is-valid?dataset=${ids.sst2Csv}`);
    expect(shape(body)).toEqual(shape(DOC.isValid));
    expect(body).toEqual({ viewer: true, preview: true, search: false, filter: false, statistics: false });
  });

  it("/splits lists every config's splits, from the card and the file layout", async () => {
    const body = await ok(`/splits?dataset=${ids.sst2Jsonl}`);
    expect(shape(body)).toEqual(shape(DOC.splits));
    expect(body.splits).toEqual([
      { dataset: ids.sst2Jsonl, config: "default", split: "train" },
      { dataset: ids.sst2Jsonl, config: "default", split: "validation" },
    ]);
  });

  it("/info with a config: DatasetInfo with _type features and exact split sizes", async () => {
    const body = await ok(`/info?dataset=${ids.squadParquet}&config=plain_text`);
    const documented = { ...DOC.info, dataset_info: { ...DOC.info.dataset_info, features: body.dataset_info.features, splits: { validation: DOC.info.dataset_info.splits.train } } };
    expect(shape(body)).toEqual(shape(documented));
    const info = body.dataset_info;
    expect(info.features).toEqual({
      id: { dtype: "string", _type: "Value" },
      title: { dtype: "string", _type: "Value" },
      context: { dtype: "string", _type: "Value" },
      question: { dtype: "string", _type: "Value" },
      answers: { text: { feature: { dtype: "string", _type: "Value" }, _type: "List" }, answer_start: { feature: { dtype: "int32", _type: "Value" }, _type: "List" } },
    });
    expect(info.splits.validation).toMatchObject({ name: "validation", num_examples: 810, dataset_name: null });
    expect(info.config_name).toBe("plain_text");
    expect(info.dataset_name).toBe("squad-parquet");
    expect(info.dataset_size).toBe(info.splits.validation.num_bytes);
  });

  it("/info without a config is keyed by config name; the builder is the original format's", async () => {
    const body = await ok(`/info?dataset=${ids.sst2Csv}`);
    expect(Object.keys(body.dataset_info)).toEqual(["default"]);
    expect(body.dataset_info.default.builder_name).toBe("csv");
    expect(body.dataset_info.default.features).toEqual({ sentence: { dtype: "string", _type: "Value" }, label: { dtype: "int64", _type: "Value" } });
    expect(body.dataset_info.default.splits.validation.num_examples).toBe(872);
    expect(body.failed).toEqual([]);
  });

  it("/first-rows: FeatureItems and RowItems; ClassLabel cells are ids; truncated when the split has more rows", async () => {
    const body = await ok(`/first-rows?dataset=${ids.sst2Tsv}&config=default&split=validation`);
    expect(shape(body)).toEqual(shape(DOC.firstRows));
    expect(body.features).toEqual([
      { feature_idx: 0, name: "text", type: { dtype: "string", _type: "Value" } },
      { feature_idx: 1, name: "label", type: { names: ["negative", "positive"], _type: "ClassLabel" } },
    ]);
    expect(body.rows).toHaveLength(100);
    expect(body.rows[1]).toEqual({ row_idx: 1, row: { text: "unflinchingly bleak and desperate ", label: 0 }, truncated_cells: [] });
    expect(body.truncated).toBe(true);
    const small = await ok(`/first-rows?dataset=${ids.conll}&config=default&split=train`);
    expect(small.truncated).toBe(false);
    expect(small.rows[1].row).toEqual({ words: ["CHICAGO", "AT", "ATLANTA"], ner: [3, 0, 5] });
    expect(small.features[1].type).toEqual({ feature: { names: ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"], _type: "ClassLabel" }, _type: "List" });
  });

  it("/first-rows keeps the response under 1 MB like the viewer: drops rows past the budget, then cuts cells of the first 10", async () => {
    const long = (n: number) => "x".repeat(n);
    await put(hub.store, "fixtures/big-cells", [
      { path: "train.csv", content: toCsv(["text"], Array.from({ length: 100 }, () => [long(20_000)])) },
      { path: "test.csv", content: toCsv(["text"], Array.from({ length: 12 }, () => [long(150_000)])) },
    ]);
    const dropped = await ok(`/first-rows?dataset=fixtures/big-cells&config=default&split=train`);
    expect(dropped.rows.length).toBeGreaterThanOrEqual(10);
    expect(dropped.rows.length).toBeLessThan(50);
    expect(dropped.truncated).toBe(true);
    const cut = await ok(`/first-rows?dataset=fixtures/big-cells&config=default&split=test`);
    expect(cut.rows).toHaveLength(10);
    expect(cut.rows[9].truncated_cells).toEqual(["text"]);
    expect(cut.rows[9].row.text).toBe(`"${long(99)}`);
    expect(cut.rows[0].truncated_cells).toEqual([]);
    expect(cut.truncated).toBe(true);
  });

  it("/rows: a page of the parquet export, with the total", async () => {
    const body = await ok(`/rows?dataset=${ids.squadJsonl}&config=default&split=validation&offset=805&length=10`);
    expect(shape({ ...body, rows: [] })).toEqual(shape({ ...DOC.rows, rows: [] }));
    expect(shape(body.rows[0])).toMatchObject({ row_idx: "number", truncated_cells: [] });
    expect(body.num_rows_total).toBe(810);
    expect(body.num_rows_per_page).toBe(100);
    expect(body.rows.map((r: { row_idx: number }) => r.row_idx)).toEqual([805, 806, 807, 808, 809]);
    expect(body.rows[4].row).toEqual(squadRows()[809]);
    const empty = await ok(`/rows?dataset=${ids.squadJsonl}&config=default&split=validation&offset=900`);
    expect(empty.rows).toEqual([]);
  });

  it("images are {src, height, width} cells whose src the local hub serves", async () => {
    const body = await ok(`/rows?dataset=${ids.coco}&config=default&split=train&offset=0&length=2`);
    const cell = body.rows[1].row.image;
    expect(shape(cell)).toEqual(shape(DOC.imageCell));
    expect(cell).toMatchObject({ height: 480, width: 640 });
    expect(cell.src).toMatch(new RegExp(`^${hub.url}/cached-assets/${ids.coco}/--/[0-9a-f]{40}/--/default/train/1/image/image\\.png$`));
    expect(body.rows[1].row.label).toBe(1);
    const img = await fetch(cell.src);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(cocoImage());
    const first = await ok(`/first-rows?dataset=${ids.coco}&config=default&split=train`);
    expect(first.rows[0].row.image.src).toContain("/assets/");
  });

  it("/parquet lists the export's files (with features for one config); /size sums them", async () => {
    const all = await ok(`/parquet?dataset=${ids.sst2Csv}`);
    expect(shape(all)).toEqual(shape(DOC.parquet));
    expect(all.parquet_files.map((f: { split: string; filename: string }) => [f.split, f.filename])).toEqual([["train", "0000.parquet"], ["validation", "0000.parquet"]]);
    expect(all.parquet_files[1].url).toBe(`${hub.url}/datasets/${ids.sst2Csv}/resolve/refs%2Fconvert%2Fparquet/default/validation/0000.parquet`);
    const one = await ok(`/parquet?dataset=${ids.sst2Csv}&config=default`);
    expect(one.features).toEqual({ sentence: { dtype: "string", _type: "Value" }, label: { dtype: "int64", _type: "Value" } });

    const size = await ok(`/size?dataset=${ids.sst2Csv}`);
    expect(shape(size)).toEqual(shape({ ...DOC.size, size: { dataset: withEstimate(DOC.size.size.dataset), configs: [withEstimate(DOC.size.size.configs[0])], splits: [withEstimate(DOC.size.size.splits[0])] } }));
    expect(size.size.dataset.num_rows).toBe(972);
    expect(size.size.splits.map((s: { num_rows: number; num_columns: number }) => [s.num_rows, s.num_columns])).toEqual([[100, 2], [872, 2]]);
    expect(size.size.dataset.num_bytes_parquet_files).toBe(all.parquet_files.reduce((n: number, f: { size: number }) => n + f.size, 0));
    const configSize = await ok(`/size?dataset=${ids.sst2Csv}&config=default`);
    expect(Object.keys(configSize)).toEqual(["size", "partial"]);
    expect(Object.keys(configSize.size)).toEqual(["config", "splits"]);
  });
});

describe("viewer errors: {error} + X-Error-Code", () => {
  it("422 for missing or invalid parameters, as libapi words them", async () => {
    const base = `/rows?dataset=${ids.sst2Csv}&config=default&split=train`;
    const cases: [string, string, string][] = [
      ["/splits", "MissingRequiredParameter", "Parameter 'dataset' is required"],
      [`/rows?dataset=${ids.sst2Csv}&config=default`, "MissingRequiredParameter", "Parameter 'split' is required"],
      [`/first-rows?dataset=${ids.sst2Csv}&split=train`, "MissingRequiredParameter", "Parameters 'dataset', 'config' and 'split' are required"],
      [`${base}&length=101`, "InvalidParameter", "Parameter 'length' must not be greater than 100"],
      [`${base}&length=-1`, "InvalidParameter", "Parameter 'length' must be positive"],
      [`${base}&length=1.5`, "InvalidParameter", "Parameter 'length' must be integer"],
      [`${base}&offset=-3`, "InvalidParameter", "Parameter 'offset' must be positive"],
      [`${base}&offset=abc`, "InvalidParameter", "Parameter 'offset' must be integer"],
    ];
    for (const [path, code, error] of cases) {
      const r = await call(path);
      expect([r.status, r.code, r.body], path).toEqual([422, code, { error }]);
      expect(r.type).toContain("application/json");
    }
    expect((await call(`${base}&length=0`)).status).toBe(200);
  });

  it("404 ResponseNotFound for a config or split that does not exist, naming what does", async () => {
    const config = await call(`/info?dataset=${ids.squadParquet}&config=default`);
    expect([config.status, config.code]).toEqual([404, "ResponseNotFound"]);
    expect(config.body.error).toBe('Not found: dataset fixtures/squad-parquet has no config "default" (available: plain_text).');
    const split = await call(`/first-rows?dataset=${ids.sst2Csv}&config=default&split=test`);
    expect([split.status, split.code]).toEqual([404, "ResponseNotFound"]);
    expect(split.body.error).toBe('Not found: config "default" of dataset fixtures/sst2-csv has no split "test" (available: train, validation).');
  });

  it("a missing or private dataset: 401 without a token, 404 with one; a private one is readable with a token", async () => {
    const anon = await call(`/splits?dataset=nobody/nothing`, { token: false });
    expect([anon.status, anon.code]).toEqual([401, "ExternalUnauthenticatedError"]);
    expect(anon.body.error).toBe("The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication.");
    const authed = await call(`/splits?dataset=nobody/nothing`);
    expect([authed.status, authed.code]).toEqual([404, "ExternalAuthenticatedError"]);
    const priv = await call(`/rows?dataset=${ids.privateCsv}&config=default&split=train`, { token: false });
    expect([priv.status, priv.code]).toEqual([401, "ExternalUnauthenticatedError"]);
    expect((await ok(`/rows?dataset=${ids.privateCsv}&config=default&split=train`)).num_rows_total).toBe(3);
  });

  it("500 with the cause when the dataset itself is broken, naming the dataset", async () => {
    const yaml = await call(`/splits?dataset=${ids.malformedCard}`);
    expect([yaml.status, yaml.code]).toEqual([500, "ConfigNamesError"]);
    expect(yaml.body.error).toMatch(/^The dataset card \(README\.md\) of fixtures\/malformed-card has malformed YAML metadata/);
    const corrupt = await call(`/rows?dataset=${ids.corruptParquet}&config=default&split=train`);
    expect([corrupt.status, corrupt.code]).toEqual([500, "DatasetGenerationError"]);
    expect(corrupt.body.error).toContain('Cannot read file "data/train-00000-of-00001.parquet" of dataset fixtures/corrupt-parquet (config "default", split "train") as parquet');
    expect(corrupt.body.cause_exception).toBe("DatasetGenerationError");
    const nothing = await call(`/splits?dataset=${ids.noData}`);
    expect(nothing.body).toMatchObject({ splits: [], failed: [{ dataset: ids.noData, config: "default", error: { error: expect.stringContaining(".txt") } }] });
    expect((await ok(`/is-valid?dataset=${ids.corruptParquet}`)).viewer).toBe(false);
  });
});

describe("parquet export on refs/convert/parquet", () => {
  it("is a branch of {config}/{split}/0000.parquet files carrying the features, readable over HTTP", async () => {
    await ok(`/parquet?dataset=${ids.conll}`);
    const refs = await hub.store.listRefs({ type: "dataset", name: ids.conll });
    expect(refs.converts.map((r) => r.name)).toEqual(["parquet"]);
    const files = await hub.store.listFiles({ type: "dataset", name: ids.conll }, "refs/convert/parquet");
    expect(files.map((f) => f.path).sort()).toEqual([".gitattributes", "default/train/0000.parquet"].sort());
    const file = await asyncBufferFromUrl({ url: `${hub.url}/datasets/${ids.conll}/resolve/refs%2Fconvert%2Fparquet/default/train/0000.parquet` });
    const metadata = await parquetMetadataAsync(file);
    const hf = JSON.parse(metadata.key_value_metadata!.find((k) => k.key === "huggingface")!.value!);
    expect(hf.info.features.ner.feature._type).toBe("ClassLabel");
    const rows = await parquetReadObjects({ file, metadata });
    expect(rows[1]).toEqual({ words: ["CHICAGO", "AT", "ATLANTA"], ner: [3n, 0n, 5n] });
  });

  it("is redone when main moves, and the Hub's /api/datasets/{id}/parquet lists and redirects to it", async () => {
    const name = "fixtures/moving";
    const sst2 = sst2Rows();
    await put(hub.store, name, [{ path: "train.csv", content: toCsv(["sentence", "label"], sst2.slice(0, 10).map((r) => [r.sentence, r.label])) }]);
    expect((await ok(`/rows?dataset=${name}&config=default&split=train&length=1`)).num_rows_total).toBe(10);
    const { oid } = await hub.store.commit({ repo: { type: "dataset", name }, message: "more", files: [
      { path: "train.csv", content: toCsv(["sentence", "label"], sst2.slice(0, 30).map((r) => [r.sentence, r.label])) },
      { path: "README.md", content: card({ dataset_info: { features: [{ name: "sentence", dtype: "string" }, { name: "label", dtype: { class_label: { names: { "0": "negative", "1": "positive" } } } }] } }) },
    ] });
    const rows = await ok(`/rows?dataset=${name}&config=default&split=train&length=1`);
    expect(rows.num_rows_total).toBe(30);
    expect(rows.features[1].type).toEqual({ names: ["negative", "positive"], _type: "ClassLabel" });
    const head = (await hub.store.listRefs({ type: "dataset", name })).converts[0].targetCommit;
    expect((await hub.store.commitInfo({ type: "dataset", name }, head)).message).toContain(`Converted from main@${oid}`);

    const listing = await ok(`/api/datasets/${name}/parquet`);
    expect(listing).toEqual({ default: { train: [`${hub.url}/api/datasets/${name}/parquet/default/train/0.parquet`] } });
    expect(await ok(`/api/datasets/${name}/parquet/default`)).toEqual({ train: listing.default.train });
    const redirect = await fetch(listing.default.train[0], { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe(`${hub.url}/datasets/${name}/resolve/refs%2Fconvert%2Fparquet/default/train/0000.parquet`);
  });
});

describe("viewer client and getDatasetOptions", () => {
  it("the client reads the local hub's viewer and reports its errors with status and code", async () => {
    const client = createViewerClient({ baseUrl: hub.url, accessToken: hub.accessToken });
    expect((await client.splits(ids.conll)).splits).toEqual([{ dataset: ids.conll, config: "default", split: "train" }]);
    expect((await client.rows(ids.conll, "default", "train", { offset: 9, length: 5 })).rows.map((r) => r.row_idx)).toEqual([9]);
    const err = await client.info(ids.conll, "nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ViewerApiError);
    expect(err).toMatchObject({ status: 404, code: "ResponseNotFound", viewerHasNothing: true });
    const down = await createViewerClient({ baseUrl: "http://127.0.0.1:9" }).isValid(ids.conll).catch((e: unknown) => e);
    expect(down).toMatchObject({ status: null, viewerHasNothing: true });
  });

  it("uses the viewer first and falls back to the repo when the viewer is unreachable, with the same answer", async () => {
    const viaViewer = await getDatasetOptions({ hub: cfg, dataset: ids.squadParquet, viewerUrl: hub.url });
    expect(viaViewer.source).toBe("viewer");
    const viaRepo = await getDatasetOptions({ hub: cfg, dataset: ids.squadParquet, viewerUrl: "http://127.0.0.1:9" });
    expect(viaRepo.source).toBe("repo");
    expect(viaRepo.viewerError).toMatch(/unreachable/);
    for (const o of [viaViewer, viaRepo]) {
      expect(o.configs).toEqual([{ name: "plain_text", splits: ["validation"] }]);
      expect(o.numRows).toBe(810);
      expect(o.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
        "id:string",
        "title:string",
        "context:string",
        "question:string",
        "answers:dict(text, answer_start)",
        "answers.text:Sequence(string)",
        "answers.answer_start:Sequence(int32)",
      ]);
    }
  });

  it("falls back to the repo when the viewer fails on the dataset, which then names the dataset", async () => {
    const options = await getDatasetOptions({ hub: cfg, dataset: ids.sst2Tsv, viewerUrl: hub.url });
    expect(options.source).toBe("viewer");
    expect(options.columns.find((c) => c.name === "label")).toEqual({ name: "label", type: "ClassLabel(negative, positive)", kind: "class_label" });
    const err = await getDatasetOptions({ hub: cfg, dataset: ids.malformedCard, viewerUrl: hub.url }).catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/^The dataset card \(README\.md\) of fixtures\/malformed-card has malformed YAML metadata/);
  });

  it("defaults to the hub's own URL as the viewer when the hub is not huggingface.co", async () => {
    expect((await getDatasetOptions({ hub: cfg, dataset: ids.coco })).source).toBe("viewer");
    expect((await getDatasetOptions({ hub: cfg, dataset: ids.coco, viewerUrl: null })).source).toBe("repo");
  });
});
