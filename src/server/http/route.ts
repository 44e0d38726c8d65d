import { NextResponse } from "next/server";
import { AppError, toErrorResponse } from "@/server/errors";

/**
 * Wraps a route handler: ZodError -> 422, AppError -> its status (429 with Retry-After when rate
 * limited), PostgreSQL unreachable -> 503 with Retry-After, anything else -> 500 without internals.
 */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      return NextResponse.json(body, { status, headers });
    }
  };
}

/** Reads a JSON body, turning a malformed one into a 400 that says so. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) throw new AppError("BAD_REQUEST", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("BAD_REQUEST", `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
