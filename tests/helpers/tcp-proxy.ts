import net from "node:net";

/** A TCP forwarder (on 127.0.0.1) to the server of a URL that can be cut, made unresponsive, and restored on the same port. */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  /** Forwards every connection (mode "forward") or accepts and never answers (mode "silent"). */
  async listen(mode: "forward" | "silent"): Promise<void> {
    const server = net.createServer((client) => {
      this.track(client);
      if (mode === "silent") return;
      const upstream = net.connect(Number(this.target.port), this.target.hostname);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("close", close);
      upstream.on("close", close);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** The server gone: open connections die and the port refuses new ones. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.sockets.delete(socket));
  }
}

/** The URL with its scheme's default port written out (the proxy needs a port to forward to). */
export function withDefaultPort(url: string, port: number): URL {
  const u = new URL(url);
  u.port ||= String(port);
  return u;
}

/** The URL pointed at the proxy on 127.0.0.1. */
export function viaProxy(url: string, p: TcpProxy): URL {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(p.port);
  return u;
}

