import { loadCausalLmScorer, pickClass } from "@/server/inference/causal-lm-scorer";
import { stringListCell, textCell } from "./cells";
import { labelTable } from "./label-table";
import type { Executor, ExecutorOptions } from "./types";

type Input = { prompt: string; classes: string[] };

/**
 * The original tool's zero-shot form: every class is appended to the prompt and scored by the
 * model's summed token log-probabilities (optionally per token); the best class is the prediction.
 */
export async function causalLmChoiceExecutor(opts: ExecutorOptions): Promise<Executor<Input, number>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const table = labelTable(prepared);
  const normalize = prepared.parameters.normalize === "tokens" ? "tokens" : "none";
  const scorer = await loadCausalLmScorer({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
  let truncated = 0;
  return {
    columns: [...new Set([cols.text, cols.classes, cols.target])],
    read(row) {
      const prompt = textCell(row[cols.text], "prompt");
      if (!prompt.ok) return { column: cols.text, reason: prompt.reason };
      const classes = stringListCell(row[cols.classes], "classes");
      if (!classes.ok) return { column: cols.classes, reason: classes.reason };
      const raw = row[cols.target];
      const target = typeof raw === "bigint" ? Number(raw) : raw;
      if (typeof target !== "number" || !Number.isInteger(target)) return { column: cols.target, reason: `target ${JSON.stringify(target)} is not an integer index` };
      if (target < 0 || target >= classes.value.length) return { column: cols.target, reason: `target ${target} is outside 0..${classes.value.length - 1} (the row has ${classes.value.length} classes)` };
      return { input: { prompt: prompt.value, classes: classes.value }, reference: target };
    },
    lengthOf: (input) => input.prompt.length,
    async run(batch) {
      const scores = await scorer.score(batch.map((e) => ({ prompt: e.input.prompt, completions: e.input.classes })));
      batch.forEach((e, i) => {
        if (scores[i].some((s) => s.truncated)) truncated++;
        table.push(e.row, pickClass(scores[i], { normalize }), e.reference, []);
      });
      return [];
    },
    predictions: table,
    info: () => ({ ...scorer.runner, normalize, truncated }),
    dispose: () => scorer.dispose(),
  };
}
