/**
 * SQL written as SQL: a tagged template that turns interpolations into
 * numbered parameters ($1, $2 …). Fragments nest, so queries are composed
 * without ever concatenating user input into the text.
 */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
    /** Run often with the same text: the engine may keep its plan (see `planOnce`). */
    readonly keepPlan = false,
  ) {}

  compile(): { text: string; values: unknown[]; keepPlan: boolean } {
    const values: unknown[] = [];
    const text = this.render(values);
    return { text, values, keepPlan: this.keepPlan };
  }

  private render(values: unknown[]): string {
    let text = this.strings[0] ?? '';
    for (let i = 0; i < this.values.length; i++) {
      const value = this.values[i];
      if (value instanceof SqlFragment) {
        text += value.render(values);
      } else {
        values.push(value);
        text += `$${values.length}`;
      }
      text += this.strings[i + 1] ?? '';
    }
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment(strings, values);
}

/**
 * A query of a hot path whose text never varies (only its parameters do):
 * PostgreSQL parses and plans it once per connection, as a named prepared
 * statement, instead of at every call. On a document page the planning of its
 * few queries cost ten times their execution. Keep it to fixed texts: each
 * distinct text stays prepared on every connection of the pool.
 */
export function planOnce(fragment: SqlFragment): SqlFragment {
  return new SqlFragment(fragment.strings, fragment.values, true);
}

/** Joins fragments with a separator written in SQL, e.g. `joinSql(conditions, sql` and `)`. */
export function joinSql(fragments: readonly SqlFragment[], separator: SqlFragment): SqlFragment {
  if (fragments.length === 0) return sql``;
  const strings: string[] = [''];
  const values: unknown[] = [];
  fragments.forEach((fragment, index) => {
    if (index > 0) {
      values.push(separator);
      strings.push('');
    }
    values.push(fragment);
    strings.push('');
  });
  return new SqlFragment(strings, values);
}
