import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Space, Upload, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';

/** Dates travel as YYYY-MM-DD strings; the picker works in dayjs. */
export const dateItemProps = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

export function DateInput(props: React.ComponentProps<typeof DatePicker>) {
  return <DatePicker format="YYYY-MM-DD" style={{ width: 180 }} {...props} />;
}

/** A form's values without the fields left empty: the server's schemas take a missing field, not null. */
export function filledIn<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined && value !== '')) as Partial<T>;
}

/** Options for a Select from one of the domain's label maps. */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * A modal form whose submission is one call to the server: the server's
 * message is shown in the form if it refuses, and the listed queries are
 * refreshed when it accepts.
 */
export function ActionModal<T extends object>({
  title,
  open,
  onClose,
  submit,
  refresh,
  onDone,
  okText = '确定',
  initialValues,
  children,
}: {
  title: string;
  open: boolean;
  onClose(): void;
  submit(values: T): Promise<unknown>;
  refresh: (readonly unknown[])[];
  onDone?(result: unknown): void;
  okText?: string;
  initialValues?: Partial<T>;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}) {
  const [form] = Form.useForm<T>();
  const client = useQueryClient();
  const action = useMutation({
    mutationFn: submit,
    onSuccess: async (result) => {
      await Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey })));
      form.resetFields();
      onClose();
      onDone?.(result);
    },
  });
  return (
    <Modal title={title} open={open} okText={okText} onOk={() => form.submit()} confirmLoading={action.isPending} onCancel={onClose} destroyOnHidden width={640}>
      {action.error && <Alert type="error" role="alert" showIcon title={action.error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => action.mutate(values)}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}

/** Decodes a text file as UTF-8, or else as GB18030 (what many government offices still save). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads a plain-text file into a field, in the browser: nothing is uploaded until the form is saved. */
export function TextFileButton({ label, onText, current }: { label: string; onText(text: string): void; current?: () => string | undefined }) {
  const { message, modal } = App.useApp();
  return (
    <Upload
      accept=".txt,text/plain"
      showUploadList={false}
      beforeUpload={(file) => {
        void file.arrayBuffer().then((buffer) => {
          const take = () => {
            onText(decodeText(new Uint8Array(buffer)));
            void message.success(`已读入 ${file.name}`);
          };
          // What was typed is not replaced without asking (a file meant as an annex chosen here by mistake).
          if (current?.()?.trim()) modal.confirm({ title: '替换已填写的内容?', content: `将用 ${file.name} 的内容替换已填写的文字。`, okText: '替换', cancelText: '保留原内容', onOk: take });
          else take();
        });
        return false;
      }}
    >
      <Button size="small">{label}</Button>
    </Upload>
  );
}

/** Paging of lists read newest first by id: "older" asks for ids below the last shown, "newest" drops it again. */
export function OlderNewer<F extends { before?: number }>({ filter, setFilter, items, pageSize, olderLabel }: { filter: F; setFilter(next: F): void; items: { id: number }[]; pageSize: number; olderLabel: string }) {
  return (
    <Space style={{ marginTop: 16 }}>
      {filter.before !== undefined && <Button onClick={() => setFilter({ ...filter, before: undefined })}>回到最新</Button>}
      {items.length === pageSize && <Button onClick={() => setFilter({ ...filter, before: items.at(-1)!.id })}>{olderLabel}</Button>}
    </Space>
  );
}
