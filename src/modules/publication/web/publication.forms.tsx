import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import type { ClockState } from '../../../core/clock/index.ts';
import { deleteJson, postFile, postJson, putJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, DateInput, dateItemProps, filledIn, optionsOf, TextFileButton } from '../../../web/web.forms.tsx';
import { correctionForm, draftForm, invalidForm, reviewForm } from '../publication.actions.ts';
import type { PublicationView } from '../publication.service.ts';
import { attributes, type Publication } from '../publication.types.ts';

type Draft = Pick<Publication, 'title' | 'docNumber' | 'signedOn' | 'addressees' | 'bodyText' | 'normative' | 'policy' | 'attribute' | 'notPublicReason' | 'interpretationText' | 'subject' | 'effectiveOn' | 'expiresOn'>;

const subjectOptions = optionsOf(draftForm.subject.options);
/** The drawer's inputs take their limits from the declaration the server checks against (publication.actions.ts). */
const { title, docNumber, signedOn, addressees, bodyText, subject, effectiveOn, expiresOn, notPublicReason, interpretationText } = draftForm;
const annexUid = (position: number) => `annex-${position}`;

/**
 * The annexes as the form holds them: those already kept (by position) and
 * files chosen now. Saving removes the ones taken off (last first, since the
 * later ones move up) and uploads the new ones in the order shown.
 */
async function saveAnnexes(id: number, before: PublicationView['annexes'], files: UploadFile[]): Promise<void> {
  const kept = new Set(files.map((file) => file.uid));
  for (const annex of [...before].reverse()) if (!kept.has(annexUid(annex.position))) await deleteJson(`/api/staff/publications/${id}/annexes/${annex.position}`);
  for (const file of files) if (file.originFileObj) await postFile(`/api/staff/publications/${id}/annexes`, file.originFileObj);
}
type Submitted = { state: Publication['state']; reasons: string[]; documentIds: number[] };

const refresh: (readonly unknown[])[] = [['publications'], ['deadlines']];

/** Submitting to publish: returned (退文) with its reasons, published with its library pages, or filed. */
function useSubmission() {
  const client = useQueryClient();
  const { modal, message } = App.useApp();
  return useMutation({
    mutationFn: (id: number) => postJson<Submitted>(`/api/staff/publications/${id}/submit`),
    onSuccess: async (result) => {
      await Promise.all(refresh.map((queryKey) => client.invalidateQueries({ queryKey })));
      if (result.state === 'returned') {
        modal.warning({ title: '退文', content: <><p>文件未予公开,请补正后重新提交:</p><ul>{result.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul></> });
      } else if (result.state === 'published') {
        modal.success({
          title: '已公开',
          content: (
            <>
              <p>文件已进入政府文件库,在门户网站公开{result.documentIds.length > 1 ? ',解读材料同步发布' : ''}:</p>
              <ul>{result.documentIds.map((id, index) => <li key={id}><a href={`/documents/${id}`} target="_blank" rel="noreferrer">{index === 0 ? '查看公开的文件' : '查看政策解读'}</a></li>)}</ul>
            </>
          ),
        });
      } else {
        message.info('已归档:该文件不主动公开,将列入年度自查和定期复核');
      }
    },
    onError: (error) => message.error(error.message),
  });
}

export function SubmitButton({ publication }: { publication: PublicationView }) {
  const submission = useSubmission();
  return (
    <Button size="small" type="primary" loading={submission.isPending} onClick={() => submission.mutate(publication.id)} aria-label={`提交公开《${publication.title}》`}>
      提交公开
    </Button>
  );
}

/** A new document, or a draft's changes: the attribute is decided here, at source, with the interpretation where one is due. */
export function DraftDrawer({ open, publication, onClose }: { open: boolean; publication: PublicationView | null; onClose(): void }) {
  const [form] = Form.useForm<Draft>();
  const client = useQueryClient();
  const submission = useSubmission();
  const [annexes, setAnnexes] = useState<UploadFile[]>([]);
  const save = useMutation({
    mutationFn: async ({ values }: { values: Draft; thenSubmit: boolean }) => {
      const id = publication ? (await putJson(`/api/staff/publications/${publication.id}`, filledIn(values)), publication.id) : (await postJson<{ id: number }>('/api/staff/publications', filledIn(values))).id;
      await saveAnnexes(id, publication?.annexes ?? [], annexes);
      return id;
    },
    onSuccess: async (id, { thenSubmit }) => {
      await client.invalidateQueries({ queryKey: ['publications'] });
      onClose();
      if (thenSubmit) submission.mutate(id);
    },
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    save.reset();
    form.setFieldsValue(publication ?? { signedOn: todayInChina(), normative: false, policy: false, attribute: null });
    setAnnexes((publication?.annexes ?? []).map((annex) => ({ uid: annexUid(annex.position), name: annex.name, size: annex.size, status: 'done' })));
  }, [open, publication]);
  const attribute = Form.useWatch('attribute', form);
  // Both watched on every render: a hook skipped by `||` breaks React's hook order (error #300).
  const normative = Form.useWatch('normative', form);
  const policy = Form.useWatch('policy', form);
  const needsInterpretation = normative || policy;
  const saveAnd = (thenSubmit: boolean) => form.validateFields().then((values) => save.mutate({ values, thenSubmit }), () => undefined);
  return (
    <Drawer
      title={publication ? `修改:${publication.title}` : '新建文件'}
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden={false}
      extra={
        <Space>
          <Button onClick={() => saveAnd(false)} loading={save.isPending}>保存草稿</Button>
          <Button type="primary" onClick={() => saveAnd(true)} loading={save.isPending}>保存并提交公开</Button>
        </Space>
      }
    >
      {save.error && <Alert type="error" role="alert" showIcon title={save.error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item label={title.label} name="title" rules={[{ required: true, min: title.min, message: `请填写${title.label}` }]}>
          <Input maxLength={title.max} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label={docNumber.label} name="docNumber">
            <Input maxLength={docNumber.max} placeholder="如 沪府办规〔2026〕1号" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item label={signedOn.label} name="signedOn" rules={[{ required: true, message: `请选择${signedOn.label}` }]} {...dateItemProps}>
            <DateInput />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item label={subject.label} name="subject" extra={subject.hint}>
            <Select options={subjectOptions} allowClear virtual={false} placeholder="自动归类" style={{ width: 260 }} />
          </Form.Item>
          <Form.Item label={effectiveOn.label} name="effectiveOn" {...dateItemProps}>
            <DateInput />
          </Form.Item>
          <Form.Item
            label={expiresOn.label}
            name="expiresOn"
            dependencies={['effectiveOn', 'signedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, value: string | undefined) {
                  const effective = getFieldValue('effectiveOn') as string | undefined;
                  const start = effective ?? (getFieldValue('signedOn') as string | undefined);
                  if (!value || !start || value > start) return Promise.resolve();
                  return Promise.reject(new Error(effective ? '有效期至应晚于施行日期' : '有效期至应晚于成文日期'));
                },
              }),
            ]}
            {...dateItemProps}
          >
            <DateInput />
          </Form.Item>
        </Space>
        <Form.Item label={addressees.label} name="addressees">
          <Input maxLength={addressees.max} placeholder="如 各区人民政府,市政府各委、办、局" />
        </Form.Item>
        <Form.Item label={bodyText.label} name="bodyText" rules={[{ required: true, min: bodyText.min, message: `请填写${bodyText.label}(至少 ${bodyText.min} 字)` }]} extra={<TextFileButton label="从文本文件读入正文" current={() => form.getFieldValue('bodyText')} onText={(text) => form.setFieldValue('bodyText', text)} />}>
          <Input.TextArea rows={10} maxLength={bodyText.max} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="normative" valuePropName="checked">
            <Checkbox>规范性文件</Checkbox>
          </Form.Item>
          <Form.Item name="policy" valuePropName="checked">
            <Checkbox>政策性文件</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item label="公开属性(拟文时源头认定)" name="attribute">
          <Radio.Group options={optionsOf(attributes)} />
        </Form.Item>
        {attribute === 'not_public' && (
          <Form.Item label="不予公开的法定理由" name="notPublicReason" rules={[{ required: true, message: '确定为不予公开的,须写明法定理由' }]}>
            <Input.TextArea rows={2} maxLength={notPublicReason.max} />
          </Form.Item>
        )}
        <Form.Item
          label={needsInterpretation ? '解读材料(规范性文件、政策性文件须同步报送)' : '解读材料'}
          name="interpretationText"
          extra={
            <>
              谁起草、谁解读:解读与文件同步公开,在文件库中互相链接。
              <TextFileButton label="从文本文件读入解读" current={() => form.getFieldValue('interpretationText')} onText={(text) => form.setFieldValue('interpretationText', text)} />
            </>
          }
        >
          <Input.TextArea rows={6} maxLength={interpretationText.max} />
        </Form.Item>
        <Form.Item label="附件" extra="可添加多个附件(PDF、Word、Excel、OFD 等),按原文件保存,公开后在文件页面提供下载;保存时上传。">
          <Upload
            multiple
            fileList={annexes}
            beforeUpload={() => false}
            onChange={({ fileList }) => setAnnexes(fileList.map((file) => ({ ...file, status: 'done' })))}
          >
            <Button>添加附件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

export function CorrectionModal({ open, publication, onClose, onDone }: { open: boolean; publication: PublicationView; onClose(): void; onDone(version: number): void }) {
  return (
    <ActionModal<{ bodyText: string; reason: string }>
      title={`发布更正:${publication.title}`}
      open={open}
      onClose={onClose}
      okText="发布更正版本"
      initialValues={{ bodyText: publication.bodyText }}
      submit={(values) => postJson<{ version: number }>(`/api/staff/publications/${publication.id}/corrections`, values)}
      refresh={refresh}
      onDone={(result) => onDone((result as { version: number }).version)}
    >
      <Alert type="info" title="已公开的文件不在原处修改:更正发布为新版本,门户网站显示版本记录和更正理由。" style={{ marginBottom: 16 }} />
      <DeclaredFields form={correctionForm} />
    </ActionModal>
  );
}

export function InvalidModal({ open, publication, onClose }: { open: boolean; publication: PublicationView; onClose(): void }) {
  const { message } = App.useApp();
  return (
    <ActionModal<{ kind: 'repealed' | 'expired'; eventOn: string }>
      title={`标注废止或失效:${publication.title}`}
      open={open}
      onClose={onClose}
      okText="标注"
      initialValues={{ eventOn: todayInChina() }}
      submit={(values) => postJson<ClockState>(`/api/staff/publications/${publication.id}/invalid`, values)}
      refresh={[...refresh, ['documents']]}
      onDone={(result) => {
        const clock = result as ClockState;
        if (clock.overdue) message.warning(`已标注;距废止或失效已 ${clock.used} 个工作日,超过 20 个工作日的期限,记为逾期标注`);
        else message.success('已标注,门户网站同步显示');
      }}
    >
      <DeclaredFields form={invalidForm} />
    </ActionModal>
  );
}

export function ReviewModal({ open, publication, onClose }: { open: boolean; publication: PublicationView; onClose(): void }) {
  return (
    <ActionModal<{ decision: 'keep' | 'publish'; note: string }>
      title={`复核:${publication.title}`}
      open={open}
      onClose={onClose}
      okText="保存复核结果"
      submit={(values) => postJson(`/api/staff/publications/${publication.id}/review`, values)}
      refresh={refresh}
    >
      <DeclaredFields form={reviewForm} />
    </ActionModal>
  );
}
