import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { getJson, postJson } from '../../../web/web.api.ts';
import { taskSignals, type EvidenceFile, type TaskSignal } from '../supervision.types.ts';

const signalColours: Record<TaskSignal, string> = { normal: 'success', due_soon: 'warning', overdue: 'error' };

/** 正常 / 临期 / 逾期 in green, yellow and red, with the due date. */
export function SignalTag({ signal, dueOn }: { signal: TaskSignal | null; dueOn: string }) {
  if (signal === null) return <>{dueOn}</>;
  return <Tag color={signalColours[signal]}>{`${taskSignals[signal]} ${dueOn}`}</Tag>;
}

/** The register's agencies, as the options of a reference field. */
export function useAgencyOptions(): { value: string; label: string }[] {
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/agencies') });
  return (agencies.data?.items ?? []).map((agency) => ({ value: String(agency.id), label: agency.name }));
}

/** The evidence files kept on a task or an audit item, each a download. */
export function EvidenceList({ files, href }: { files: EvidenceFile[]; href(position: number): string }) {
  if (files.length === 0) return <>无</>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {files.map((item) => (
        <li key={item.position}>
          <a href={href(item.position)} download>{item.name}</a>
          {` (${item.agencyName ?? '—'},${item.addedAt.slice(0, 10)})`}
        </li>
      ))}
    </ul>
  );
}

/** A labelled picker for evidence files, of the kinds the server accepts. */
export function EvidenceInput({ id, onChange }: { id: string; onChange(files: File[]): void }) {
  return (
    <p>
      <label htmlFor={id}>证明材料(PDF、OFD、Word、Excel、PNG、JPEG,可多选)</label>
      <br />
      <input id={id} type="file" multiple accept=".pdf,.ofd,.docx,.xlsx,.png,.jpg,.jpeg" onChange={(event) => onChange([...(event.target.files ?? [])])} />
    </p>
  );
}

/** For a supervisor on one document's ledger: publish its results on the portal (督查落实情况), or withdraw them. */
export function ResultsPublication({ documentId }: { documentId: string }) {
  const { message } = App.useApp();
  const status = useQuery({
    queryKey: ['supervision-results', documentId],
    queryFn: () => getJson<{ published: boolean; publishedOn: string | null }>(`/api/staff/supervision/documents/${documentId}/results`),
  });
  const [error, setError] = useState<string | null>(null);
  const change = async (path: string, done: string) => {
    setError(null);
    try {
      await postJson(path);
      message.success(done);
      await status.refetch();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  if (!status.data) return null;
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      {status.data.published ? (
        <>
          <span>{`本文件落实情况已于 ${status.data.publishedOn} 在门户网站公开`}</span>
          <a href={`/supervision-results/${documentId}`} target="_blank" rel="noreferrer">查看公开页面</a>
          <Button onClick={() => change(`/api/staff/supervision/documents/${documentId}/results/withdraw`, '已撤回公开')}>撤回公开</Button>
        </>
      ) : (
        <Button onClick={() => change(`/api/staff/supervision/documents/${documentId}/results`, '落实情况已公开')}>公开本文件落实情况</Button>
      )}
      {error && <Alert type="error" role="alert" title={error} />}
    </Space>
  );
}
