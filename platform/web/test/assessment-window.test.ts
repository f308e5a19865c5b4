// The certification form's default window: the projects' assessment windows, never past today.
import { describe, expect, it } from 'vitest';
import { assessmentWindow } from '../src/assessment-window.js';

const p = (windowStart: string, windowEnd: string) => ({ windowStart, windowEnd });

describe('the default certification window', () => {
  it('spans the projects’ assessment windows when they are over', () => {
    expect(assessmentWindow([p('2025-07-01', '2026-06-30'), p('2025-09-01', '2026-03-31')], '2026-12-02')).toEqual({ start: '2025-07-01', end: '2026-06-30' });
  });
  it('ends today while a window is still open, and starts at the earliest', () => {
    expect(assessmentWindow([p('2026-01-01', '2026-12-31'), p('2025-11-15', '2026-05-31')], '2026-12-02')).toEqual({ start: '2025-11-15', end: '2026-12-02' });
  });
  it('is the single day a future window starts on, and the year to date without projects', () => {
    expect(assessmentWindow([p('2027-01-01', '2027-12-31')], '2026-12-02')).toEqual({ start: '2027-01-01', end: '2027-01-01' });
    expect(assessmentWindow([], '2026-12-02')).toEqual({ start: '2026-01-01', end: '2026-12-02' });
  });
});
