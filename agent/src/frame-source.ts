// Where a model's input frames come from (agent/README.md "Inference"):
// - folder: a directory a camera program drops frames into. It should write each frame under a name
//   starting with '.' (or ending in '.tmp') and rename it when complete (rename(2) is atomic), so a
//   half-written frame is never read. Frames are taken oldest name first; binary PGM (P5, 8 or 16
//   bit) or raw little-endian float32 tensors (.f32) of exactly the model's input size.
// - synthetic: generated frames at a fixed rate, for demos and tests: a flat surface with a seeded
//   noise, and a scratch on every fourth frame.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface Frame {
  /** Float32 values in [0,1], length height × width (one channel). */
  data: Float32Array;
  /** Where it came from, for error messages. */
  origin: string;
  /** Called once the frame has been scored (or failed): the folder source deletes the file. */
  done(): Promise<void>;
}

export interface FrameSource {
  /** The next frame, or null when the source was closed. Waits while there is none. */
  next(): Promise<Frame | null>;
  close(): void;
}

export type FrameSourceSpec = { type: 'folder'; path: string; pollMs: number; after: 'delete' | 'keep' } | { type: 'synthetic'; ratePerSecond: number };

export const FRAME_EXTENSIONS = ['.pgm', '.f32'] as const;

export function openFrameSource(spec: FrameSourceSpec, height: number, width: number): FrameSource {
  return spec.type === 'folder' ? new FolderSource(spec, height, width) : new SyntheticSource(spec.ratePerSecond, height, width);
}

class FolderSource implements FrameSource {
  readonly #spec: Extract<FrameSourceSpec, { type: 'folder' }>;
  readonly #height: number;
  readonly #width: number;
  readonly #kept = new Set<string>();
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(spec: Extract<FrameSourceSpec, { type: 'folder' }>, height: number, width: number) {
    this.#spec = spec;
    this.#height = height;
    this.#width = width;
  }

  async next(): Promise<Frame | null> {
    while (!this.#closed) {
      const name = await this.#oldest();
      if (name) {
        const path = join(this.#spec.path, name);
        const done = async (): Promise<void> => {
          if (this.#spec.after === 'delete') await rm(path, { force: true });
          else this.#kept.add(name);
        };
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch {
          continue; // taken away between listing and reading
        }
        try {
          return { data: decodeFrame(name, bytes, this.#height, this.#width), origin: path, done };
        } catch (err) {
          await done(); // a bad frame is counted once, not retried forever
          throw err;
        }
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, this.#spec.pollMs);
      });
    }
    return null;
  }

  async #oldest(): Promise<string | undefined> {
    let names: string[];
    try {
      names = await readdir(this.#spec.path);
    } catch (err) {
      throw new Error(`cannot read input folder ${this.#spec.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return names.filter((n) => !n.startsWith('.') && !n.endsWith('.tmp') && FRAME_EXTENSIONS.some((e) => n.endsWith(e)) && !this.#kept.has(n)).sort()[0];
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }
}

/**
 * Turns a frame file into model input. Thrown errors are per-frame failures (the model's error
 * count), not fatal; the message names the file.
 */
export function decodeFrame(name: string, bytes: Buffer, height: number, width: number): Float32Array {
  if (name.endsWith('.f32')) {
    if (bytes.length !== height * width * 4) {
      throw new Error(`${name}: ${bytes.length} bytes, expected ${height * width * 4} (float32 ${height}x${width})`);
    }
    const out = new Float32Array(height * width);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
    return out;
  }
  return decodePgm(name, bytes, height, width);
}

/** Binary PGM (Netpbm P5), resized to height × width by nearest neighbour and scaled to [0,1]. */
function decodePgm(name: string, bytes: Buffer, height: number, width: number): Float32Array {
  // Header: "P5" whitespace width whitespace height whitespace maxval, one whitespace, then pixels;
  // '#' starts a comment to end of line (netpbm pgm(5)).
  const fields: number[] = [];
  let i = 2;
  if (bytes.length < 2 || bytes[0] !== 0x50 || bytes[1] !== 0x35) throw new Error(`${name}: not a binary PGM (P5) file`);
  while (fields.length < 3 && i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
    } else if (c >= 0x30 && c <= 0x39) {
      let v = 0;
      while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) v = v * 10 + (bytes[i++]! - 0x30);
      fields.push(v);
      continue;
    }
    i++;
  }
  const [w, h, maxval] = fields as [number, number, number];
  if (fields.length < 3 || !(w > 0 && h > 0 && maxval > 0 && maxval < 65_536)) throw new Error(`${name}: bad PGM header`);
  i += 1; // the single whitespace after maxval
  const bpp = maxval < 256 ? 1 : 2;
  if (bytes.length - i < w * h * bpp) throw new Error(`${name}: PGM has ${bytes.length - i} pixel bytes, expected ${w * h * bpp}`);
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h - 1, Math.floor((y * h) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w - 1, Math.floor((x * w) / width));
      const at = i + (sy * w + sx) * bpp;
      out[y * width + x] = (bpp === 1 ? bytes[at]! : bytes.readUInt16BE(at)) / maxval; // 16-bit PGM is big-endian
    }
  }
  return out;
}

class SyntheticSource implements FrameSource {
  readonly #periodMs: number;
  readonly #height: number;
  readonly #width: number;
  #n = 0;
  #due = performance.now();
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;

  constructor(ratePerSecond: number, height: number, width: number) {
    this.#periodMs = 1000 / ratePerSecond;
    this.#height = height;
    this.#width = width;
  }

  async next(): Promise<Frame | null> {
    // Paced against a schedule, not "sleep after each run", so the rate holds whatever a run costs.
    this.#due += this.#periodMs;
    const wait = this.#due - performance.now();
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, wait);
      });
    } else if (wait < -1000) {
      this.#due = performance.now(); // fell behind by more than a second: do not burst to catch up
    }
    if (this.#closed) return null;
    const n = this.#n++;
    return { data: syntheticFrame(n, this.#height, this.#width), origin: `synthetic #${n}`, done: async () => undefined };
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#wake?.();
  }
}

/** Frame n of the synthetic source: a flat surface with seeded noise; every fourth has a scratch. */
export function syntheticFrame(n: number, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  let s = (n * 2_654_435_761) >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0; // LCG (Numerical Recipes): cheap noise
    out[i] = 0.6 + ((s >>> 8) / 16_777_216 - 0.5) * 0.02;
  }
  if (n % 4 === 3) {
    const row = (n * 7) % Math.max(1, height - 8);
    for (let x = 4; x < width - 4; x++) out[Math.min(height - 1, row + (x >> 3)) * width + x] = 0.2;
  }
  return out;
}
