import { describe, expect, it } from "vitest";
import { evalYamlPresets, parseEvalYaml } from "./eval-yaml";

describe("eval.yaml", () => {
  it("reads benchmark tasks with their defaults and field_spec", () => {
    const y = parseEvalYaml(`name: SST-2 benchmark
evaluation_framework: inspect-ai
tasks:
  - id: sst2
    config: default
    split: validation
    field_spec: {input: sentence, target: label}
  - id: mc
    field_spec: {input: question, target: answer, choices: options}
  - id: bare
`);
    expect(y.name).toBe("SST-2 benchmark");
    expect(y.tasks[1]).toMatchObject({ id: "mc", config: "default", split: "test" });
    expect(evalYamlPresets(y)).toEqual([
      { config: "default", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, benchmarkTask: "sst2" },
    ]);
  });
  it("explains malformed files", () => {
    expect(() => parseEvalYaml("tasks: [")).toThrow(/not valid YAML/);
    expect(() => parseEvalYaml("name: x")).toThrow(/no tasks list/);
    expect(() => parseEvalYaml("tasks:\n  - split: test")).toThrow(/tasks\[0\] has no id/);
  });
});
