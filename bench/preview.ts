// The built app in a headless Chromium, for bench/ui.ts and scripts/readme-images.ts: build once
// (`npx vite build`), serve dist/ with `vite preview` on a free loopback port, launch Chromium.
// `withApp` always stops the server and the browser, also when the work throws.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findBrowser } from '../scripts/find-browser.mjs';

async function freePort(): Promise<number> {
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

async function waitForServer(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

/** Builds (unless `build` is false), serves dist/, launches Chromium, runs `work`, then cleans up. */
export async function withApp<T>(work: (browser: Browser, baseUrl: string) => Promise<T>, build = true): Promise<T> {
  if (build) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const found = findBrowser();
  if (!found) throw new Error(HOW_TO_GET_A_BROWSER);
  // E2E_PORT: a checkout's own port (several run side by side); else any free loopback port.
  const port = Number(process.env.E2E_PORT) || (await freePort());
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const onExit = () => stop(server);
  process.once('exit', onExit);
  let browser: Browser | null = null;
  try {
    await waitForServer(baseUrl, server);
    browser = await chromium.launch({ executablePath: found.path, args: [...CHROMIUM_ARGS] });
    return await work(browser, baseUrl);
  } finally {
    await browser?.close().catch(() => undefined);
    stop(server);
    process.removeListener('exit', onExit);
  }
}
