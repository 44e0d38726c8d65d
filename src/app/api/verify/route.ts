import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { readJson, route } from "@/server/http/route";
import { deploymentSigningKey } from "@/server/verify";
import { verifyResult } from "@/server/verify/verify-result";

export const dynamic = "force-dynamic";

/** POST /api/verify `{token, result}` or `{token, evaluationId, metric}` -> `{valid, reason?}`. */
export const POST = route(async (req: Request) => {
  const { db, env } = getContext();
  const out = await verifyResult({ db, key: deploymentSigningKey(env), input: await readJson(req) });
  return NextResponse.json(out);
});
