import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The deployment's Ed25519 key pair; `kid` is the RFC 7638 thumbprint of the public key. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

/** The public key as an RFC 8037 JWK (`OKP` / `Ed25519`), for `GET /api/verify/key`. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

/**
 * The signing key from `pem` (env SIGNING_KEY, PKCS#8) or from `file` (SIGNING_KEY_FILE). With
 * neither, an Ed25519 key is generated once and written to `file` with mode 0600. Two processes
 * starting at once (web and worker) end up with the same key: the file appears atomically
 * (written aside, then hard-linked into place, which fails with EEXIST if another process won)
 * and the loser reads the winner's key.
 *
 * Errors never quote the PEM.
 */
export function loadSigningKey(opts: { pem?: string; file: string }): SigningKey {
  if (opts.pem) return fromPem(opts.pem, "SIGNING_KEY");
  const existing = readKeyFile(opts.file);
  if (existing !== null) return fromPem(existing, opts.file);
  const generated = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return fromPem(writeOnce(opts.file, generated), opts.file);
}

/** RFC 8037 JWK of the public key, `kid` included so verifiers can pick it from a JWKS. */
export function publicJwk(key: SigningKey): PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: rawPublicKey(key.publicKey), kid: key.kid, alg: "EdDSA", use: "sig" };
}

/** RFC 7638 thumbprint: sha256 over the required members in lexicographic order, base64url. */
export function keyId(publicKey: KeyObject): string {
  const members = JSON.stringify({ crv: "Ed25519", kty: "OKP", x: rawPublicKey(publicKey) });
  return createHash("sha256").update(members).digest("base64url");
}

function rawPublicKey(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("The signing key has no Ed25519 public part.");
  return jwk.x;
}

function fromPem(pem: string, origin: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new Error(`The signing key in ${origin} is not a PKCS#8 PEM private key.`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`The signing key in ${origin} is ${privateKey.asymmetricKeyType ?? "not asymmetric"}, not Ed25519.`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: keyId(publicKey) };
}

function readKeyFile(file: string): string | null {
  try {
    const text = readFileSync(file, "utf8");
    // A file truncated to nothing (e.g. by a crash before this scheme existed) is treated as missing.
    return text.trim() ? text : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`Cannot read the signing key file ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}.`);
  }
}

/** Publishes `pem` at `file` unless another process already did; returns the key that is there. */
function writeOnce(file: string, pem: string): string {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const aside = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(aside, pem, { mode: 0o600, flag: "wx" });
  try {
    linkSync(aside, file);
    return pem;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const winner = readKeyFile(file);
    if (winner === null) throw new Error(`The signing key file ${file} exists but is empty.`);
    return winner;
  } finally {
    unlinkSync(aside);
  }
}
