// bench/ui.ts, BENCH_ONLY=bundle: bundle.initial.gzip.kb and bundle.initial.css.gzip.kb.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { emit } from './page';

export function bundle(): void {
  const html = readFileSync('dist/index.html', 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
  const js = [...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f.replace(/^\.?\//, '')}`)).length, 0) / 1024;
  emit('bundle.initial.gzip.kb', gz(js), 'KiB');
  emit('bundle.initial.css.gzip.kb', gz(css), 'KiB');
}
