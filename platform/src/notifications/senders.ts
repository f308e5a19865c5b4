// Sends one notification and says what happened, as a value (HOUSE_STYLE: expected outcomes are
// values): the receiver's answer or the error, for the delivery log. E-mail goes through nodemailer
// (SMTP, RFC 5321, with STARTTLS when the server offers it); webhooks through fetch, with a deadline
// and without following redirects, so a receiver cannot bounce the request elsewhere.
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlarmRow } from '../services/alarms.js';
import { emailMessage, httpRequest, type ChannelKind } from './formats.js';
import type { Message } from './messages.js';

export interface ChannelTarget {
  kind: ChannelKind;
  target: string;
  secret: string | null;
}

export type SendOutcome = { ok: true; status: string } | { ok: false; status: string | null; error: string };

const REQUEST_TIMEOUT_MS = 10_000; // 10 s for a receiver to answer
const MAX_ANSWER = 500; // characters of a receiver's answer kept in the log

export class Senders {
  readonly #smtpUrl: string | undefined;
  readonly #from: string;
  #mail: Transporter | undefined;

  constructor(smtp: { url: string | undefined; from: string }) {
    this.#smtpUrl = smtp.url;
    this.#from = smtp.from;
  }

  async send(channel: ChannelTarget, alarm: AlarmRow, m: Message, now: Date): Promise<SendOutcome> {
    try {
      return channel.kind === 'email' ? await this.#email(channel.target, m) : await this.#http(channel, alarm, m, now);
    } catch (err) {
      return { ok: false, status: null, error: (err as Error).message.slice(0, MAX_ANSWER) };
    }
  }

  close(): void {
    this.#mail?.close();
  }

  async #email(to: string, m: Message): Promise<SendOutcome> {
    if (!this.#smtpUrl) return { ok: false, status: null, error: 'EDGENET_SMTP_URL is not set' };
    this.#mail ??= nodemailer.createTransport(this.#smtpUrl);
    const { subject, text } = emailMessage(m);
    const info = await this.#mail.sendMail({ from: this.#from, to, subject, text });
    return { ok: true, status: String(info.response).slice(0, MAX_ANSWER) };
  }

  async #http(channel: ChannelTarget, alarm: AlarmRow, m: Message, now: Date): Promise<SendOutcome> {
    const req = httpRequest(channel.kind as Exclude<ChannelKind, 'email'>, channel.target, channel.secret, alarm, m, now);
    const res = await fetch(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const answer = (await res.text()).slice(0, MAX_ANSWER);
    const status = String(res.status);
    if (res.status < 200 || res.status >= 300) return { ok: false, status, error: answer || res.statusText };
    // The robots answer 200 with { errcode, errmsg }: errcode 0 alone means the group got it.
    if (channel.kind !== 'webhook') {
      const code = robotErrcode(answer);
      if (code !== 0) return { ok: false, status, error: `robot refused: ${answer}` };
    }
    return { ok: true, status };
  }
}

function robotErrcode(answer: string): number | null {
  try {
    const parsed = JSON.parse(answer) as { errcode?: unknown };
    return typeof parsed.errcode === 'number' ? parsed.errcode : null;
  } catch {
    return null;
  }
}
