import { isIP } from "node:net";

export interface ClientIpOptions {
  /**
   * How many X-Forwarded-For entries, counted from the right, our own infrastructure appended.
   * 1 (default): the last entry, i.e. the peer that the one reverse proxy in front of `next start`
   * saw (nginx `proxy_add_x_forwarded_for`, Caddy, Traefik append it). Entries further left are
   * whatever the client sent and are never trusted.
   */
  trustedHops?: number;
}

/**
 * The client address a submission is counted against, or null when the request carries none.
 *
 * `next start` fills X-Forwarded-For from the socket only when the request has no such header
 * (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), and route handlers
 * cannot see the socket. So without a proxy the header is the socket address for honest clients
 * but can be forged by others: deploy behind a reverse proxy that appends the peer address.
 */
export function clientIp(headers: Headers, opts: ClientIpOptions = {}): string | null {
  const hops = Math.max(1, opts.trustedHops ?? 1);
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries.at(-Math.min(hops, entries.length));
  if (!entry) return null;
  return normalizeIp(entry);
}

/** `::ffff:127.0.0.1` -> `127.0.0.1`, `[::1]:443` and `1.2.3.4:80` lose the port; anything else as is. */
function normalizeIp(raw: string): string {
  let ip = raw;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  return isIP(ip) ? ip.toLowerCase() : ip.slice(0, 100);
}
