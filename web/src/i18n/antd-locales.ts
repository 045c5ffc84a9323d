import type { ConfigProviderProps } from 'antd';
import enUS from 'antd/es/locale/en_US.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import type { Language } from '../../kit/languages.ts';

type Locale = NonNullable<ConfigProviderProps['locale']>;

// antd ships these files as ES modules in a package TypeScript takes for CommonJS, so under NodeNext the default
// import is typed as the module object while the bundler hands over the locale itself; accept either.
const unwrap = (module: unknown) => ((module as { default?: Locale }).default ?? module) as Locale;

/** antd's own texts (pagination, pickers, empty tables) in each console language. */
export const antdLocales: Record<Language, Locale> = { 'zh-CN': unwrap(zhCN), en: unwrap(enUS) };
