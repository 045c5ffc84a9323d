import { useQuery } from '@tanstack/react-query';
import { Flex, Select, type SelectProps, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceQuery, useResourcePage } from '../../catalog/web/index.ts';

type Option = { value: string; label: string; provider: string };

/**
 * Picks a catalog resource by searching its name, code or pinyin initials on the server (the catalog can be
 * large); the value is the resource's code. `departmentId` limits the choice to one department's resources.
 */
export function ResourceSelect({
  value,
  onChange,
  departmentId,
  placeholder,
  allowClear,
  style,
  id,
  status,
  ...rest
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  departmentId?: number;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  status?: SelectProps['status'];
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation('ingest');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // One request per pause in typing, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const page = useResourcePage({
    q: q || undefined,
    departmentId: departmentId === undefined ? undefined : String(departmentId),
    page: 1,
    pageSize: 20,
    sort: 'code',
  });
  // The chosen resource may not be among the results (chosen by link, or the search moved on).
  const chosen = useQuery({ ...resourceQuery(value ?? ''), enabled: !!value });

  const options: Option[] = (page.data?.items ?? []).map((r) => ({
    value: r.code,
    label: r.name,
    provider: r.providerDepartmentName,
  }));
  if (chosen.data && !options.some((o) => o.value === chosen.data.code)) {
    options.unshift({
      value: chosen.data.code,
      label: chosen.data.name,
      provider: chosen.data.providerDepartmentName,
    });
  }

  return (
    <Select<string, Option>
      {...rest}
      id={id}
      status={status}
      value={chosen.data?.code ?? value}
      onChange={(code) => onChange?.(code ?? undefined)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('resourceSelect.placeholder')}
      style={style}
      loading={page.isFetching}
      options={options}
      showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
      notFoundContent={
        page.isPending ? undefined : (
          <Typography.Text type="secondary">{t('resourceSelect.none')}</Typography.Text>
        )
      }
      labelRender={({ label, value: code }) => (label ? `${label} · ${code}` : code)}
      optionRender={(option) => (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <span>{option.data.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.value} · {option.data.provider}
          </Typography.Text>
        </Flex>
      )}
      popupMatchSelectWidth={false}
    />
  );
}
