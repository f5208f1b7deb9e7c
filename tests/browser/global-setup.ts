// Builds the app and serves the build with `vite preview` on a free loopback
// port for the browser tests; the tests read the address with inject('baseUrl').
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The origin the basemap tests' own tile server listens on; the build allows it (ZMD_TILE_ORIGINS). */
    tileOrigin: string;
    /** A second allowed origin, for the style-URL tests' server (so both files can run at once). */
    styleTileOrigin: string;
    /** The folder of the build being served (its .vite/manifest.json names the start-up chunks). */
    distDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  // Each run builds into its own folder, so that two runs on one machine never
  // serve each other's half-written files. ZMD_SKIP_BUILD serves the last dist/.
  // The basemap test files each start a tile server on a loopback port of their
  // own (two files, running side by side): one shared build allows both by the
  // deployment's own setting (ZMD_TILE_ORIGINS), added to any origins already
  // set, so no second build is needed. No page requests them unless a test adds
  // a source there; the offline test still sees no request.
  const fixedPort = Number(process.env.ZMD_TEST_TILE_PORT);
  const tilePorts = fixedPort ? [fixedPort, fixedPort + 1] : [await freePort()];
  while (tilePorts.length < 2) {
    const port = await freePort();
    if (!tilePorts.includes(port)) tilePorts.push(port);
  }
  const [tileOrigin, styleTileOrigin] = tilePorts.map((port) => `http://127.0.0.1:${port}`) as [string, string];
  const tileOrigins = [process.env.ZMD_TILE_ORIGINS ?? '', tileOrigin, styleTileOrigin].join(' ').trim();
  const outDir = process.env.ZMD_SKIP_BUILD ? 'dist' : mkdtempSync(join(tmpdir(), 'zmd-dist-'));
  if (!process.env.ZMD_SKIP_BUILD) {
    // vitest sets NODE_ENV=test, which would make vite build a development bundle:
    // the tests must drive exactly what `npm start` serves.
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', ZMD_TILE_ORIGINS: tileOrigins },
    });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  let port = await freePort();
  while (tilePorts.includes(port)) port = await freePort();
  // Spawned directly (not through npx) so that killing it leaves no orphan server.
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const baseUrl = `http://127.0.0.1:${port}/`;
  await waitForServer(baseUrl, server, 30_000);
  project.provide('baseUrl', baseUrl);
  project.provide('tileOrigin', tileOrigin);
  project.provide('styleTileOrigin', styleTileOrigin);
  project.provide('distDir', outDir);
  return () => {
    server.kill();
    if (outDir !== 'dist') rmSync(outDir, { recursive: true, force: true });
  };
}
