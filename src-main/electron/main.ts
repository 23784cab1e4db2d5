/**
 * The desktop app's main process: one instance, one window, the service that answers the
 * renderer, and an orderly shutdown that stops training workers.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { StudioService } from '../services/studio-service';
import { openProjectDialog, saveFileDialog } from './dialogs';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { projectActions, type ProjectActions } from './project-actions';
import { createMainWindow, hardenSession, rendererLocation } from './window';

/** The File menu's project items, with native dialogs parented to the focused window. */
function fileMenuActions(service: StudioService, focusedWindow: () => BrowserWindow | null): ProjectActions {
  return projectActions({
    service,
    chooseProject: () => openProjectDialog(focusedWindow()),
    chooseSaveTarget: (defaultName) =>
      saveFileDialog(focusedWindow(), { title: 'Save project', defaultName, extensions: ['rsproj'] }),
    showError: (title, message) => dialog.showErrorBox(title, message),
  });
}

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
    const focusedWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;
    const projects = fileMenuActions(service, focusedWindow);
    const refreshMenu = async () => {
      Menu.setApplicationMenu(buildMenu({ focusedWindow, projects, recent: await projects.recent() }));
    };
    void refreshMenu();
    // Opening or saving a project under a new name or place changes the recent list the menu shows.
    let shown = '';
    service.subscribe(({ event, payload }) => {
      if (event !== 'project.changed') return;
      const key = `${payload.path ?? ''}\n${payload.name}`;
      if (key === shown) return;
      shown = key;
      void refreshMenu();
    });
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
