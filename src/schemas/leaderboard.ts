import { z } from "zod";
import { METRIC_IDS } from "@/server/metrics";
import { TASK_IDS } from "@/server/tasks";

const metricId = z.enum(METRIC_IDS, { message: `must be one of: ${METRIC_IDS.join(", ")}` });

/** An empty value (an untouched form select) means "not chosen". */
const blankless = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** An optional text filter: an empty value (an untouched form field) means "no filter". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * The query of `GET /api/leaderboards/{dataset}` and of the page `/leaderboards/{dataset}`: the page's
 * GET form submits exactly these parameters, so a URL reproduces a view and its export.
 */
export const LeaderboardViewQuerySchema = z.object({
  config: optionalText(200),
  split: optionalText(200),
  task: blankless(z.enum(TASK_IDS, { message: `must be one of: ${TASK_IDS.join(", ")}` })),
  /** The ranking metric: rank, leader, ties and error bars use it. */
  metric: blankless(metricId),
  /** The column rows are ordered by; defaults to `metric`. */
  sort: blankless(metricId),
  /** Defaults to the sort metric's own direction (best first). */
  dir: blankless(z.enum(["asc", "desc"], { message: "must be asc or desc" })),
  /** Only rows whose results are verified (a checkbox sends "on"). */
  verified: blankless(z.enum(["true", "false", "on", "1", "0"], { message: "must be true or false" })).transform((v) => v === "true" || v === "on" || v === "1"),
  /** Self-reported model-card results: shown unless "false" (the page's "hide" checkbox sends "false"). */
  selfReported: blankless(z.enum(["true", "false", "1", "0"], { message: "must be true or false" })).transform((v) => v !== "false" && v !== "0"),
  /** Case-insensitive substring of the model id. */
  search: optionalText(200),
  format: blankless(z.enum(["json", "csv"], { message: "must be json or csv" })),
});

export type LeaderboardViewQuery = z.output<typeof LeaderboardViewQuerySchema>;
