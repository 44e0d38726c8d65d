import { gunzipSync, gzipSync } from "node:zlib";
import type { Db } from "@/server/db/client";
import { PredictionTable } from "./prediction-table";
import { RecordTable } from "./record-table";

/** Label tasks store a typed table; structured tasks (tags, answers, text) a record table. */
export type Predictions = PredictionTable | RecordTable;

/** Predictions are stored once per evaluation key, gzip-compressed. */
export async function savePredictions(db: Db, evaluationKey: string, predictions: Predictions): Promise<void> {
  const data = gzipSync(predictions.serialize());
  await db.predictionSet.upsert({
    where: { evaluationKey },
    create: { evaluationKey, count: predictions.length, data },
    update: { count: predictions.length, data },
  });
}

export async function loadPredictions(db: Db, evaluationKey: string): Promise<Predictions | null> {
  const row = await db.predictionSet.findUnique({ where: { evaluationKey } });
  if (!row) return null;
  const buf = gunzipSync(Buffer.from(row.data));
  return RecordTable.isSerialized(buf) ? RecordTable.deserialize(buf) : PredictionTable.deserialize(buf);
}

/** Whether a key's predictions are stored, without reading them. */
export async function hasPredictions(db: Db, evaluationKey: string): Promise<boolean> {
  return (await db.predictionSet.count({ where: { evaluationKey } })) > 0;
}
