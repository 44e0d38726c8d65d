import { readEnv, type Env } from "@/env";
import { loadSigningKey, type SigningKey } from "./signing-key";

let cached: { pem: string | undefined; file: string; key: SigningKey } | undefined;

/**
 * This deployment's signing key, from SIGNING_KEY or SIGNING_KEY_FILE (generated there on first
 * use). Loaded once per process; the web app and every worker read the same variables, so they
 * sign and verify with the same key.
 */
export function deploymentSigningKey(env: Pick<Env, "SIGNING_KEY" | "SIGNING_KEY_FILE"> = readEnv()): SigningKey {
  if (cached && cached.pem === env.SIGNING_KEY && cached.file === env.SIGNING_KEY_FILE) return cached.key;
  const key = loadSigningKey({ pem: env.SIGNING_KEY, file: env.SIGNING_KEY_FILE });
  cached = { pem: env.SIGNING_KEY, file: env.SIGNING_KEY_FILE, key };
  return key;
}
