/**
 * Headless runner: `npm run --silent sim -- FILE [--trace] [--logs]`.
 *
 * Reads a scenario (JSON) from FILE (`-` = stdin), runs it and prints the report as pretty JSON.
 *   --logs   include each partition's final leader log in the report
 *   --trace  print every trace event as one JSON line instead of the report (streamed)
 *
 * Exit codes: 0 success; 2 bad usage, unreadable file or invalid scenario (on stderr, one line
 * `error: <message>` per problem: an invalid scenario lists every problem, in file order); 1
 * anything unexpected (a bug: message and stack on stderr).
 */
import { readFileSync } from 'node:fs';
import { parseScenario, runScenario, ScenarioError, type TraceEvent } from '../engine';

const USAGE = 'usage: npm run --silent sim -- FILE [--trace] [--logs]';

/** Bad command line or unreadable file: exit 2, like an invalid scenario. */
class UsageError extends Error {}

interface Options {
  file: string;
  trace: boolean;
  logs: boolean;
}

function parseArgs(args: readonly string[]): Options | 'help' {
  let file: string | undefined;
  let trace = false;
  let logs = false;
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') options = false;
    else if (options && arg === '--trace') trace = true;
    else if (options && arg === '--logs') logs = true;
    else if (options && (arg === '--help' || arg === '-h')) return 'help';
    else if (options && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag ${JSON.stringify(arg)} (${USAGE})`);
    else if (file !== undefined) throw new UsageError(`one scenario file at a time, got ${JSON.stringify(file)} and ${JSON.stringify(arg)} (${USAGE})`);
    else file = arg;
  }
  if (file === undefined) throw new UsageError(`missing FILE (${USAGE})`);
  return { file, trace, logs };
}

function readScenario(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? (e as Error).message);
    throw new UsageError(`cannot read ${JSON.stringify(file)}: ${why}`);
  }
}

/** Writes lines to stdout in chunks, so a long trace is streamed without a syscall per event. */
class LineWriter {
  private chunk = '';
  line(text: string): void {
    this.chunk += `${text}\n`;
    if (this.chunk.length >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.chunk === '') return;
    process.stdout.write(this.chunk);
    this.chunk = '';
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

function main(args: readonly string[]): number {
  const opts = parseArgs(args);
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scenario = parseScenario(readScenario(opts.file));
  if (opts.trace) {
    const out = new LineWriter();
    try {
      runScenario(scenario, { logs: opts.logs, onEvent: (event: TraceEvent) => out.line(JSON.stringify(event)) });
    } finally {
      out.flush();
    }
  } else {
    const report = runScenario(scenario, { logs: opts.logs });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  return 0;
}

// `… | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ScenarioError) {
    process.stderr.write(e.issues.map((i) => `error: ${oneLine(`${i.path}: ${i.message}`)}\n`).join(''));
    process.exitCode = 2;
  } else if (e instanceof UsageError) {
    process.stderr.write(`error: ${oneLine(e.message)}\n`);
    process.exitCode = 2;
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`error: ${oneLine(err.message)}\n${err.stack ?? ''}\n`);
    process.exitCode = 1;
  }
}
