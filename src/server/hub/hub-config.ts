/** Where and as whom we talk to the Hub. The same code serves huggingface.co and the local hub. */
export interface HubConfig {
  hubUrl: string;
  /** Server-side token (hf_...). Never logged, never put in a job payload. */
  accessToken?: string;
  fetch?: typeof fetch;
}

export function repoUrl(hub: HubConfig, type: "model" | "dataset", name: string): string {
  return `${hub.hubUrl.replace(/\/$/, "")}/${type === "dataset" ? "datasets/" : ""}${name}`;
}

export function resolveUrl(hub: HubConfig, type: "model" | "dataset", name: string, revision: string, path: string): string {
  const encodedPath = path.split("/").map(encodeURIComponent).join("/");
  return `${repoUrl(hub, type, name)}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
}

export function authHeaders(hub: HubConfig): Record<string, string> {
  return hub.accessToken ? { Authorization: `Bearer ${hub.accessToken}` } : {};
}
