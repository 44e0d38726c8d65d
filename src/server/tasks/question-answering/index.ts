import { z } from "zod";
import type { TaskDefinition } from "../types";

export const questionAnswering = {
  id: "question-answering",
  name: "Extractive question answering",
  description: "An answer span from a context for each question, scored with the official SQuAD v1.1 or v2.0 script.",
  pipelineTag: "question-answering",
  autoTrainIds: ["extractive_question_answering"],
  fields: [
    { id: "context", label: "Context", description: "The passage that contains the answer.", kind: "text" },
    { id: "question", label: "Question", description: "The question.", kind: "text" },
    { id: "answers.text", label: "Answer texts", description: "The gold answers (answers.text; empty when unanswerable, as in SQuAD v2).", kind: "answer-texts" },
    { id: "answers.answer_start", label: "Answer starts", description: "Character offsets of the gold answers (answers.answer_start).", kind: "answer-starts" },
  ],
  predictionKind: "record",
  defaultMetrics: ["squad"],
  metrics: ["squad", "squad_v2"],
  parametersSchema: z
    .object({
      max_answer_len: z.number().int().min(1).max(512).default(15).describe("Longest answer, in tokens."),
      doc_stride: z.number().int().min(0).max(1024).default(128).describe("Overlap between the windows a long context is split into, in tokens."),
    })
    .strict(),
} satisfies TaskDefinition;
