import { generateKeyPairSync, createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyId, loadSigningKey, publicJwk, resultHash, signResult, verifyResultToken, type VerifiableResult } from ".";

const result: VerifiableResult = {
  modelSha: "a".repeat(40),
  datasetSha: "b".repeat(40),
  config: "default",
  split: "validation",
  metric: "accuracy",
  value: 0.7275,
  model: "evalhub-demo/sst2-bow-base",
  dataset: "evalhub-demo/sst2",
};

function freshKey() {
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return loadSigningKey({ pem, file: "/nonexistent/never-read.pem" });
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("verifyToken", () => {
  it("round-trips: a token signed for a result verifies against that result", () => {
    const key = freshKey();
    const token = signResult(key, result, new Date("2026-01-02T03:04:05Z"));
    const out = verifyResultToken(key.publicKey, token, result);
    expect(out).toEqual({
      valid: true,
      payload: {
        iss: "evalhub",
        sub: resultHash(result),
        hash: resultHash(result),
        version: 1,
        iat: 1767323045,
        model: result.model,
        dataset: result.dataset,
      },
    });
    // Also with the SigningKey itself, and without a result (signature only).
    expect(verifyResultToken(key, token).valid).toBe(true);
  });

  it("has Hugging Face's header shape plus the key id", () => {
    const key = freshKey();
    const [header] = signResult(key, result).split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "EdDSA", typ: "JWT", kid: key.kid });
  });

  it("hashes the documented canonical serialisation", () => {
    const text = JSON.stringify(["evalhub-result/1", "a".repeat(40), "b".repeat(40), "default", "validation", "accuracy", "0.7275"]);
    expect(resultHash(result)).toBe(createHash("sha256").update(text).digest("hex"));
    // Shortest round-trip decimal: 0.1 + 0.2 is not 0.3.
    expect(resultHash({ ...result, value: 0.1 + 0.2 })).not.toBe(resultHash({ ...result, value: 0.3 }));
    expect(() => resultHash({ ...result, value: Number.NaN })).toThrow(/finite/);
  });

  it.each([
    ["value", { value: 0.7276 }],
    ["value by one ulp", { value: 0.7275000000000001 }],
    ["model sha", { modelSha: "c".repeat(40) }],
    ["dataset sha", { datasetSha: "c".repeat(40) }],
    ["metric", { metric: "f1" }],
    ["config", { config: "other" }],
    ["split", { split: "test" }],
  ])("fails when the %s differs", (_name, change) => {
    const key = freshKey();
    const token = signResult(key, result);
    const out = verifyResultToken(key.publicKey, token, { ...result, ...change });
    expect(out).toEqual({ valid: false, reason: expect.stringMatching(/different result/) });
  });

  it("fails when the payload or the signature is tampered with", () => {
    const key = freshKey();
    const [h, p, s] = signResult(key, result).split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const forgedHash = resultHash({ ...result, value: 0.99 });
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: forgedHash, hash: forgedHash })).toString("base64url");
    expect(verifyResultToken(key, `${h}.${forged}.${s}`, { ...result, value: 0.99 })).toEqual({ valid: false, reason: expect.stringMatching(/signature/) });
    const sig = Buffer.from(s, "base64url");
    sig[0] = sig[0]! ^ 1;
    expect(verifyResultToken(key, `${h}.${p}.${sig.toString("base64url")}`, result).valid).toBe(false);
    // alg "none" with no signature is refused, as is garbage.
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(verifyResultToken(key, `${none}.${p}.`, result).valid).toBe(false);
    expect(verifyResultToken(key, "not-a-token", result)).toEqual({ valid: false, reason: expect.stringMatching(/compact JWS/) });
  });

  it("fails with another deployment's key", () => {
    const ours = freshKey();
    const theirs = freshKey();
    const token = signResult(theirs, result);
    expect(verifyResultToken(ours.publicKey, token, result)).toEqual({ valid: false, reason: expect.stringMatching(/signature/) });
    expect(verifyResultToken(ours, token, result)).toEqual({ valid: false, reason: expect.stringMatching(/another key/) });
  });
});

describe("public key", () => {
  it("is an RFC 8037 OKP JWK whose kid is the RFC 7638 thumbprint", () => {
    const key = freshKey();
    const jwk = publicJwk(key);
    expect(Object.keys(jwk).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    // x is the raw 32-byte public key, base64url without padding.
    expect(jwk.x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const der = key.publicKey.export({ type: "spki", format: "der" });
    expect(Buffer.from(jwk.x, "base64url").equals(der.subarray(der.length - 32))).toBe(true);
    const thumb = createHash("sha256").update(`{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`).digest("base64url");
    expect(jwk.kid).toBe(thumb);
    expect(keyId(key.publicKey)).toBe(thumb);
    expect(JSON.stringify(jwk)).not.toMatch(/"d"/);
  });
});

describe("loadSigningKey", () => {
  it("generates the key file once with mode 0600 and reuses it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-key-"));
    dirs.push(dir);
    const file = path.join(dir, "nested", "signing-key.pem");
    const first = loadSigningKey({ file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const pem = await readFile(file, "utf8");
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const second = loadSigningKey({ file });
    expect(second.kid).toBe(first.kid);
    expect(await readFile(file, "utf8")).toBe(pem);
    // A token from the first load verifies with the second.
    expect(verifyResultToken(second, signResult(first, result), result).valid).toBe(true);
    // No temporary files are left behind.
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(path.dirname(file))).toEqual(["signing-key.pem"]);
  });

  it("gives two processes starting at once the same key", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-key-"));
    dirs.push(dir);
    const file = path.join(dir, "signing-key.pem");
    const { spawn } = await import("node:child_process");
    const script = `import { loadSigningKey } from ${JSON.stringify(path.resolve(import.meta.dirname, "signing-key.ts"))};
      process.stdout.write(loadSigningKey({ file: ${JSON.stringify(file)} }).kid);`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const kids = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(kids).size).toBe(1);
    expect(loadSigningKey({ file }).kid).toBe(kids[0]);
  });

  it("prefers the PEM from the environment and refuses a non-Ed25519 key without quoting it", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => loadSigningKey({ pem: rsa, file: "/nonexistent" })).toThrow(/SIGNING_KEY is rsa, not Ed25519/);
    let message = "";
    try {
      loadSigningKey({ pem: "-----BEGIN PRIVATE KEY-----\nsecretjunk\n-----END PRIVATE KEY-----", file: "/nonexistent" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not a PKCS#8 PEM/);
    expect(message).not.toMatch(/secretjunk/);
  });
});
