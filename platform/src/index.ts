export { buildApp, API_PREFIX } from './app.js';
export { loadConfig } from './config.js';
export type { PlatformConfig } from './config.js';
export { startPlatform } from './platform.js';
export type { RunningPlatform } from './platform.js';
export { createLogger } from './log.js';
export { checkUscc, usccCheckCharacter } from './domain/uscc.js';
// Response shapes the dashboard (platform/web) reads, shared so the two cannot drift apart.
export type { BreakdownRow } from './dashboard/breakdown.js';
export type { EnterpriseResult, ProjectResult } from './certification/count.js';
export type { SiteSample } from './certification/report.js';
export type { PerformanceFigures } from './certification/performance.js';
