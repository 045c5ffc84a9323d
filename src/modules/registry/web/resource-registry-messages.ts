/**
 * The console strings of what the registry adds to a catalog resource's page (a base registry's data and a link
 * to it), in the registry namespace: spread into messages.ts. en is typed after zh-CN so no key goes missing.
 */
export const resourceRegistryZhCN = {
  resourceTab: {
    label: '基础库数据',
    summary: '本资源即{{registry}}：各来源部门的数据按实体融合入库，共 {{n}} 个实体。',
    masked: '个人信息已脱敏',
    open: '在基础库中检索',
    quality: '数据质量',
    empty: '{{registry}}中还没有实体',
  },
};

export const resourceRegistryEn: typeof resourceRegistryZhCN = {
  resourceTab: {
    label: 'Registry data',
    summary:
      'This resource is a base registry ({{registry}}): the source departments’ data merged by entity, {{n}} entities.',
    masked: 'Personal data masked',
    open: 'Search the registry',
    quality: 'Data quality',
    empty: 'The registry ({{registry}}) has no entities yet',
  },
};
