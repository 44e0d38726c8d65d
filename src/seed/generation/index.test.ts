import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildGenerationDemoRepos, enRoLexicon, GENERATION_MODELS, loadWmtEnRoSplits, loadXsumRows, parseJsonObjects } from ".";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const cardYaml = (readme: string) => parse(readme.split("---\n")[1]!) as Record<string, unknown>;

describe("generation demo content", () => {
  it("parses the fixtures' whitespace-separated pretty-printed JSON objects", () => {
    expect(parseJsonObjects('{"a": "}{"} \n{"b": {"c": "\\""}}\n')).toEqual([{ a: "}{" }, { b: { c: '"' } }]);
    expect(() => parseJsonObjects('{"a": 1} x')).toThrow(/Unexpected "x"/);
    expect(() => parseJsonObjects('{"a": {')).toThrow(/Truncated/);
    expect(loadXsumRows()).toHaveLength(10);
    const { train, test } = loadWmtEnRoSplits();
    expect([train.length, test.length]).toEqual([10, 10]);
    expect(test[0]!.translation.en).toMatch(/^He expressed regret/);
  });

  it("builds byte-identical repos, quickly", async () => {
    const started = performance.now();
    const a = await buildGenerationDemoRepos();
    expect(performance.now() - started).toBeLessThan(2000);
    const b = await buildGenerationDemoRepos();
    const digest = (repos: typeof a) => repos.map((r) => ({ ...r, files: r.files.map((f) => ({ path: f.path, content: Buffer.from(f.content).toString("base64") })) }));
    expect(digest(b)).toEqual(digest(a));
    expect(a.map((r) => `${r.type}:${r.name}`)).toEqual([
      "dataset:evalhub-demo/xsum-sample",
      "dataset:evalhub-demo/wmt16-en-ro",
      "model:evalhub-demo/summarize-lead-sentence",
      "model:evalhub-demo/summarize-first-words",
      "model:evalhub-demo/translate-en-ro-lexicon",
      "model:evalhub-demo/translate-copy",
    ]);
  });

  it("gives every model a card naming its task and dataset, a config and no weights", async () => {
    const repos = await buildGenerationDemoRepos();
    for (const model of GENERATION_MODELS) {
      const repo = repos.find((r) => r.name === model.id)!;
      const paths = repo.files.map((f) => f.path);
      expect(paths.some((p) => p.endsWith(".onnx") || p.startsWith("tokenizer"))).toBe(false);
      const readme = text(repo.files.find((f) => f.path === "README.md")!.content);
      expect(cardYaml(readme)).toMatchObject({ pipeline_tag: model.task, datasets: [model.datasetId] });
      expect(readme).toContain("served by the EvalHub inference stub");
      const config = JSON.parse(text(repo.files.find((f) => f.path === "config.json")!.content));
      expect(config).toMatchObject({ model_type: model.modelType, architectures: [model.architecture] });
    }
    const lexicon = repos.find((r) => r.name === "evalhub-demo/translate-en-ro-lexicon")!.files.find((f) => f.path === "lexicon.json")!;
    expect(JSON.parse(text(lexicon.content))).toEqual(enRoLexicon());
  });

  it("writes dataset cards with features, configs and a train-eval-index preset", async () => {
    const repos = await buildGenerationDemoRepos();
    const card = (name: string) => cardYaml(text(repos.find((r) => r.name === name)!.files.find((f) => f.path === "README.md")!.content));
    expect(card("evalhub-demo/xsum-sample")["train-eval-index"]).toEqual([
      expect.objectContaining({ task: "summarization", task_id: "summarization", splits: { eval_split: "validation" }, col_mapping: { document: "text", summary: "target" } }),
    ]);
    const wmt = card("evalhub-demo/wmt16-en-ro");
    expect(wmt["train-eval-index"]).toEqual([
      expect.objectContaining({
        config: "ro-en",
        task: "translation",
        task_id: "translation",
        splits: { train_split: "train", eval_split: "test" },
        col_mapping: { "translation.en": "source", "translation.ro": "target" },
      }),
    ]);
    expect(wmt.dataset_info).toMatchObject({ config_name: "ro-en", features: [{ name: "translation", dtype: { translation: { languages: ["ro", "en"] } } }] });
  });
});
