import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getJson, postFile, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { apiLinkForm } from '../catalogue.actions.ts';
import { columnTypes, distributionFormats, maxDistributionBytes, type Distribution, type DistributionVersion } from '../catalogue.types.ts';

type Listed = Distribution & { versions: DistributionVersion[] };

const sizeLabel = (bytes: number) => (bytes < 1024 ? `${bytes} 字节` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const accept = distributionFormats.map((format) => `.${format.toLowerCase()}`).join(',');

/** Out of sight but not out of reach: the input stays focusable by keyboard, inside its label. */
const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' } as const;

/** A hidden file input behind a button-looking label: the browser's own file dialog, reachable by keyboard. */
function FilePicker({ label, onPick }: { label: string; onPick(file: File): void }) {
  return (
    <label className="ant-btn ant-btn-default">
      {label}
      <input
        type="file"
        accept={accept}
        style={visuallyHidden}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onPick(file);
        }}
      />
    </label>
  );
}

/** A resource's data files (with their versions) and API links; the providing agency and the big-data centre add them. */
export function DistributionsPanel({ resourceId }: { resourceId: number }) {
  const key = ['catalogue-distributions', resourceId];
  const list = useQuery({ queryKey: key, queryFn: () => getJson<{ items: Listed[]; canPublish: boolean }>(`/api/staff/catalogue/${resourceId}/distributions`) });
  const client = useQueryClient();
  const [linking, setLinking] = useState(false);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  async function send(path: string, file: File, done: (result: { id: number; version: number }) => string) {
    if (file.size > maxDistributionBytes) {
      setMessage({ type: 'error', text: `${file.name}:文件大小 ${sizeLabel(file.size)},超过数据文件的上限 ${sizeLabel(maxDistributionBytes)}` });
      return;
    }
    try {
      const result = await postFile<{ id: number; version: number }>(path, file);
      setMessage({ type: 'success', text: done(result) });
      await client.invalidateQueries({ queryKey: key });
    } catch (error) {
      setMessage({ type: 'error', text: (error as Error).message });
    }
  }
  const canPublish = list.data?.canPublish ?? false;
  return (
    <section aria-labelledby="distributions-title">
      <Typography.Title level={2} id="distributions-title" style={{ fontSize: 18, marginTop: 24 }}>数据文件和接口</Typography.Title>
      {canPublish && (
        <Space wrap style={{ marginBottom: 12 }}>
          <FilePicker label="上传数据文件(CSV/XLSX/JSON)" onPick={(file) => void send(`/api/staff/catalogue/${resourceId}/distributions`, file, () => `已上传 ${file.name}`)} />
          <Button onClick={() => setLinking(true)}>登记数据接口</Button>
          <Typography.Text type="secondary">每个文件不超过 {sizeLabel(maxDistributionBytes)};按文件内容检查,GB18030 编码的 CSV 会转换为 UTF-8。</Typography.Text>
        </Space>
      )}
      {message && <Alert type={message.type} role={message.type === 'error' ? 'alert' : 'status'} title={message.text} style={{ marginBottom: 12 }} closable onClose={() => setMessage(null)} />}
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<Listed>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '尚未上传数据文件或登记数据接口' }}
        expandable={{
          rowExpandable: (row) => row.kind === 'file',
          expandedRowRender: (row) => <Versions resourceId={resourceId} distribution={row} />,
        }}
        columns={[
          { title: '名称', dataIndex: 'title' },
          { title: '格式', dataIndex: 'format', render: (format: string, row) => <Tag>{row.kind === 'api' ? '接口' : format}</Tag> },
          { title: '版本', render: (_, row) => (row.kind === 'file' ? `第 ${row.version} 版` : '—') },
          { title: '大小', render: (_, row) => (row.latest ? sizeLabel(row.latest.size) : '—') },
          { title: '行数', render: (_, row) => (row.latest ? (row.latest.rowCount ?? '—') : '—') },
          { title: '更新时间', render: (_, row) => (row.latest?.uploadedAt ?? row.updatedAt).slice(0, 16) },
          {
            title: '地址或操作',
            render: (_, row) =>
              row.kind === 'api' ? (
                <Typography.Text copyable>{row.url}</Typography.Text>
              ) : canPublish ? (
                <FilePicker label="上传新版本" onPick={(file) => void send(`/api/staff/catalogue/${resourceId}/distributions/${row.id}/versions`, file, (result) => `已上传「${row.title}」的第 ${result.version} 版`)} />
              ) : null,
          },
        ]}
      />
      {linking && (
        <ActionModal title="登记数据接口" open onClose={() => setLinking(false)} submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue/${resourceId}/distributions/links`, filledIn(values))} refresh={[key]}>
          <DeclaredFields form={apiLinkForm} />
        </ActionModal>
      )}
    </section>
  );
}

/** Every version of a file, newest first, each downloadable; the latest one's columns with their guessed types. */
function Versions({ resourceId, distribution }: { resourceId: number; distribution: Listed }) {
  return (
    <>
      {distribution.latest && distribution.latest.columns.length > 0 && (
        <p>
          列(推测的类型):{distribution.latest.columns.map((column) => `${column.name}(${columnTypes[column.type]})`).join('、')}
        </p>
      )}
      <Table<DistributionVersion>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={distribution.versions}
        columns={[
          { title: '版本', dataIndex: 'version', render: (version: number) => `第 ${version} 版` },
          { title: '文件名', dataIndex: 'name', render: (name: string, row) => <a href={`/api/staff/catalogue/${resourceId}/distributions/${distribution.id}/versions/${row.version}`} download>{name}</a> },
          { title: '上传人', dataIndex: 'uploadedBy' },
          { title: '上传时间', dataIndex: 'uploadedAt', render: (at: string) => at.slice(0, 16) },
          { title: '大小', dataIndex: 'size', render: (size: number) => sizeLabel(size) },
          { title: '行数', dataIndex: 'rowCount', render: (rows: number | null) => rows ?? '—' },
          { title: 'SHA-256', dataIndex: 'sha256', render: (hash: string) => <Typography.Text code copyable={{ text: hash }}>{hash.slice(0, 12)}…</Typography.Text> },
          { title: '说明', dataIndex: 'conversion', render: (conversion: string | null) => conversion ?? '' },
        ]}
      />
    </>
  );
}
