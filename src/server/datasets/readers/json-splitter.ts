/**
 * Splits a JSON byte stream into row values without parsing the whole document, so memory holds
 * one row at a time:
 * - `top`: whitespace-separated top-level values (JSON Lines, also pretty-printed ones), or, when
 *   the document starts with `[`, the elements of that array (a list of records);
 * - `field`: the elements of the list under one key of a single top-level object (the `field=`
 *   option of `datasets`' json loader, e.g. `data` for SQuAD-style files).
 * Structural characters are ASCII, so scanning UTF-8 bytes is safe; a row's bytes are decoded and
 * `JSON.parse`d only when it is complete.
 */
export type JsonRowMode = { kind: "top" } | { kind: "field"; field: string };

export interface JsonRowChunk {
  /** The row's JSON text, or the reason it could not be isolated. */
  text: string;
  /** Byte offset of the row's first byte in the stream. */
  offset: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x7b, 0x5b]);
const CLOSE = new Set([0x7d, 0x5d]);
const COMMA = 0x2c;
const COLON = 0x3a;

export class JsonRowSplitter {
  private stack: number[] = [];
  private inString = false;
  private escape = false;
  private offset = 0;
  private started = false;
  /** Depth of the container whose children are rows (0 = top level), once known. */
  private rowDepth: number | null = null;
  /** Pieces of the row being captured, and where it started. */
  private capture: Uint8Array[] | null = null;
  private captureStart = 0;
  private captureKind: "container" | "string" | "scalar" = "container";
  // `field` mode: key tracking inside the top-level object.
  private expectingKey = false;
  private keyBytes: number[] | null = null;
  private lastKey: string | null = null;
  private afterColon = false;
  private fieldDone = false;
  /** Top-level values seen (to tell one object from JSON Lines). */
  topValues = 0;
  /** Keys of the top-level object when it was a single object (for error messages). */
  topKeys: string[] = [];
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly mode: JsonRowMode = { kind: "top" }) {}

  /** Rows are the top-level values (JSON Lines), not elements of a list. */
  get rowsAreTopLevel(): boolean {
    return this.rowDepth === 0;
  }

  /** Whether the field named in `field` mode was found as a list. */
  get foundField(): boolean {
    return this.rowDepth !== null;
  }

  push(chunk: Uint8Array): JsonRowChunk[] {
    const out: JsonRowChunk[] = [];
    let segStart = 0;
    const flushCapture = (end: number) => {
      if (!this.capture) return;
      this.capture.push(chunk.subarray(segStart, end));
      out.push({ text: this.decodeCapture(), offset: this.captureStart });
      this.capture = null;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      const pos = this.offset + i;
      if (!this.started) {
        if (WS.has(b)) continue;
        // A UTF-8 BOM before the first value.
        if (b === 0xef && pos === 0) {
          i += 2;
          continue;
        }
        this.started = true;
        if (this.mode.kind === "top") this.rowDepth = b === 0x5b ? 1 : 0;
      }
      if (this.inString && !this.escape && !this.keyBytes) {
        // Skip to the next quote or backslash: string bodies are most of the bytes.
        const q = chunk.indexOf(QUOTE, i);
        const bs = q === -1 ? chunk.indexOf(BACKSLASH, i) : chunk.subarray(i, q).indexOf(BACKSLASH);
        const next = bs === -1 ? q : q === -1 ? bs : i + bs;
        if (next === -1) break;
        i = next;
      }
      if (this.inString) {
        const b = chunk[i];
        if (this.keyBytes && !(b === QUOTE && !this.escape)) this.keyBytes.push(b);
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) this.escape = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.lastKey = safeJsonString(this.keyBytes);
            if (this.stack.length === 1) this.topKeys.push(this.lastKey ?? "");
            this.keyBytes = null;
          }
          if (this.capture && this.captureKind === "string" && this.stack.length === this.rowDepth) {
            flushCapture(i + 1);
          }
        }
        continue;
      }
      const depth = this.stack.length;
      // End of a scalar row (number, true, false, null) at a delimiter.
      if (this.capture && this.captureKind === "scalar" && (WS.has(b) || b === COMMA || CLOSE.has(b))) {
        flushCapture(i);
      }
      if (WS.has(b)) continue;
      // A value starting at row depth begins a row.
      const atRowLevel = this.rowDepth !== null && depth === this.rowDepth && !this.fieldDone;
      const startsValue = b !== COMMA && b !== COLON && !CLOSE.has(b);
      if (atRowLevel && startsValue && !this.capture) {
        this.capture = [];
        segStart = i;
        this.captureStart = pos;
        this.captureKind = OPEN.has(b) ? "container" : b === QUOTE ? "string" : "scalar";
        if (depth === 0) this.topValues++;
      } else if (depth === 0 && startsValue) {
        this.topValues++;
      }
      if (b === QUOTE) {
        this.inString = true;
        if (this.mode.kind === "field" && depth === 1 && this.stack[0] === 0x7b && this.expectingKey) {
          this.keyBytes = [];
          this.expectingKey = false;
        }
        continue;
      }
      if (this.mode.kind === "field" && depth === 1 && this.stack[0] === 0x7b) {
        if (b === COMMA) this.expectingKey = true;
        if (b === COLON) this.afterColon = true;
        else if (this.afterColon) {
          this.afterColon = false;
          if (this.lastKey === this.mode.field && b === 0x5b && this.rowDepth === null) this.rowDepth = 2;
        }
      }
      if (OPEN.has(b)) {
        this.stack.push(b);
        if (b === 0x7b && this.stack.length === 1) this.expectingKey = true;
        continue;
      }
      if (CLOSE.has(b)) {
        this.stack.pop();
        const now = this.stack.length;
        if (this.capture && this.captureKind === "container" && now === this.rowDepth) flushCapture(i + 1);
        if (this.mode.kind === "field" && this.rowDepth === 2 && now === 1) this.fieldDone = true;
        continue;
      }
    }
    if (this.capture) this.capture.push(chunk.slice(segStart));
    this.offset += chunk.length;
    return out;
  }

  /** Flushes a trailing scalar row; reports an unfinished document. */
  end(): { rows: JsonRowChunk[]; error?: string } {
    const rows: JsonRowChunk[] = [];
    if (this.capture && this.captureKind === "scalar") {
      rows.push({ text: this.decodeCapture(), offset: this.captureStart });
      this.capture = null;
    }
    if (this.capture || this.stack.length > 0 || this.inString) {
      return { rows, error: `the JSON ends inside a value that started at byte ${this.capture ? this.captureStart : "?"} (truncated or malformed file)` };
    }
    return { rows };
  }

  private decodeCapture(): string {
    const parts = this.capture ?? [];
    if (parts.length === 1) return this.decoder.decode(parts[0]);
    const total = parts.reduce((n, p) => n + p.length, 0);
    const buf = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      buf.set(p, at);
      at += p.length;
    }
    return this.decoder.decode(buf);
  }
}

function safeJsonString(bytes: number[]): string | null {
  try {
    return JSON.parse(`"${new TextDecoder().decode(Uint8Array.from(bytes))}"`) as string;
  } catch {
    return null;
  }
}
