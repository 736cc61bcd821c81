import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';

export interface StatCard {
  title: string;
  value: number | undefined;
  /** Where the figure's cases are listed, when there is such a screen. */
  link?: string;
}

/** A row of counted figures (the dashboard's), each in a small card; `span` is each card's width from medium screens up. */
export function StatCards({ cards, loading, span }: { cards: StatCard[]; loading: boolean; span: { md: number; lg?: number } }) {
  return (
    <Row gutter={[16, 16]}>
      {cards.map(({ title, value, link }) => (
        <Col key={title} xs={12} md={span.md} lg={span.lg ?? span.md}>
          <Card size="small" loading={loading}>
            <Statistic title={link ? <Link to={link}>{title}</Link> : title} value={value ?? 0} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
