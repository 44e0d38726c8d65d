import { z } from "zod";

/** A hub repo id, `owner/name` (or a bare canonical name). */
export const RepoIdSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(200)
  .regex(/^[\w.-]+(\/[\w.-]+)?$/, "must look like owner/name");

/**
 * Who to notify, shared by every form and route that takes a submission. Like the repo id rule
 * above, browser-safe (no server registries): client components validate with the routes' rules.
 */
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][\w.-]{0,95}$/, "must be a Hub username")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const EmailSchema = z.string().trim().email("must be an email address").optional().or(z.literal("").transform(() => undefined));
