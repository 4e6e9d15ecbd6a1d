/** What a verb's builder makes of its words: the command's fields, or why the words make none. */
export type Fields = Record<string, unknown>;
export type Built = { ok: true; fields: Fields } | { ok: false; error: string };

export function built(fields: Fields): Built {
  return { ok: true, fields };
}

export function failed(error: string): Built {
  return { ok: false, error };
}
