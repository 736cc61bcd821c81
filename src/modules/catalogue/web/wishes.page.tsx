import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { wishAnswerForm } from '../wishes.actions.ts';
import { wishOutcomes, wishStates, type StaffWish, type WishCounts } from '../wishes.types.ts';

/** Requests for data the catalogue does not list: the big-data centre (and the agency named) answers; the answer is published. */
export function WishesPage() {
  const list = useQuery({ queryKey: ['catalogue-wishes'], queryFn: () => getJson<{ items: StaffWish[]; counts: WishCounts }>('/api/staff/catalogue-wishes') });
  const [answering, setAnswering] = useState<StaffWish | null>(null);
  const counts = list.data?.counts;
  return (
    <>
      <PageHeading>目录外数据需求</PageHeading>
      <Typography.Paragraph>公众提出的、开放目录中没有的数据需求。答复后,答复结果和去除个人信息的需求名称在门户网站“目录外数据需求”栏目公开。</Typography.Paragraph>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Space size="large" style={{ marginBottom: 16 }}>
        <Statistic title="共收到" value={counts?.received ?? 0} />
        <Statistic title="已答复" value={counts?.answered ?? 0} />
        <Statistic title="待答复" value={counts?.open ?? 0} />
      </Space>
      <Table<StaffWish>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (wish) => (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="数据内容说明">{wish.description}</Descriptions.Item>
              <Descriptions.Item label="用途">{wish.purpose}</Descriptions.Item>
              <Descriptions.Item label="提出人">{`${wish.requesterName}(${wish.contact})`}</Descriptions.Item>
              {wish.answer && <Descriptions.Item label="答复">{wish.answer}</Descriptions.Item>}
            </Descriptions>
          ),
        }}
        columns={[
          { title: '查询码', dataIndex: 'trackingCode' },
          { title: '需要的数据', dataIndex: 'title' },
          { title: '指向单位', dataIndex: 'agencyName', render: (name: string | null) => name ?? '未指明' },
          { title: '提出日期', dataIndex: 'receivedOn' },
          {
            title: '状态',
            key: 'state',
            render: (_, wish) => (wish.state === 'answered' ? <Tag color="success">{`${wishOutcomes[wish.outcome!]} ${wish.answeredOn}`}</Tag> : <Tag color="warning">{wishStates[wish.state]}</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, wish) => (wish.state === 'open' ? <Button size="small" onClick={() => setAnswering(wish)} aria-label={`答复 ${wish.trackingCode}`}>答复</Button> : null),
          },
        ]}
      />
      {answering && (
        <ActionModal
          title={`答复数据需求 ${answering.trackingCode}`}
          open
          onClose={() => setAnswering(null)}
          initialValues={{ publishedTitle: answering.title }}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue-wishes/${answering.id}/answer`, filledIn(values))}
          refresh={[['catalogue-wishes']]}
        >
          <DeclaredFields form={wishAnswerForm} />
        </ActionModal>
      )}
    </>
  );
}
