import { z } from 'zod';
import { blankToUndefined, choice, fields, isoDate, optionalText, text, wholeNumber } from '../../core/validation.ts';
import { creditCodeProblem, defaultIdType, idNumberProblem, idTypes, normaliseIdNumber } from './disclosure.identity.rules.ts';
import { applicantTypes, channels, deliveryForms, deliveryWays, requestStates } from './disclosure.types.ts';

/**
 * What a request must contain, checked the same way whether it comes from the
 * public form, the API or a clerk registering a letter. Every field is bounded
 * and every problem is reported at once, in Chinese; nothing is stored unless
 * all of it is right.
 */

/** A type given by its label (居民身份证) is read as its key; anything else must be a key of the list. */
const labelToKey = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const key = Object.keys(idTypes).find((k) => idTypes[k as keyof typeof idTypes] === value.trim());
  return key ?? blankToUndefined(value);
};
const idNumberText = (label: string) => optionalText(label, 40).transform((v) => (v === undefined ? undefined : normaliseIdNumber(v)));

const applicantSchema = fields({
    type: choice(applicantTypes, '申请人类型'),
    name: text('申请人姓名或名称', 100),
    idType: z.preprocess(labelToKey, choice(idTypes, '证件类型').optional()),
    idNumber: idNumberText('证件号码'),
    organisationCode: idNumberText('统一社会信用代码'),
    legalRepresentative: optionalText('法定代表人', 50),
    contactPerson: optionalText('联系人', 50),
    phone: optionalText('联系电话', 30).refine((v) => v === undefined || /^[0-9+\-() ]{5,30}$/.test(v), '联系电话格式不正确'),
    email: optionalText('电子邮箱', 100).refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确'),
    address: optionalText('通信地址', 200),
  }).superRefine((applicant, context) => {
    if (applicant.type === 'natural_person' && !applicant.idNumber) context.addIssue({ code: 'custom', path: ['idNumber'], message: '自然人须填写身份证件号码' });
    if (applicant.type !== 'natural_person' && !applicant.organisationCode) context.addIssue({ code: 'custom', path: ['organisationCode'], message: '法人或其他组织须填写统一社会信用代码' });
    if (!applicant.phone && !applicant.email && !applicant.address) context.addIssue({ code: 'custom', path: ['phone'], message: '请至少填写一种联系方式(电话、电子邮箱或通信地址)' });
    const idProblem = applicant.idNumber ? idNumberProblem(applicant.idType ?? defaultIdType, applicant.idNumber) : null;
    if (idProblem) context.addIssue({ code: 'custom', path: ['idNumber'], message: `${idProblem}(${idTypes[applicant.idType ?? defaultIdType]})` });
    const codeProblem = applicant.organisationCode ? creditCodeProblem(applicant.organisationCode) : null;
    if (codeProblem) context.addIssue({ code: 'custom', path: ['organisationCode'], message: codeProblem });
  })
  /** A number given without its type is a resident identity number (the form's default); the stored type is always a key of the list. */
  .transform((applicant) => (applicant.idNumber && !applicant.idType ? { ...applicant, idType: defaultIdType } : applicant));

const submissionShape = {
  agencyId: wholeNumber('受理机关', { missing: '请选择受理机关' }),
  applicant: applicantSchema,
  description: text('所需政府信息的名称、文号或便于查询的其他特征性描述', 5000, { multiline: true }),
  deliveryForm: choice(deliveryForms, '信息的提供形式'),
  deliveryWay: choice(deliveryWays, '获取信息的方式'),
  /** A form's checkbox ("on") or a JSON boolean: tell the applicant of each step by e-mail. */
  notifyByEmail: z
    .preprocess((value) => (value === 'on' || value === 'true' ? true : value === undefined || value === '' || value === 'false' ? false : value), z.boolean({ error: '是否邮件通知应为是或否' }))
    .optional(),
};
const emailForNotices = (submission: { notifyByEmail?: boolean; applicant: { email?: string } }) => !submission.notifyByEmail || Boolean(submission.applicant.email);
const emailForNoticesMessage = { message: '选择邮件通知办理进展时须填写电子邮箱', path: ['applicant', 'email'] };
export const submissionSchema = fields(submissionShape).refine(emailForNotices, emailForNoticesMessage);
export type Submission = z.infer<typeof submissionSchema>;

export const registrationSchema = fields({
  ...submissionShape,
  channel: choice(channels, '申请渠道'),
  submittedOn: isoDate('提交日期'),
  signedOn: isoDate('签收日期').optional(),
  confirmedOn: isoDate('确认日期').optional(),
}).refine(emailForNotices, emailForNoticesMessage);
export type Registration = z.infer<typeof registrationSchema>;

/** Query-string filters arrive as text, empty when left blank: blank means "any"; other parameters are ignored. */
export const findSchema = z.object({
  code: optionalText('查询码', 40),
  state: z.preprocess(blankToUndefined, choice(requestStates, '办理状态').optional()),
  from: z.preprocess(blankToUndefined, isoDate('起始日期').optional()),
  to: z.preprocess(blankToUndefined, isoDate('截止日期').optional()),
  before: z.preprocess(blankToUndefined, wholeNumber('翻页位置').optional()),
});
