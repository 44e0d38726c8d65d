import { loadQuestionAnswerer } from "@/server/inference/question-answerer";
import { RecordTable } from "../record-table";
import { intListCell, stringListCell, textCell } from "./cells";
import { remoteRunnerFor } from "./remote";
import type { Executor, ExecutorOptions } from "./types";

type Input = { question: string; context: string };
/**
 * `prediction_text` is the SQuAD v2 answer ("" when the null answer wins), `span_text` the best span
 * regardless (what SQuAD v1.1 scores, as `evaluate`'s QA evaluator does for v1).
 */
export type QaPredictionRecord = { id: string; prediction_text: string; span_text: string; no_answer_probability: number };
export type QaReferenceRecord = { id: string; answers: { text: string[]; answer_start: number[] } };

/**
 * Extractive QA: one answer per question, stored as the SQuAD scripts take them (ids are row
 * numbers). A local model's v2 answer is "" when its null answer beats every span; its best span
 * and null-answer probability are kept too, so one run scores both squad and squad_v2. A remote
 * endpoint is asked with handle_impossible_answer, so its "" counts as no answer for both.
 */
export async function questionAnsweringExecutor(opts: ExecutorOptions): Promise<Executor<Input, QaReferenceRecord>> {
  const { prepared } = opts;
  const cols = prepared.dataset.columns;
  const table = new RecordTable<QaPredictionRecord, QaReferenceRecord>(prepared.task);
  const maxAnswerTokens = Number(prepared.parameters.max_answer_len ?? 15);
  const docStride = Number(prepared.parameters.doc_stride ?? 128);
  let answer: (items: Input[]) => Promise<{ text: string; span: string; noAnswer: number }[]>;
  let info: () => Record<string, unknown>;
  let dispose: () => Promise<void>;
  let multiWindow = 0;
  if (prepared.runner.name === "remote") {
    const remote = remoteRunnerFor(opts);
    answer = async (items) =>
      (await remote.questionAnswering(items, { max_answer_len: maxAnswerTokens, doc_stride: docStride, handle_impossible_answer: true })).map((a) => ({
        text: a.answer,
        span: a.answer,
        noAnswer: a.answer === "" ? 1 : 0,
      }));
    info = () => ({ ...remote.runner, maxAnswerTokens, docStride });
    dispose = () => remote.dispose();
  } else {
    const local = await loadQuestionAnswerer({ hub: opts.hub, model: prepared.model, revision: prepared.modelSha, cacheDir: opts.cacheDir, threads: opts.threads });
    answer = async (items) =>
      (await local.answer(items, { maxAnswerTokens, docStride })).map((p) => {
        if (p.windows > 1) multiWindow++;
        return { text: p.noAnswerScore > p.score ? "" : p.text, span: p.text, noAnswer: p.noAnswerScore };
      });
    info = () => ({ ...local.runner, maxAnswerTokens, docStride, contextsSplitIntoWindows: multiWindow });
    dispose = () => local.dispose();
  }
  return {
    columns: [...new Set([cols.context, cols.question, cols["answers.text"], cols["answers.answer_start"]])],
    read(row) {
      const context = textCell(row[cols.context], "context");
      if (!context.ok) return { column: cols.context, reason: context.reason };
      const question = textCell(row[cols.question], "question");
      if (!question.ok) return { column: cols.question, reason: question.reason };
      if (!question.value.trim()) return { column: cols.question, reason: "question is empty" };
      const texts = stringListCell(row[cols["answers.text"]], "answers.text", { allowEmpty: true });
      if (!texts.ok) return { column: cols["answers.text"], reason: texts.reason };
      const starts = intListCell(row[cols["answers.answer_start"]], "answers.answer_start");
      if (!starts.ok) return { column: cols["answers.answer_start"], reason: starts.reason };
      if (starts.value.length !== texts.value.length) {
        return { column: cols["answers.answer_start"], reason: `${starts.value.length} answer starts for ${texts.value.length} answer texts` };
      }
      return { input: { question: question.value, context: context.value }, reference: { id: "", answers: { text: texts.value, answer_start: starts.value } } };
    },
    lengthOf: (input) => input.question.length + input.context.length,
    async run(batch) {
      const out = await answer(batch.map((e) => e.input));
      batch.forEach((e, i) => {
        const id = String(e.row);
        table.push(e.row, { id, prediction_text: out[i].text, span_text: out[i].span, no_answer_probability: out[i].noAnswer }, { ...e.reference, id });
      });
      return [];
    },
    predictions: table,
    info,
    dispose,
  };
}
