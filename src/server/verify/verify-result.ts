import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { VerifyRequestSchema } from "@/schemas/verify";
import { verifyResultToken, type VerifiableResult } from "./result-token";
import type { SigningKey } from "./signing-key";

export interface VerifyResultOptions {
  db: Db;
  key: SigningKey;
  /** The request body, validated here (ZodError -> 422 naming the field). */
  input: unknown;
}

/**
 * `POST /api/verify`: checks a token against a result given in full, or against the stored result of
 * one of our evaluations. An unknown evaluation or metric is a 404; a token that does not match is a
 * normal answer (`valid: false` with the reason).
 */
export async function verifyResult(opts: VerifyResultOptions): Promise<{ valid: boolean; reason?: string }> {
  const body = VerifyRequestSchema.parse(opts.input);
  const result = body.result ?? (await storedResult(opts.db, body.evaluationId!, body.metric!));
  const out = verifyResultToken(opts.key, body.token, result);
  return out.valid ? { valid: true } : { valid: false, reason: out.reason };
}

async function storedResult(db: Db, evaluationId: string, metric: string): Promise<VerifiableResult> {
  const row = await db.result.findUnique({
    where: { evaluationId_metric: { evaluationId, metric } },
    include: { evaluation: { include: { submission: true } } },
  });
  if (!row) {
    const exists = await db.evaluation.findUnique({ where: { id: evaluationId }, select: { id: true } });
    if (!exists) throw new AppError("NOT_FOUND", `Evaluation ${evaluationId} does not exist.`, { field: "evaluationId" });
    throw new AppError("NOT_FOUND", `Evaluation ${evaluationId} has no ${metric} result.`, { field: "metric" });
  }
  const { evaluation } = row;
  return {
    modelSha: evaluation.modelSha,
    datasetSha: evaluation.datasetSha,
    config: evaluation.submission.config,
    split: evaluation.submission.split,
    metric: row.metric,
    value: row.value,
  };
}
