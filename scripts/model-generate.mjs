#!/usr/bin/env node
// Writes the demo model the agent ships with, agent/models/surface-defect-v1.onnx: a small surface-defect
// scorer over 64x64 grayscale frames. Built here from ONNX's own protobuf schema (agent/models/onnx-subset.proto)
// so nothing is downloaded at install or run time, and from a seeded PRNG so the file's SHA-256 is the
// same on every machine. `npm run model:generate` writes it; `npm run model:check` (and
// agent/test/model-file.test.ts) fails when the committed file differs from a fresh build.
//
// Graph (ONNX opset 13):
//   frame [1,1,64,64] float in [0,1]
//   → Conv 4×(3x3), no padding: +Laplacian, −Laplacian, Sobel x, Sobel y (fixed edge detectors, ×2)
//   → Relu → MaxPool 2x2 → Conv 8×(4x3x3), seeded weights ≥ 0 → Relu
//   → GlobalAveragePool → Flatten → Gemm (8→1, seeded weights > 0, bias −3) → Sigmoid
//   → defect_score [1,1] in (0,1)
// A flat frame has no edges, so it scores sigmoid(−3) ≈ 0.047; a thin scratch across a 64x64 frame
// scores about 0.5. It is a demo of the pipeline, not a trained inspector.
// No padding anywhere, so the frame's border is not mistaken for an edge.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { mulberry32 } from './lib/mulberry32.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(root, 'agent', 'models', 'onnx-subset.proto');
const out = join(root, 'agent', 'models', 'surface-defect-v1.onnx');
const SEED = 20_250_901;
const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR = { INT: 2, INTS: 7 };

function tensor(name, dims, values) {
  const data = Buffer.from(new Float32Array(values).buffer); // raw_data is little-endian (onnx.proto)
  return { name, dims, dataType: FLOAT, rawData: data };
}
const ints = (name, values) => ({ name, type: ATTR.INTS, ints: values });
const int = (name, value) => ({ name, type: ATTR.INT, i: value });
const valueInfo = (name, dims) => ({
  name,
  type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});

export function buildModel() {
  const random = mulberry32(SEED);
  const lap = [0, 1, 0, 1, -4, 1, 0, 1, 0];
  const sobelX = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
  const sobelY = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
  const gain = 2;
  const w1 = [...lap, ...lap.map((v) => -v), ...sobelX, ...sobelY].map((v) => v * gain);
  const w2 = Array.from({ length: 8 * 4 * 9 }, () => random() * 0.25);
  const w3 = Array.from({ length: 8 }, () => 0.5 + random());
  const initializers = [
    tensor('conv1.weight', [4, 1, 3, 3], w1),
    tensor('conv1.bias', [4], [0, 0, 0, 0]),
    tensor('conv2.weight', [8, 4, 3, 3], w2),
    tensor('conv2.bias', [8], new Array(8).fill(0)),
    tensor('head.weight', [1, 8], w3),
    tensor('head.bias', [1], [-3]),
  ];
  const node = (opType, inputs, outputs, attribute = []) => ({ name: outputs[0], opType, input: inputs, output: outputs, attribute });
  const nodes = [
    node('Conv', ['frame', 'conv1.weight', 'conv1.bias'], ['edges'], [ints('kernel_shape', [3, 3]), ints('strides', [1, 1])]),
    node('Relu', ['edges'], ['edges.relu']),
    node('MaxPool', ['edges.relu'], ['pooled'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
    node('Conv', ['pooled', 'conv2.weight', 'conv2.bias'], ['features'], [ints('kernel_shape', [3, 3]), ints('strides', [1, 1])]),
    node('Relu', ['features'], ['features.relu']),
    node('GlobalAveragePool', ['features.relu'], ['energy']),
    node('Flatten', ['energy'], ['energy.flat'], [int('axis', 1)]),
    node('Gemm', ['energy.flat', 'head.weight', 'head.bias'], ['logit'], [int('transB', 1)]),
    node('Sigmoid', ['logit'], ['defect_score']),
  ];
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'edgenet scripts/model-generate.mjs',
    producerVersion: '1',
    domain: 'cn.dongguan.edgenet',
    modelVersion: 1,
    docString: 'Surface-defect scorer over 64x64 grayscale frames in [0,1]; defect_score in (0,1). Demo model of the edgenet agent.',
    metadataProps: [{ key: 'edgenet.seed', value: String(SEED) }],
    graph: {
      name: 'surface_defect_v1',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('frame', [1, 1, 64, 64])],
      output: [valueInfo('defect_score', [1, 1])],
    },
  };
}

export function encodeModel() {
  const ModelProto = protobuf.loadSync(schema).lookupType('onnx.ModelProto');
  const message = ModelProto.fromObject(buildModel());
  return Buffer.from(ModelProto.encode(message).finish());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = encodeModel();
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (process.argv.includes('--check')) {
    let current;
    try {
      current = readFileSync(out);
    } catch {
      current = Buffer.alloc(0);
    }
    if (!current.equals(bytes)) {
      console.error(`${out} differs from a fresh build (sha256 ${sha}); run npm run model:generate`);
      process.exit(1);
    }
    console.log(`${out} is current (sha256 ${sha})`);
  } else {
    writeFileSync(out, bytes);
    console.log(`wrote ${out}: ${bytes.length} bytes, sha256 ${sha}`);
  }
}
