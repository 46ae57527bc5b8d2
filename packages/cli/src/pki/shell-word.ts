// Quoting a path for the "next:" command lines the PKI commands print.

/** `word` as one POSIX shell word: unchanged when safe, else single-quoted. */
export const shellWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
