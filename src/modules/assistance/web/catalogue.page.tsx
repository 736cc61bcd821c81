import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { matterChangeForms, matterForm } from '../assistance.actions.ts';
import { assistanceForms, matterStates, type Matter } from '../assistance.types.ts';
import { useAgencyOptions } from './shared.tsx';

/** The catalogue of assistance matters (Art. 6): the staffing office registers, adjusts and cancels; agencies read their own. */
export function CataloguePage() {
  const { session } = useSession();
  const list = useQuery({ queryKey: ['assistance-matters'], queryFn: () => getJson<{ items: Matter[] }>('/api/staff/assistance/matters') });
  const agencies = useAgencyOptions();
  const keeper = session.abilities?.['assistance.catalogue'] === true;
  const [registering, setRegistering] = useState(false);
  const [change, setChange] = useState<{ matter: Matter; kind: 'adjust' | 'cancel' } | null>(null);
  const today = todayInChina();
  return (
    <>
      <PageHeading extra={keeper ? <Button type="primary" onClick={() => setRegistering(true)}>登记备案协助事项</Button> : undefined}>行政协助目录</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<Matter>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '协助事项', dataIndex: 'title' },
          { title: '请求机关', dataIndex: 'requestingAgencyName' },
          { title: '被请求机关', dataIndex: 'requestedAgencyName' },
          { title: '协助形式', dataIndex: 'form', render: (form: keyof typeof assistanceForms) => assistanceForms[form] },
          { title: '法律依据', dataIndex: 'legalBasis' },
          { title: '登记日期', dataIndex: 'registeredOn' },
          { title: '状态', dataIndex: 'state', render: (state: keyof typeof matterStates, row) => (state === 'cancelled' ? `${matterStates[state]}(${row.cancelledOn},${row.cancelReason})` : matterStates[state]) },
          ...(keeper
            ? [{
                title: '操作',
                key: 'actions',
                render: (_: unknown, row: Matter) =>
                  row.state === 'active' && (
                    <Space>
                      <Button size="small" onClick={() => setChange({ matter: row, kind: 'adjust' })}>调整</Button>
                      <Button size="small" danger onClick={() => setChange({ matter: row, kind: 'cancel' })}>取消</Button>
                    </Space>
                  ),
              }]
            : []),
        ]}
      />
      {registering && (
        <ActionModal
          title="登记备案协助事项"
          open
          onClose={() => setRegistering(false)}
          initialValues={{ registeredOn: today }}
          submit={(values: Record<string, unknown>) => postJson('/api/staff/assistance/matters', filledIn(values))}
          refresh={[['assistance-matters']]}
        >
          <DeclaredFields form={matterForm} references={{ agencies }} />
        </ActionModal>
      )}
      {change && (
        <ActionModal
          title={`${change.kind === 'adjust' ? '调整' : '取消'}协助事项:${change.matter.title}`}
          open
          onClose={() => setChange(null)}
          initialValues={change.kind === 'adjust' ? { title: change.matter.title, legalBasis: change.matter.legalBasis } : { on: today }}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/assistance/matters/${change.matter.id}/${change.kind}`, filledIn(values))}
          refresh={[['assistance-matters']]}
        >
          <DeclaredFields form={matterChangeForms[change.kind]} />
        </ActionModal>
      )}
    </>
  );
}
