import type { PlatformContext } from '../context.js';

export interface BrokerAddress {
  url: string;
  tlsUrl: string;
  caFingerprint: string;
  caCertificate: string;
}

/** Where and how a newly enrolled device reaches the broker (docs/protocol.md §1). */
export function brokerAddress(ctx: Pick<PlatformContext, 'config' | 'mqttPort' | 'mqttsPort' | 'tls'>, requestHost: string): BrokerAddress {
  // The host the device reached the API on is the best guess of how it reaches the broker.
  const host = requestHost.replace(/:\d+$/, '');
  const mqttPort = ctx.mqttPort();
  const tlsUrl = ctx.config.mqttsPublicUrl ?? `mqtts://${host}:${ctx.mqttsPort()}`;
  const plainUrl = ctx.config.mqttPublicUrl ?? (mqttPort === null ? null : `mqtt://${host}:${mqttPort}`);
  return { url: plainUrl ?? tlsUrl, tlsUrl, caFingerprint: ctx.tls.caFingerprint, caCertificate: ctx.tls.ca };
}
