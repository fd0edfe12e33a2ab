// TypeScript names for XanoScript names. Data keys (columns, inputs) never go through here.

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval undefined"
  ).split(" "),
);

/** `reengage_users` → `reengageUsers`, `import video ask` → `importVideoAsk`, `$user1` → `user1`. */
export function camelCase(name: string): string {
  const words = name
    .replace(/^\$+/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "");
  if (words.length === 0) return "value";
  const joined = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  return safeIdentifier(joined);
}

export function pascalCase(name: string): string {
  const c = camelCase(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

export function safeIdentifier(name: string): string {
  let id = /^[0-9]/.test(name) ? `_${name}` : name;
  if (RESERVED.has(id)) id = `${id}_`;
  return id;
}

/** Whether `key` can be written as `obj.key` rather than `obj["key"]`. */
export function isPlainKey(key: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
}

export function propertyAccess(object: string, key: string, optional = false): string {
  const dot = optional ? "?." : ".";
  return isPlainKey(key) ? `${object}${dot}${key}` : `${object}${optional ? "?." : ""}[${JSON.stringify(key)}]`;
}
