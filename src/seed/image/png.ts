import { inflateSync } from "node:zlib";

/** An 8-bit image, row-major, `channels` interleaved bytes per pixel. */
export interface RawRgb {
  width: number;
  height: number;
  /** 3 (RGB) for everything the seed writes; the decoder also returns 1 (grey) and 4 (RGBA). */
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A zlib stream of "stored" (uncompressed) deflate blocks. Deflate output is not specified, and
 * zlib builds differ (Node 22 ships Chromium's zlib, whose SIMD paths choose other matches), so a
 * compressed stream could change with the Node version; stored blocks cannot. Photo tiles barely
 * compress anyway (about 5% at level 9 for these 16x16 tiles).
 */
export function zlibStored(data: Uint8Array): Uint8Array {
  const MAX_BLOCK = 65535;
  const blocks = Math.max(1, Math.ceil(data.length / MAX_BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78; // CMF: deflate, 32K window
  out[1] = 0x01; // FLG: fastest/no compression, no dictionary; (0x78 << 8 | 0x01) % 31 === 0
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const part = data.subarray(b * MAX_BLOCK, (b + 1) * MAX_BLOCK);
    out[o] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    out[o + 1] = part.length & 0xff;
    out[o + 2] = part.length >>> 8;
    out[o + 3] = ~part.length & 0xff;
    out[o + 4] = (~part.length >>> 8) & 0xff;
    out.set(part, o + 5);
    o += 5 + part.length;
  }
  let a = 1;
  let s = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    s = (s + a) % 65521;
  }
  new DataView(out.buffer).setUint32(o, ((s << 16) | a) >>> 0);
  return out;
}

/**
 * A minimal PNG writer: 8-bit RGB, no interlace, filter 0 on every row, one IDAT of stored deflate
 * blocks, no ancillary chunks (no time stamp, no gamma). The same pixels always give the same
 * bytes, on any Node version, which keeps the demo dataset byte-identical across builds.
 */
export function encodePng(image: RawRgb): Uint8Array {
  const { width, height, channels, data } = image;
  if (channels !== 3) throw new Error(`encodePng writes RGB only, got ${channels} channels`);
  if (data.length !== width * height * 3) throw new Error(`encodePng: expected ${width * height * 3} bytes, got ${data.length}`);
  const stride = width * 3;
  const filtered = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) filtered.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace
  const parts = [SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", zlibStored(filtered)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const CHANNELS: Record<number, 1 | 3 | 4> = { 0: 1, 2: 3, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes the PNGs the seed needs (8-bit grey, RGB or RGBA, not interlaced, no palette) with all
 * five row filters. Anything else throws: the seed's source image is fixed, so a surprise is a bug.
 */
export function decodePng(bytes: Uint8Array): RawRgb {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels: 1 | 3 | 4 = 3;
  const idat: Uint8Array[] = [];
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || !(colour! in CHANNELS) || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = CHANNELS[colour!]!;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!width || !height || idat.length === 0) throw new Error("PNG has no IHDR or no image data");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error("PNG image data is truncated");
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[row + x - channels]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[row - stride + x - channels]! : 0;
      const v = src[x]!;
      switch (filter) {
        case 0: out[row + x] = v; break;
        case 1: out[row + x] = v + a; break;
        case 2: out[row + x] = v + b; break;
        case 3: out[row + x] = v + ((a + b) >> 1); break;
        case 4: out[row + x] = v + paeth(a, b, c); break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
    }
  }
  return { width, height, channels, data: out };
}
