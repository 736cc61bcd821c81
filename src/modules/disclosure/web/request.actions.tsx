import { App, Button, Form, Input, InputNumber, Radio, Select, Space, Upload } from 'antd';
import type { CaseFile } from '../index.ts';
import { maxReplyFileBytes, replyFileTypes } from '../disclosure.reply.rules.ts';
import { consultationKinds, deliveryWays, replyCategories, replyDeliveries, reviewKinds, reviewOutcomes, type RequestAction } from '../disclosure.types.ts';
import { DateInput, dateItemProps, optionsOf } from '../../../web/web.forms.tsx';

/** The fields each step of a request asks for; the server checks them again and says what is wrong. */
export function ActionFields({ action, file }: { action: RequestAction; file: CaseFile }) {
  const required = (message: string) => [{ required: true, message }];
  const on = (
    <Form.Item label="办理日期" name="on" rules={required('请选择办理日期')} {...dateItemProps}>
      <DateInput />
    </Form.Item>
  );
  switch (action) {
    case 'request_correction':
      return (
        <>
          {on}
          <Form.Item label="补正期限" name="correctBy" rules={required('请选择补正期限')} {...dateItemProps}>
            <DateInput />
          </Form.Item>
          <Form.Item label="需补正的内容(一次性告知)" name="what" rules={required('请写明需补正的内容')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'consult':
      return (
        <>
          {on}
          <Form.Item label="征求对象" name="kind" rules={required('请选择征求对象')}>
            <Radio.Group options={optionsOf(consultationKinds)} />
          </Form.Item>
          <Form.Item label="征求意见对象名称" name="party" rules={required('请填写征求意见对象名称')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      );
    case 'answer_consultation':
      return (
        <>
          {on}
          <Form.Item label="意见征询" name="consultationId" rules={required('请选择意见征询')}>
            <Select options={file.consultations.filter((c) => !c.answeredOn).map((c) => ({ value: String(c.id), label: `${c.party}(${c.sentOn} 发出,${c.dueOn} 到期)` }))} />
          </Form.Item>
          <Form.Item label="意见" name="answer" rules={required('请选择意见')}>
            <Radio.Group options={[{ value: 'consent', label: '同意公开' }, { value: 'objection', label: '不同意公开' }, { value: 'silence', label: '逾期未提出意见(共同制作机关视为同意)' }]} />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          {on}
          <Form.Item label="延长工作日数(最长 20)" name="days" rules={required('请填写延长的工作日数')} initialValue={20}>
            <InputNumber min={1} max={20} />
          </Form.Item>
          <Form.Item label="批准人(政府信息公开工作机构负责人)" name="approver" rules={required('请填写批准人')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={required('请写明延期理由')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'send_fee_notice':
      return (
        <>
          {on}
          <Form.Item label="计费方式" name="mode" rules={required('请选择计费方式')}>
            <Radio.Group options={[{ value: 'per_item', label: '按件计收' }, { value: 'per_volume', label: '按量计收' }]} />
          </Form.Item>
          <Form.Item label="页数(按量计收时填写)" name="pages">
            <InputNumber min={0} />
          </Form.Item>
        </>
      );
    case 'reply':
      return <ReplyFields on={on} />;
    case 'deliver':
      return (
        <>
          {on}
          <Form.Item label="送达方式" name="way" rules={required('请选择送达方式')}>
            <Select options={optionsOf(deliveryWays)} />
          </Form.Item>
        </>
      );
    case 'record_review':
      return (
        <>
          {on}
          <Form.Item label="类别" name="kind" rules={required('请选择类别')}>
            <Radio.Group options={optionsOf(reviewKinds)} />
          </Form.Item>
          <Form.Item label="结果" name="outcome" rules={required('请选择结果')}>
            <Select options={optionsOf(reviewOutcomes)} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={1000} />
          </Form.Item>
        </>
      );
    default:
      return on;
  }
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
function ReplyFields({ on }: { on: React.ReactNode }) {
  const category = Form.useWatch('category', Form.useFormInstance()) as string | undefined;
  const gives = category === 'disclose' || category === 'partial';
  const required = (text: string) => [{ required: true, message: text }];
  return (
    <>
      {on}
      <Form.Item label="答复类型" name="category" rules={required('请选择答复类型')}>
        <Select options={Object.entries(replyCategories).map(([value, c]) => ({ value, label: c.label }))} />
      </Form.Item>
      <Form.Item label="具体理由(不予公开、无法提供、不予处理、其他处理时必选)" name="reason">
        <Select
          allowClear
          options={Object.values(replyCategories)
            .filter((c) => Object.keys(c.reasons).length > 0)
            .map((c) => ({ label: c.label, options: optionsOf(c.reasons as Record<string, string>) }))}
        />
      </Form.Item>
      <Form.Item label="法律依据" name="basis" rules={required('请写明法律依据')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {gives && (
        <>
          <Form.Item label="公开的内容(与附件至少提供一项)" name="content">
            <Input.TextArea rows={5} maxLength={20000} />
          </Form.Item>
          <Form.Item label="附件" name="attachment" extra={`可以是 ${Object.keys(replyFileTypes).join('、')},不超过 ${maxReplyFileBytes / 1024 / 1024} MB`}>
            <AttachmentInput />
          </Form.Item>
          <Form.Item label="提供方式" name="delivery" rules={required('请选择提供方式')}>
            <Radio.Group options={optionsOf(replyDeliveries)} />
          </Form.Item>
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
