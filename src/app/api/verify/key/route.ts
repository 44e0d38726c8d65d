import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { route } from "@/server/http/route";
import { deploymentSigningKey, publicJwk } from "@/server/verify";

export const dynamic = "force-dynamic";

/**
 * GET /api/verify/key: the deployment's public key as an RFC 8037 JWK. The same object also carries
 * `keys: [jwk]`, so the URL doubles as a JWKS for JOSE libraries (they read `keys` and ignore the rest).
 */
export const GET = route(async () => {
  const jwk = publicJwk(deploymentSigningKey(getContext().env));
  return NextResponse.json({ ...jwk, keys: [jwk] }, { headers: { "Cache-Control": "public, max-age=300" } });
});
