import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { getJson } from '../../../web/web.api.ts';
import { taskSignals, type TaskSignal } from '../supervision.types.ts';

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
