// Live fleet figures from GET /api/v1/fleet/stream. EventSource cannot send an Authorization
// header, so the stream is read with fetch() and parsed here; it reconnects with backoff (1 s
// doubling to 15 s) when the platform restarts or the network drops.
import { API, authHeaders } from './api.js';
import { SseParser } from './sse.js';
import type { FleetEvent } from './types.js';

export type LiveState = 'connecting' | 'connected';

export function watchFleet(onEvent: (e: FleetEvent) => void, onState: (s: LiveState) => void): () => void {
  const abort = new AbortController();
  let delayMs = 1_000;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      onState('connecting');
      try {
        const res = await fetch(`${API}/fleet/stream`, { headers: authHeaders(), signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const ev of parser.push(value)) {
            if (ev.event !== 'fleet') continue;
            delayMs = 1_000;
            onState('connected');
            onEvent(JSON.parse(ev.data) as FleetEvent);
          }
        }
      } catch {
        // reconnect below
      }
      if (abort.signal.aborted) return;
      onState('connecting');
      await new Promise((r) => setTimeout(r, delayMs));
      delayMs = Math.min(delayMs * 2, 15_000);
    }
  };
  void run();
  return () => abort.abort();
}
