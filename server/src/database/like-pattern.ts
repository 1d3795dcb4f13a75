/**
 * Escapes LIKE wildcards with '!' so a search for "100%" finds the text "100%". Use it with
 * `LIKE :pattern ESCAPE '!'`: the same SQL on SQLite and MySQL. Every module's repositories share it.
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
