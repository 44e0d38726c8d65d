import { gunzipSync, gzipSync } from "node:zlib";
import type { Db } from "@/server/db/client";
import type { StoredPrediction } from "./run-inference";

/** Predictions are stored once per evaluation key, gzip-compressed JSON Lines. */
export async function savePredictions(db: Db, evaluationKey: string, predictions: StoredPrediction[]): Promise<void> {
  const data = gzipSync(Buffer.from(predictions.map((p) => JSON.stringify(p)).join("\n")));
  await db.predictionSet.upsert({
    where: { evaluationKey },
    create: { evaluationKey, count: predictions.length, data },
    update: { count: predictions.length, data },
  });
}

export async function loadPredictions(db: Db, evaluationKey: string): Promise<StoredPrediction[] | null> {
  const row = await db.predictionSet.findUnique({ where: { evaluationKey } });
  if (!row) return null;
  const text = gunzipSync(Buffer.from(row.data)).toString("utf8");
  return text ? text.split("\n").map((line) => JSON.parse(line) as StoredPrediction) : [];
}
