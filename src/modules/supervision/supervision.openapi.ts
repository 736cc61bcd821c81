import { auditItemStates, taskStates } from './supervision.types.ts';

/** The public audit rectification results, as /api/docs describes them. */
export const supervisionOpenApi = {
  '/api/audit-results': {
    get: {
      summary: '公开的审计整改结果:每份审计报告的问题、整改要求与整改情况(不含内部记录),最新在前',
      responses: { 200: { description: `items:title、reportNumber、auditedAgencyName、effectiveOn、items(seq、problem、measure、state:${Object.keys(auditItemStates).join('/')}、closedOn)` } },
    },
  },
  '/api/supervision-results': {
    get: {
      summary: '公开的督查落实情况:每篇已公开文件的任务、牵头与责任单位、完成时限和落实情况(不含进展说明、督办记录),最新公开在前',
      responses: { 200: { description: `items:documentId、title、docNumber、publishedOn、tasks(seq、text、lead、responsible、dueOn、state:${Object.keys(taskStates).join('/')}、closedOn、overdue)` } },
    },
  },
};
