import "server-only";
import { inferenceConfig, readEnv } from "@/env";
import { getDb } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import { getEvaluationQueue } from "@/server/queue";

/** The web app's clients, built once from the environment. Never imported by client components. */
export function getContext() {
  const env = readEnv();
  const hub: HubConfig = { hubUrl: env.HF_ENDPOINT, accessToken: env.HF_TOKEN };
  return {
    env,
    hub,
    db: getDb(env.DATABASE_URL),
    queue: () => getEvaluationQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX }),
  };
}

/** What creating a submission needs from the web app's context (routes that submit share it). */
export function submissionDeps(ctx: ReturnType<typeof getContext>) {
  return {
    db: ctx.db,
    hub: ctx.hub,
    queue: ctx.queue(),
    publicUrl: ctx.env.PUBLIC_URL,
    maxRows: ctx.env.EVAL_MAX_ROWS ?? null,
    inference: inferenceConfig(ctx.env),
  };
}
