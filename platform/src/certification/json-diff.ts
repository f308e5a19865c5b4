// Where two JSON values differ, by JSON path: the verifier names each changed field this way, in
// results, in the policy and in evidence rows.

/** JSON paths where two values differ, with both values (`left` is what the verifier holds as true). */
export function differences(expected: unknown, actual: unknown, path: string, left = 'recomputed', right = 'report says'): string[] {
  if (Object.is(expected, actual)) return [];
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${path}: ${left} ${JSON.stringify(expected)}, ${right} ${JSON.stringify(actual)}`];
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const out: string[] = [];
  for (const k of keys) {
    out.push(
      ...differences(
        (expected as Record<string, unknown>)[k],
        (actual as Record<string, unknown>)[k],
        Array.isArray(expected) ? `${path}[${k}]` : `${path}.${k}`,
        left,
        right,
      ),
    );
  }
  return out;
}
