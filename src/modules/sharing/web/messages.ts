/** The sharing console's strings: applications, approvals, grants and credentials. */
export const zhCN = {
  menu: { sharing: '共享交换' },
};

export const en: typeof zhCN = {
  menu: { sharing: 'Data sharing' },
};
