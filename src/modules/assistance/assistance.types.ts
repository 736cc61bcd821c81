/**
 * Administrative assistance between agencies (行政协助, docs/domain.md E;
 * 《上海市行政协助管理办法(试行)》, 003 L49-242). Labels are what staff read;
 * the codes are stable.
 */

/** The forms of assistance (Art. 10, 003 L113). */
export const assistanceForms = {
  execution: '协助执行',
  investigation: '协助调查',
  inquiry: '协助查询',
  opinion: '协助出具意见',
  service: '协助送达',
  materials: '协助提供资料',
} as const;
export type AssistanceForm = keyof typeof assistanceForms;

/** How a request was made (Art. 9, 003 L109): written, or in an emergency by other means with the formalities completed afterwards. */
export const requestChannels = { written: '书面', oral: '口头', phone: '电话', fax: '传真', email: '电子邮件' } as const;
export type RequestChannel = keyof typeof requestChannels;

export const requestStates = {
  submitted: '已提出,待受理',
  accepted: '已受理,协助中',
  completed: '已完成协助',
  refused: '不予协助',
  disputed: '争议处理中',
  upheld: '争议处理后不予协助',
  withdrawn: '已撤回',
} as const;
export type RequestState = keyof typeof requestStates;
export const openStates: readonly RequestState[] = ['submitted', 'accepted', 'disputed'];

/** What each party does to a request; each is declared as a form in assistance.actions.ts. */
export const requestActionLabels = {
  accept: '受理',
  refuse: '不予协助(说明理由)',
  forward: '转请有权机关协助',
  complete: '完成协助',
  extend: '延长办理期限',
  complete_formalities: '补办书面手续',
  change_agency: '变更被请求机关(特殊理由)',
  withdraw: '撤回请求',
  dispute: '提出争议',
  escalate: '争议提交上一级处理',
  resolve_assist: '争议处理:应当协助',
  resolve_uphold: '争议处理:维持不予协助',
  rate: '评价协助(满意度)',
} as const;
export type RequestAction = keyof typeof requestActionLabels;

/** The grounds of a refusal: the requested agency may refuse (Art. 15, 003 L161), must refuse (Art. 16, L175), or the request was barred (Arts. 7, 13). */
export const refusalGrounds = {
  procedure: '违反请求协助程序(第十五条第一项)',
  can_act_itself: '请求机关可以自行行使职权(第十五条第二项)',
  other_agency_better: '其他行政机关能提供更有效率或经济的协助(第十五条第三项)',
  impairs_own_duty: '将严重影响本机关法定职权行使(第十五条第四项)',
  excessive_cost: '需付出过度的人力、物力或财力(第十五条第五项)',
  unlawful: '请求事项违反相关法律文件规定(第十六条第一项)',
  harms_interests: '将损害国家利益、公共利益或他人合法权益(第十六条第二项)',
  own_statutory_duty: '请求内容属于本机关法定义务(第十三条第一项)',
  subordination: '双方具有隶属关系(第十三条第二项)',
} as const;
export type RefusalGround = keyof typeof refusalGrounds;

/** The steps of a dispute (Art. 19, 003 L196): negotiation, the requested agency's superior or the staffing office, the government. */
export const disputeStages = { negotiation: '双方协商', superior: '上一级行政机关或编办研究确定', government: '提请政府决定' } as const;
export type DisputeStage = keyof typeof disputeStages;
export const nextDisputeStage: Record<DisputeStage, DisputeStage | null> = { negotiation: 'superior', superior: 'government', government: null };

export const satisfaction = { satisfied: '满意', fairly_satisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Satisfaction = keyof typeof satisfaction;

export const matterStates = { active: '有效', cancelled: '已取消' } as const;
export type MatterState = keyof typeof matterStates;

export interface Matter {
  id: number;
  title: string;
  requestingAgencyId: number;
  requestingAgencyName: string;
  requestedAgencyId: number;
  requestedAgencyName: string;
  form: AssistanceForm;
  legalBasis: string;
  registeredOn: string;
  state: MatterState;
  cancelledOn: string | null;
  cancelReason: string | null;
}

export interface AssistanceRequest {
  id: number;
  code: string;
  matterId: number | null;
  matterTitle: string | null;
  requestingAgencyId: number;
  requestingAgencyName: string;
  requestedAgencyId: number;
  requestedAgencyName: string;
  firstRequestedAgencyId: number;
  form: AssistanceForm;
  subject: string;
  body: string;
  legalBasis: string;
  channel: RequestChannel;
  emergency: boolean;
  formalitiesCompletedOn: string | null;
  entrustedBy: number | null;
  obstacleOn: string;
  requestedOn: string;
  lateRequest: boolean;
  state: RequestState;
  acceptedOn: string | null;
  completedOn: string | null;
  onTheSpot: boolean;
  partial: boolean;
  result: string | null;
  refusedOn: string | null;
  refusalGround: RefusalGround | null;
  refusalReason: string | null;
  disputeStage: DisputeStage | null;
  rating: Satisfaction | null;
  ratingNote: string | null;
  /** The handling clock's last day, while it runs. */
  dueOn: string | null;
}

export interface RequestEvent {
  onDate: string;
  actor: string;
  action: string;
  fromState: RequestState | null;
  toState: RequestState;
  note: string | null;
  details: Record<string, unknown>;
  at?: string;
}

export interface Attachment {
  position: number;
  name: string;
  mediaType: string;
  size: number;
}
