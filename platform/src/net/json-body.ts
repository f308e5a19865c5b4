// The API's JSON body parser: fastify's own (secure-json-parse, which refuses __proto__ and
// constructor.prototype keys), behind a count of nesting depth. A body nested 5,000 deep parses, but
// storing it does not: JSON.stringify, called deep in drizzle's query building for a jsonb column,
// runs out of stack (RangeError, answered 500), and a 500 is not the 4xx the threat model promises
// for hostile input. Counting brackets outside strings is one pass over the text with no
// allocation, done before JSON.parse sees it.
import type { FastifyInstance } from 'fastify';
import { ERR_BODY_TOO_DEEP } from '../errors.js';

export const MAX_JSON_DEPTH = 64; // no API body nests deeper than 6; inventories get 64

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of objects and arrays in a JSON text, stopping once it passes `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH)
        i++; // the escaped character cannot end the string
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

export function limitJsonDepth(app: FastifyInstance, maxDepth = MAX_JSON_DEPTH): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text, maxDepth) > maxDepth) return done(new ERR_BODY_TOO_DEEP({ depth: maxDepth }), undefined);
    parse(request, text, done);
  });
}
