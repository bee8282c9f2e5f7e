// Just enough PNG for the README's images, with node:zlib and no package: decode the 8-bit RGB /
// RGBA, non-interlaced PNGs that Chromium's screenshots are, and write an animated PNG (APNG).
// Each frame after the first stores only the rectangle that changed since the frame before, with
// the pixels that did not change inside it transparent (dispose "none", blend "over"): a mostly
// still page animates in a small file.
// Formats: PNG (https://www.w3.org/TR/png-3/) with its APNG chunks acTL, fcTL, fdAT.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, rows top to bottom. */
  rgb: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit truecolour PNG (colour type 2 or 6, not interlaced) to RGB. */
export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      const v = line[x]!;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      pixels[out + x] = (v + predicted) & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: pixels };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += 4, j += 3) pixels.copy(rgb, j, i, i + 3);
  return { width, height, rgb };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The rectangle x, y, w, h of `image` as zlib-compressed RGBA scanlines, each with the Up filter.
 * With `previous`, pixels equal to it are left transparent (black, alpha 0): runs of zeros.
 */
function compress(image: Image, x: number, y: number, w: number, h: number, previous?: Image): Buffer {
  const stride = w * 4;
  const rgba = Buffer.alloc(stride * h);
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const src = ((y + row) * image.width + x + col) * 3;
      const out = row * stride + col * 4;
      const r = image.rgb[src]!;
      const g = image.rgb[src + 1]!;
      const b = image.rgb[src + 2]!;
      if (previous && previous.rgb[src] === r && previous.rgb[src + 1] === g && previous.rgb[src + 2] === b) continue;
      rgba[out] = r;
      rgba[out + 1] = g;
      rgba[out + 2] = b;
      rgba[out + 3] = 255;
    }
  }
  const raw = Buffer.alloc((stride + 1) * h);
  for (let row = 0; row < h; row++) {
    const at = row * stride;
    const out = row * (stride + 1);
    raw[out] = row === 0 ? 0 : 2; // Up: screenshots repeat a lot from one row to the next.
    for (let i = 0; i < stride; i++) raw[out + 1 + i] = row === 0 ? rgba[at + i]! : (rgba[at + i]! - rgba[at + i - stride]!) & 0xff;
  }
  return deflateSync(raw, { level: 9 });
}

/** The smallest rectangle where `b` differs from `a`, or null when they are the same. */
function changed(a: Image, b: Image): [number, number, number, number] | null {
  let [x0, y0, x1, y1] = [b.width, b.height, -1, -1];
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      const i = (y * b.width + x) * 3;
      if (a.rgb[i] !== b.rgb[i] || a.rgb[i + 1] !== b.rgb[i + 1] || a.rgb[i + 2] !== b.rgb[i + 2]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

/** An APNG that loops forever; `delays` in ms, one per frame. All frames the same size. */
export function encodeApng(frames: Image[], delays: number[]): Buffer {
  const first = frames[0];
  if (!first) throw new Error('an animation needs at least one frame');
  const { width, height } = first;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, not interlaced
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(frames.length, 0);
  actl.writeUInt32BE(0, 4); // loop forever
  const parts = [SIGNATURE, chunk('IHDR', ihdr), chunk('acTL', actl)];
  let sequence = 0;
  frames.forEach((frame, n) => {
    if (frame.width !== width || frame.height !== height) throw new Error(`frame ${n} is ${frame.width}×${frame.height}, not ${width}×${height}`);
    // A frame identical to the one before still needs a rectangle: one pixel, redrawn as it was.
    const [x, y, w, h] = n === 0 ? [0, 0, width, height] : (changed(frames[n - 1]!, frame) ?? [0, 0, 1, 1]);
    const fctl = Buffer.alloc(26);
    fctl.writeUInt32BE(sequence++, 0);
    fctl.writeUInt32BE(w, 4);
    fctl.writeUInt32BE(h, 8);
    fctl.writeUInt32BE(x, 12);
    fctl.writeUInt32BE(y, 16);
    fctl.writeUInt16BE(Math.max(1, Math.round(delays[n] ?? 100)), 20);
    fctl.writeUInt16BE(1000, 22); // delay in ms
    fctl.set([0, n === 0 ? 0 : 1], 24); // dispose: none; blend: source for the first, over for the rest
    parts.push(chunk('fcTL', fctl));
    const data = compress(frame, x, y, w, h, n === 0 ? undefined : frames[n - 1]);
    if (n === 0) parts.push(chunk('IDAT', data));
    else {
      const seq = Buffer.alloc(4);
      seq.writeUInt32BE(sequence++, 0);
      parts.push(chunk('fdAT', Buffer.concat([seq, data])));
    }
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
