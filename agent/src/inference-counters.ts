// What the heartbeat says about inference (edge.proto InferenceCounters). The run loop asks a provider
// for a snapshot at every heartbeat; the inference host (inference-host.ts) is the provider when models
// are configured, zeroInferenceCounters otherwise.
import type { Complete, edge } from '@edgenet/proto';

/** One model's counters on one workstation, every field of edge.v1.ModelCounters present. */
export type ModelCountersSnapshot = Complete<edge.v1.ModelCounters.$Properties>;

/** edge.v1.InferenceCounters with every field present. */
export type InferenceCountersSnapshot = Omit<Complete<edge.v1.InferenceCounters.$Properties>, 'models'> & { models: ModelCountersSnapshot[] };

export interface InferenceCountersProvider {
  /** Called on every heartbeat; must be cheap and must not throw. */
  snapshot(): InferenceCountersSnapshot;
}

/** The provider used while no model is configured. */
export const zeroInferenceCounters: InferenceCountersProvider = Object.freeze({
  snapshot: (): InferenceCountersSnapshot => ({ total: 0, errors: 0, models: [] }),
});
