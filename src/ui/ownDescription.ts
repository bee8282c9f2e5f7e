/**
 * The description a learner wrote into an edited scenario, when it is their own: the header then
 * shows it as written instead of the built-in's (translated) summary and "what to watch", which
 * describe a cluster the edit may no longer be. An edit that keeps the built-in's description
 * (a knob turned in the JSON) keeps the built-in's words.
 */
export function ownDescription(builtIn: unknown, current: unknown): string | null {
  const description = (current as { description?: unknown } | null)?.description;
  if (typeof description !== 'string' || description.trim() === '') return null;
  return description === (builtIn as { description?: unknown } | null)?.description ? null : description;
}
