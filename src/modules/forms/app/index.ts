import { CheckShieldOutline, EditSOutline, FileOutline } from 'antd-mobile-icons';
import { createElement, lazy } from 'react';
import type { MobileModule } from '../../../../web/m/mobile-module.ts';
import { formsAppMessages } from './messages.ts';

const FormsListPage = lazy(() => import('./forms-list-page.tsx').then((m) => ({ default: m.FormsListPage })));
const FormFillPage = lazy(() => import('./form-fill-page.tsx').then((m) => ({ default: m.FormFillPage })));
const SubmissionsPage = lazy(() =>
  import('./submissions-page.tsx').then((m) => ({ default: m.SubmissionsPage })),
);
const SubmissionPage = lazy(() =>
  import('./submission-page.tsx').then((m) => ({ default: m.SubmissionPage })),
);
const RememberedPage = lazy(() =>
  import('./remembered-page.tsx').then((m) => ({ default: m.RememberedPage })),
);

/** "Report once" in the app: the forms a resident or company can fill, prefilled, and what they have submitted. */
export const formsApp: MobileModule = {
  name: 'forms',
  routes: [
    { path: '/forms', page: FormsListPage, title: 'list.title', tab: 'home' },
    // Before `/forms/:code`: a form is never coded `submissions` or `remembered` (static segments win anyway).
    { path: '/forms/submissions', page: SubmissionsPage, title: 'submissions.title', tab: 'me' },
    { path: '/forms/submissions/:id', page: SubmissionPage, title: 'submission.title' },
    { path: '/forms/remembered', page: RememberedPage, title: 'remembered.title', tab: 'me' },
    { path: '/forms/:code', page: FormFillPage, title: 'fill.title' },
  ],
  homeTiles: [{ key: 'forms', label: 'tile', path: '/forms', icon: createElement(EditSOutline), order: 30 }],
  meEntries: [
    {
      key: 'forms-submissions',
      label: 'me.submissions',
      path: '/forms/submissions',
      icon: createElement(FileOutline),
      order: 40,
    },
    {
      key: 'forms-remembered',
      label: 'me.remembered',
      path: '/forms/remembered',
      icon: createElement(CheckShieldOutline),
      order: 45,
    },
  ],
  messages: formsAppMessages,
};
