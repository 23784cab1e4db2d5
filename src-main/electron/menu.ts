/** The application menu: File (open data, quit), View (zoom, full screen, dev tools) and Help. */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/**
 * Builds the menu. "Open data…" presses the page's Import button, so importing has one path
 * (the renderer's) whether it starts from the menu or the page.
 */
export function buildMenu(focusedWindow: () => BrowserWindow | null): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Open data…',
          accelerator: 'CmdOrCtrl+O',
          click: () => {
            const win = focusedWindow();
            void win?.webContents.executeJavaScript(
              'document.querySelector(\'[data-testid="import-button"]\')?.click()',
              true,
            );
          },
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
