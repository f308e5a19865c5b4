// Attacker-chosen text (client ids, URLs, user names, addresses) goes into logs and map keys only
// cut short, with a marker saying how much was cut: a 60,000-character client id must not become
// 60,000 characters of log per attempt, nor one map entry of that size each.
export const BOUNDED_MARKER = '…[+';

export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}${BOUNDED_MARKER}${text.length - max} chars]`;
}
