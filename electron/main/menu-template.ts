import type { Language } from '../../shared/ipc';
import kkShell from '../../locales/kk/shell.json';
import ruShell from '../../locales/ru/shell.json';

/** A menu described as data, so its labels are testable without Electron. */
export interface MenuItemSpec {
  label?: string;
  role?:
    | 'quit'
    | 'undo'
    | 'redo'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'selectAll'
    | 'reload'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
    | 'minimize'
    | 'close';
  type?: 'separator';
  submenu?: MenuItemSpec[];
}

const SHELL_TEXT: Record<Language, typeof kkShell.menu> = { kk: kkShell.menu, ru: ruShell.menu };

export function menuTemplate(language: Language, isDev: boolean): MenuItemSpec[] {
  const t = SHELL_TEXT[language];
  const view: MenuItemSpec[] = [
    { label: t.reload, role: 'reload' },
    { type: 'separator' },
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullScreen, role: 'togglefullscreen' },
  ];
  if (isDev) view.push({ label: t.devTools, role: 'toggleDevTools' });
  return [
    { label: t.file, submenu: [{ label: t.quit, role: 'quit' }] },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.window,
      submenu: [
        { label: t.minimize, role: 'minimize' },
        { label: t.close, role: 'close' },
      ],
    },
  ];
}
