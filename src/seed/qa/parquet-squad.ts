import { parquetWriteBuffer } from "hyparquet-writer";
import type { SquadRow } from "./squad";

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>[number];

/** The `huggingface` metadata `datasets` writes for HF `squad` (answers is a Sequence of a dict, i.e. a dict of lists). */
export const SQUAD_HF_FEATURES = {
  info: {
    features: {
      id: { dtype: "string", _type: "Value" },
      title: { dtype: "string", _type: "Value" },
      context: { dtype: "string", _type: "Value" },
      question: { dtype: "string", _type: "Value" },
      answers: {
        feature: { text: { dtype: "string", _type: "Value" }, answer_start: { dtype: "int32", _type: "Value" } },
        _type: "Sequence",
      },
    },
  },
} as const;

const str = (name: string): SchemaElement => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
const list = (name: string, element: SchemaElement): SchemaElement[] => [
  { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { ...element, name: "element" },
];

/** The Arrow schema pyarrow gives HF `squad`: four strings and answers struct<text: list<string>, answer_start: list<int32>>. */
const SCHEMA: SchemaElement[] = [
  { name: "schema", num_children: 5 },
  str("id"),
  str("title"),
  str("context"),
  str("question"),
  { name: "answers", repetition_type: "OPTIONAL", num_children: 2 },
  ...list("text", str("element")),
  ...list("answer_start", { name: "element", type: "INT32", repetition_type: "OPTIONAL" }),
];

/** One split as a parquet file in one row group; `createdBy` pinned so the bytes never depend on the writer's version. */
export function writeSquadParquet(rows: readonly SquadRow[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "id", data: rows.map((r) => r.id) },
      { name: "title", data: rows.map((r) => r.title) },
      { name: "context", data: rows.map((r) => r.context) },
      { name: "question", data: rows.map((r) => r.question) },
      { name: "answers", data: rows.map((r) => ({ text: r.answers.text, answer_start: r.answers.answer_start })) },
    ],
    schema: SCHEMA,
    rowGroupSize: Math.max(rows.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(SQUAD_HF_FEATURES) }],
  });
  return new Uint8Array(buffer);
}

/**
 * `dataset_info.splits[].num_bytes` as `datasets` computes it (Arrow in-memory size): each string
 * column is its UTF-8 bytes plus (n + 1) int32 offsets; each list adds (n + 1) int32 offsets;
 * answer_start is 4 bytes per value. No validity bitmaps (nothing is null).
 */
export function squadArrowNumBytes(rows: readonly SquadRow[]): number {
  const enc = new TextEncoder();
  const n = rows.length;
  const strings = (values: string[]) => values.reduce((s, v) => s + enc.encode(v).length, 0) + (values.length + 1) * 4;
  const answers = rows.flatMap((r) => r.answers.text);
  return (
    strings(rows.map((r) => r.id)) +
    strings(rows.map((r) => r.title)) +
    strings(rows.map((r) => r.context)) +
    strings(rows.map((r) => r.question)) +
    (n + 1) * 4 + strings(answers) +
    (n + 1) * 4 + answers.length * 4
  );
}
