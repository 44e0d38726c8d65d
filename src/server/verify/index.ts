export { loadSigningKey, publicJwk, keyId, type PublicJwk, type SigningKey } from "./signing-key";
export { resultHash, signResult, verifyResultToken, type ResultTokenPayload, type VerifiableResult, type VerifyOutcome } from "./result-token";
export { deploymentSigningKey } from "./deployment-key";
