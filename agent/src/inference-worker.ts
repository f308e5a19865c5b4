// The inference worker thread. onnxruntime-node runs a model synchronously on the JavaScript thread
// that calls session.run() (its backend wraps the native call in setImmediate, dist/backend.js), and
// decoding frames is CPU work too; so all of it lives on this worker, and the main thread, which
// owns heartbeats and the MQTT session, never waits for a model: a slow model must never delay a heartbeat. The worker posts counter snapshots; the host keeps the latest.
import { parentPort, workerData } from 'node:worker_threads';
import type { InferenceCountersSnapshot } from './inference-counters.js';
import { ModelRunner, type ModelSpec, type RuntimeSpec } from './model-runner.js';

export interface WorkerInput {
  runtime: RuntimeSpec;
  models: ModelSpec[];
  reportEveryMs: number;
}

export type WorkerMessage = { type: 'snapshot'; snapshot: InferenceCountersSnapshot };
export type HostMessage = { type: 'stop' };

async function main(input: WorkerInput): Promise<void> {
  // Loaded here only: an agent without models never maps the runtime's ~20 MB native library.
  const ort = (await import('onnxruntime-node')).default;
  const runners = input.models.map((spec) => new ModelRunner(ort, spec, input.runtime));
  const report = (): void => {
    const models = runners.map((r) => r.snapshot());
    const snapshot: InferenceCountersSnapshot = {
      total: models.reduce((n, m) => n + m.count, 0),
      errors: models.reduce((n, m) => n + m.errors, 0),
      models,
    };
    parentPort!.postMessage({ type: 'snapshot', snapshot } satisfies WorkerMessage);
  };
  const timer = setInterval(report, input.reportEveryMs);
  const running = runners.map((r) => r.run());
  parentPort!.on('message', (message: HostMessage) => {
    if (message.type !== 'stop') return;
    clearInterval(timer);
    void Promise.all(runners.map((r) => r.stop())).then(() => {
      report();
      parentPort!.close();
    });
  });
  report();
  await Promise.all(running);
}

void main(workerData as WorkerInput);
