import { inflateSync } from "node:zlib";
import { RawImage } from "@huggingface/transformers";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { COCO_IMAGE_URL, readCocoImage } from "./coco-patches";
import { decodePng, encodePng, zlibStored } from "./png";
import { mulberry32 } from "../sst2";

function noise(width: number, height: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

describe("PNG encoder", () => {
  it("round-trips through sharp: same size, same pixels", async () => {
    const data = noise(16, 9, 1);
    const png = encodePng({ width: 16, height: 9, channels: 3, data });
    const { data: raw, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 16, height: 9, channels: 3, format: "raw" });
    expect(new Uint8Array(raw)).toEqual(data);
  });

  it("round-trips through transformers.js RawImage (what the local runner decodes with)", async () => {
    const data = noise(5, 7, 2);
    const image = await RawImage.fromBlob(new Blob([encodePng({ width: 5, height: 7, channels: 3, data }) as Uint8Array<ArrayBuffer>]));
    expect([image.width, image.height, image.channels]).toEqual([5, 7, 3]);
    expect(new Uint8Array(image.data)).toEqual(data);
  });

  it("round-trips through its own decoder", () => {
    const data = noise(3, 4, 3);
    expect(decodePng(encodePng({ width: 3, height: 4, channels: 3, data }))).toEqual({ width: 3, height: 4, channels: 3, data });
  });

  it("stored deflate blocks are a valid zlib stream, also past one 64 KiB block", () => {
    const big = noise(200, 120, 4); // 72,000 bytes: two stored blocks
    // Buffer.equals, not toEqual: deep-equality on 72,000 elements takes seconds.
    expect(inflateSync(zlibStored(big)).equals(big)).toBe(true);
    expect(new Uint8Array(inflateSync(zlibStored(new Uint8Array(0))))).toEqual(new Uint8Array(0));
  });

  it("rejects what it cannot write", () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 4, data: new Uint8Array(16) })).toThrow(/RGB only/);
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(/expected 12 bytes/);
  });
});

describe("PNG decoder", () => {
  it("decodes the COCO image to the same pixels as sharp (all five row filters)", async () => {
    const mine = readCocoImage();
    const { data, info } = await sharp(COCO_IMAGE_URL.pathname).raw().toBuffer({ resolveWithObject: true });
    expect([mine.width, mine.height, mine.channels]).toEqual([info.width, info.height, info.channels]);
    expect(Buffer.from(mine.data).equals(data)).toBe(true);
  });

  it("decodes an RGBA PNG written by sharp, and refuses a non-PNG", async () => {
    const rgba = Uint8Array.from({ length: 4 * 4 * 4 }, (_, i) => (i * 37) % 256);
    const png = await sharp(Buffer.from(rgba), { raw: { width: 4, height: 4, channels: 4 } }).png().toBuffer();
    expect(decodePng(new Uint8Array(png))).toEqual({ width: 4, height: 4, channels: 4, data: rgba });
    expect(() => decodePng(new TextEncoder().encode("GIF89a"))).toThrow(/not a PNG/);
  });
});
