import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Progress, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postFile, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn, optionsOf } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { taskActionForms, taskForm } from '../supervision.actions.ts';
import type { TaskListItem } from '../supervision.queries.ts';
import type { TaskFile } from '../supervision.service.ts';
import { taskActionLabels, taskRoles, taskSignals, taskStates, type TaskAction, type TaskSignal, type TaskState } from '../supervision.types.ts';
import { EvidenceInput, EvidenceList, ResultsPublication, SignalTag, useAgencyOptions } from './web.parts.tsx';

/** The ledger: my agency's tasks (every agency's for a supervisor), red and yellow first. */
export function TasksPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const document = params.get('document') ?? undefined;
  const [state, setState] = useState<TaskState | undefined>();
  const [signal, setSignal] = useState<TaskSignal | undefined>();
  const [adding, setAdding] = useState(false);
  const query = new URLSearchParams(Object.entries({ state, signal, document }).filter(([, v]) => v) as [string, string][]).toString();
  const list = useQuery({ queryKey: ['supervision-tasks', query], queryFn: () => getJson<{ items: TaskListItem[] }>(`/api/staff/supervision/tasks${query ? `?${query}` : ''}`) });
  const agencies = useAgencyOptions();
  const supervises = session.abilities?.['supervision.supervise'] ?? false;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [sheetError, setSheetError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setSheetError(null);
    try {
      const result = await postFile<{ created: number }>('/api/staff/supervision/tasks/sheet', file);
      message.success(`已从任务分解表列入 ${result.created} 项任务`);
      await client.invalidateQueries({ queryKey: ['supervision-tasks'] });
    } catch (error) {
      setSheetError((error as Error).message);
    }
  };
  return (
    <>
      <PageHeading extra={supervises && (
        <Space>
          <Link to="/supervision/import">从文件导入任务</Link>
          <Button onClick={() => setAdding(true)}>新增任务</Button>
          <label htmlFor="task-sheet">导入任务分解表(.xlsx)</label>
          <input id="task-sheet" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => { void upload(event.target.files?.[0]); event.target.value = ''; }} />
        </Space>
      )}>督查督办:任务台账</PageHeading>
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="task-state">办理状态</label>
        <Select id="task-state" allowClear placeholder="全部" style={{ width: 200 }} value={state} onChange={setState} options={optionsOf(taskStates)} />
        <label htmlFor="task-signal">期限</label>
        <Select id="task-signal" allowClear placeholder="全部" style={{ width: 140 }} value={signal} onChange={setSignal} options={optionsOf(taskSignals)} />
      </Space>
      {supervises && document && <ResultsPublication documentId={document} />}
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      {sheetError && <Alert type="error" role="alert" title={sheetError} style={{ marginBottom: 16 }} />}
      <Table<TaskListItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '任务', dataIndex: 'text', render: (text: string, row) => <Link to={`/supervision/tasks/${row.id}`}>{text.length > 40 ? `${text.slice(0, 40)}…` : text}</Link> },
          { title: '来源文件', dataIndex: 'documentTitle', render: (title: string | null) => title ?? '—' },
          { title: '牵头单位', dataIndex: 'lead', render: (names: string[]) => names.join('、') || '—' },
          { title: '责任单位', dataIndex: 'responsible', render: (names: string[], row) => [...names, ...row.unresolved].join('、') || '—' },
          { title: '完成期限', dataIndex: 'dueOn', render: (dueOn: string, row) => <SignalTag signal={row.signal} dueOn={dueOn} /> },
          { title: '进度', dataIndex: 'progress', render: (progress: number) => `${progress}%` },
          { title: '状态', dataIndex: 'state', render: (value: TaskState, row) => <>{taskStates[value]}{row.notices > 0 && <Tag style={{ marginLeft: 8 }}>{`督办 ${row.notices} 次`}</Tag>}</> },
        ]}
      />
      {adding && (
        <ActionModal title="新增任务" open onClose={() => setAdding(false)} submit={(values: Record<string, unknown>) => postJson('/api/staff/supervision/tasks', filledIn(values))} refresh={[['supervision-tasks']]}>
          <DeclaredFields form={taskForm} references={{ agencies }} />
        </ActionModal>
      )}
    </>
  );
}

/** One task: its text and source, its agencies, the clock's colour, what was reported, and the actions the reader may take. */
export function TaskPage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['supervision-task', id], queryFn: () => getJson<TaskFile>(`/api/staff/supervision/tasks/${id}`) });
  const [action, setAction] = useState<TaskAction | null>(null);
  const [evidence, setEvidence] = useState<File[]>([]);
  const client = useQueryClient();
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { task, signal, events, actions } = file.data;
  const named = (role: 'lead' | 'responsible') => task.agencies.filter((a) => a.role === role).map((a) => a.name).join('、') || '—';
  return (
    <>
      <PageHeading>{`督查任务 #${task.id}`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="任务内容"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.text}</Typography.Paragraph></Descriptions.Item>
        {task.documentTitle && <Descriptions.Item label="来源文件">{`${task.documentTitle}${task.documentNumber ? `(${task.documentNumber})` : ''}${task.anchor ? ` 第 ${task.anchor}` : ''}`}</Descriptions.Item>}
        <Descriptions.Item label={taskRoles.lead}>{named('lead')}</Descriptions.Item>
        <Descriptions.Item label={taskRoles.responsible}>{named('responsible')}</Descriptions.Item>
        {task.unresolved.length > 0 && <Descriptions.Item label="未对应到机关的单位">{task.unresolved.join('、')}</Descriptions.Item>}
        <Descriptions.Item label="交办日期">{task.assignedOn}</Descriptions.Item>
        <Descriptions.Item label="完成期限"><SignalTag signal={signal} dueOn={task.dueOn} /></Descriptions.Item>
        <Descriptions.Item label="状态">{`${taskStates[task.state]}${task.notices > 0 ? `(已督办 ${task.notices} 次)` : ''}`}</Descriptions.Item>
        <Descriptions.Item label="完成进度"><Progress percent={task.progress} size="small" style={{ maxWidth: 320 }} aria-label="完成进度" /></Descriptions.Item>
        {task.closeReason && <Descriptions.Item label="销项说明">{task.closeReason}</Descriptions.Item>}
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {actions.map((a) => (
            <Button key={a} onClick={() => setAction(a)}>{taskActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>证明材料</Typography.Title>
      <Typography.Paragraph>
        <EvidenceList files={file.data.evidence} href={(position) => `/api/staff/supervision/tasks/${task.id}/evidence/${position}`} />
      </Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>办理记录</Typography.Title>
      <Timeline
        items={events.map((event) => ({
          content: (
            <>
              {`${event.onDate} ${event.note ?? event.action}`}
              {event.action === 'notice' && (
                <>
                  <Link style={{ marginLeft: 8 }} to={`/supervision/tasks/${task.id}/notices/${String(event.details.level)}`}>{`查看督办单(第 ${String(event.details.level)} 次)`}</Link>
                  <a style={{ marginLeft: 8 }} href={`/api/staff/supervision/tasks/${task.id}/notices/${String(event.details.level)}`} download>{`下载督办单 PDF(第 ${String(event.details.level)} 次)`}</a>
                </>
              )}
            </>
          ),
        }))}
      />
      {action && (
        <ActionModal
          title={taskActionLabels[action]}
          open
          onClose={() => { setAction(null); setEvidence([]); }}
          initialValues={{ on: todayInChina() }}
          submit={async (values: Record<string, unknown>) => {
            // The evidence first: a refused file (type, size) leaves the report unsent, to be corrected.
            for (const chosen of action === 'report' ? evidence : []) await postFile(`/api/staff/supervision/tasks/${task.id}/evidence`, chosen);
            setEvidence([]);
            await client.invalidateQueries({ queryKey: ['supervision-task', id] });
            return postJson(`/api/staff/supervision/tasks/${task.id}/${action}`, filledIn(values));
          }}
          refresh={[['supervision-task', id], ['supervision-tasks']]}
        >
          <DeclaredFields form={taskActionForms[action]} />
          {action === 'report' && <EvidenceInput id="task-evidence" onChange={setEvidence} />}
        </ActionModal>
      )}
    </>
  );
}
