import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The frame of a module page: a titled card, with page-level actions on the right. */
export function Page({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} styles={{ body: { paddingTop: 16 } }}>
      {children}
    </Card>
  );
}
