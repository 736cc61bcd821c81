import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getJson, postFile, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { DistributionsPanel } from './distributions.panel.tsx';
import { dataUpdatedForm, resourceForm, restrictionDecisionForms, restrictionReasonForm } from '../catalogue.actions.ts';
import type { AgencyEvaluation, Quality } from '../catalogue.quality.ts';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { inputOf } from '../catalogue.rules.ts';
import type { ResourceFile } from '../catalogue.service.ts';
import { openAttributes, sharingAttributes, updateFrequencies, type ResourceRow, type Restriction } from '../catalogue.types.ts';

/** The agency's catalogue: its entries, the stricter attributes waiting for approval, the template's import and export. */
export function CataloguePage() {
  const list = useQuery({ queryKey: ['catalogue'], queryFn: () => getJson<{ items: (ResourceRow & { quality: Quality })[] }>('/api/staff/catalogue') });
  const evaluation = useQuery({ queryKey: ['catalogue-evaluation'], queryFn: () => getJson<{ items: AgencyEvaluation[] }>('/api/staff/catalogue/evaluation') });
  const restrictions = useQuery({ queryKey: ['catalogue-restrictions'], queryFn: () => getJson<{ items: Restriction[] }>('/api/staff/catalogue/restrictions') });
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ id: number; decision: 'approve' | 'refuse' } | null>(null);
  const [imported, setImported] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  async function importFile(file: File) {
    try {
      const summary = await postFile<{ rows: number; created: number; updated: number; unchanged: number }>('/api/staff/catalogue/import', file);
      setImported({ type: 'success', text: `已导入 ${summary.rows} 行:新增 ${summary.created} 项,更新 ${summary.updated} 项,未变 ${summary.unchanged} 项` });
      await client.invalidateQueries({ queryKey: ['catalogue'] });
    } catch (error) {
      setImported({ type: 'error', text: (error as Error).message });
    }
  }
  return (
    <>
      <PageHeading>公共数据资源目录</PageHeading>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setCreating(true)}>登记数据资源</Button>
        <label className="ant-btn">
          导入目录(XLSX/CSV)
          <input type="file" accept=".xlsx,.csv" style={{ display: 'none' }} onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
        </label>
        <a href="/api/staff/catalogue/export?format=xlsx" download>导出 XLSX</a>
        <a href="/api/staff/catalogue/export?format=csv" download>导出 CSV</a>
      </Space>
      {imported && <Alert type={imported.type} role={imported.type === 'error' ? 'alert' : 'status'} title={<span style={{ whiteSpace: 'pre-wrap' }}>{imported.text}</span>} style={{ marginBottom: 16 }} />}
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      {(restrictions.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>待审批的属性调整</Typography.Title>
          <Table<Restriction>
            rowKey="id"
            pagination={false}
            dataSource={restrictions.data?.items ?? []}
            columns={[
              { title: '数据资源', dataIndex: 'resourceName' },
              { title: '调整为', render: (_, row) => `${sharingAttributes[row.proposed.sharing]}、${openAttributes[row.proposed.open]}` },
              { title: '理由', dataIndex: 'reason' },
              { title: '提出人', dataIndex: 'proposedByName' },
              { title: '操作', render: (_, row) => <Space><Button onClick={() => setDeciding({ id: row.id, decision: 'approve' })}>批准</Button><Button danger onClick={() => setDeciding({ id: row.id, decision: 'refuse' })}>不批准</Button></Space> },
            ]}
          />
        </>
      )}
      <Table<ResourceRow & { quality: Quality }>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '数据资源名称', dataIndex: 'name', render: (name: string, row) => <Link to={`/catalogue/${row.id}`}>{name}</Link> },
          { title: '提供单位', dataIndex: 'agencyName' },
          { title: '所属领域', dataIndex: 'domain' },
          { title: '共享属性', dataIndex: 'sharing', render: (value: ResourceRow['sharing']) => sharingAttributes[value] },
          { title: '开放属性', dataIndex: 'open', render: (value: ResourceRow['open']) => <Tag>{openAttributes[value]}</Tag> },
          { title: '版本', dataIndex: 'version' },
          { title: '数据质量', render: (_, row) => <>{row.quality.score} 分{row.quality.overdue && <Tag style={{ marginLeft: 8 }}>更新逾期</Tag>}</> },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>年度评价数据(供考核评估使用)</Typography.Title>
      <Table<AgencyEvaluation>
        rowKey="agencyId"
        size="small"
        pagination={false}
        dataSource={evaluation.data?.items ?? []}
        columns={[
          { title: '单位', dataIndex: 'agencyName' },
          { title: '数据资源', dataIndex: 'resources' },
          { title: '平均质量分', dataIndex: 'averageScore' },
          { title: '更新逾期', dataIndex: 'overdue' },
          { title: '缺数据字典', dataIndex: 'withoutDictionary' },
        ]}
      />
      {creating && (
        <ActionModal title="登记数据资源" open onClose={() => setCreating(false)} submit={(values: Record<string, unknown>) => postJson('/api/staff/catalogue', filledIn(values))} refresh={[['catalogue']]}>
          <DeclaredFields form={resourceForm} />
        </ActionModal>
      )}
      {deciding && (
        <ActionModal
          title={deciding.decision === 'approve' ? '批准属性调整' : '不批准属性调整'}
          open
          onClose={() => setDeciding(null)}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue/restrictions/${deciding.id}/${deciding.decision}`, filledIn(values))}
          refresh={[['catalogue'], ['catalogue-restrictions']]}
        >
          <DeclaredFields form={restrictionDecisionForms[deciding.decision]} />
        </ActionModal>
      )}
    </>
  );
}

/** One entry: its attributes, dictionary and versions; editing it (a stricter attribute asks for a reason and waits for approval). */
export function ResourcePage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['catalogue-resource', id], queryFn: () => getJson<ResourceFile>(`/api/staff/catalogue/${id}`) });
  const [editing, setEditing] = useState(false);
  const [updating, setUpdating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { resource, versions, pendingRestriction, abilities } = file.data;
  return (
    <>
      <PageHeading>{resource.name}</PageHeading>
      {notice && <Alert type="info" role="status" title={notice} style={{ marginBottom: 16 }} />}
      {pendingRestriction && <Alert type="warning" title={`属性调整待审批:${pendingRestriction.reason}`} style={{ marginBottom: 16 }} />}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="数据资源摘要">{resource.description}</Descriptions.Item>
        <Descriptions.Item label="提供单位">{resource.agencyName}</Descriptions.Item>
        <Descriptions.Item label="所属领域">{resource.domain}</Descriptions.Item>
        <Descriptions.Item label="共享属性">{sharingAttributes[resource.sharing]}{resource.sharingReason ? `(${resource.sharingReason};依据:${resource.sharingBasis})` : ''}</Descriptions.Item>
        <Descriptions.Item label="开放属性">{openAttributes[resource.open]}{resource.openReason ? `(${resource.openReason}${resource.openBasis ? `;依据:${resource.openBasis}` : ''})` : ''}</Descriptions.Item>
        <Descriptions.Item label="更新频率">{updateFrequencies[resource.updateFrequency]}</Descriptions.Item>
        <Descriptions.Item label="数据格式">{resource.formats.join('、')}</Descriptions.Item>
        <Descriptions.Item label="数据最近更新">{resource.dataUpdatedOn ?? '未登记'}</Descriptions.Item>
        <Descriptions.Item label="版本">{resource.version}</Descriptions.Item>
      </Descriptions>
      {abilities.edit && (
        <Space style={{ marginTop: 16 }}>
          {!pendingRestriction && <Button onClick={() => setEditing(true)}>修改</Button>}
          <Button onClick={() => setUpdating(true)}>登记数据更新</Button>
        </Space>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>数据项</Typography.Title>
      <Table rowKey="name" size="small" pagination={false} dataSource={resource.fields} columns={[{ title: '名称', dataIndex: 'name' }, { title: '类型', dataIndex: 'type' }, { title: '说明', dataIndex: 'description' }]} />
      <DistributionsPanel resourceId={resource.id} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>修改记录</Typography.Title>
      <Timeline items={versions.map((version) => ({ content: `第 ${version.version} 版 ${version.at.slice(0, 16)} ${version.actor}:${Object.keys(version.changes).map((key) => (key in resourceForm ? resourceForm[key as keyof typeof resourceForm].label : key)).join('、')}` }))} />
      {updating && (
        <ActionModal title="登记数据更新" open onClose={() => setUpdating(false)} initialValues={{ on: todayInChina() }} submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue/${resource.id}/updated`, filledIn(values))} refresh={[['catalogue-resource', id], ['catalogue']]}>
          <DeclaredFields form={dataUpdatedForm} />
        </ActionModal>
      )}
      {editing && (
        <ActionModal
          title="修改数据资源"
          open
          onClose={() => setEditing(false)}
          initialValues={inputOf(resource)}
          submit={(values: Record<string, unknown>) => postJson<{ saved: boolean }>(`/api/staff/catalogue/${resource.id}`, filledIn(values))}
          onDone={(result) => setNotice((result as { saved: boolean }).saved ? '已保存为新版本' : '调整为更严格的属性,已提交本单位管理员审批')}
          refresh={[['catalogue-resource', id], ['catalogue']]}
        >
          <DeclaredFields form={{ ...resourceForm, changeReason: { ...restrictionReasonForm.changeReason, optional: true, hint: '只在调整为更严格的共享、开放属性时填写' } }} />
        </ActionModal>
      )}
    </>
  );
}
