import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { getJson } from '../../../web/web.api.ts';
import { PageHeading } from '../../../web/web.layout.tsx';
import { noticeNumberOf } from '../supervision.notice.ts';
import type { TaskFile } from '../supervision.service.ts';

/** A supervision notice (督办单) as issued, to print (or save as PDF from the print dialog) and send to the agencies. */
export function NoticePage() {
  const { id, level } = useParams();
  const file = useQuery({ queryKey: ['supervision-task', id], queryFn: () => getJson<TaskFile>(`/api/staff/supervision/tasks/${id}`) });
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { task, events } = file.data;
  const notice = events.find((event) => event.action === 'notice' && Number(event.details.level) === Number(level));
  if (!notice) return <Alert type="error" role="alert" title="没有这份督办单" />;
  const named = (role: 'lead' | 'responsible') => task.agencies.filter((a) => a.role === role).map((a) => a.name).join('、') || '—';
  return (
    <>
      <PageHeading extra={<><Button onClick={() => window.print()}>打印</Button> <a href={`/api/staff/supervision/tasks/${task.id}/notices/${level}`} download>下载 PDF</a></>}>{Number(level) === 1 ? '督办单' : `督办单(第 ${level} 次,升级催办)`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="编号">{noticeNumberOf(task.id, Number(level), notice.onDate)}</Descriptions.Item>
        <Descriptions.Item label="牵头单位">{named('lead')}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{named('responsible')}</Descriptions.Item>
        <Descriptions.Item label="督办事项"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{task.text}</Typography.Paragraph></Descriptions.Item>
        {task.documentTitle && <Descriptions.Item label="任务来源">{`${task.documentTitle}${task.documentNumber ? `(${task.documentNumber})` : ''}`}</Descriptions.Item>}
        <Descriptions.Item label="完成期限">{task.dueOn}</Descriptions.Item>
        <Descriptions.Item label="督办要求">{String(notice.details.requirement ?? '')}</Descriptions.Item>
        <Descriptions.Item label="发出日期">{notice.onDate}</Descriptions.Item>
      </Descriptions>
    </>
  );
}
