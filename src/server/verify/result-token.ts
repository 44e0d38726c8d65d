import { createHash, sign, verify, type KeyObject } from "node:crypto";
import type { SigningKey } from "./signing-key";

/** What a verifyToken vouches for: one metric value of one model revision on one dataset revision. */
export interface VerifiableResult {
  modelSha: string;
  datasetSha: string;
  config: string;
  split: string;
  metric: string;
  value: number;
  /** Repo ids, carried in the payload for readers; the hash covers the commit shas, not the names. */
  model?: string;
  dataset?: string;
}

/** The claims of an EvalHub verifyToken. */
export interface ResultTokenPayload {
  iss: "evalhub";
  /** `resultHash` of the result, as a standard claim. */
  sub: string;
  /** The same hash under the name Hugging Face's evaluator used (`{"hash": ..., "version": 1}`). */
  hash: string;
  version: 1;
  /** Seconds since the epoch. */
  iat: number;
  model?: string;
  dataset?: string;
}

export type VerifyOutcome = { valid: true; payload: ResultTokenPayload } | { valid: false; reason: string };

const ISSUER = "evalhub";

/**
 * Token shape, compared with Hugging Face's evaluator (decoded from public model cards; its hashed
 * fields and key were never published): the same compact JWS with header `{"alg":"EdDSA","typ":"JWT"}`
 * and a payload holding `hash` (sha256 hex) and `version: 1`, plus what differs:
 * - the header names the key (`kid`, RFC 7638 thumbprint) so keys can be rotated and published as a JWKS;
 * - the payload adds `iss: "evalhub"`, `sub` (the hash again, as the standard claim), `iat`, and the
 *   model and dataset ids for readers;
 * - the hashed content is documented (`resultHash`), so anyone holding the public key and a result
 *   can check the pair without asking us.
 */
export function signResult(key: SigningKey, r: VerifiableResult, now: Date = new Date()): string {
  const hash = resultHash(r);
  const header = { alg: "EdDSA", typ: "JWT", kid: key.kid };
  const payload: ResultTokenPayload = { iss: ISSUER, sub: hash, hash, version: 1, iat: Math.floor(now.getTime() / 1000) };
  if (r.model !== undefined) payload.model = r.model;
  if (r.dataset !== undefined) payload.dataset = r.dataset;
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key.privateKey).toString("base64url")}`;
}

/**
 * Checks a token's signature with `publicKey` and, when `r` is given, that it vouches for exactly
 * that result. Never throws on bad input: a malformed token is `{valid: false, reason}`.
 */
export function verifyResultToken(publicKey: KeyObject | SigningKey, token: string, r?: VerifiableResult): VerifyOutcome {
  const key = "publicKey" in publicKey ? publicKey.publicKey : publicKey;
  const kid = "publicKey" in publicKey ? publicKey.kid : undefined;
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    return { valid: false, reason: "not a compact JWS (three base64url parts)" };
  }
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  if (!header || header.alg !== "EdDSA") return { valid: false, reason: "the token is not signed with EdDSA" };
  if (kid !== undefined && header.kid !== undefined && header.kid !== kid) {
    return { valid: false, reason: "the token was signed with another key" };
  }
  let ok = false;
  try {
    ok = verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"));
  } catch {
    ok = false;
  }
  if (!ok) return { valid: false, reason: "the signature does not match this deployment's key" };
  const payload = decodeJson(p);
  if (!isPayload(payload)) return { valid: false, reason: "the token's payload is not an EvalHub result claim" };
  if (r) {
    let expected: string;
    try {
      expected = resultHash(r);
    } catch (err) {
      return { valid: false, reason: (err as Error).message };
    }
    if (payload.sub !== expected || payload.hash !== expected) {
      return { valid: false, reason: "the token was issued for a different result (model, dataset, config, split, metric or value)" };
    }
  }
  return { valid: true, payload };
}

/**
 * sha256 (hex) of the canonical serialisation of a result: the JSON array
 * `["evalhub-result/1", modelSha, datasetSha, config, split, metric, value]`, with `value` written as
 * its shortest round-trip decimal (ECMAScript Number::toString: `0.7275`, `1e-7`, `100`), so any
 * language can recompute it. Model and dataset ids are left out: the shas pin the exact files.
 */
export function resultHash(r: VerifiableResult): string {
  if (!Number.isFinite(r.value)) throw new Error(`A result value must be a finite number, got ${r.value}.`);
  const canonical = JSON.stringify(["evalhub-result/1", r.modelSha, r.datasetSha, r.config, r.split, r.metric, String(r.value)]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isPayload(v: Record<string, unknown> | null): v is Record<string, unknown> & ResultTokenPayload {
  return (
    v !== null &&
    v.iss === ISSUER &&
    typeof v.sub === "string" &&
    /^[0-9a-f]{64}$/.test(v.sub) &&
    v.hash === v.sub &&
    v.version === 1 &&
    typeof v.iat === "number"
  );
}
