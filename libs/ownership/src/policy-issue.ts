/** One offending entry of a policy: where it is (`entityTypes[2].owner`) and what is wrong. */
export interface PolicyIssue {
  readonly path: string;
  readonly reason: string;
}

/** `['entityTypes', 2, 'owner']` as `entityTypes[2].owner`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return text === '' ? name : `${text}.${name}`;
  }, '');
}
