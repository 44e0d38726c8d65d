import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { readJson, route } from "@/server/http/route";
import { METRIC_IDS, METRICS, isMetricId } from "@/server/metrics";
import { describeMetric, metricSchemas } from "@/server/metrics/describe-metric";
import { readMetricCard } from "@/server/metrics/read-metric-card";
import { CiOptionsSchema, runMetric } from "@/server/metrics/run-metric";

const Body = z
  .object({
    predictions: z.array(z.unknown()).max(1_000_000),
    references: z.array(z.unknown()).max(1_000_000),
    args: z.record(z.string(), z.unknown()).optional(),
    ci: z.union([z.boolean(), CiOptionsSchema]).optional(),
    compare: z.array(z.unknown()).optional(),
  })
  .strict();

/**
 * GET /api/metrics/{id}: the registry entry, its card (markdown: definition, the reference
 * implementation it equals, deliberate differences) and JSON Schemas of one prediction, one
 * reference and the arguments, the formats POST and `evalhub metric` accept.
 */
export const GET = route(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  if (!isMetricId(id)) throw new AppError("NOT_FOUND", `Unknown metric "${id}". Known metrics: ${METRIC_IDS.join(", ")}.`, { field: "id" });
  const m = METRICS[id];
  return NextResponse.json({ ...describeMetric(m), card: await readMetricCard(id), schemas: metricSchemas(m) });
});

/** POST /api/metrics/{id}: the same computation as `evalhub metric`, on JSON arrays. */
export const POST = route(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const body = Body.parse(await readJson(req));
  const ci = body.ci === true ? {} : body.ci || null;
  return NextResponse.json({ result: runMetric({ id, predictions: body.predictions, references: body.references, args: body.args, ci, compare: body.compare ?? null }) });
});
