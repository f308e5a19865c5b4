// The dashboard's server-sent-events parser against the WHATWG rules it relies on: events end at a
// blank line, comments are skipped, multi-line data joins with \n, and chunks may split anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/sse.js';

const STREAM =
  ': edgenet fleet stream\n\nid: 1\nevent: fleet\ndata: {"a":1}\n\n: keepalive\n\nid: 2\nevent: fleet\ndata: line one\ndata: line two\r\n\r\ndata: plain\n\n';
const EXPECTED = [
  { event: 'fleet', data: '{"a":1}', id: '1' },
  { event: 'fleet', data: 'line one\nline two', id: '2' },
  { event: 'message', data: 'plain', id: '2' },
];

describe('SseParser', () => {
  it('parses events, skips comments and joins data lines', () => {
    expect(new SseParser().push(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 12 }), (cuts) => {
        const parser = new SseParser();
        const points = [0, ...[...cuts].sort((x, y) => x - y), STREAM.length];
        const events = points.slice(1).flatMap((end, i) => parser.push(STREAM.slice(points[i], end)));
        // A \r\n split between chunks reads as two line ends at worst, which ends no extra event here.
        expect(events).toEqual(EXPECTED);
      }),
    );
  });

  it('keeps an unfinished event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: fleet\ndata: {"b":2}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'fleet', data: '{"b":2}', id: null }]);
  });
});
