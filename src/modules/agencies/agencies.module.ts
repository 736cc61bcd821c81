import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { agencyPolicy } from './agencies.policy.ts';
import { agencyNamesOf } from './agencies.repository.ts';
import { registerAgencyApi } from './agencies.routes.ts';
import { agenciesOpenApi } from './agencies.openapi.ts';

/** The agency register (机关名录): the tree of agencies, their codes, short names and aliases. */
export const agenciesModule: ModuleManifest<AppContext> = {
  name: 'agencies',
  label: '机关名录',
  policy: agencyPolicy,
  routes: registerAgencyApi,
  openApiPaths: agenciesOpenApi,
  auditActions: { 'agency.create': '添加机关', 'agency.update': '修改机关信息' },
  auditSubjects: { agency: '机关' },
  auditSubjectNames: { agency: agencyNamesOf },
};
