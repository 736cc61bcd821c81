/**
 * SQL written as SQL: a tagged template that turns interpolations into
 * numbered parameters ($1, $2 …). Fragments nest, so queries are composed
 * without ever concatenating user input into the text.
 */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  compile(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.render(values);
    return { text, values };
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
