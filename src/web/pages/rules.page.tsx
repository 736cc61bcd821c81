import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Table, Typography } from 'antd';
import { useState } from 'react';
import type { DeadlineRule } from '../../core/clock/index.ts';
import { getJson, putJson } from '../web.api.ts';
import { ActionModal } from '../web.forms.tsx';
import { PageHeading } from '../web.layout.tsx';

const unit = (rule: DeadlineRule) => (rule.unit === 'working_days' ? '个工作日' : '日');

/** The deadline rules every clock counts by, for system administrators: a changed rule applies to clocks started after it. */
export function RulesPage() {
  const { message } = App.useApp();
  const rules = useQuery({ queryKey: ['rules'], queryFn: () => getJson<{ items: DeadlineRule[] }>('/api/staff/rules') });
  const [editing, setEditing] = useState<DeadlineRule | null>(null);
  return (
    <>
      <PageHeading>法定期限</PageHeading>
      <Typography.Paragraph>各项计时所依据的期限及其来源。规定变化时在此修改;修改只适用于此后开始计时的事项,已开始的仍按原期限。</Typography.Paragraph>
      {rules.error && <Alert type="error" role="alert" title={rules.error.message} />}
      <Card loading={rules.isPending}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={rules.data?.items ?? []}
          columns={[
            { title: '期限', key: 'label', render: (_, rule: DeadlineRule) => (<>{rule.label}<br /><Typography.Text code>{rule.code}</Typography.Text></>) },
            { title: '天数', key: 'limit', render: (_, rule: DeadlineRule) => `${rule.limit} ${unit(rule)}` },
            { title: '依据', dataIndex: 'source' },
            {
              title: '操作',
              key: 'edit',
              render: (_, rule: DeadlineRule) => (
                <Button size="small" onClick={() => setEditing(rule)} aria-label={`修改「${rule.label}」`}>
                  修改
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <ActionModal<{ limit: number; source: string }>
          title={`修改期限:${editing.label}`}
          open
          onClose={() => setEditing(null)}
          okText="保存"
          initialValues={{ limit: editing.limit, source: editing.source }}
          submit={(values) => putJson<DeadlineRule>(`/api/staff/rules/${encodeURIComponent(editing.code)}`, values)}
          refresh={[['rules']]}
          onDone={(rule) => message.success(`「${(rule as DeadlineRule).label}」已改为 ${(rule as DeadlineRule).limit} 天`)}
        >
          <Form.Item label={`天数(${unit(editing)})`} name="limit" rules={[{ required: true, message: '请填写天数' }]}>
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
          <Form.Item label="依据(修改的理由和出处)" name="source" rules={[{ required: true, whitespace: true, message: '请写明新期限的依据' }]}>
            <Input.TextArea rows={3} maxLength={300} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}
