import { RecordTable } from "../record-table";
import { textCell } from "./cells";
import { remoteRunnerFor } from "./remote";
import type { Executor, ExecutorOptions } from "./types";

/**
 * Summarization and translation through a remote endpoint (EvalHub has no local seq2seq runner):
 * the generation parameters are sent with every request and recorded in the manifest.
 */
export async function generationExecutor(opts: ExecutorOptions): Promise<Executor<string, string>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const sourceColumn = prepared.task === "translation" ? cols.source : cols.text;
  const table = new RecordTable<string, string>(prepared.task);
  const p = prepared.parameters as { max_new_tokens: number; num_beams: number; src_lang?: string; tgt_lang?: string };
  const generate_parameters = { max_new_tokens: p.max_new_tokens, num_beams: p.num_beams };
  const remote = remoteRunnerFor(opts);
  const generate =
    prepared.task === "translation"
      ? (texts: string[]) => remote.translation(texts, { generate_parameters, ...(p.src_lang ? { src_lang: p.src_lang } : {}), ...(p.tgt_lang ? { tgt_lang: p.tgt_lang } : {}) })
      : (texts: string[]) => remote.summarization(texts, { generate_parameters });
  return {
    columns: [...new Set([sourceColumn, cols.target])],
    read(row) {
      const source = textCell(row[sourceColumn], prepared.task === "translation" ? "source" : "text");
      if (!source.ok) return { column: sourceColumn, reason: source.reason };
      const target = textCell(row[cols.target], "reference");
      if (!target.ok) return { column: cols.target, reason: target.reason };
      return { input: source.value, reference: target.value };
    },
    async run(batch) {
      const out = await generate(batch.map((e) => e.input));
      batch.forEach((e, i) => table.push(e.row, out[i], e.reference));
      return [];
    },
    predictions: table,
    info: () => ({ ...remote.runner, generationParameters: { ...generate_parameters, ...(p.src_lang ? { src_lang: p.src_lang } : {}), ...(p.tgt_lang ? { tgt_lang: p.tgt_lang } : {}) } }),
    dispose: () => remote.dispose(),
  };
}
