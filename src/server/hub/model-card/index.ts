export { parseCard, REGEX_YAML_BLOCK, type ParsedCard } from "./parse-card";
export {
  buildEvalResult,
  parseModelIndex,
  modelIndexSchema,
  type BuildEvalResultOptions,
  type EvalResult,
  type LenientModelIndex,
  type ModelIndex,
  type ModelIndexDataset,
  type ModelIndexEntry,
  type ModelIndexMetric,
  type ModelIndexSource,
  type ModelIndexTask,
} from "./model-index";
export { mergeModelCard, type MergeModelCardOptions, type MergeModelCardResult } from "./merge-model-card";
export {
  CardParseError,
  ModelCardConflictError,
  ModelCardError,
  ModelIndexError,
  type ModelCardErrorCode,
} from "./errors";
export {
  buildEvalResultsEntry,
  mergeEvalResultsFile,
  type BuildEvalResultsEntryOptions,
  type EvalResultsEntry,
  type MergeEvalResultsFileOptions,
  type MergeEvalResultsFileResult,
} from "./eval-results-file";
