/**
 * Format and pixel size of an encoded image, read from its header (PNG, JPEG, GIF, WebP, BMP), for
 * the viewer's `{src, height, width}` cells. The real viewer re-encodes images as JPEG (or PNG);
 * the local hub serves the original bytes, so the asset name carries the original format.
 */
export interface ImageInfo {
  ext: "png" | "jpg" | "gif" | "webp" | "bmp" | "bin";
  contentType: string;
  width: number | null;
  height: number | null;
}

export function imageInfo(b: Uint8Array): ImageInfo {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const has = (n: number) => b.length >= n;
  if (has(24) && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    return { ext: "png", contentType: "image/png", width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (has(4) && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      const len = dv.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { ext: "jpg", contentType: "image/jpeg", height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
      }
      i += 2 + len;
    }
    return { ext: "jpg", contentType: "image/jpeg", width: null, height: null };
  }
  if (has(10) && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    return { ext: "gif", contentType: "image/gif", width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
  }
  if (has(30) && String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP") {
    const kind = String.fromCharCode(...b.subarray(12, 16));
    if (kind === "VP8X") return { ext: "webp", contentType: "image/webp", width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
    if (kind === "VP8 ") return { ext: "webp", contentType: "image/webp", width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
    if (kind === "VP8L") {
      const bits = dv.getUint32(21, true);
      return { ext: "webp", contentType: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return { ext: "webp", contentType: "image/webp", width: null, height: null };
  }
  if (has(26) && b[0] === 0x42 && b[1] === 0x4d) {
    return { ext: "bmp", contentType: "image/bmp", width: dv.getInt32(18, true), height: Math.abs(dv.getInt32(22, true)) };
  }
  return { ext: "bin", contentType: "application/octet-stream", width: null, height: null };
}
