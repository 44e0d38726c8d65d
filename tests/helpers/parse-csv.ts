/**
 * A strict RFC 4180 reader for tests, written independently of the exporter: quoted fields may hold
 * commas, doubled quotes and line breaks; records end with CRLF. Throws on anything malformed.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) i += 2;
    else if (i < text.length) throw new Error(`expected CRLF at ${i}, found ${JSON.stringify(text[i])}`);
    records.push(record);
    record = [];
  }
  return records;
}

/** Records as objects keyed by the header row; every record must have the header's width. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r, n) => {
    if (r.length !== header.length) throw new Error(`record ${n + 1} has ${r.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}
