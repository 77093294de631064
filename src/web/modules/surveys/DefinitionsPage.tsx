import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyDefinition } from '../../../common/surveys/definition';
import { api, apiJson, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { downloadFile } from '../../ui/download';
import { Page } from '../../ui/Page';
import type { SurveyItem } from './api';
import { SurveyBuilder } from './SurveyBuilder';

const KEY = ['surveys', 'definitions'];

/** 问卷设计: the county's surveys (the four seeded templates first), the builder, JSON export and import. */
export function DefinitionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: SurveyItem[] }>('/surveys/definitions') });
  const [editing, setEditing] = useState<{ id: number | null; def: SurveyDefinition | null } | null>(null);

  const save = useMutation({
    mutationFn: async ({ id, def }: { id: number | null; def: SurveyDefinition }) =>
      id
        ? apiJson('PUT', `/surveys/definitions/${id}`, { body: { definition: def } })
        : api.post('/surveys/definitions', { definition: def }),
    onSuccess: () => {
      message.success(t('surveys.hints.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const open = async (id: number, copy: boolean) => {
    const r = await api.get<{ definition: SurveyDefinition }>(`/surveys/definitions/${id}`);
    setEditing({
      id: copy ? null : id,
      def: copy ? { ...r.definition, title: `${r.definition.title}（副本）` } : r.definition,
    });
  };

  const importFile = async (file: File) => {
    try {
      const def = JSON.parse(await file.text());
      await api.post('/surveys/definitions', { definition: def });
      message.success(t('surveys.hints.imported'));
      void qc.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      message.error(errorMessage(e));
    }
    return false;
  };

  return (
    <Page
      title={t('surveys.pages.definitions')}
      extra={
        can.anySchool && (
          <Space>
            <Upload accept=".json,application/json" showUploadList={false} beforeUpload={importFile}>
              <Button>{t('surveys.actions.importJson')}</Button>
            </Upload>
            <Button type="primary" onClick={() => setEditing({ id: null, def: null })}>
              {t('surveys.actions.newSurvey')}
            </Button>
          </Space>
        )
      }
    >
      <Table<SurveyItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('surveys.fields.title'),
            dataIndex: 'title',
            render: (v, r) => (
              <Space>
                {v}
                {r.templateKey && <Tag color="blue">模板</Tag>}
              </Space>
            ),
          },
          {
            title: t('surveys.fields.audience'),
            dataIndex: 'audience',
            render: (v) => t(`surveys.audience.${v as 'parents'}`),
          },
          { title: t('surveys.fields.questions'), dataIndex: 'questionCount' },
          {
            title: t('surveys.fields.updatedAt'),
            dataIndex: 'updatedAt',
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space wrap>
                {can.anySchool && (
                  <Button size="small" onClick={() => open(r.id, false)}>
                    {t('surveys.actions.edit')}
                  </Button>
                )}
                {can.anySchool && (
                  <Button size="small" onClick={() => open(r.id, true)}>
                    {t('surveys.actions.fromTemplate')}
                  </Button>
                )}
                <Button
                  size="small"
                  onClick={() => downloadFile(`/surveys/definitions/${r.id}/export`, {}, `${r.title}.survey.json`)}
                >
                  {t('surveys.actions.exportJson')}
                </Button>
                {can.anySchool && (
                  <Popconfirm
                    title={t('surveys.hints.archiveConfirm')}
                    onConfirm={async () => {
                      await api.delete(`/surveys/definitions/${r.id}`);
                      void qc.invalidateQueries({ queryKey: KEY });
                    }}
                  >
                    <Button size="small" danger>
                      {t('surveys.actions.archive')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <SurveyBuilder
        open={editing !== null}
        initial={editing?.def ?? null}
        onClose={() => setEditing(null)}
        onSave={async (def) => {
          await save.mutateAsync({ id: editing?.id ?? null, def });
        }}
      />
    </Page>
  );
}
