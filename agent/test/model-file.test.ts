// The shipped demo model: regenerating it from scripts/model-generate.mjs gives the committed bytes
// (so its SHA-256 is reproducible), and the real onnxruntime scores frames with it as documented.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeFrame, syntheticFrame } from '../src/frame-source.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODEL = fileURLToPath(new URL('../models/surface-defect-v1.onnx', import.meta.url));

describe('agent/models/surface-defect-v1.onnx', () => {
  it('is byte for byte what the generator makes', async () => {
    const { encodeModel } = (await import(`${ROOT}scripts/model-generate.mjs`)) as { encodeModel: () => Buffer };
    expect(encodeModel().equals(readFileSync(MODEL))).toBe(true);
    // And the CLI check agrees (npm run model:check).
    expect(execFileSync(process.execPath, [`${ROOT}scripts/model-generate.mjs`, '--check'], { encoding: 'utf8' })).toMatch(/is current/);
  });

  it('runs on onnxruntime and scores a scratched frame above a flat one', async () => {
    const session = await ort.InferenceSession.create(MODEL, { intraOpNumThreads: 1 });
    const score = async (data: Float32Array): Promise<number> =>
      (await session.run({ frame: new ort.Tensor('float32', data, [1, 1, 64, 64]) })).defect_score!.data[0] as number;
    const flat = await score(new Float32Array(64 * 64).fill(0.6));
    expect(flat).toBeCloseTo(1 / (1 + Math.exp(3)), 5); // sigmoid(-3): no edges at all
    expect(await score(syntheticFrame(3, 64, 64))).toBeGreaterThan(await score(syntheticFrame(0, 64, 64)));
    // A PGM twice the size is resized to the model's input.
    const pgm = Buffer.concat([Buffer.from('P5 128 128 255\n'), Buffer.alloc(128 * 128, 153)]);
    expect(await score(decodeFrame('f.pgm', pgm, 64, 64))).toBeCloseTo(flat, 5);
    await session.release();
  });

  it('rejects frames that are not what the model takes', () => {
    expect(() => decodeFrame('x.pgm', Buffer.from('P6 1 1 255\n\0\0\0'), 64, 64)).toThrow(/not a binary PGM/);
    expect(() => decodeFrame('x.f32', Buffer.alloc(12), 64, 64)).toThrow(/expected 16384/);
  });
});
