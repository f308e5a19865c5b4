#!/usr/bin/env node
// `npm run platform:reset-admin [-- <username>]`: the way back in when the admin password is lost.
// It works offline, straight on the database the platform is configured with (stop the platform
// first when it runs on PGlite: one process owns that folder). It gives the admin account (default
// `admin`, created when missing) a new generated password, lifts its lockout, ends its sessions
// and prints the password once, on stdout, for the person at the console.
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { migrateDatabase } from '../db/migrate.js';
import { createLogger } from '../log.js';
import { recoverAdmin } from '../services/accounts.js';

const config = loadConfig();
const username = process.argv[2] ?? 'admin';
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
try {
  await migrateDatabase(handle, createLogger(config.logLevel));
  const { password, created } = await recoverAdmin(handle.db, username, new Date());
  process.stdout.write(`${created ? 'created' : 'reset'} admin account ${username.toLowerCase()}; one-time password (shown once): ${password}\n`);
} catch (err) {
  process.stderr.write(`reset-admin failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
