import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Receipt } from '../index.ts';
import { applicantTypes, channels, deliveryForms, deliveryWays } from '../disclosure.types.ts';
import { creditCodeProblem, defaultIdType, idNumberProblem, idTypes, normaliseIdNumber, type IdType } from '../disclosure.identity.rules.ts';
import { postJson } from '../../../web/web.api.ts';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { DateInput, dateItemProps, filledIn, optionsOf } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';

const { online: _online, ...offlineChannels } = channels;

/** A request that arrived by letter, fax, e-mail or in person, entered by the agency that received it (《条例》第三十一条). */
export function RegisterPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const register = useMutation({
    mutationFn: (values: Record<string, unknown> & { applicant: Record<string, unknown> }) =>
      postJson<Receipt>('/api/staff/requests', { ...filledIn(values), applicant: filledIn(values.applicant), agencyId: session.user.agencyId }),
    onSuccess: (receipt) => navigate(`/requests/${receipt.id}`),
  });
  const channel = Form.useWatch('channel', form);
  const applicantType = Form.useWatch(['applicant', 'type'], form);
  const required = (message: string) => [{ required: true, message }];
  return (
    <>
      <PageHeading>登记申请</PageHeading>
      {register.error && <Alert type="error" role="alert" showIcon title="登记未成功" description={register.error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ submittedOn: todayInChina(), applicant: { type: 'natural_person' } }} onFinish={(values) => register.mutate(values)} style={{ maxWidth: 720 }}>
        <Card title="收到方式(《条例》第三十一条)" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="申请渠道" name="channel" rules={required('请选择申请渠道')}>
            <Select options={optionsOf(offlineChannels)} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item label="提交(寄出)日期" name="submittedOn" rules={required('请选择提交日期')} {...dateItemProps}>
              <DateInput />
            </Form.Item>
            {channel === 'mail_signed' && (
              <Form.Item label="签收日期" name="signedOn" rules={required('需签收的邮寄,请填写签收日期')} {...dateItemProps}>
                <DateInput />
              </Form.Item>
            )}
            {(channel === 'mail_ordinary' || channel === 'fax' || channel === 'email') && (
              <Form.Item label="与申请人确认的日期" name="confirmedOn" rules={required('请填写与申请人确认的日期')} {...dateItemProps}>
                <DateInput />
              </Form.Item>
            )}
          </Space>
        </Card>
        <Card title="申请人" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="申请人类型" name={['applicant', 'type']} rules={required('请选择申请人类型')}>
            <Select options={optionsOf(applicantTypes)} />
          </Form.Item>
          <Form.Item label={applicantType === 'natural_person' ? '姓名' : '名称'} name={['applicant', 'name']} rules={required('请填写申请人姓名或名称')}>
            <Input maxLength={100} />
          </Form.Item>
          {applicantType === 'natural_person' ? (
            <Space size="large" wrap>
              <Form.Item label="证件类型" name={['applicant', 'idType']} initialValue={defaultIdType}>
                <Select options={optionsOf(idTypes)} style={{ minWidth: 220 }} />
              </Form.Item>
              <Form.Item
                label="证件号码"
                name={['applicant', 'idNumber']}
                dependencies={[['applicant', 'idType']]}
                rules={[
                  ...required('自然人须填写身份证件号码'),
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: unknown) => {
                      if (typeof value !== 'string' || value.trim() === '') return;
                      const type = (getFieldValue(['applicant', 'idType']) as IdType | undefined) ?? defaultIdType;
                      const problem = idNumberProblem(type, normaliseIdNumber(value));
                      if (problem) throw new Error(`${problem}(${idTypes[type]})`);
                    },
                  }),
                ]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </Space>
          ) : (
            <Space size="large" wrap>
              <Form.Item
                label="统一社会信用代码"
                name={['applicant', 'organisationCode']}
                rules={[
                  ...required('法人或其他组织须填写统一社会信用代码'),
                  {
                    validator: async (_rule, value: unknown) => {
                      const problem = typeof value === 'string' && value.trim() !== '' ? creditCodeProblem(normaliseIdNumber(value)) : null;
                      if (problem) throw new Error(problem);
                    },
                  },
                ]}
              >
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item label="法定代表人" name={['applicant', 'legalRepresentative']}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item label="联系人" name={['applicant', 'contactPerson']}>
                <Input maxLength={50} />
              </Form.Item>
            </Space>
          )}
          <Space size="large" wrap>
            <Form.Item label="联系电话" name={['applicant', 'phone']}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item label="电子邮箱" name={['applicant', 'email']}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="notifyByEmail" valuePropName="checked" label="邮件通知">
              <Checkbox>申请人要求办理有进展时发邮件通知</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item label="通信地址" name={['applicant', 'address']}>
            <Input maxLength={200} />
          </Form.Item>
        </Card>
        <Card title="所需信息" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="所需政府信息的名称、文号或便于查询的其他特征性描述" name="description" rules={required('请填写所需信息')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item label="信息的提供形式" name="deliveryForm" rules={required('请选择提供形式')}>
              <Select options={optionsOf(deliveryForms)} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="获取信息的方式" name="deliveryWay" rules={required('请选择获取方式')}>
              <Select options={optionsOf(deliveryWays)} style={{ width: 200 }} />
            </Form.Item>
          </Space>
        </Card>
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          登记
        </Button>
      </Form>
    </>
  );
}
