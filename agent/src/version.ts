import { readFileSync } from 'node:fs';

// Read from the package manifest (one directory above dist/ and src/) so a release bumps one place.
export const AGENT_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
