import { useQuery } from '@tanstack/react-query';
import { Modal, Table } from 'antd';
import { Link } from 'react-router-dom';
import { getJson } from '../../../web/web.api.ts';
import type { CountedCase } from '../report.types.ts';

/** A figure of the report the reader opened: what it counts (the row's drill kind and the column's measure). */
export type Drill = { kind: string; measure: string; label: string };

type CountedDocument = { id: number; title: string; docNumber: string | null; signedOn: string | null };

/** Table 二's figures count documents of the library; tables 三 and 四's count cases (`requests:…`, `review:…`). */
const countsCases = (drill: Drill) => drill.kind.startsWith('requests:') || drill.kind.startsWith('review:');

const documentColumns = [
  { title: '标题', dataIndex: 'title', key: 'title', render: (title: string, doc: CountedDocument) => <a href={`/documents/${doc.id}`}>{title}</a> },
  { title: '文号', dataIndex: 'docNumber', key: 'docNumber' },
  { title: '成文日期', dataIndex: 'signedOn', key: 'signedOn' },
];

const caseColumns = (review: boolean) => [
  { title: '申请编号', dataIndex: 'trackingCode', key: 'trackingCode', render: (code: string, item: CountedCase) => <Link to={`/requests/${item.id}`}>{code}</Link> },
  { title: '办理机关', dataIndex: 'agency', key: 'agency' },
  { title: '申请人类型', dataIndex: 'applicant', key: 'applicant' },
  { title: '收到日期', dataIndex: 'receivedOn', key: 'receivedOn' },
  { title: '办结日期', dataIndex: 'finishedOn', key: 'finishedOn', render: (on: string | null) => on ?? '办理中' },
  { title: '办理结果', dataIndex: 'outcome', key: 'outcome' },
  ...(review
    ? [
        { title: '复议或诉讼结果', dataIndex: 'review', key: 'review' },
        { title: '决定日期', dataIndex: 'decidedOn', key: 'decidedOn', render: (on: string | null) => on ?? '尚未审结' },
      ]
    : []),
];

/** What one figure of the report counts, listed: the documents, or the cases (at most 500, oldest first). */
export function ReportDrillModal({ drill, agencyId, year, onClose }: { drill: Drill | null; agencyId: number | undefined; year: number; onClose: () => void }) {
  const cases = drill !== null && countsCases(drill);
  const path = cases ? 'cases' : 'documents';
  const listed = useQuery({
    queryKey: ['annual-report-drill', path, agencyId, year, drill?.kind, drill?.measure],
    queryFn: () =>
      getJson<{ items: (CountedCase | CountedDocument)[] }>(
        `/api/staff/annual-reports/${agencyId}/${year}/${path}?kind=${encodeURIComponent(drill!.kind)}&measure=${encodeURIComponent(drill!.measure)}`,
      ),
    enabled: drill !== null,
  });
  const columns = cases ? caseColumns(drill.kind.startsWith('review:')) : documentColumns;
  return (
    <Modal open={drill !== null} title={drill ? `${drill.label}所统计的${cases ? '申请' : '文件'}` : ''} footer={null} onCancel={onClose} width={cases ? 960 : 760}>
      <Table
        size="small"
        rowKey="id"
        loading={listed.isLoading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={listed.data?.items ?? []}
        columns={columns as never}
      />
    </Modal>
  );
}
