// Decides once per run which database the tests use and tells every worker through the
// environment (HOUSE_STYLE: DATABASE_URL if set, a TimescaleDB container where Docker answers,
// else PGlite). EDGENET_TEST_DB=pglite forces PGlite even where the others are available.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stop = async (): Promise<void> => undefined;
  let backend: string;
  if (process.env.EDGENET_TEST_DB === 'pglite') {
    delete process.env.DATABASE_URL;
    backend = 'pglite';
  } else if (process.env.DATABASE_URL) {
    backend = 'postgres (DATABASE_URL)';
  } else if (dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('timescale/timescaledb:latest-pg16').start();
    process.env.DATABASE_URL = container.getConnectionUri();
    backend = 'timescaledb (testcontainers)';
    stop = async () => {
      await container.stop();
    };
  } else {
    backend = 'pglite';
  }
  process.env.EDGENET_TEST_BACKEND = backend;
  project.provide('databaseUrl', process.env.DATABASE_URL ?? '');
  console.log(`edgenet tests: database backend = ${backend}`);
  return stop;
}

function dockerAnswers(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
