import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { FieldDeclaration, FormDeclaration } from '../core/forms/form.fields.ts';
import { DateInput, dateItemProps, optionsOf } from './web.forms.tsx';

/** Options a `reference` field picks from, by the name the declaration gives (`from`). */
export type ReferenceOptions = Readonly<Record<string, { value: string; label: string }[]>>;

/**
 * The inputs of a form declared in a module (`declareForm`): labels, required
 * marks and limits come from the declaration the server checks against, so
 * the screen never allows what the server refuses.
 */
export function DeclaredFields({ form, references = {}, only }: { form: FormDeclaration; references?: ReferenceOptions; only?: readonly string[] }) {
  const names = Object.keys(form).filter((name) => !only || only.includes(name));
  return (
    <>
      {names.map((name) => (
        <DeclaredField key={name} name={name} field={form[name]!} references={references} />
      ))}
    </>
  );
}

function DeclaredField({ name, field, references }: { name: string; field: FieldDeclaration; references: ReferenceOptions }) {
  const verb = field.kind === 'choice' || field.kind === 'reference' || field.kind === 'date' ? '请选择' : '请填写';
  const rules = field.optional || field.kind === 'flag' ? [] : [{ required: true, message: `${verb}${field.label}` }];
  const common = { label: field.label, name, rules, extra: field.hint };
  switch (field.kind) {
    case 'text':
      return (
        <Form.Item {...common}>
          {field.multiline ? <Input.TextArea rows={3} maxLength={field.max} showCount /> : <Input maxLength={field.max} />}
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common} {...dateItemProps}>
          <DateInput />
        </Form.Item>
      );
    case 'flag':
      return (
        <Form.Item name={name} valuePropName="checked" extra={field.hint}>
          <Checkbox>{field.label}</Checkbox>
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common} initialValue={field.initial}>
          <InputNumber min={field.min} max={field.max} precision={0} />
        </Form.Item>
      );
    case 'choice': {
      if (field.groups) {
        const options = Object.values(field.groups)
          .filter((group) => Object.keys(group.options).length > 0)
          .map((group) => ({ label: group.label, options: optionsOf(group.options as Record<string, string>) }));
        return (
          <Form.Item {...common}>
            <Select allowClear={field.optional} options={options} />
          </Form.Item>
        );
      }
      const options = optionsOf(field.options as Record<string, string>);
      return (
        <Form.Item {...common}>
          {field.widget === 'radio' ? <Radio.Group options={options} /> : <Select allowClear={field.optional} options={options} />}
        </Form.Item>
      );
    }
    case 'reference':
      return (
        <Form.Item {...common}>
          <Select options={references[field.from] ?? []} />
        </Form.Item>
      );
  }
}
