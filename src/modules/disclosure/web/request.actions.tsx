import { App, Button, Form, Space, Upload } from 'antd';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { actionForms } from '../disclosure.actions.ts';
import { maxReplyFileBytes, replyFileTypes } from '../disclosure.reply.rules.ts';
import type { RequestAction } from '../disclosure.types.ts';
import type { CaseFile } from '../index.ts';

/** The fields each step of a request asks for, rendered from the declaration the server checks against (disclosure.actions.ts). */
export function ActionFields({ action, file }: { action: RequestAction; file: CaseFile }) {
  if (action === 'reply') return <ReplyFields />;
  const openConsultations = file.consultations.filter((c) => !c.answeredOn).map((c) => ({ value: String(c.id), label: `${c.party}(${c.sentOn} 发出,${c.dueOn} 到期)` }));
  return <DeclaredFields form={actionForms[action]} references={{ openConsultations }} />;
}

/** A file's bytes as base64, read in the browser: the reply sends it in its JSON body. */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The reply: its category, reason and basis; and for 予以公开 / 部分公开 the
 * information given (text and/or a file) and the way it reaches the applicant.
 */
function ReplyFields() {
  const category = Form.useWatch('category', Form.useFormInstance()) as string | undefined;
  const gives = category === 'disclose' || category === 'partial';
  return (
    <>
      <DeclaredFields form={actionForms.reply} only={['on', 'category', 'reason', 'basis']} />
      {gives && (
        <>
          <DeclaredFields form={actionForms.reply} only={['content']} />
          <Form.Item label="附件" name="attachment" extra={`可以是 ${Object.keys(replyFileTypes).join('、')},不超过 ${maxReplyFileBytes / 1024 / 1024} MB`}>
            <AttachmentInput />
          </Form.Item>
          <DeclaredFields form={actionForms.reply} only={['delivery']} />
        </>
      )}
    </>
  );
}

/** The reply's file as a form control: chosen, read in the browser as base64, shown by name, removable. */
function AttachmentInput({ value, onChange }: { value?: { name: string; data: string }; onChange?(next: { name: string; data: string } | undefined): void }) {
  const { message } = App.useApp();
  return (
    <Space>
      <Upload
        accept={Object.keys(replyFileTypes).map((extension) => `.${extension}`).join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > maxReplyFileBytes) void message.error(`附件不能超过 ${maxReplyFileBytes / 1024 / 1024} MB`);
          else void base64Of(file).then((data) => onChange?.({ name: file.name, data }));
          return false;
        }}
      >
        <Button>{value ? '更换附件' : '选择附件'}</Button>
      </Upload>
      {value && (
        <>
          <span>{value.name}</span>
          <Button size="small" onClick={() => onChange?.(undefined)}>
            移除附件
          </Button>
        </>
      )}
    </Space>
  );
}
