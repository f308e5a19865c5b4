// What each kind of channel is sent (docs/alarms.md "Receiving a notification"): pure functions
// from a message to the HTTP request or e-mail, signatures included, so a test can build the same
// request a receiver must accept.
//   webhook   JSON { event, alarm, title, text }; X-Edgenet-Timestamp (Unix seconds) and
//             X-Edgenet-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
//   wecom     企业微信群机器人: { msgtype: "markdown", markdown: { content } } to the robot's URL
//   dingtalk  钉钉自定义机器人: { msgtype: "markdown", markdown: { title, text } }; with a secret, the
//             URL gains timestamp (ms) and sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)),
//             URL-encoded, as DingTalk's 加签 asks
//   email     a plain-text message: the title as subject, the lines as the body
import { createHmac } from 'node:crypto';
import type { AlarmRow } from '../services/alarms.js';
import type { Message } from './messages.js';

export const CHANNEL_KINDS = ['email', 'webhook', 'wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const SIGNATURE_HEADER = 'x-edgenet-signature';
export const TIMESTAMP_HEADER = 'x-edgenet-timestamp';

const markdown = (m: Message) => `### ${m.title}\n${m.lines.map((l) => `> ${l}`).join('\n')}`;

/** The generic webhook's signature over the timestamp and the exact body bytes. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** DingTalk's 加签 of a robot URL: timestamp in ms and the signature as query parameters. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function httpRequest(kind: Exclude<ChannelKind, 'email'>, target: string, secret: string | null, alarm: AlarmRow, m: Message, now: Date): HttpRequest {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  if (kind === 'wecom') return { url: target, headers, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } }) };
  if (kind === 'dingtalk') {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: markdown(m) } });
    if (!secret) return { url: target, headers, body };
    const url = new URL(target);
    url.searchParams.set('timestamp', String(now.getTime()));
    url.searchParams.set('sign', dingtalkSign(secret, now.getTime()));
    return { url: url.toString(), headers, body };
  }
  const body = JSON.stringify({
    event: 'alarm.raised',
    alarm: {
      id: alarm.id,
      kind: alarm.kind,
      deviceId: alarm.deviceId,
      enterpriseId: alarm.enterpriseId,
      raisedAt: alarm.raisedAt.toISOString(),
      details: alarm.details,
    },
    title: m.title,
    text: m.lines.join('\n'),
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    url: target,
    headers: { ...headers, [TIMESTAMP_HEADER]: timestamp, ...(secret ? { [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body) } : {}) },
    body,
  };
}

export function emailMessage(m: Message): { subject: string; text: string } {
  return { subject: m.title, text: `${m.lines.join('\n')}\n` };
}
