import { describe, expect, it } from "vitest";
import { ModelCardConflictError, ModelIndexError } from "./errors";
import { mergeModelCard } from "./merge-model-card";
import { buildEvalResult, type EvalResult } from "./model-index";
import { parseCard } from "./parse-card";

const SST2 = { type: "glue", name: "glue", config: "sst2", split: "validation" };
const TASK = { type: "text-classification", name: "Text Classification" };

function verified(value: number, token: string, dataset = SST2): EvalResult {
  return buildEvalResult({
    task: TASK,
    dataset,
    metrics: [{ type: "accuracy", value, name: "Accuracy", verified: true, verifyToken: token }],
  });
}

function modelIndexOf(content: string): unknown {
  return parseCard(content).metadata["model-index"];
}

// Written from memory after distilbert-base-uncased-finetuned-sst-2-english's README (tokens shortened).
const DISTILBERT = `---
language: en
license: apache-2.0
datasets:
- sst2
- glue
model-index:
- name: distilbert-base-uncased-finetuned-sst-2-english
  results:
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      name: glue
      type: glue
      config: sst2
      split: validation
    metrics:
    - type: accuracy
      value: 0.9105504587155964
      name: Accuracy
      verified: true
      verifyToken: eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJoYXNoIjoiN2YyOGMxYjY2Y2JhMjkxNjIzN2FmMjNiNmM2ZWViNGFmZDU1NWY2MzU3ZTgzYjFjNmYxMjE3ZDg2OGQ3NGQ4ZSIsInZlcnNpb24iOjF9.Mg0AUDzY5VdJFhUfSJQUsmq4Ysh6x1Y3lL1Ce3l8W0SZM2i0c0EhVVvU6zMy7b5e8WEU7PqJEqB7QpR8ye1MDw
    - type: precision
      value: 0.8978260869565218
      name: Precision
      verified: true
      verifyToken: eyJhbGciOiJFZERTQSJ9.eyJoYXNoIjoiMjEifQ.precision-token
    - type: f1
      value: 0.9137168141592922
      name: F1
      verified: true
      verifyToken: eyJhbGciOiJFZERTQSJ9.eyJoYXNoIjoiMjIifQ.f1-token
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      name: sst2
      type: sst2
      config: default
      split: train
    metrics:
    - type: accuracy
      value: 0.9885521685548412
      name: Accuracy
      verified: true
      verifyToken: eyJhbGciOiJFZERTQSJ9.eyJoYXNoIjoiMjMifQ.train-token
---

# DistilBERT base uncased finetuned SST-2

## Table of Contents
- [Model Details](#model-details)

---

This model is a fine-tune checkpoint of [DistilBERT-base-uncased](https://huggingface.co/distilbert-base-uncased).
`;

describe("mergeModelCard", () => {
  it("creates a README with only model-index when the repo has none", () => {
    const out = mergeModelCard({ content: null, modelName: "org/model", results: [verified(0.9, "t")] });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 0 });
    const card = parseCard(out.content);
    expect(card.body).toBe("");
    expect(Object.keys(card.metadata)).toEqual(["model-index"]);
    expect(card.metadata["model-index"]).toEqual([{ name: "org/model", results: [verified(0.9, "t")] }]);
    expect(out.content).toMatch(/^---\nmodel-index:\n- name: org\/model\n {2}results:\n {2}- task:\n/);
    expect(out.content.endsWith("\n---\n")).toBe(true);
  });

  it("adds front matter to a card without one and keeps the old text as body verbatim", () => {
    const content = "# My model\n\n---\n\nSome text: with colons\n";
    const out = mergeModelCard({ content, modelName: "m", results: [verified(0.9, "t")] });
    expect(out.content.startsWith("---\nmodel-index:\n")).toBe(true);
    expect(out.content.endsWith(`\n---\n${content}`)).toBe(true);
    expect(parseCard(out.content).body).toBe(content);
  });

  it("keeps CRLF line endings everywhere", () => {
    const content = "---\r\nlicense: mit\r\ntags:\r\n- a\r\n---\r\n# Title\r\n\r\nText\r\n";
    const out = mergeModelCard({ content, modelName: "m", results: [verified(0.9, "t")] });
    expect(out.content.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(out.content.startsWith("---\r\nlicense: mit\r\ntags:\r\n- a\r\nmodel-index:\r\n- name: m\r\n")).toBe(true);
    expect(parseCard(out.content).body).toBe("# Title\r\n\r\nText\r\n");
  });

  it("keeps other keys byte for byte: comments, odd quoting, flow style, order, and the body with --- lines", () => {
    const head = [
      "---",
      "# The license was checked by legal",
      "license: 'apache-2.0'   # keep this spacing",
      'language: ["en", \'fr\']',
      "pipeline_tag: text-classification",
      "widget:",
      '  - text: "I love you: yes"',
      "    example_title: |",
      "      multi",
      "      line",
      "",
    ].join("\n");
    const tail = ["thumbnail: ~", "tags: [ a ,b ]", "---", "# Body", "---", "key: not front matter", "---", ""].join("\n");
    const existing = "model-index: # ours\n- name: m\n  results: []\n";
    const content = `${head}${existing}${tail}`;
    const out = mergeModelCard({ content, modelName: "m", results: [verified(0.9, "t")] });
    expect(out.changed).toBe(true);
    expect(out.content.startsWith(`${head}model-index: # ours\n`)).toBe(true);
    expect(out.content.endsWith(`\n${tail}`)).toBe(true);
    expect(parseCard(out.content).body).toBe("# Body\n---\nkey: not front matter\n---\n");
  });

  it("keeps a self-reported result next to a new verified one for the same task, dataset and metric", () => {
    const selfReported = `---\nmodel-index:\n- name: m\n  results:\n  - task:\n      type: text-classification\n      name: Text Classification\n    dataset:\n      name: glue\n      type: glue\n      config: sst2\n      split: validation\n    metrics:\n    - type: accuracy\n      value: 0.93\n      name: Accuracy\n---\nbody\n`;
    const out = mergeModelCard({ content: selfReported, modelName: "m", results: [verified(0.91, "tok")] });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 0 });
    // Same task and dataset: the verified metric joins the existing results entry.
    expect(modelIndexOf(out.content)).toEqual([
      {
        name: "m",
        results: [
          {
            task: TASK,
            dataset: SST2,
            metrics: [
              { type: "accuracy", value: 0.93, name: "Accuracy" },
              { type: "accuracy", value: 0.91, name: "Accuracy", verified: true, verifyToken: "tok" },
            ],
          },
        ],
      },
    ]);
    expect(out.content.startsWith(selfReported.split("---\nbody")[0]!.replace(/\n$/, ""))).toBe(true);
  });

  it("updates a matching verified result in place with overwrite, and refuses to without", () => {
    const opts = { content: DISTILBERT, modelName: "distilbert-base-uncased-finetuned-sst-2-english", results: [verified(0.9174311926605505, "new.token.sig")] };
    expect(() => mergeModelCard(opts)).toThrowError(ModelCardConflictError);
    // A new token alone (same value) is a change too, as Python's dataclass equality sees it.
    const sameValue = { ...opts, results: [verified(0.9105504587155964, "new.token.sig")] };
    expect(() => mergeModelCard(sameValue)).toThrowError(ModelCardConflictError);
    expect(mergeModelCard({ ...sameValue, overwrite: true })).toMatchObject({ changed: true, added: 0, updated: 1 });
    const out = mergeModelCard({ ...opts, overwrite: true });
    expect(out).toMatchObject({ changed: true, added: 0, updated: 1 });
    const old = DISTILBERT.split("\n");
    const next = out.content.split("\n");
    const changedLines = next.flatMap((line, i) => (line === old[i] ? [] : [[old[i], line]]));
    expect(next).toHaveLength(old.length);
    expect(changedLines).toEqual([
      ["      value: 0.9105504587155964", "      value: 0.9174311926605505"],
      [expect.stringMatching(/^ {6}verifyToken: eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9\./), "      verifyToken: new.token.sig"],
    ]);
  });

  it("appends a new task and dataset as a new results entry and changes nothing else", () => {
    const imdb = { type: "imdb", name: "IMDB", config: "plain_text", split: "test", revision: "e6281661" };
    const out = mergeModelCard({ content: DISTILBERT, modelName: "x", results: [verified(0.88, "imdb.tok", imdb)] });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 0 });
    const insertAt = DISTILBERT.indexOf("---\n\n# DistilBERT");
    expect(out.content.slice(0, insertAt)).toBe(DISTILBERT.slice(0, insertAt));
    // A revision that YAML could read as a float (`e6281661` = 0e6281661) is quoted.
    expect(out.content.slice(insertAt)).toMatch(/^ {2}- task:\n {6}type: text-classification\n[\s\S]* {6}revision: "e6281661"\n/);
    expect(out.content.endsWith(DISTILBERT.slice(insertAt))).toBe(true);
    const index = modelIndexOf(out.content) as { results: EvalResult[] }[];
    expect(index[0]!.results.map((r) => r.dataset.type)).toEqual(["glue", "sst2", "imdb"]);
  });

  it("only adds lines to an existing model-index, whatever its layout, comments and flow entries", () => {
    const content = [
      "---",
      "model-index: # ours",
      "  # indented list under the key, nested lists not",
      "  - name: m",
      "    results:",
      "    - task: {type: t}",
      "      dataset: {type: d, name: D}",
      "      metrics:",
      "      - type: acc",
      "        value: 0.50",
      "      - {type: f1, value: 0.3}",
      "",
      "",
      "tags: [a]",
      "---",
      "body",
      "",
    ].join("\r\n");
    const result = buildEvalResult({
      task: { type: "t" },
      dataset: { type: "d", name: "D" },
      metrics: [{ type: "f1", value: 0.3, verified: true, verifyToken: "f" }],
    });
    const out = mergeModelCard({ content, modelName: "m", results: [result] });
    expect(out).toMatchObject({ added: 1, updated: 0 });
    const before = content.split("\r\n");
    const after = out.content.split("\r\n");
    const insertAt = before.indexOf("      - {type: f1, value: 0.3}") + 1;
    expect(after).toEqual([
      ...before.slice(0, insertAt),
      "      - type: f1",
      "        value: 0.3",
      "        verified: true",
      "        verifyToken: f",
      ...before.slice(insertAt),
    ]);
  });

  it("is idempotent: the same results twice give the same bytes and changed: false", () => {
    const results = [verified(0.95, "a"), verified(0.5, "b", { ...SST2, split: "test" })];
    for (const content of [null, "", "# no front matter\n", DISTILBERT, "---\r\nlicense: mit\r\n---\r\n"]) {
      const first = mergeModelCard({ content, modelName: "m", results, overwrite: true });
      const second = mergeModelCard({ content: first.content, modelName: "m", results });
      expect(second).toEqual({ content: first.content, changed: false, added: 0, updated: 0 });
    }
    const same = mergeModelCard({ content: DISTILBERT, modelName: "m", results: [verified(0.9105504587155964, DISTILBERT.match(/verifyToken: (\S+)/)![1]!)] });
    expect(same).toEqual({ content: DISTILBERT, changed: false, added: 0, updated: 0 });
  });

  it("refuses to change a self-reported value unless overwrite is set", () => {
    const selfReported = buildEvalResult({ task: TASK, dataset: SST2, metrics: [{ type: "accuracy", value: 0.9 }] });
    const content = mergeModelCard({ content: null, modelName: "m", results: [selfReported] }).content;
    const changed = buildEvalResult({ task: TASK, dataset: SST2, metrics: [{ type: "accuracy", value: 0.8 }] });
    expect(() => mergeModelCard({ content, modelName: "m", results: [changed] })).toThrowError(ModelCardConflictError);
    const out = mergeModelCard({ content, modelName: "m", results: [changed], overwrite: true });
    expect(out).toMatchObject({ changed: true, added: 0, updated: 1 });
    expect(out.content).toContain("value: 0.8\n");
  });

  it("follows the card's sequence indentation and groups metrics of one new result", () => {
    const content = "---\ntags:\n  - a\n---\n";
    const result = buildEvalResult({
      task: TASK,
      dataset: SST2,
      metrics: [
        { type: "accuracy", value: 0.9, verified: true, verifyToken: "a" },
        { type: "f1", value: 0.8, verified: true, verifyToken: "b" },
      ],
    });
    const out = mergeModelCard({ content, modelName: "m", results: [result] });
    expect(out.content).toMatch(/^---\ntags:\n {2}- a\nmodel-index:\n {2}- name: m\n {4}results:\n {6}- task:/);
    expect(out.added).toBe(2);
  });

  it("writes values and strings so that PyYAML (YAML 1.1) reads them back unchanged", () => {
    const result = buildEvalResult({
      task: { type: "text-classification", name: "yes" },
      dataset: { type: "glue", name: "on", config: "no", split: "2020-01-01", revision: "123e4567" },
      metrics: [{ type: "loss", value: 1e-7 }, { type: "perplexity", value: 1e21 }],
    });
    const out = mergeModelCard({ content: null, modelName: "y", results: [result] }).content;
    for (const text of ['- name: "y"', 'name: "yes"', 'name: "on"', 'config: "no"', 'split: "2020-01-01"', 'revision: "123e4567"']) {
      expect(out).toContain(text);
    }
    // PyYAML floats need a dot: `1e-7` would be read as a string.
    expect(out).toContain("value: 1.0e-7\n");
    expect(out).toContain("value: 1.0e+21\n");
    expect(modelIndexOf(out)).toEqual([{ name: "y", results: [result] }]);
  });

  it("replaces an empty model-index like huggingface_hub", () => {
    const out = mergeModelCard({ content: "---\nmodel-index: []\nlicense: mit\n---\n", modelName: "m", results: [verified(1, "t")] });
    expect(out.content).toMatch(/^---\nmodel-index:\n- name: m\n[\s\S]*\nlicense: mit\n---\n$/);
  });

  it("handles an empty block, a lone ~ and a comment-only block", () => {
    for (const yaml of ["", "~", "# just a comment"]) {
      const content = `---\n${yaml}\n---\nbody`;
      const out = mergeModelCard({ content, modelName: "m", results: [verified(1, "t")] });
      expect(parseCard(out.content)).toMatchObject({ body: "body", metadata: { "model-index": [{ name: "m" }] } });
      if (yaml.startsWith("#")) expect(out.content.startsWith(`---\n${yaml}\nmodel-index:\n`)).toBe(true);
    }
  });

  it("refuses a model-index that is not a list instead of replacing it", () => {
    const content = "---\nmodel-index:\n  name: m\n---\n";
    expect(() => mergeModelCard({ content, modelName: "m", results: [verified(1, "t")] })).toThrowError(
      /^model-index: /,
    );
  });

  it("reports where an existing model-index is malformed", () => {
    const content = "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: t}\n    metrics: []\n---\n";
    expect(() => mergeModelCard({ content, modelName: "m", results: [verified(1, "t")] })).toThrowError(
      expect.objectContaining({ constructor: ModelIndexError, path: "model-index[0].results[0].dataset" }),
    );
  });

  it("re-emits a flow-style front matter instead of splicing it", () => {
    const out = mergeModelCard({ content: "---\n{license: mit}\n---\nbody", modelName: "m", results: [verified(1, "t")] });
    expect(parseCard(out.content)).toMatchObject({ metadata: { license: "mit" }, body: "body" });
    expect(modelIndexOf(out.content)).toHaveLength(1);
  });

  it("matches verified like Python compares True, False and None: false and absent never merge", () => {
    const absent = buildEvalResult({ task: TASK, dataset: SST2, metrics: [{ type: "accuracy", value: 0.9, name: "Accuracy" }] });
    const content = mergeModelCard({ content: null, modelName: "m", results: [absent] }).content;
    const explicitFalse = buildEvalResult({ task: TASK, dataset: SST2, metrics: [{ type: "accuracy", value: 0.8, name: "Accuracy", verified: false }] });
    // No conflict although the value differs: `verified: false` is another metric than no `verified`.
    const out = mergeModelCard({ content, modelName: "m", results: [explicitFalse] });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 0 });
    expect(out.content.startsWith(content.slice(0, content.lastIndexOf("\n---")))).toBe(true);
  });

  it("keeps a self-reported metric's token on overwrite: only verified metrics take the new one", () => {
    const content = "---\nmodel-index:\n- name: m\n  results:\n  - task:\n      type: text-classification\n      name: Text Classification\n    dataset:\n      type: glue\n      name: glue\n      config: sst2\n      split: validation\n    metrics:\n    - type: accuracy\n      value: 0.9\n      name: Accuracy\n      verifyToken: old\n---\n";
    const next = buildEvalResult({ task: TASK, dataset: SST2, metrics: [{ type: "accuracy", value: 0.8, name: "Accuracy", verifyToken: "new" }] });
    expect(() => mergeModelCard({ content, modelName: "m", results: [next] })).toThrowError(ModelCardConflictError);
    const out = mergeModelCard({ content, modelName: "m", results: [next], overwrite: true });
    expect(out.content).toBe(content.replace("value: 0.9", "value: 0.8"));
  });

  it("keeps existing model-index entries byte for byte: only the changed scalar and the new items are written", () => {
    const head = "---\nmodel-index:\n- name: m\n  results:\n  - task:\n      type: text-classification\n      name: 'Text Classification'\n    dataset:\n      type: glue\n      name: glue\n      config: sst2\n      split: validation\n    metrics:\n    - type: accuracy\n      value: 0.5     # old\n      name: Accuracy\n      verified: true\n      verifyToken: \"old\"\n";
    const tail = "    # after the metrics\nlicense:   mit\n---\nbody\n";
    const results = [
      buildEvalResult({
        task: TASK,
        dataset: SST2,
        metrics: [
          { type: "accuracy", value: 0.75, name: "Accuracy", verified: true, verifyToken: "new" },
          { type: "f1", value: 0.5, name: "F1", verified: true, verifyToken: "f" },
        ],
      }),
    ];
    const out = mergeModelCard({ content: head + tail, modelName: "m", results, overwrite: true });
    expect(out).toMatchObject({ changed: true, added: 1, updated: 1 });
    const expected =
      head.replace("value: 0.5     # old", "value: 0.75     # old").replace('verifyToken: "old"', "verifyToken: new") +
      "    - type: f1\n      value: 0.5\n      name: F1\n      verified: true\n      verifyToken: f\n" +
      tail;
    expect(out.content).toBe(expected);
  });
});
