// What the worker tells the page when something fails: a path and a message per problem.
import type { Issue } from './protocol';

/** A ScenarioError's problems: all of them (`issues`) once the parser lists them, else its one path. */
export function issuesOf(err: unknown): Issue[] {
  const e = err as { issues?: Issue[]; path?: string; reason?: string };
  if (Array.isArray(e.issues) && e.issues.length) return e.issues.map((i) => ({ path: String(i.path), message: i.message }));
  if (typeof e.path === 'string') return [{ path: e.path, message: e.reason ?? messageOf(err) }];
  return [{ path: '', message: messageOf(err) }];
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
