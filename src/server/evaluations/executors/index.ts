import type { TaskId } from "@/server/tasks";
import { causalLmChoiceExecutor } from "./causal-lm-choice";
import { generationExecutor } from "./generation";
import { imageClassificationExecutor } from "./image-classification";
import { questionAnsweringExecutor } from "./question-answering";
import { textClassificationExecutor } from "./text-classification";
import { tokenClassificationExecutor } from "./token-classification";
import type { Executor, ExecutorOptions } from "./types";
import { zeroShotClassificationExecutor } from "./zero-shot-classification";

/** How each task runs a batch: its executor, keyed like the task registry. */
export const EXECUTORS: Record<TaskId, (opts: ExecutorOptions) => Promise<Executor<never, never>>> = {
  "text-classification": textClassificationExecutor as never,
  "token-classification": tokenClassificationExecutor as never,
  "question-answering": questionAnsweringExecutor as never,
  summarization: generationExecutor as never,
  translation: generationExecutor as never,
  "image-classification": imageClassificationExecutor as never,
  "zero-shot-classification": zeroShotClassificationExecutor as never,
  "text-generation": causalLmChoiceExecutor as never,
};

export type { Executor, ExecutorOptions, InvalidRow } from "./types";
