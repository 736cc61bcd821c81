import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { publicationPolicy } from './publication.policy.ts';
import { publicationsFallingDue, publicationTitlesOf } from './publication.repository.ts';
import { publicationMeasures } from './publication.measures.queries.ts';
import { registerPublicationApi } from './publication.routes.ts';

/** Proactive disclosure (主动公开, docs/domain.md B): drafting, review, publication, corrections, invalidity marks. */
export const publicationModule: ModuleManifest<AppContext> = {
  name: 'publication',
  measures: publicationMeasures,
  label: '主动公开',
  policy: publicationPolicy,
  routes: registerPublicationApi,
  deadlineRules: [
    { code: 'publication.publish', label: '文件公开期限(自签发之日起)', limit: 20, unit: 'working_days', source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)', extension: null },
    { code: 'publication.mark_invalid', label: '文件废止、失效标注期限', limit: 20, unit: 'working_days', source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)', extension: null },
  ],
  auditActions: {
    'publication.draft': '拟制文件',
    'publication.update': '修改文件草稿',
    'publication.attach': '上传附件',
    'publication.detach': '删除附件',
    'publication.return': '退文',
    'publication.publish': '公开文件',
    'publication.file': '文件归档(不主动公开)',
    'publication.correct': '发布更正',
    'publication.mark_invalid': '标注废止或失效',
    'publication.review': '复核不公开的文件',
    'document.repair': '恢复被替换的文件正文',
  },
  auditSubjects: { publication: '主动公开文件' },
  auditSubjectNames: { publication: publicationTitlesOf },
  dueWork: { publication: publicationsFallingDue },
};
