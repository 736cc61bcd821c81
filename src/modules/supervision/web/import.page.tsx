import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { importForm, nameMappingForm } from '../supervision.actions.ts';
import type { DocumentHeading } from '../supervision.queries.ts';
import type { ImportPreview, ImportResult } from '../supervision.service.ts';
import type { ResolvedName, TaskCandidate } from '../supervision.types.ts';
import { useAgencyOptions } from './web.parts.tsx';

function Names({ names }: { names: ResolvedName[] }) {
  if (names.length === 0) return <>—</>;
  return (
    <>
      {names.map((name) => (name.agencyId === null ? <Tag key={name.name} color="warning">{`${name.name}(未对应)`}</Tag> : <Tag key={name.name}>{name.name}</Tag>))}
    </>
  );
}

/** A document's extracted tasks become ledger entries: names mapped to the register once, then one import with the due date. */
export function ImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [documentId, setDocumentId] = useState<string | undefined>();
  const [mapping, setMapping] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const documents = useQuery({ queryKey: ['supervision-documents'], queryFn: () => getJson<{ items: DocumentHeading[] }>('/api/staff/supervision/documents') });
  const preview = useQuery({ queryKey: ['supervision-preview', documentId], enabled: documentId !== undefined, queryFn: () => getJson<ImportPreview>(`/api/staff/supervision/documents/${documentId}`) });
  const agencies = useAgencyOptions();
  const data = preview.data;
  return (
    <>
      <PageHeading>从文件导入督查任务</PageHeading>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="import-document">文件</label>
        <Select
          id="import-document"
          showSearch
          optionFilterProp="label"
          placeholder="选择含有分工任务的文件"
          style={{ width: 560 }}
          value={documentId}
          onChange={setDocumentId}
          options={(documents.data?.items ?? []).map((d) => ({ value: String(d.id), label: `${d.docNumber ? `${d.docNumber} ` : ''}${d.title}(${d.tasks} 项任务)` }))}
        />
      </Space>
      {(documents.error ?? preview.error) && <Alert type="error" role="alert" title={(documents.error ?? preview.error)!.message} />}
      {data && (
        <>
          {data.unresolved.length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 16 }}
              title="以下单位名称尚未对应到机关名录,请逐一对应(对应一次,以后导入沿用):"
              description={
                <Space wrap>
                  {data.unresolved.map((name) => (
                    <Button key={name} size="small" onClick={() => setMapping(name)}>{`对应“${name}”`}</Button>
                  ))}
                </Space>
              }
            />
          )}
          <Space style={{ marginBottom: 16 }}>
            <Typography.Text>{`共 ${data.tasks.length} 项任务,已列入台账 ${data.tasks.filter((t) => t.imported).length} 项`}</Typography.Text>
            <Button type="primary" onClick={() => setImporting(true)} disabled={data.tasks.every((t) => t.imported)}>列入督查台账</Button>
          </Space>
          <Table<TaskCandidate>
            rowKey="seq"
            size="small"
            dataSource={data.tasks}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '任务', dataIndex: 'text', render: (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text) },
              { title: '牵头单位', dataIndex: 'lead', render: (names: ResolvedName[]) => <Names names={names} /> },
              { title: '责任单位', dataIndex: 'responsible', render: (names: ResolvedName[]) => <Names names={names} /> },
              { title: '文件规定时限', dataIndex: 'dueOn', render: (dueOn: string | null) => dueOn ?? '—' },
              { title: '台账', dataIndex: 'imported', render: (imported: boolean) => (imported ? '已列入' : '未列入') },
            ]}
          />
        </>
      )}
      {mapping && (
        <ActionModal
          title={`对应“${mapping}”`}
          open
          onClose={() => setMapping(null)}
          initialValues={{ name: mapping }}
          submit={(values: Record<string, unknown>) => postJson('/api/staff/supervision/agency-names', filledIn(values))}
          refresh={[['supervision-preview', documentId]]}
        >
          <DeclaredFields form={nameMappingForm} references={{ agencies }} />
        </ActionModal>
      )}
      {importing && (
        <ActionModal
          title="列入督查台账"
          open
          onClose={() => setImporting(false)}
          submit={(values: Record<string, unknown>) => postJson<ImportResult>(`/api/staff/supervision/documents/${documentId}/import`, filledIn(values))}
          refresh={[['supervision-preview', documentId], ['supervision-tasks']]}
          onDone={(result) => {
            message.success(`已列入 ${(result as ImportResult).created} 项任务`);
            navigate(`/supervision?document=${documentId}`);
          }}
        >
          <DeclaredFields form={importForm} />
        </ActionModal>
      )}
    </>
  );
}
