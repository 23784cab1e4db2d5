/**
 * The application menu: File (project, data and model items, recent projects, quit), Edit,
 * View (zoom, full screen, dev tools) and Help.
 */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { RecentProject } from '../shared/types-project';
import type { ProjectActions } from './project-actions';

export interface MenuOptions {
  focusedWindow: () => BrowserWindow | null;
  projects: ProjectActions;
  recent: RecentProject[];
}

/**
 * Presses a button of the page by its test id, going to `view` first when the button is not
 * shown. "Open data…" presses the page's Import button and "Export model…" opens the Results
 * view's Export tab, so each has one path (the renderer's) from the menu or the page.
 * The script is a constant apart from ids we write here; nothing from the page or a file
 * reaches it.
 */
function pressButton(win: BrowserWindow | null, ids: string[], view: string): void {
  const script = `(async () => {
    const find = () => ${JSON.stringify(ids)}.map((id) => document.querySelector('[data-testid="' + id + '"]')).find(Boolean);
    if (!find()) {
      document.querySelector('[data-testid="nav-${view}"]')?.click();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    find()?.click();
  })()`;
  void win?.webContents.executeJavaScript(script, true);
}

/** Builds the menu; rebuild it when the recent projects change. */
export function buildMenu(options: MenuOptions): Menu {
  const { focusedWindow, projects } = options;
  const isMac = process.platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = options.recent.length
    ? options.recent.map((r) => ({
        label: r.name,
        sublabel: r.path,
        enabled: r.exists,
        click: () => void projects.openProject(r.path),
      }))
    : [{ label: 'No recent projects', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New project', accelerator: 'CmdOrCtrl+N', click: () => void projects.newProject() },
        { label: 'Open project…', accelerator: 'CmdOrCtrl+Shift+O', click: () => void projects.openProject() },
        { label: 'Open recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => void projects.save() },
        { label: 'Save as…', accelerator: 'CmdOrCtrl+Shift+S', click: () => void projects.saveAs() },
        { type: 'separator' },
        {
          label: 'Open data…',
          accelerator: 'CmdOrCtrl+O',
          click: () => pressButton(focusedWindow(), ['import-button'], 'data'),
        },
        {
          // The Data view's folder button runs the folder dialog and the import, as "Open data…" does for files.
          label: 'Open labeled text folder…',
          click: () => pressButton(focusedWindow(), ['import-folder-button'], 'data'),
        },
        {
          label: 'Export model…',
          accelerator: 'CmdOrCtrl+E',
          click: () => pressButton(focusedWindow(), ['results-tab-export'], 'results'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [{ label: 'About Recurrent Studio', click: () => app.showAboutPanel() }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
