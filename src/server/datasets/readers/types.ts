import type { Features } from "../features";

export type Row = Record<string, unknown>;

/** A cell that could not be read as its feature says; the cell is null in the row. */
export interface RowProblem {
  /** Row index within the split (0-based). */
  row: number;
  /** Column (dotted for nested fields), or "(row)" when the whole row is unreadable. */
  column: string;
  reason: string;
}

export interface ReadRowsOptions {
  /** Top-level columns to read (parquet fetches only these); all when absent. */
  columns?: string[];
  /** First row to read (rows before it are skipped, whole row groups for parquet). */
  offset?: number;
  /** Stop after this many rows. */
  limit?: number;
  onInvalid?: (problem: RowProblem) => void;
}

/** Where the features came from, most trusted first. */
export type FeaturesSource = "card" | "parquet-metadata" | "parquet-schema" | "inferred";

/** One split opened by the reader of its format. */
export interface FormatReader {
  numRows: number;
  /** Top-level columns, in order. */
  columns: string[];
  features: Features;
  featuresSource: FeaturesSource;
  /** Rows cast to `features` (restricted to `columns`), in batches; memory holds one batch. */
  rows(opts: ReadRowsOptions): AsyncGenerator<Row[]>;
}

/** Rows per batch for the text formats (parquet yields one row group at a time). */
export const BATCH_ROWS = 1000;
