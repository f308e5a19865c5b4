// The certification form's default window: the bureau certifies assessment windows, not calendar years.
import type { Project } from './types.js';

/**
 * The default window: the projects' assessment windows (from the earliest start to the latest end,
 * but not past today: the future has no evidence); the calendar year to date when there is no project.
 */
export function assessmentWindow(projects: readonly Pick<Project, 'windowStart' | 'windowEnd'>[], today: string): { start: string; end: string } {
  if (projects.length === 0) return { start: `${today.slice(0, 4)}-01-01`, end: today };
  // YYYY-MM-DD strings sort as dates (Math.min would make them NaN).
  const start = projects.map((p) => p.windowStart).sort()[0]!;
  const end = projects
    .map((p) => p.windowEnd)
    .sort()
    .at(-1)!;
  return { start, end: end < today ? end : start > today ? start : today };
}
