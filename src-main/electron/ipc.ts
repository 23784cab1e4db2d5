/**
 * Wires the contract's request channels to the service with ipcMain.handle, and forwards the
 * service's events to our windows. Only our own pages may call: a request from any other
 * frame (an injected iframe, a page that navigated away) is refused.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { REQUEST_NAMES, type Envelope } from '../shared/contract';
import type { StudioService } from '../services/studio-service';
import type { Settings } from '../shared/types-project';
import { failure, success } from '../services/envelope';
import { ServiceError } from '../shared/service-error';
import { validateRequest } from '../services/validate-request';
import {
  chooseFolderDialog,
  openDataFileDialog,
  openDataFolderDialog,
  openProjectDialog,
  openKerasModelDialog,
  saveFileDialog,
} from './dialogs';
import { isOwnPage, type RendererLocation } from './url-policy';
import { isDialogChannel } from '../shared/dialog-channels';

/** Registers every request channel; returns a function that removes them again. */
export function registerIpc(service: StudioService, where: RendererLocation): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, args: unknown): Promise<Envelope<unknown>> => {
      if (!isOwnPage(event.senderFrame?.url, where)) {
        return failure(new ServiceError('invalid-request', 'Requests are accepted from Recurrent Studio pages only.'));
      }
      if (isDialogChannel(name)) return answerDialog(service, event, name, args);
      return service.handle(name, args);
    });
  }
  const unsubscribe = service.subscribe(({ event, payload }) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isOwnPage(win.webContents.getURL(), where)) win.webContents.send(event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(name);
  };
}

async function answerDialog(
  service: StudioService,
  event: IpcMainInvokeEvent,
  name: string,
  args: unknown,
): Promise<Envelope<unknown>> {
  try {
    const request = validateRequest(name, args);
    const parent = BrowserWindow.fromWebContents(event.sender);
    // The user's default folders (Settings) are where the dialogs start.
    const settings = await service.handle('settings.get', undefined);
    const folders = settings.ok ? (settings.value as Settings) : null;
    const dataFolder = folders?.defaultDataFolder ?? undefined;
    const exportFolder = folders?.defaultExportFolder ?? undefined;
    switch (request.name) {
      case 'dialog.openDataFile':
        return success(await openDataFileDialog(parent, dataFolder));
      case 'dialog.openDataFolder':
        return success(await openDataFolderDialog(parent, dataFolder));
      case 'dialog.openProject':
        return success(await openProjectDialog(parent));
      case 'dialog.openKerasModel':
        return success(await openKerasModelDialog(parent, exportFolder));
      case 'dialog.chooseFolder':
        return success(await chooseFolderDialog(parent, (request.args as { title?: string }).title, exportFolder));
      case 'dialog.saveFile':
        return success(
          await saveFileDialog(
            parent,
            request.args as { title?: string; defaultName: string; extensions: string[] },
            exportFolder,
          ),
        );
      default:
        throw new ServiceError('invalid-request', `"${request.name}" is not a dialog.`);
    }
  } catch (err) {
    return failure(err);
  }
}
