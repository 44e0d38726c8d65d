import "server-only";
import { readEnv } from "@/env";
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
