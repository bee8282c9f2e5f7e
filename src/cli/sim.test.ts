import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'kafka-sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function scenarioFile(content: unknown): string {
  const file = join(dir, `scenario-${files++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function sim(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli/sim.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2 with exactly one line on stderr and nothing on stdout. */
function expectUsageFailure(r: ReturnType<typeof sim>): string {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr.endsWith('\n')).toBe(true);
  return lines[0]!;
}

const tiny = {
  name: 'cli tiny',
  brokers: 3,
  topics: [{ name: 't', partitions: 1, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 10 }],
  until: 5000,
};

describe('npm run sim (src/cli/sim.ts)', { timeout: 60_000 }, () => {
  it('rejects an invalid scenario with exit 2 and one stderr line naming the path', () => {
    const file = scenarioFile({ ...tiny, script: [{ at: 0, do: 'crash', broker: 7 }] });
    expect(expectUsageFailure(sim(file))).toBe('error: script[0].broker: no broker 7 in a 3-broker cluster');
  });

  it('lists every problem of an invalid scenario, one line each, in file order, with exit 2', () => {
    const file = scenarioFile({
      brokers: 3,
      topics: [{ name: 't', 'replication.factor': 4 }],
      producers: [{ id: 'p1', acks: 'banana' }],
      script: [{ at: 0, do: 'crash', broker: 7 }],
    });
    const r = sim(file);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'error: topics[0].replication.factor: 4 is larger than the 3 brokers (INVALID_REPLICATION_FACTOR)',
        'error: producers[0].acks: must be "0", "1", "all" or "-1"',
        'error: script[0].broker: no broker 7 in a 3-broker cluster',
        '',
      ].join('\n'),
    );
  });

  it('rejects bad JSON the same way', () => {
    const file = scenarioFile('{"name": "x",\n  "topics": [\n');
    expect(expectUsageFailure(sim(file))).toMatch(/^error: \(json\): /);
  });

  it('rejects a missing FILE, an unreadable file, an unknown flag and two files', () => {
    expect(expectUsageFailure(sim())).toMatch(/^error: missing FILE \(usage: /);
    expect(expectUsageFailure(sim(join(dir, 'nope.json')))).toMatch(/^error: cannot read ".*nope\.json": no such file$/);
    expect(expectUsageFailure(sim(dir))).toMatch(/^error: cannot read .*: is a directory$/);
    const file = scenarioFile(tiny);
    expect(expectUsageFailure(sim(file, '--verbose'))).toMatch(/^error: unknown flag "--verbose"/);
    expect(expectUsageFailure(sim(file, file))).toMatch(/^error: one scenario file at a time/);
  });

  it('prints the report as pretty JSON', () => {
    const r = sim(scenarioFile(tiny));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.name).toBe('cli tiny');
    expect(report.records.sent).toBe(3);
    expect(report.logs).toBeUndefined();
    expect(r.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('adds the partition logs with --logs', () => {
    const r = sim('--logs', scenarioFile(tiny));
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.records.sent).toBe(3);
    expect(report.logs).toBeTypeOf('object');
  });

  it('prints one JSON trace event per line with --trace, and no report', () => {
    const r = sim(scenarioFile(tiny), '--trace');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    const events = lines.map((l) => JSON.parse(l) as { type: string; t: number });
    for (const e of events) {
      expect(e.type).toBeTypeOf('string');
      expect(e.t).toBeTypeOf('number');
    }
    expect(events.map((e) => e.t)).toEqual([...events.map((e) => e.t)].sort((a, b) => a - b));
    expect(events.some((e) => e.type === 'Acked')).toBe(true);
  });
});
