import type { FieldDeclaration, FormDeclaration } from '../../core/forms/form.fields.ts';
import { optionsOfChoice } from '../../core/forms/form.fields.ts';
import { html, type Html } from '../html.ts';

/** Options of a `reference` field on a page, by the name the declaration gives (`from`). */
export type PageReferences = Readonly<Record<string, { value: string; label: string }[]>>;

/**
 * The fields of a declared form as accessible HTML for the portal (works
 * without JavaScript): label, required mark, limit and hint from the same
 * declaration the server checks against; values kept after a refusal.
 */
export function declaredFieldsHtml(form: FormDeclaration, values: Readonly<Record<string, string>>, references: PageReferences = {}, only?: readonly string[]): Html {
  const names = Object.keys(form).filter((name) => !only || only.includes(name));
  return html`${names.map((name) => fieldHtml(name, form[name]!, values[name] ?? '', references))}`;
}

function fieldHtml(name: string, field: FieldDeclaration, value: string, references: PageReferences): Html {
  const id = `f-${name}`;
  const required = !field.optional && field.kind !== 'flag';
  const mark = required ? html` <span aria-hidden="true">*</span>` : '';
  const aria = html`${required ? html` required aria-required="true"` : ''}${field.hint ? html` aria-describedby="${id}-hint"` : ''}`;
  const hint = field.hint ? html`<span id="${id}-hint" class="muted">${field.hint}</span>` : '';
  switch (field.kind) {
    case 'flag':
      return html`<p class="field checkbox"><input id="${id}" name="${name}" type="checkbox"${value === 'on' ? html` checked` : ''}${aria}>
        <label for="${id}">${field.label}</label>${hint}</p>`;
    case 'text':
      return field.multiline
        ? html`<p class="field"><label for="${id}">${field.label}${mark}</label>
          <textarea id="${id}" name="${name}" rows="6" maxlength="${field.max}"${aria}>${value}</textarea>${hint}</p>`
        : html`<p class="field"><label for="${id}">${field.label}${mark}</label>
          <input id="${id}" name="${name}" type="text" value="${value}" maxlength="${field.max}"${aria}>${hint}</p>`;
    case 'date':
      return html`<p class="field"><label for="${id}">${field.label}${mark}</label><input id="${id}" name="${name}" type="date" value="${value}"${aria}>${hint}</p>`;
    case 'number':
      return html`<p class="field"><label for="${id}">${field.label}${mark}</label>
        <input id="${id}" name="${name}" type="number" min="${field.min}" max="${field.max}" step="1" value="${value}"${aria}>${hint}</p>`;
    case 'choice': {
      const options = Object.entries(optionsOfChoice(field));
      if (field.widget === 'radio') {
        return html`<fieldset class="field"><legend>${field.label}${mark}</legend>
          ${options.map(([key, label], i) => html`<label class="choice"><input type="radio" name="${name}" value="${key}"${value === key ? html` checked` : ''}${i === 0 && required ? html` required` : ''}> ${label}</label>`)}
          ${hint}</fieldset>`;
      }
      return selectHtml(id, name, field.label, mark, aria, hint, options.map(([key, label]) => ({ value: key, label })), value);
    }
    case 'reference':
      return selectHtml(id, name, field.label, mark, aria, hint, references[field.from] ?? [], value);
  }
}

function selectHtml(id: string, name: string, label: string, mark: Html | string, aria: Html, hint: Html | string, options: { value: string; label: string }[], value: string): Html {
  return html`<p class="field"><label for="${id}">${label}${mark}</label>
    <select id="${id}" name="${name}"${aria}><option value="">请选择</option>
      ${options.map((option) => html`<option value="${option.value}"${value === option.value ? html` selected` : ''}>${option.label}</option>`)}
    </select>${hint}</p>`;
}
