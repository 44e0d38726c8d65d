import { describe, expect, it } from "vitest";
import { flattenFeatures, fromTypedFeatures, getPath, parseCardFeatures, toTypedFeatures } from "./features";

// The SQuAD card (`datasets` card YAML) and the CoNLL-2003 one, abridged.
const squadCard = [
  { name: "id", dtype: "string" },
  { name: "context", dtype: "string" },
  { name: "answers", sequence: [{ name: "text", dtype: "string" }, { name: "answer_start", dtype: "int32" }] },
];
const conllCard = [
  { name: "tokens", sequence: "string" },
  { name: "ner_tags", sequence: { class_label: { names: { "0": "O", "1": "B-PER", "2": "I-PER" } } } },
];

describe("features", () => {
  it("reads a sequence of a struct as a dict of lists, like datasets 4", () => {
    const f = parseCardFeatures(squadCard)!;
    expect(f.answers).toEqual({
      kind: "dict",
      fields: { text: { kind: "sequence", feature: { kind: "value", dtype: "string" } }, answer_start: { kind: "sequence", feature: { kind: "value", dtype: "int32" } } },
    });
    expect(toTypedFeatures(f).answers).toEqual({
      text: { feature: { dtype: "string", _type: "Value" }, _type: "List" },
      answer_start: { feature: { dtype: "int32", _type: "Value" }, _type: "List" },
    });
  });
  it("reads ClassLabel tag sequences and writes them in the viewer's _type form", () => {
    const f = parseCardFeatures(conllCard)!;
    expect(toTypedFeatures(f)).toEqual({
      tokens: { feature: { dtype: "string", _type: "Value" }, _type: "List" },
      ner_tags: { feature: { names: ["O", "B-PER", "I-PER"], _type: "ClassLabel" }, _type: "List" },
    });
  });
  it("round-trips the _type form, including the legacy Sequence of a dict and Translation", () => {
    const typed = {
      label: { names: ["neg", "pos"], _type: "ClassLabel" },
      answers: { feature: { text: { dtype: "string", _type: "Value" }, answer_start: { dtype: "int32", _type: "Value" } }, _type: "Sequence" },
      translation: { languages: ["de", "en"], _type: "Translation" },
      img: { _type: "Image" },
      float: { dtype: "float", _type: "Value" },
    };
    expect(toTypedFeatures(fromTypedFeatures(typed))).toEqual({
      label: { names: ["neg", "pos"], _type: "ClassLabel" },
      answers: { text: { feature: { dtype: "string", _type: "Value" }, _type: "List" }, answer_start: { feature: { dtype: "int32", _type: "Value" }, _type: "List" } },
      translation: { languages: ["de", "en"], _type: "Translation" },
      img: { _type: "Image" },
      float: { dtype: "float32", _type: "Value" },
    });
  });
  it("flattens nested dicts to dotted names and reads them with getPath", () => {
    const flat = flattenFeatures(parseCardFeatures(squadCard)!);
    expect(Object.keys(flat)).toEqual(["id", "context", "answers", "answers.text", "answers.answer_start"]);
    const row = { answers: { text: ["Denver Broncos"], answer_start: [177] } };
    expect(getPath(row, "answers.text")).toEqual(["Denver Broncos"]);
    expect(getPath({ answers: [{ text: "a" }, { text: "b" }] }, "answers.text")).toEqual(["a", "b"]);
    expect(getPath({ "a.b": 1 }, "a.b")).toBe(1);
    expect(getPath({ a: null }, "a.b")).toBeUndefined();
  });
});
