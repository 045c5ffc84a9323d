/** The registry module's console strings in Chinese; en below is typed after it so no key goes missing. */
export const zhCN = {
  menu: '基础库',
  title: '基础库',
  registries: {
    population: '人口库',
    legal_person: '法人库',
    license: '电子证照库',
    component: '城市部件库',
  },
};

export const en: typeof zhCN = {
  menu: 'Base registries',
  title: 'Base registries',
  registries: {
    population: 'Population',
    legal_person: 'Legal persons',
    license: 'E-licenses',
    component: 'City components',
  },
};
