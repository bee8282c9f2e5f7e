/**
 * For the parser's tests: every `path: message` line of the ScenarioError parseScenario throws for
 * `input`. It fails (throws) when parsing succeeds, when the error is not a ScenarioError, when its
 * message is not those lines, or when its `path` is not the first issue's.
 */
import { parseScenario, ScenarioError } from './parse';

export function scenarioErrorLines(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const lines = e.issues.map((i) => `${i.path}: ${i.message}`);
    if (e.message !== lines.join('\n')) throw new Error(`ScenarioError message ${JSON.stringify(e.message)} is not its issues' lines`, { cause: e });
    if (e.path !== e.issues[0]!.path) throw new Error(`ScenarioError path "${e.path}" is not its first issue's`, { cause: e });
    return lines;
  }
  throw new Error(`expected a ScenarioError for ${JSON.stringify(input)}`);
}
