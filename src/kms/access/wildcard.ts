/**
 * IAM wildcard matching: `*` matches any run of characters (also none), `?` exactly one; everything else literally.
 * Used by Action/NotAction (case-insensitive), Resource, StringLike and ArnLike (case-sensitive).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
const compiled = new Map<string, RegExp>();
const MAX_CACHED = 1_000;

function regexFor(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = compiled.get(cacheKey);
  if (!re) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\s\\S]*')
      .replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(cacheKey, re);
  }
  return re;
}

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  if (pattern === '*') return true;
  return regexFor(pattern, ignoreCase).test(value);
}
