import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson, route } from "@/server/http/route";
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

/** POST /api/metrics/{id}: the same computation as `evalhub metric`, on JSON arrays. */
export const POST = route(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const body = Body.parse(await readJson(req));
  const ci = body.ci === true ? {} : body.ci || null;
  return NextResponse.json({ result: runMetric({ id, predictions: body.predictions, references: body.references, args: body.args, ci, compare: body.compare ?? null }) });
});
