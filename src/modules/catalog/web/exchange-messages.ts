/**
 * The console strings of catalog import and export, in the catalog namespace: spread into messages.ts. en is typed
 * after zh-CN so no key goes missing.
 */
export const exchangeZhCN = {
  exchange: {
    export: '导出',
    exportXlsx: '导出 Excel（XLSX）',
    exportDcat: '导出 DCAT-AP（JSON-LD）',
    template: '下载导入模板',
    exportHint: '按当前筛选条件导出',
    exported: '已导出',
    import: '导入',
    importTitle: '导入资源目录',
    importHint:
      '上传按模板填写的 Excel 工作簿（.xlsx）或 DCAT-AP 目录（.jsonld / .json）。先试导入：列出将新增、更新的资源和发现的问题，确认后才保存；有任何问题则整个文件都不导入。',
    choose: '选择文件',
    checking: '正在试导入…',
    preview: '试导入结果：尚未保存',
    counts: '将新增 {{created}} 个、更新 {{updated}} 个资源，{{unchanged}} 个无变化',
    cancel: '取消',
    nothing: '文件中的资源与目录完全一致，无需导入',
    confirm: '确认导入',
    done: '已导入：新增 {{created}} 个，更新 {{updated}} 个',
    refused: '文件未导入：发现 {{n}} 个问题，请修改后重新上传',
    notJson: '文件不是有效的 JSON-LD：{{reason}}',
    place: '位置',
    sheetRow: '工作表“{{sheet}}”第 {{row}} 行',
    sheet: '工作表“{{sheet}}”',
    dataset: '第 {{n}} 个数据集',
    field: '字段',
    problem: '问题',
    another: '换一个文件',
  },
};

export const exchangeEn: typeof exchangeZhCN = {
  exchange: {
    export: 'Export',
    exportXlsx: 'Export Excel (XLSX)',
    exportDcat: 'Export DCAT-AP (JSON-LD)',
    template: 'Download import template',
    exportHint: 'Exports what the current filters show',
    exported: 'Exported',
    import: 'Import',
    importTitle: 'Import into the catalog',
    importHint:
      'Upload an Excel workbook filled in from the template (.xlsx) or a DCAT-AP catalog (.jsonld / .json). It is tried first: you see which resources would be created or updated and any problems, and nothing is saved until you confirm; any problem keeps the whole file out.',
    choose: 'Choose a file',
    checking: 'Trying the import…',
    preview: 'Trial import: nothing saved yet',
    counts: '{{created}} resources to create, {{updated}} to update, {{unchanged}} unchanged',
    cancel: 'Cancel',
    nothing: 'The file’s resources are the same as the catalog’s: nothing to import',
    confirm: 'Import',
    done: 'Imported: {{created}} created, {{updated}} updated',
    refused: 'Nothing imported: {{n}} problems found; correct the file and upload it again',
    notJson: 'The file is not valid JSON-LD: {{reason}}',
    place: 'Where',
    sheetRow: 'Sheet “{{sheet}}”, row {{row}}',
    sheet: 'Sheet “{{sheet}}”',
    dataset: 'Dataset {{n}}',
    field: 'Field',
    problem: 'Problem',
    another: 'Choose another file',
  },
};
