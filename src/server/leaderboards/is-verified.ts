import { deploymentSigningKey, verifyResultToken, type SigningKey } from "@/server/verify";

/** What a verification check may look at: one stored result of one evaluation. */
export interface VerifiableResult {
  metric: string;
  value: number;
  verifyToken: string | null;
  evaluation: { model: string; modelSha: string; datasetSha: string; config: string; split: string };
}

/**
 * Whether a result counts as verified on the leaderboard: its verifyToken carries this deployment's
 * signature over exactly this result (model and dataset shas, config, split, metric, value), so a
 * value edited in the database, or a token copied from another result, is not verified.
 */
export async function isVerified(result: VerifiableResult, key: SigningKey = deploymentSigningKey()): Promise<boolean> {
  if (!result.verifyToken) return false;
  const { modelSha, datasetSha, config, split } = result.evaluation;
  return verifyResultToken(key, result.verifyToken, { modelSha, datasetSha, config, split, metric: result.metric, value: result.value }).valid;
}
