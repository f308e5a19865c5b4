#!/usr/bin/env node
// `npm run db:migrate`: applies migrations to the configured database without starting the platform.
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { openDatabase } from './index.js';
import { migrateDatabase } from './migrate.js';

const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
await migrateDatabase(handle, createLogger(config.logLevel));
await handle.close();
