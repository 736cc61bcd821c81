import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { getJson, postJson, putJson } from '../../../web/web.api.ts';
import { ActionModal } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import type { Agency } from '../index.ts';

interface AgencyNode {
  key: number;
  title: React.ReactNode;
  children: AgencyNode[];
}

function treeOf(agencies: Agency[], onEdit: (agency: Agency) => void): AgencyNode[] {
  const children = new Map<number | null, Agency[]>();
  for (const agency of agencies) children.set(agency.parentId, [...(children.get(agency.parentId) ?? []), agency]);
  const branch = (parent: number | null): AgencyNode[] =>
    (children.get(parent) ?? []).map((agency) => ({
      key: agency.id,
      title: (
        <Space size={4} wrap>
          <span>{agency.name}</span>
          {agency.shortName && <Typography.Text type="secondary">简称 {agency.shortName}</Typography.Text>}
          {agency.code && <Typography.Text type="secondary">代码 {agency.code}</Typography.Text>}
          {agency.aliases.length > 0 && <Typography.Text type="secondary">又称 {agency.aliases.join('、')}</Typography.Text>}
          <Button size="small" type="link" onClick={() => onEdit(agency)} aria-label={`修改 ${agency.name}`}>
            修改
          </Button>
        </Space>
      ),
      children: branch(agency.id),
    }));
  return branch(null);
}

type AgencyEdit = { code?: string; shortName?: string; parentId?: number | null; aliases?: string[] };

/** The agency register: a tree from the issuers of ingested documents, kept by system administrators. */
export function AgenciesPage() {
  const { message } = App.useApp();
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: Agency[] }>('/api/agencies') });
  const [editing, setEditing] = useState<Agency | null>(null);
  const [adding, setAdding] = useState(false);
  const items = agencies.data?.items ?? [];
  const tree = useMemo(() => treeOf(items, setEditing), [items]);
  const parentOptions = items.filter((agency) => agency.id !== editing?.id).map((agency) => ({ value: agency.id, label: agency.name }));
  return (
    <>
      <PageHeading extra={<Button type="primary" onClick={() => setAdding(true)}>添加机关</Button>}>机关名录</PageHeading>
      <Typography.Paragraph>名录由入库文件的发文机关自动生成。代码用于索引号(机关代码/年份-序号);别名使「市政府办公厅」与「上海市人民政府办公厅」视为同一机关。</Typography.Paragraph>
      {agencies.error && <Alert type="error" role="alert" title={agencies.error.message} />}
      <Card loading={agencies.isPending}>{tree.length > 0 && <Tree treeData={tree} defaultExpandAll selectable={false} blockNode />}</Card>
      {editing && (
        <ActionModal<AgencyEdit>
          title={`修改:${editing.name}`}
          open
          onClose={() => setEditing(null)}
          okText="保存"
          initialValues={{ code: editing.code ?? '', shortName: editing.shortName ?? '', parentId: editing.parentId, aliases: editing.aliases }}
          submit={(values) => putJson(`/api/staff/agencies/${editing.id}`, { code: values.code || null, shortName: values.shortName || null, parentId: values.parentId ?? null, aliases: values.aliases ?? [] })}
          refresh={[['agencies']]}
          onDone={() => message.success('已保存')}
        >
          <Form.Item label="机关代码(用于索引号)" name="code">
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label="简称" name="shortName">
            <Input maxLength={20} placeholder="如 区府办、市编办" />
          </Form.Item>
          <Form.Item label="上级机关" name="parentId">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parentOptions} placeholder="(无)" />
          </Form.Item>
          <Form.Item label="别名" name="aliases" extra="输入后按回车添加。">
            <Select mode="tags" open={false} />
          </Form.Item>
        </ActionModal>
      )}
      <ActionModal<{ name: string; parentId?: number }>
        title="添加机关"
        open={adding}
        onClose={() => setAdding(false)}
        okText="添加"
        submit={(values) => postJson<Agency>('/api/staff/agencies', { name: values.name, parentId: values.parentId ?? null })}
        refresh={[['agencies']]}
        onDone={(agency) => message.success(`已添加「${(agency as Agency).name}」`)}
      >
        <Form.Item label="机关全称" name="name" rules={[{ required: true, message: '请填写机关全称' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="上级机关" name="parentId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={items.map((agency) => ({ value: agency.id, label: agency.name }))} placeholder="(无)" />
        </Form.Item>
      </ActionModal>
    </>
  );
}
