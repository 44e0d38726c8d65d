import { gunzipSync, gzipSync } from "node:zlib";
import type { Db } from "@/server/db/client";
import { PredictionTable } from "./prediction-table";

/** Predictions are stored once per evaluation key, as gzip-compressed binary columns. */
export async function savePredictions(db: Db, evaluationKey: string, predictions: PredictionTable): Promise<void> {
  const data = gzipSync(predictions.serialize());
  await db.predictionSet.upsert({
    where: { evaluationKey },
    create: { evaluationKey, count: predictions.length, data },
    update: { count: predictions.length, data },
  });
}

export async function loadPredictions(db: Db, evaluationKey: string): Promise<PredictionTable | null> {
  const row = await db.predictionSet.findUnique({ where: { evaluationKey } });
  if (!row) return null;
  return PredictionTable.deserialize(gunzipSync(Buffer.from(row.data)));
}
