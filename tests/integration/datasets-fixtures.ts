import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { HubStore } from "@/localhub/store";
import { writeParquet } from "@/localhub/viewer/write-parquet";
import { parseCardFeatures } from "@/server/datasets/features";

/**
 * Dataset repos for the datasets-* tests, built from the real data in ../shared/data in the layouts
 * datasets are published in: parquet with card YAML, CSV, TSV, JSON Lines, a folder per split,
 * a single JSON object read with `field`, an imagefolder, plus broken ones for the error cases.
 */
export const SHARED = path.resolve(process.cwd(), "..", "shared", "data");
const read = (p: string) => readFileSync(path.join(SHARED, p));
const text = (p: string) => read(p).toString("utf8");

export interface Sst2Row {
  sentence: string;
  label: number;
}

/** GLUE SST-2 validation (872 rows; the shared copy names the text column `text`). */
export function sst2Rows(): Sst2Row[] {
  const [, ...lines] = text("sst2/dev.tsv").split("\n").filter(Boolean);
  return lines.map((l) => {
    const [sentence, label] = l.split("\t");
    return { sentence, label: Number(label) };
  });
}

export interface SquadRow {
  id: string;
  title: string;
  context: string;
  question: string;
  answers: { text: string[]; answer_start: number[] };
}

/** SQuAD v1.1 tiny-dev flattened as the HF `squad` dataset does (810 rows, file order). */
export function squadRows(): SquadRow[] {
  const doc = JSON.parse(text("squad-v1.1/tiny-dev.json")) as {
    data: { title: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[] }[] }[] }[];
  };
  return doc.data.flatMap((a) =>
    a.paragraphs.flatMap((p) =>
      p.qas.map((q) => ({
        id: q.id,
        title: a.title,
        context: p.context,
        question: q.question,
        answers: { text: q.answers.map((x) => x.text), answer_start: q.answers.map((x) => x.answer_start) },
      })),
    ),
  );
}

/** The CoNLL sample: 10 pretty-printed JSON objects, back to back (not one per line). */
export const conllText = () => text("hf-transformers-samples/conll-sample.jsonl");
export const CONLL_TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

export const WMT_DIR = path.join(SHARED, "wmt21-newstest");
export const hasWmt = () => existsSync(path.join(WMT_DIR, "newstest2021.de-en.src.de"));
/** WMT21 newstest de-en: German sources and reference A (tests only; never committed). */
export function wmtRows(): { translation: { de: string; en: string } }[] {
  const de = readFileSync(path.join(WMT_DIR, "newstest2021.de-en.src.de"), "utf8").split("\n");
  const en = readFileSync(path.join(WMT_DIR, "newstest2021.de-en.ref.A.en"), "utf8").split("\n");
  const n = Math.min(de.length, en.length);
  const rows = [];
  for (let i = 0; i < n; i++) if (de[i] || en[i]) rows.push({ translation: { de: de[i], en: en[i] } });
  return rows;
}

export const cocoImage = () => new Uint8Array(read("hf-transformers-samples/coco-000000039769-cats.png"));

/** RFC 4180 writer (quotes fields holding the separator, quotes or line breaks). */
export function toCsv(header: string[], rows: unknown[][], sep = ","): string {
  const cell = (v: unknown) => {
    const s = String(v ?? "");
    return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(sep)).join("\r\n") + "\r\n";
}

export const card = (yaml: Record<string, unknown>, body = "# Dataset\n") => `---\n${stringify(yaml)}---\n${body}`;

const SST2_FEATURES = [
  { name: "sentence", dtype: "string" },
  { name: "label", dtype: { class_label: { names: { "0": "negative", "1": "positive" } } } },
];
const SQUAD_FEATURES = [
  { name: "id", dtype: "string" },
  { name: "title", dtype: "string" },
  { name: "context", dtype: "string" },
  { name: "question", dtype: "string" },
  { name: "answers", sequence: [{ name: "text", dtype: "string" }, { name: "answer_start", dtype: "int32" }] },
];
const CONLL_FEATURES = [
  { name: "words", sequence: "string" },
  { name: "ner", sequence: { class_label: { names: Object.fromEntries(CONLL_TAGS.map((t, i) => [String(i), t])) } } },
];

async function* batches<T>(rows: T[]): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += 100) yield rows.slice(i, i + 100);
}

type Files = { path: string; content: Uint8Array | string }[];

export async function put(store: HubStore, name: string, files: Files, opts: { private?: boolean } = {}): Promise<string> {
  await store.createRepo({ type: "dataset", name }, { private: opts.private });
  const { oid } = await store.commit({ repo: { type: "dataset", name }, message: "Add data", files });
  return oid;
}

/** Every fixture repo; returns their ids. */
export async function buildDatasetFixtures(store: HubStore) {
  const sst2 = sst2Rows();
  const squad = squadRows();
  const ids = {
    sst2Csv: "fixtures/sst2-csv",
    sst2Tsv: "fixtures/sst2-tsv",
    sst2Jsonl: "fixtures/sst2-jsonl",
    sst2Folders: "fixtures/sst2-folders",
    squadParquet: "fixtures/squad-parquet",
    squadJsonl: "fixtures/squad-jsonl",
    squadV2: "fixtures/squad-v2",
    squadV2NoField: "fixtures/squad-v2-nofield",
    conll: "fixtures/conll",
    coco: "fixtures/coco-imagefolder",
    malformedCard: "fixtures/malformed-card",
    emptySplit: "fixtures/empty-split",
    corruptParquet: "fixtures/corrupt-parquet",
    badCells: "fixtures/bad-cells",
    privateCsv: "fixtures/private-csv",
    noData: "fixtures/no-data",
  };
  const csvRows = (rows: Sst2Row[]) => rows.map((r) => [r.sentence, r.label]);

  // CSV, no card: splits from file names, features inferred (label int64).
  await put(store, ids.sst2Csv, [
    { path: "README.md", content: "# SST-2 as CSV\n" },
    { path: "train.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 100))) },
    { path: "validation.csv", content: toCsv(["sentence", "label"], csvRows(sst2)) },
  ]);
  // The shared TSV as is (`dev` -> validation), with card features: label becomes ClassLabel.
  await put(store, ids.sst2Tsv, [
    { path: "README.md", content: card({ dataset_info: { features: [{ name: "text", dtype: "string" }, SST2_FEATURES[1]] } }) },
    { path: "dev.tsv", content: read("sst2/dev.tsv") },
  ]);
  // JSON Lines with label names as strings; the card's ClassLabel turns them into ids.
  const names = ["negative", "positive"];
  const jsonl = (rows: Sst2Row[]) => rows.map((r) => JSON.stringify({ sentence: r.sentence, label: names[r.label] })).join("\n") + "\n";
  await put(store, ids.sst2Jsonl, [
    { path: "README.md", content: card({ configs: [{ config_name: "default", data_files: [{ split: "train", path: "data/train.jsonl" }, { split: "validation", path: "data/validation.jsonl" }] }], dataset_info: { features: SST2_FEATURES } }) },
    { path: "data/train.jsonl", content: jsonl(sst2.slice(0, 50)) },
    { path: "data/validation.jsonl", content: jsonl(sst2) },
  ]);
  // A folder per split, the validation split in two shards.
  await put(store, ids.sst2Folders, [
    { path: "train/part-0.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 20))) },
    { path: "validation/part-0.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 500))) },
    { path: "validation/part-1.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(500))) },
  ]);
  // SQuAD as push_to_hub writes it: parquet shards and card configs + dataset_info.
  const squadFeatures = parseCardFeatures(SQUAD_FEATURES)!;
  const { bytes: squadParquet } = await writeParquet({ features: squadFeatures, rows: batches(squad as unknown as Record<string, unknown>[]), rowGroupSize: 250 });
  await put(store, ids.squadParquet, [
    {
      path: "README.md",
      content: card({
        configs: [{ config_name: "plain_text", data_files: [{ split: "validation", path: "plain_text/validation-*" }] }],
        dataset_info: { config_name: "plain_text", features: SQUAD_FEATURES, splits: [{ name: "validation", num_examples: squad.length }] },
      }),
    },
    { path: "plain_text/validation-00000-of-00001.parquet", content: squadParquet },
  ]);
  // The same records as JSON Lines without a card: features inferred from the objects.
  await put(store, ids.squadJsonl, [{ path: "validation.jsonl", content: squad.map((r) => JSON.stringify(r)).join("\n") + "\n" }]);
  // SQuAD v2 sample: one object {"version", "data": [...]}, read with `field: data` from the card.
  const v2 = read("hf-transformers-samples/squad-v2-sample.json");
  await put(store, ids.squadV2, [
    { path: "README.md", content: card({ configs: [{ config_name: "default", data_files: { validation: "sample.json" }, field: "data" }] }) },
    { path: "sample.json", content: v2 },
  ]);
  await put(store, ids.squadV2NoField, [{ path: "validation.json", content: v2 }]);
  // CoNLL: pretty-printed objects, tags as strings, ClassLabel tags from the card.
  await put(store, ids.conll, [
    { path: "README.md", content: card({ dataset_info: { features: CONLL_FEATURES } }) },
    { path: "train.jsonl", content: conllText() },
  ]);
  // imagefolder: a folder per split, a folder per class.
  const img = cocoImage();
  await put(store, ids.coco, [
    { path: "train/cats/000000039769.png", content: img },
    { path: "train/remotes/000000039769-copy.png", content: img },
    { path: "test/cats/000000039769.png", content: img },
  ]);
  // Broken ones.
  await put(store, ids.malformedCard, [
    { path: "README.md", content: "---\nconfigs:\n  - config_name: default\n    data_files: [unclosed\n---\n# Broken\n" },
    { path: "train.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 5))) },
  ]);
  await put(store, ids.emptySplit, [
    { path: "train.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 5))) },
    { path: "test.csv", content: "sentence,label\r\n" },
  ]);
  await put(store, ids.corruptParquet, [
    { path: "README.md", content: card({ configs: [{ config_name: "default", data_files: [{ split: "train", path: "data/train-*" }, { split: "test", path: "data/test-*" }] }] }) },
    { path: "data/train-00000-of-00001.parquet", content: "this is not parquet" },
  ]);
  await put(store, ids.badCells, [
    { path: "README.md", content: card({ dataset_info: { features: [{ name: "sentence", dtype: "string" }, { name: "score", dtype: "int32" }, SST2_FEATURES[1]] } }) },
    { path: "train.csv", content: 'sentence,score,label\r\ngood,1,positive\r\nbad,lots,negative\r\n"short row",2\r\nugly,3,neutral\r\n' },
  ]);
  await put(store, ids.privateCsv, [{ path: "train.csv", content: toCsv(["sentence", "label"], csvRows(sst2.slice(0, 3))) }], { private: true });
  await put(store, ids.noData, [{ path: "README.md", content: "# Nothing here\n" }, { path: "notes.txt", content: "no data" }]);
  return ids;
}
