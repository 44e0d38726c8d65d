const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * A streaming RFC 4180 parser: quoted fields with `""` escapes, separators and line breaks (LF,
 * CRLF or CR) inside quotes, a leading UTF-8 BOM. Text arrives in chunks of any size; memory holds
 * the record being parsed, never the file. Quotes only open a field at its start (as pandas and
 * Python's csv module do); elsewhere they are literal.
 */
export class CsvParser {
  private field = "";
  private record: string[] = [];
  private inQuotes = false;
  /** The last character closed a quoted field: a `"` next is an escaped quote. */
  private quoteClosed = false;
  private fieldStarted = false;
  private pendingCR = false;
  private first = true;
  /** 1-based line where the current record started (records can span lines). */
  private line = 1;
  private recordLine = 1;

  private readonly sepCode: number;
  private readonly special: RegExp;

  constructor(sep: string = ",") {
    if (sep.length !== 1) throw new Error(`CSV separator must be one character, got ${JSON.stringify(sep)}`);
    this.sepCode = sep.charCodeAt(0);
    this.special = new RegExp(`[${sep.replace(/[\\\]^-]/g, "\\$&")}"\r\n]`, "g");
  }

  /** Feeds text; returns the records completed by it, each with the line it started on. */
  push(text: string): { fields: string[]; line: number }[] {
    const out: { fields: string[]; line: number }[] = [];
    let i = 0;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.pendingCR) {
        this.pendingCR = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        // Copy everything up to the next quote in one go (separators and line breaks included).
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        if (end > i) {
          const run = text.slice(i, end);
          this.field += run;
          this.line += countLineBreaks(run);
        }
        if (q === -1) break;
        this.inQuotes = false;
        this.quoteClosed = true;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (this.quoteClosed) {
          // `""` inside a quoted field: one literal quote, and we are back inside the quotes.
          this.field += '"';
          this.inQuotes = true;
          this.quoteClosed = false;
        } else if (!this.fieldStarted) {
          this.inQuotes = true;
          this.fieldStarted = true;
        } else {
          this.field += '"';
        }
        i++;
        continue;
      }
      this.quoteClosed = false;
      if (c === this.sepCode) {
        this.endField();
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        this.endField();
        out.push({ fields: this.record, line: this.recordLine });
        this.record = [];
        this.line++;
        this.recordLine = this.line;
        if (c === CR) this.pendingCR = true;
        i++;
        continue;
      }
      // A run of ordinary characters, up to the next separator, quote or line break.
      this.special.lastIndex = i;
      const m = this.special.exec(text);
      const end = m ? m.index : n;
      this.field += text.slice(i, end);
      this.fieldStarted = true;
      i = end;
    }
    return out;
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): { fields: string[]; line: number }[] {
    if (!this.fieldStarted && this.record.length === 0 && this.field === "") return [];
    this.endField();
    const rec = { fields: this.record, line: this.recordLine };
    this.record = [];
    return [rec];
  }

  /** True when the input ended inside a quoted field (an unterminated quote). */
  get unterminatedQuote(): boolean {
    return this.inQuotes;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.fieldStarted = false;
    this.quoteClosed = false;
  }
}

/** Records of a byte stream, decoded as UTF-8 across chunk boundaries. Blank lines are skipped (pandas does too). */
export async function* parseCsvStream(
  chunks: AsyncIterable<Uint8Array>,
  sep: string,
): AsyncGenerator<{ fields: string[]; line: number }> {
  const decoder = new TextDecoder("utf-8");
  const parser = new CsvParser(sep);
  const keep = (r: { fields: string[] }) => !(r.fields.length === 1 && r.fields[0] === "");
  for await (const chunk of chunks) {
    for (const r of parser.push(decoder.decode(chunk, { stream: true }))) if (keep(r)) yield r;
  }
  for (const r of parser.push(decoder.decode())) if (keep(r)) yield r;
  for (const r of parser.end()) if (keep(r)) yield r;
  if (parser.unterminatedQuote) throw new Error("the file ends inside a quoted field (unterminated quote)");
}
