import { auditItemStates } from './supervision.types.ts';

/** The public audit rectification results, as /api/docs describes them. */
export const supervisionOpenApi = {
  '/api/audit-results': {
    get: {
      summary: '公开的审计整改结果:每份审计报告的问题、整改要求与整改情况(不含内部记录),最新在前',
      responses: { 200: { description: `items:title、reportNumber、auditedAgencyName、effectiveOn、items(seq、problem、measure、state:${Object.keys(auditItemStates).join('/')}、closedOn)` } },
    },
  },
};
