import { ValueTransformer } from 'typeorm';

/** Instants are stored as UTC with millisecond precision on both databases. */
export const DATETIME = { type: 'datetime', precision: 3 } as const;

/** JSON kept in a text column: portable across SQLite and MySQL, and nobody queries inside it. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? null : JSON.stringify(value)),
  from: (value: string | null) => (value == null ? null : JSON.parse(value)),
};
