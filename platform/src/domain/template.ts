// `{name}` placeholders filled from named values: the one way server texts are worded from a code
// and its params (errors.ts, ingest/flag-reasons.ts), and the shape the dashboard's dictionaries
// share (web/src/i18n.ts), so a text and its translations take the same params.
export type TextParams = Readonly<Record<string, string | number>>;

/** Fills each `{name}` from `params` (through `word` where it gives one); an unknown name stays as written. */
export function fillTemplate(
  template: string,
  params: TextParams,
  word: (name: string, value: string | number) => string | undefined = () => undefined,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : (word(name, value) ?? String(value));
  });
}

/** The placeholder names of a template, sorted (for checking that translations take the same ones). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}
