import { createTransport } from "nodemailer";
import type { EmailContent } from "./compose-messages";
import type { SmtpSettings } from "./types";

export interface SendEmailOptions {
  smtp: SmtpSettings;
  to: string;
  content: EmailContent;
  timeoutMs?: number;
}

/** Sends one message; errors come back redacted (the SMTP URL may hold a user and password). */
export async function sendEmail(opts: SendEmailOptions): Promise<{ messageId: string }> {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = createTransport({ url: opts.smtp.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, logger: false });
  try {
    const info = await transport.sendMail({ from: opts.smtp.from, to: opts.to, ...opts.content });
    return { messageId: info.messageId };
  } catch (err) {
    throw new Error(redactSmtp((err as Error).message, opts.smtp.url));
  } finally {
    transport.close();
  }
}

/** Removes the SMTP URL and its credentials from a message. */
export function redactSmtp(message: string, smtpUrl: string): string {
  const secrets = [smtpUrl];
  try {
    const u = new URL(smtpUrl);
    if (u.password) secrets.push(u.password, decodeURIComponent(u.password));
    if (u.username) secrets.push(u.username, decodeURIComponent(u.username));
  } catch {
    // not a URL: only the whole string is a secret
  }
  let out = message;
  for (const s of secrets.filter((v) => v.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(s).join("[redacted]");
  return out;
}

/** "a***@example.com": enough for the requester to recognise, nothing for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}
