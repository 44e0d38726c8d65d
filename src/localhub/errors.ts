/**
 * Coded errors of the local hub. The HTTP layer turns them into `{error}` JSON bodies with the
 * status and the `X-Error-Code` header the real Hub uses, so clients (`@huggingface/hub`,
 * huggingface_hub, transformers.js) react exactly as they would against huggingface.co.
 */
export type HubErrorCode =
  | "RepoNotFound"
  | "RevisionNotFound"
  | "EntryNotFound"
  | "DiscussionNotFound"
  | "RepoExists"
  | "Conflict"
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "PayloadTooLarge";

const STATUS: Record<HubErrorCode, number> = {
  RepoNotFound: 404,
  RevisionNotFound: 404,
  EntryNotFound: 404,
  DiscussionNotFound: 404,
  RepoExists: 409,
  Conflict: 409,
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  PayloadTooLarge: 413,
};

/** Codes the Hub sends in `X-Error-Code` (the others are ours and stay in the body only). */
const HUB_HEADER_CODES = new Set<HubErrorCode>(["RepoNotFound", "RevisionNotFound", "EntryNotFound"]);

export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly status: number;

  constructor(code: HubErrorCode, message: string, opts?: { status?: number }) {
    super(message);
    this.name = "HubError";
    this.code = code;
    this.status = opts?.status ?? STATUS[code];
  }

  /** Value for the `X-Error-Code` response header, when the Hub has one for this case. */
  get headerCode(): string | undefined {
    return HUB_HEADER_CODES.has(this.code) ? this.code : undefined;
  }
}

export function isHubError(err: unknown, code?: HubErrorCode): err is HubError {
  return err instanceof HubError && (code === undefined || err.code === code);
}

export const badRequest = (message: string) => new HubError("BadRequest", message);
