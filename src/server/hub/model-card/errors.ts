/** Why a card or results file could not be read or merged. */
export type ModelCardErrorCode =
  | "CARD_YAML_INVALID"
  | "CARD_YAML_NOT_MAPPING"
  | "MODEL_INDEX_INVALID"
  | "METRIC_VALUE_CONFLICT"
  | "EVAL_RESULTS_INVALID";

/** Base class so callers can catch every model-card error with one `instanceof`. */
export class ModelCardError extends Error {
  readonly code: ModelCardErrorCode;
  constructor(code: ModelCardErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A YAML file (card front matter, `.eval_results` file) is malformed, or the front matter is not a mapping. */
export class CardParseError extends ModelCardError {
  /** 1-based line in the whole README.md, when the YAML parser reported one. */
  readonly line?: number;
  /** 1-based column, when the YAML parser reported one. */
  readonly column?: number;
  constructor(code: ModelCardErrorCode, message: string, pos?: { line: number; column: number }) {
    super(code, message);
    this.line = pos?.line;
    this.column = pos?.column;
  }
}

/** `model-index` (or an `.eval_results` file) does not have the shape the Hub expects. */
export class ModelIndexError extends ModelCardError {
  /** Where the problem is, e.g. `model-index[0].results[1].dataset.name`. */
  readonly path: string;
  constructor(path: string, message: string, code: ModelCardErrorCode = "MODEL_INDEX_INVALID") {
    super(code, `${path}: ${message}`);
    this.path = path;
  }
}

/**
 * A self-reported result already holds a different value for the same metric and `overwrite` was
 * not set (huggingface_hub's `metadata_update` raises a ValueError in that case).
 */
export class ModelCardConflictError extends ModelCardError {
  constructor(message: string) {
    super("METRIC_VALUE_CONFLICT", message);
  }
}
