import { Tag } from 'antd';

/**
 * How a deadline stands, in one tag: the same words on every console screen.
 * The server's verdict (overdue) wins over the browser's own clock when given.
 */
export function DueTag({ dueOn, today, soon, paused, estimated, overdue }: { dueOn: string | null; today: string; soon?: string; paused?: boolean; estimated?: boolean; overdue?: boolean }) {
  if (paused || dueOn === null) return <Tag>暂停计时</Tag>;
  const note = estimated ? '(估算)' : '';
  if (overdue ?? dueOn < today) return <Tag color="error">已逾期 {dueOn}{note}</Tag>;
  if (soon && dueOn <= soon) return <Tag color="warning">即将到期 {dueOn}{note}</Tag>;
  return <Tag>{dueOn} 前{note}</Tag>;
}

