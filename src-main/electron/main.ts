/**
 * The desktop app's main process: one instance, one window, the service that answers the
 * renderer, and an orderly shutdown that stops training workers.
 */
import { app, BrowserWindow, Menu, session } from 'electron';
import { StudioService } from '../services/studio-service';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { createMainWindow, hardenSession, rendererLocation } from './window';

function focusWindow(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance is running; it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  let service: StudioService | null = null;
  const where = rendererLocation();

  app.on('second-instance', () => focusWindow(BrowserWindow.getAllWindows()[0]));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    service = new StudioService({ dataDir: app.getPath('userData'), host: 'electron', version: app.getVersion() });
    hardenSession(session.defaultSession, where);
    registerIpc(service, where);
    Menu.setApplicationMenu(
      buildMenu(() => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null),
    );
    createMainWindow(where);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(where);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !service) return;
    // Give running trainings the chance to stop and their run files to be written.
    event.preventDefault();
    disposed = true;
    void service.dispose().finally(() => app.quit());
  });
}
