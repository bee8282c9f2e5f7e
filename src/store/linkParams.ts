/**
 * What a shared link asks for (`?scenario=ID&t=MS&lang=…&theme=…`) and what of it cannot be given:
 * a learner who follows a mistyped link is told what was wrong and what the page shows instead,
 * not left to wonder why the cluster is at 0 s or in English.
 */

/** One parameter of the link the page could not follow, with the value as it was written. */
export interface LinkProblem {
  readonly param: 'scenario' | 't' | 'lang' | 'theme';
  readonly value: string;
}

/** `t` as a time in ms (a whole number ≥ 0), or null when absent; `problem` when it is not one. */
export function linkTime(text: string | null): { t: number | null; problem: LinkProblem | null } {
  if (text === null || text === '') return { t: null, problem: null };
  const t = Number(text);
  if (!Number.isFinite(t) || t < 0 || !Number.isInteger(t)) return { t: null, problem: { param: 't', value: text } };
  return { t, problem: null };
}

/** `lang` and `theme` given but not among those the page has (`languageKnown`, `themeKnown`). */
export function lookProblems(params: URLSearchParams, languageKnown: (code: string) => boolean, themeKnown: (name: string) => boolean): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const lang = params.get('lang');
  if (lang !== null && !languageKnown(lang)) problems.push({ param: 'lang', value: lang });
  const theme = params.get('theme');
  if (theme !== null && !themeKnown(theme)) problems.push({ param: 'theme', value: theme });
  return problems;
}
