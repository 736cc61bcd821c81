import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../../web/web.api.ts';

/** The agency register, as options of a reference field. */
export function useAgencyOptions(except: number | null = null) {
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/agencies') });
  return (agencies.data?.items ?? []).filter((agency) => agency.id !== except).map((agency) => ({ value: String(agency.id), label: agency.name }));
}
