import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorBody, respond, StubHttpError, type StubBody } from "./respond";
import type { StubFault, StubFaults, StubHandler, StubRequestRecord, StubRouteStats } from "./types";

export interface InferenceStubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Model id ("owner/name") -> what `POST /models/{owner}/{name}` computes. */
  handlers: Record<string, StubHandler>;
  /** When set, only `Authorization: Bearer <one of these>` is accepted; anything else gets 401. */
  tokens?: string[];
}

export interface InferenceStub {
  /** e.g. "http://127.0.0.1:PORT", no trailing slash. */
  url: string;
  /** The dedicated-endpoint URL of a model: `${url}/models/${model}`. */
  endpointUrl(model: string): string;
  /** Every request received, in arrival order (the live array). */
  readonly requests: StubRequestRecord[];
  requestsFor(model: string): StubRequestRecord[];
  /** Counters for one route, or summed over all routes. */
  stats(model?: string): StubRouteStats;
  /** Replaces a route's faults and restarts its fault script. */
  setFaults(model: string, faults: StubFaults | undefined): void;
  /** Clears the request log, counters and fault progress (faults configured stay). */
  reset(): void;
  close(): Promise<void>;
}

interface RouteState {
  handler: StubHandler;
  faults: StubFaults | undefined;
  /** Requests that got past auth since the faults were set: indexes the fault script. */
  served: number;
  stats: StubRouteStats;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

/**
 * A local stand-in for the Inference API / a dedicated Inference Endpoint, for tests and offline
 * demos. Routes: `POST /models/{id}` (what `endpointUrl` points at), `POST /hf-inference/models/{id}`
 * (the router path of provider "hf-inference") and `GET /api/models/{id}` (the provider mapping
 * the client looks up), so provider mode can be exercised by rewriting huggingface.co URLs here.
 */
export async function startInferenceStub(opts: InferenceStubOptions): Promise<InferenceStub> {
  const routes = new Map<string, RouteState>();
  for (const [model, handler] of Object.entries(opts.handlers)) {
    routes.set(model, { handler, faults: handler.faults, served: 0, stats: { requests: 0, inFlight: 0, maxInFlight: 0 } });
  }
  const requests: StubRequestRecord[] = [];
  const waits = new Set<() => void>();
  const tokens = opts.tokens ? new Set(opts.tokens) : null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waits.add(done);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    let gone = false;
    res.once("close", () => {
      if (!res.writableEnded) gone = true;
    });
    const url = new URL(req.url ?? "/", "http://stub");
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const raw = await readBody(req);
    const contentType = req.headers["content-type"] ?? null;
    const record: StubRequestRecord = {
      model: null,
      method: req.method ?? "GET",
      url: req.url ?? "/",
      authorization: req.headers.authorization ?? null,
      contentType,
      userAgent: req.headers["user-agent"] ?? null,
      json: null,
      bytes: raw.length,
      status: 0,
      startedAt,
      endedAt: 0,
    };
    requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.endedAt = Date.now();
      if (gone || res.destroyed) return; // the client gave up (timeout): nothing to answer
      record.status = status;
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };

    let json: unknown;
    if (contentType?.startsWith("application/json") && raw.length > 0) {
      try {
        json = JSON.parse(raw.toString("utf8"));
        record.json = json;
      } catch {
        return send(400, { error: "Body is not valid JSON." });
      }
    }

    const prefix = segments[0] === "hf-inference" ? 1 : 0;
    const isMapping = req.method === "GET" && segments[0] === "api" && segments[1] === "models";
    const isInference = req.method === "POST" && segments[prefix] === "models";
    const model = (isMapping ? segments.slice(2) : segments.slice(prefix + 1)).join("/");
    const route = isMapping || isInference ? routes.get(model) : undefined;
    if (!route) return send(404, { error: `Model ${model || url.pathname} does not exist` }, { "X-Error-Code": "RepoNotFound" });
    record.model = model;

    if (isMapping) {
      const mapping = { "hf-inference": { status: "live", providerId: model, task: route.handler.task } };
      return send(200, { _id: model, id: model, inferenceProviderMapping: mapping });
    }

    route.stats.requests++;
    route.stats.inFlight++;
    route.stats.maxInFlight = Math.max(route.stats.maxInFlight, route.stats.inFlight);
    try {
      if (tokens && !tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) {
        return send(401, errorBody(401, model));
      }
      const fault = faultFor(route.faults, route.served++);
      const delay = fault?.delayMs ?? (fault ? 0 : route.faults?.delayMs ?? 0);
      if (delay > 0) await sleep(delay);
      if (fault?.status) {
        const headers: Record<string, string> = fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {};
        return send(fault.status, fault.body ?? errorBody(fault.status, model), headers);
      }
      const body: StubBody = { raw, contentType, json };
      try {
        return send(200, respond(route.handler, body));
      } catch (err) {
        if (err instanceof StubHttpError) return send(err.status, { error: err.message });
        return send(500, { error: `Handler failed: ${(err as Error).message}` });
      }
    } finally {
      route.stats.inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: (err as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;

  const routeOf = (model: string): RouteState => {
    const route = routes.get(model);
    if (!route) throw new Error(`The inference stub has no route for ${model}.`);
    return route;
  };

  return {
    url,
    endpointUrl: (model) => `${url}/models/${model}`,
    requests,
    requestsFor: (model) => requests.filter((r) => r.model === model && r.method === "POST"),
    stats(model) {
      if (model !== undefined) return { ...routeOf(model).stats };
      const all = [...routes.values()].map((r) => r.stats);
      return {
        requests: all.reduce((s, r) => s + r.requests, 0),
        inFlight: all.reduce((s, r) => s + r.inFlight, 0),
        maxInFlight: Math.max(0, ...all.map((r) => r.maxInFlight)),
      };
    },
    setFaults(model, faults) {
      const route = routeOf(model);
      route.faults = faults;
      route.served = 0;
    },
    reset() {
      requests.length = 0;
      for (const route of routes.values()) {
        route.served = 0;
        route.stats = { requests: 0, inFlight: route.stats.inFlight, maxInFlight: route.stats.inFlight };
      }
    },
    async close() {
      for (const wake of [...waits]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function faultFor(faults: StubFaults | undefined, index: number): StubFault | undefined {
  if (!faults) return undefined;
  const { failFirst, script = [] } = faults;
  const first = failFirst?.count ?? 0;
  if (failFirst && index < first) return failFirst;
  return script[index - first];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("Body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
