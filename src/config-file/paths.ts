import path from 'node:path';

/** Returns whether `candidate` is `root` or inside it. Both must be absolute and already resolved. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/** Formats `absolutePath` for findings: relative to the workspace with forward slashes when inside it. */
export function displayPath(workspace: string, absolutePath: string): string {
  if (!isInside(workspace, absolutePath)) {
    return absolutePath;
  }
  const relative = path.relative(workspace, absolutePath);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/** Names the JSON kind of a value for messages: "an object", "an array", "a string" and so on. */
export function describeKind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Checks whether a value is a JSON object (not an array and not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
